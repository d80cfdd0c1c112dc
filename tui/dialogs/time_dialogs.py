"""Type a date (as of, known on, recorded by) or set up a replay."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from events.errors import InvalidField
from tracker.safe_text import visible
from tui.timetravel import TimePoint, parse_day, parse_moment


class DateDialog(ModalScreen[TimePoint | None]):
    """As of D (required), known on K and recorded by T (blank: same as D / no limit)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="date.cancel")]

    def __init__(self, point: TimePoint, today: date) -> None:
        super().__init__(id="date-dialog")
        self.point = point
        self.today = today

    def compose(self) -> ComposeResult:
        recorded = self.point.recorded_by.isoformat() if self.point.recorded_by else ""
        with Vertical(id="dialog-box"):
            yield Label("Go to a date", id="dialog-title")
            yield Input(self.point.as_of.isoformat(), placeholder="as of: YYYY-MM-DD, YYYY-MM or YYYY",
                        id="d-as-of")
            yield Input(self.point.known_on.isoformat() if self.point.known_on else "",
                        placeholder="known on (blank: same as as-of)", id="d-known-on")
            yield Input(recorded, placeholder="recorded by: date or timestamp (blank: no limit)",
                        id="d-recorded-by")
            yield Static("", id="d-error", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button("Go", variant="primary", id="go")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        box = self.query_one("#d-as-of", Input)
        box.focus()
        box.select_all()

    @on(Input.Submitted)
    @on(Button.Pressed, "#go")
    def _go(self) -> None:
        try:
            as_of = parse_day(self.query_one("#d-as-of", Input).value)
            known_text = self.query_one("#d-known-on", Input).value.strip()
            known = parse_day(known_text) if known_text else None
            recorded_text = self.query_one("#d-recorded-by", Input).value.strip()
            recorded = parse_moment(recorded_text) if recorded_text else None
        except InvalidField as error:
            self.query_one("#d-error", Static).update(Text(visible(str(error)), style="bold red"))
            return
        if as_of > self.today:
            as_of = self.today
        self.dismiss(TimePoint(as_of, known, recorded))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ReplayDialog(ModalScreen[tuple[date, float] | None]):
    """Play forward event by event up to a date, at so many steps a second."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="replay.cancel")]

    def __init__(self, start: date, today: date) -> None:
        super().__init__(id="replay-dialog")
        self.start = start
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog-box"):
            yield Label(f"Replay from {self.start.isoformat()}", id="dialog-title")
            yield Input(self.today.isoformat(), placeholder="play up to (date)", id="r-until")
            yield Input("4", placeholder="steps per second", id="r-speed")
            yield Static("space pauses, + and - change speed, esc stops", classes="field-help")
            yield Static("", id="r-error", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button("Play", variant="primary", id="play")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#r-until", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#play")
    def _play(self) -> None:
        error = self.query_one("#r-error", Static)
        try:
            until = min(parse_day(self.query_one("#r-until", Input).value), self.today)
        except InvalidField as problem:
            error.update(Text(visible(str(problem)), style="bold red"))
            return
        try:
            speed = float(self.query_one("#r-speed", Input).value)
        except ValueError:
            speed = 0.0
        if not 0 < speed <= 100:
            error.update(Text("speed: steps per second, more than 0 and at most 100", style="bold red"))
            return
        if until <= self.start:
            error.update(Text("play up to a date after the current one", style="bold red"))
            return
        self.dismiss((until, speed))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
