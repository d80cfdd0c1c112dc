"""What every data screen shares: it follows the app's time point and data
version, fetches in a thread worker, and drops answers that arrived too late."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from rich.text import Text
from textual import events, on
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from tracker.safe_text import one_line
from tracker.time_point import TimePoint
from tui.widgets.time_bar import TimeBar

if TYPE_CHECKING:
    from tui.app import TrackerApp

Data = TypeVar("Data")
PAINT_WAIT = 2.0  # seconds a next part waits for the one before to be painted, at most


@dataclass(frozen=True)
class LoadRequest:
    """One load a screen asked for: the time point, and the screen's count of loads
    asked so far (a newer load makes an older one's answer late)."""

    point: TimePoint
    generation: int
    shown: threading.Event = field(default_factory=threading.Event, compare=False)  # a part is painted


class Loaded(Message, Generic[Data], bubble=False):
    """A worker's answer to ``request``; ``final`` is False when another part follows."""

    def __init__(self, request: LoadRequest, data: Data, final: bool) -> None:
        super().__init__()
        self.request, self.data, self.final = request, data, final


class LoadFailed(Message, bubble=False):
    """The store could not answer ``request`` (the screen keeps what it shows)."""

    def __init__(self, request: LoadRequest, error: str) -> None:
        super().__init__()
        self.request, self.error = request, error


class DataScreen(Screen[None], Generic[Data]):
    """Subclasses give ``fetch`` (runs in a thread) and ``apply`` (runs on the UI)."""

    council_code: str | None = None  # the council whose event dates the keys step through
    generation = 0
    dirty = True  # what is shown is not (yet) the answer for the app's time point and data

    @property
    def tracker_app(self) -> TrackerApp:
        """The app, typed: screens only run inside it (its module imports this one)."""
        return cast("TrackerApp", self.app)

    def on_mount(self) -> None:
        self.watch(self.app, "point", self._time_moved, init=False)
        self.watch(self.app, "data_version", self._time_moved, init=False)
        self.reload()

    def _time_moved(self, _value: object = None) -> None:
        if self.is_current:
            self.reload()
        else:  # reloads when it comes back on top
            self.dirty = True
            self.show_time()

    def on_screen_resume(self) -> None:
        self.show_time()
        if self.dirty and self.load_wanted != self._wanted():  # not one already on its way
            self.reload()

    load_wanted: tuple[object, ...] | None = None  # the load in flight: (generation, point, data)

    def _wanted(self) -> tuple[object, ...]:
        return (self.generation, self.tracker_app.point, self.tracker_app.data_version)

    def show_time(self) -> None:
        app = self.tracker_app
        self.query_one(TimeBar).show_point(
            app.point, app.today.isoformat(), app.replay_label(), busy=self.generation > 0 and self.dirty
        )

    def reload(self) -> None:
        """Fetch for the current time point; an older fetch still running is abandoned."""
        self.generation += 1
        self.dirty = True
        self.show_time()  # the new time point, marked busy until its answer is shown
        request = LoadRequest(self.tracker_app.point, self.generation)
        self.load_wanted = self._wanted()  # a push mounts and resumes a screen: load once
        self.run_worker(
            lambda: self._load(request),
            thread=True,
            exclusive=True,
            group="load",
            name=f"load-{type(self).__name__}",
        )

    def _load(self, request: LoadRequest) -> None:
        """Fetch and post the answer; a screen whose answer comes in parts posts each in turn."""
        worker = get_current_worker()
        try:
            data = self.fetch(request.point)
            parts = 1
            while not worker.is_cancelled:
                more = self.wants_more(data, parts)
                self.post_message(Loaded(request, data, final=not more))
                if not more or request.generation != self.generation:
                    return
                # the next part waits until this one is on screen: its work would
                # otherwise hold the interpreter while this one is laid out and painted
                request.shown.wait(PAINT_WAIT)
                request.shown.clear()
                if worker.is_cancelled or request.generation != self.generation:
                    return
                data = self.fetch_more(request.point, data)
                parts += 1
        except Exception as error:  # storage down: say so, keep the screen as it was
            if not worker.is_cancelled:
                self.post_message(LoadFailed(request, str(error)))

    def answers_now(self, request: LoadRequest) -> bool:
        """Whether an answer to ``request`` is still wanted: the latest load, for the
        time point the app stands at (else the user moved on while it was computed)."""
        return request.generation == self.generation and request.point == self.tracker_app.point

    @on(Loaded)
    def _loaded(self, message: Loaded[Data]) -> None:
        if not self.answers_now(message.request):
            return
        self.apply(message.request.point, message.data)
        if not message.final:
            self.call_after_refresh(message.request.shown.set)
        if message.final:
            self.dirty, self.load_wanted = False, None
            self.show_time()

    @on(LoadFailed)
    def _load_failed(self, message: LoadFailed) -> None:
        self.load_wanted = None
        self.notify(f"could not read: {message.error}", severity="error", markup=False)

    has_more = False

    def wants_more(self, data: Data, parts: int) -> bool:
        """Whether another part follows the ``parts`` fetched so far, the last being ``data``
        (by default: a second part, when the screen ``has_more``)."""
        return self.has_more and parts == 1

    def fetch_more(self, point: TimePoint, data: Data) -> Data:
        """A slower next part of a load (runs in the worker after the one before is shown)."""
        return data

    def fetch(self, point: TimePoint) -> Data:  # pragma: no cover - abstract
        raise NotImplementedError

    def apply(self, point: TimePoint, data: Data) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def key_arriving(self, event: events.Key) -> None:
        """Called by the app with each key before it goes to the focused widget, so a screen
        may move the focus first (the overview's type-to-filter); nothing here."""

    def export_table(self) -> tuple[list[str], list[list[str]]]:
        """The table on screen as plain strings (for CSV export)."""
        return [], []

    def chart_councils(self) -> list[str]:
        """The councils whose caseload chart is on screen (for the chart export); none here."""
        return []

    def chart_file(self) -> Callable[[str, Path], Path] | None:
        """How to write the chart on screen when it is not a caseload chart of councils: a
        call (format, folder) -> the full path written, which the app runs in a thread
        worker (it draws and writes); None here."""
        return None


def show_notice(widget: Static, notice: str) -> None:
    """A warning line shown only while there is something to say (its text literally)."""
    widget.update(Text(one_line(notice), style="bold red"))
    widget.display = bool(notice)
