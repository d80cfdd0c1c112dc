"""A stored event as the read side sees it: plain values, no library objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from events.kinds import CLASS_KINDS

# Event class name -> the word the read side and JSON use (facts' from the kind registry).
TYPE_OF_CLASS = {
    "Opened": "opened",
    **{name: kind.value for name, kind in CLASS_KINDS.items()},
    "Corrected": "correction",
    "Retracted": "retraction",
}
AMENDMENTS = ("correction", "retraction")


@dataclass(frozen=True, slots=True)
class LoggedEvent:
    """One event of one council's stream, decoded."""

    position: int  # in the application's whole log (notification id)
    la_code: str
    version: int  # in the council's stream
    type: str  # 'opened', a fact kind, 'correction' or 'retraction'
    data: dict[str, Any]  # the event's own fields, without the envelope
    recorded_at: datetime

    @property
    def id(self) -> str:
        return event_id(self.la_code, self.version)

    @property
    def is_fact(self) -> bool:
        return self.type not in AMENDMENTS and self.type != "opened"


def event_id(la_code: str, version: int) -> str:
    return f"{la_code}-{version}"
