"""What screens and workers tell the app. Screens ask for another screen or dialog by
posting a message the app handles, so no screen imports the app; workers hand their
results back as messages, carrying the request they answer, so the handler on the
UI thread can tell a late answer from a current one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from textual.message import Message


# ---- from screens: open something ---------------------------------------------
class OpenCouncil(Message):
    """Show one council's screen."""

    def __init__(self, la_code: str) -> None:
        super().__init__()
        self.la_code = la_code


class OpenComparison(Message):
    """Show two to six councils side by side."""

    def __init__(self, la_codes: list[str]) -> None:
        super().__init__()
        self.la_codes = la_codes


class OpenAddForm(Message):
    """The form for a new event, its council filled in when given."""

    def __init__(self, council: str | None) -> None:
        super().__init__()
        self.council = council


class OpenCorrectForm(Message):
    """The form correcting a recorded fact, prefilled with its fields."""

    def __init__(self, event_id: str, kind: str, fields: dict[str, Any]) -> None:
        super().__init__()
        self.event_id, self.kind, self.fields = event_id, kind, fields


class OpenRetract(Message):
    """The dialog withdrawing a recorded fact."""

    def __init__(self, event_id: str, summary: str) -> None:
        super().__init__()
        self.event_id, self.summary = event_id, summary
# ---- from the app's workers ----------------------------------------------------
class SeedsLoaded(Message):
    """The seed worker finished; ``added`` events were new."""

    def __init__(self, added: int) -> None:
        super().__init__()
        self.added = added


class EventsArrived(Message):
    """The live poll found events another process appended (their councils' names)."""

    def __init__(self, names: list[str]) -> None:
        super().__init__()
        self.names = names


@dataclass(frozen=True)
class StepRequest:
    """A key asked for the previous or next event date of a council (None: any)."""

    scope: str | None
    direction: int


class DatesFound(Message):
    """The event dates a step key needs, read in a worker."""

    def __init__(self, request: StepRequest, dates: list[date]) -> None:
        super().__init__()
        self.request, self.dates = request, dates


@dataclass(frozen=True)
class ReplayRequest:
    """One replay run: its number (a newer run makes an older one's answer late)."""

    run: int
    scope: str | None


class ReplayDates(Message):
    """The event dates a replay steps through, read in a worker."""

    def __init__(self, request: ReplayRequest, dates: list[date]) -> None:
        super().__init__()
        self.request, self.dates = request, dates


class ExportFinished(Message):
    """An export wrote ``path`` (a table of ``rows`` rows; None: a chart), or failed with ``error``."""

    def __init__(self, path: Path | None, rows: int | None, error: str | None = None) -> None:
        super().__init__()
        self.path, self.rows, self.error = path, rows, error

