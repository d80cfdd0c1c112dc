"""The last page of a council's timeline at D, K and T, read back by version.

A council screen lands on the newest events. Reading and folding a whole stream takes
a third of a second at a million events (timeline.py), so the screen first shows the
page the cursor lands on: the last facts that count (last_event.py walks the index for
them), every retracted fact recorded by T among them, and the corrections and
retractions of both, read by primary key and folded by the same reference fold. The
whole timeline follows.
"""

from __future__ import annotations

from datetime import date, datetime

from tracker.readside.amendments import RETRACTION
from tracker.readside.last_event import ReadVersions, last_facts
from tracker.readside.replay import CouncilHistory
from tracker.readside.stream_index import StreamIndex, recorded_key
from tracker.readside.timeline import Timeline


def timeline_page(index: StreamIndex, read: ReadVersions, as_of: date, known_on: date,
                  recorded_by: datetime | None, count: int) -> tuple[Timeline, bool]:
    """A timeline holding the last ``count`` facts that count (``counting`` gives exactly
    them) and the retracted facts that happened since the first of them; True when it is
    the whole timeline at D and K (no earlier fact counts)."""
    facts, whole = last_facts(index, read, as_of, known_on, recorded_by, count)
    limit = None if recorded_by is None else recorded_key(recorded_by)
    a = index.amends
    by_t = [i for i in range(len(a)) if limit is None or a.rec[i] <= limit]
    targets = {v.event.version for v in facts} | {a.target[i] for i in by_t if a.kind[i] == RETRACTION}
    wanted = targets | {a.version[i] for i in by_t if a.target[i] in targets}
    events = sorted(read(sorted(wanted)), key=lambda e: e.version)
    timeline = Timeline.build(CouncilHistory(index.code, events), recorded_by)
    if not whole and facts:  # earlier retracted facts belong to earlier pages
        first = facts[0].happened
        timeline.retracted = [v for v in timeline.retracted if v.happened >= first]
    return timeline, whole
