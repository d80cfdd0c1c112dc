"""Event ids as people type them: a council's LA number and a stream position."""

from __future__ import annotations

import re

from events.errors import UnknownEvent

_EVENT_ID = re.compile(r"^(\d{3})-(\d+)$")


def parse_event_id(text: str) -> tuple[str, int]:
    """``937-7`` -> ('937', 7); anything else is a clear error."""
    match = _EVENT_ID.match(text.strip())
    if not match:
        raise UnknownEvent(f"{text!r} is not an event id (LA number and position, e.g. 937-7)")
    return match[1], int(match[2])
