"""Replay mode: step the app's time point forward event date by event date up
to a chosen date, at an adjustable speed; every view follows the time point."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.timer import Timer

from tui.messages import ReplayDates, ReplayRequest
from tui.screens.base import DataScreen
from tui.timetravel import next_date

if TYPE_CHECKING:
    from tui.app import TrackerApp


class Replay:
    def __init__(self, app: TrackerApp) -> None:
        self.app = app
        self.dates: list[date] = []
        self.until: date | None = None
        self.speed = 4.0
        self.paused = False
        self.timer: Timer | None = None
        self.runs = 0  # replays started: an answer for an earlier one is dropped

    @property
    def running(self) -> bool:
        return self.until is not None

    def start(self, scope: str | None, until: date, speed: float) -> None:
        self.until, self.speed, self.paused = until, speed, False
        self.runs += 1
        request = ReplayRequest(self.runs, scope)
        self.app.run_worker(lambda: self._load(request), thread=True, group="replay", exit_on_error=False)
        self._show()

    def _load(self, request: ReplayRequest) -> None:
        """In a worker: the event dates to step through, posted to the app."""
        self.app.post_message(ReplayDates(request, self.app.backend.event_dates(request.scope)))

    def begin(self, request: ReplayRequest, dates: list[date]) -> None:
        """The dates arrived: start stepping, unless this replay was stopped or replaced."""
        if not self.running or request.run != self.runs:
            return
        self.dates = dates
        self._restart_timer()

    def _restart_timer(self) -> None:
        if self.timer is not None:
            self.timer.stop()
        self.timer = self.app.set_interval(1 / self.speed, self.tick, pause=self.paused)

    def tick(self) -> None:
        """One step: the next event date, or the end date when none is left before it."""
        if self.until is None:
            return
        found = next_date(self.dates, self.app.point.as_of, self.until)
        self.app.point = self.app.point.at(found or self.until)
        if found is None or found >= self.until:
            self.stop()
            self.app.notify(f"replay reached {self.app.point.as_of.isoformat()}", title="Replay")

    def stop(self) -> None:
        if self.timer is not None:
            self.timer.stop()
        self.timer, self.until = None, None
        self._show()

    def toggle_pause(self) -> None:
        if not self.running:
            return
        self.paused = not self.paused
        if self.timer is not None:
            (self.timer.pause if self.paused else self.timer.resume)()
        self._show()

    def change_speed(self, factor: float) -> None:
        if not self.running:
            return
        self.speed = min(100.0, max(0.25, self.speed * factor))
        if self.timer is not None:
            self._restart_timer()
        self._show()

    def label(self) -> str:
        if not self.running or self.until is None:
            return ""
        state = "paused" if self.paused else f"{self.speed:g}/s"
        return f"replay to {self.until.isoformat()} · {state} (space, +, -, ctrl+r stops)"

    def _show(self) -> None:
        screen = self.app.screen
        if isinstance(screen, DataScreen):  # a dialog has no time bar
            screen.show_time()
        self.app.refresh_bindings()
