"""Which stream a stored row belongs to, from its id alone.

Stream ids are made from names (a council's LA number, a geography's ONS code), so
the read side can tell whose a row is even when the row that names the stream is
damaged, and keep every other event of that stream readable.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from events.benchmark import benchmark_id
from events.council import council_id
from tracker.councils import REGIONS, all_authorities

ENGLAND = "E92000001"


class Known(NamedTuple):
    """A stream the tracker's own ids name: a council's or a benchmark's."""

    council: bool
    code: str  # LA number, or ONS code of England or a region
    name: str
    level: str  # '' for a council; 'national' or 'regional'


@lru_cache(maxsize=1)
def known_streams() -> dict[str, Known]:
    """Originator id (32 hex digits) -> the stream it is."""
    found = {council_id(a.la_code).hex: Known(True, a.la_code, a.name, "") for a in all_authorities()}
    geos = [(ENGLAND, "England", "national")]
    geos += [(f"E1200000{i}", name, "regional") for i, name in enumerate(REGIONS, start=1)]
    for code, name, level in geos:
        found[benchmark_id(code).hex] = Known(False, code, name, level)
    return found


def stream_name(originator: str) -> str:
    """'council 937' or 'benchmark E92000001' or 'stream <id>', for messages."""
    known = known_streams().get(originator)
    if known is None:
        return f"stream {originator}"
    return f"council {known.code}" if known.council else f"benchmark {known.code}"
