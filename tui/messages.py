"""What screens and workers tell the app. Screens ask for another screen or dialog by
posting a message the app handles, so no screen imports the app; workers hand their
results back as messages, carrying the request they answer, so the handler on the
UI thread can tell a late answer from a current one."""

from __future__ import annotations

from typing import Any

from textual.message import Message


# ---- from screens: open something ---------------------------------------------
class OpenCouncil(Message):
    """Show one council's screen."""

    def __init__(self, la_code: str) -> None:
        super().__init__()
        self.la_code = la_code


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
