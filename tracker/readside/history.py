"""Per-council histories: a pure fold over logged events, in log order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from tracker.readside.logged import LoggedEvent


@dataclass
class CouncilHistory:
    """Everything recorded for one council, in stream order."""

    la_code: str
    events: list[LoggedEvent] = field(default_factory=list)

    def add(self, event: LoggedEvent) -> None:
        self.events.append(event)

    @property
    def facts(self) -> list[LoggedEvent]:
        return [e for e in self.events if e.is_fact]

    @property
    def last_version(self) -> int:
        return self.events[-1].version if self.events else 0


def fold(histories: dict[str, CouncilHistory], events: Iterable[LoggedEvent]) -> None:
    """Add events (in log order) to the histories they belong to."""
    for event in events:
        history = histories.get(event.la_code)
        if history is None:
            history = histories[event.la_code] = CouncilHistory(event.la_code)
        history.add(event)
