"""A fact's fields as they stand, read back from the store by position.

The Council aggregate keeps no fields (events/council.py): a command that needs a
fact whole (a correction, an import's merge) reads the fact's event and its
corrections here, a few rows by position, however long the stream is.
"""

from __future__ import annotations

from typing import Any

from events.council import Council, council_id, natural_key
from events.errors import UnknownEvent
from tracker.application import TrackerApplication

_ENVELOPE = frozenset({"originator_id", "originator_version", "timestamp"})


def _event_at(app: TrackerApplication, council: Council, position: int) -> Any:
    found = list(app.events.get(council_id(council.la_code), gt=position - 1, lte=position))
    if not found:
        raise UnknownEvent(f"{council.la_code}-{position} is not stored")
    return found[0]


def current_fields(app: TrackerApplication, council: Council, position: int) -> dict[str, Any]:
    """The stored fact at ``position`` with every stored correction of it applied."""
    event = _event_at(app, council, position)
    if not isinstance(event, Council.Fact):
        raise UnknownEvent(f"{council.la_code}-{position} is not a recorded fact")
    fields = {k: v for k, v in event.__dict__.items() if k not in _ENVELOPE}
    for correction in council.corrections_of(position):
        fixed = _event_at(app, council, correction)
        assert isinstance(fixed, Council.Corrected)
        fields.update(fixed.changes)
    return fields


def unkeyed_keys(app: TrackerApplication, council: Council) -> dict[str, int]:
    """Current keys of facts corrected before corrections carried keys (old stores)."""
    keys: dict[str, int] = {}
    for position in council.unkeyed_facts():
        kind = council.kind_of(position)
        assert kind is not None
        keys[natural_key(kind.value, current_fields(app, council, position))] = position
    return keys
