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
from tracker.time_point import TimePoint
from tui.timetravel import parse_day, parse_moment


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


class ReplayDialog(ModalScreen[tuple[date, date, float] | None]):
    """Play forward event by event from one date up to another, at so many steps a second.
    The start is the date you pick: by default the current one, or five years back when
    the views stand at today (a replay from today would have nothing to play)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="replay.cancel")]

    def __init__(self, current: date, today: date) -> None:
        super().__init__(id="replay-dialog")
        self.today = today
        self.start = current if current < today else date(today.year - 5, 1, 1)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog-box"):
            yield Label("Replay history", id="dialog-title")
            yield Label("from (YYYY-MM-DD, YYYY-MM or YYYY)", classes="field-label")
            yield Input(self.start.isoformat(), placeholder="the date to start from", id="r-from")
            yield Label("up to", classes="field-label")
            yield Input(self.today.isoformat(), placeholder="the date to stop at", id="r-until")
            yield Label("steps per second", classes="field-label")
            yield Input("4", placeholder="more than 0, at most 100", id="r-speed")
            yield Static("each step is the next event date; space pauses, + and - change speed, "
                         "ctrl+r stops", classes="field-help")
            yield Static("", id="r-error", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button("Play", variant="primary", id="play")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        box = self.query_one("#r-from", Input)
        box.focus()
        box.select_all()

    @on(Input.Submitted)
    @on(Button.Pressed, "#play")
    def _play(self) -> None:
        error = self.query_one("#r-error", Static)
        try:
            start = parse_day(self.query_one("#r-from", Input).value)
            until = min(parse_day(self.query_one("#r-until", Input).value), self.today)
        except InvalidField as problem:
            error.update(Text(visible(str(problem)), style="bold red"))
            return
        try:
            speed = float(self.query_one("#r-speed", Input).value)
        except ValueError:
            speed = 0.0
        if not 0 < speed <= 100:
            error.update(Text("steps per second: more than 0 and at most 100", style="bold red"))
            return
        if until <= start:
            error.update(Text("up to: a date after the one to start from", style="bold red"))
            return
        self.dismiss((start, until, speed))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
