"""What every data screen shares: it follows the app's time point and data
version, fetches in a thread worker, and drops answers that arrived too late."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from tracker.safe_text import one_line
from tui.timetravel import TimePoint
from tui.widgets.time_bar import TimeBar

if TYPE_CHECKING:
    from tui.app import TrackerApp


class DataScreen(Screen[None]):
    """Subclasses give ``fetch`` (runs in a thread) and ``apply`` (runs on the UI)."""

    council_code: str | None = None  # the council whose event dates the keys step through
    generation = 0
    dirty = True
    last_apply_ms = 0.0

    @property
    def tracker_app(self) -> TrackerApp:
        """The app, typed: screens only run inside it (its module imports this one)."""
        return cast("TrackerApp", self.app)

    def on_mount(self) -> None:
        self.watch(self.app, "point", self._time_moved, init=False)
        self.watch(self.app, "data_version", self._time_moved, init=False)
        self.reload()

    def _time_moved(self, _value: object = None) -> None:
        self.show_time()
        if self.is_current:
            self.reload()
        else:
            self.dirty = True

    def on_screen_resume(self) -> None:
        self.show_time()
        if self.dirty:
            self.reload()

    def show_time(self) -> None:
        app = self.tracker_app
        self.query_one(TimeBar).show_point(
            app.point, app.today.isoformat(), app.replay_label(), busy=self.generation > 0 and self.dirty
        )

    def reload(self) -> None:
        """Fetch for the current time point; an older fetch still running is abandoned."""
        self.generation += 1
        self.dirty = True
        self.run_worker(
            lambda point=self.tracker_app.point, wanted=self.generation: self._load(point, wanted),
            thread=True,
            exclusive=True,
            group="load",
            name=f"load-{type(self).__name__}",
        )

    def _load(self, point: TimePoint, wanted: int) -> None:
        """Fetch and deliver; a screen with a slower second part delivers that after."""
        worker = get_current_worker()
        try:
            data = self.fetch(point)
            if worker.is_cancelled:
                return
            self.app.call_from_thread(self._deliver, point, wanted, data, not self.has_more)
            if self.has_more and wanted == self.generation:
                more = self.fetch_more(point, data)
                if not worker.is_cancelled:
                    self.app.call_from_thread(self._deliver, point, wanted, more, True)
        except Exception as error:  # storage down: say so, keep the screen as it was
            if not worker.is_cancelled:
                self.app.call_from_thread(self.app.notify, f"could not read: {error}", severity="error")

    def _deliver(self, point: TimePoint, wanted: int, data: Any, final: bool) -> None:
        if wanted != self.generation or point != self.tracker_app.point:
            return  # stale: the user moved on while this was computed
        started = time.perf_counter()
        self.apply(point, data)
        self.last_apply_ms = (time.perf_counter() - started) * 1000
        if final:
            self.dirty = False
            self.show_time()
            self.tracker_app.loaded(self)

    has_more = False

    def fetch_more(self, point: TimePoint, data: Any) -> Any:
        """The slower second part of a load (runs in the worker after the first is shown)."""
        return data

    def fetch(self, point: TimePoint) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def apply(self, point: TimePoint, data: Any) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def export_table(self) -> tuple[list[str], list[list[str]]]:
        """The table on screen as plain strings (for CSV export)."""
        return [], []


def show_notice(widget: Static, notice: str) -> None:
    """A warning line shown only while there is something to say (its text literally)."""
    widget.update(Text(one_line(notice), style="bold red"))
    widget.display = bool(notice)
