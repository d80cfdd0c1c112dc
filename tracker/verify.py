"""Check a store end to end, and say plainly what is wrong.

Three questions, each answered from the stored rows, not from caches:
1. does every stored event decode (upcasters included) into a known class, with exactly
   the fields its class declares, each of its type, recorded at a time the tracker
   could have recorded it (the read side's own check: what fails it is left out of
   every answer)?
2. is every council's stream contiguous (versions 1, 2, 3, ... opening with
   ``Opened``), and does each aggregate rebuilt from its events alone equal the
   one the application loads (snapshots included)?
3. does the read model the tracker answers from equal one rebuilt from scratch?
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Notification

from events.council import Council
from tracker.councils import current_authorities
from tracker.readside.decode import DAMAGED, RowDecoder
from tracker.readside.live_model import LiveReadModel
from tracker.readside.stream_ids import stream_name
from tracker.recorded_time import recorded_time_problem
from tracker.service import Tracker

BATCH = 5_000


@dataclass
class Report:
    """What verify found: counts, and one plain sentence per problem."""

    events: int = 0
    streams: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {"events": self.events, "streams": self.streams, "ok": self.ok, "problems": self.problems}


def verify(tracker: Tracker, rebuilt: Callable[[], Tracker] | None = None) -> Report:
    """Check the store behind ``tracker``; ``rebuilt`` makes a tracker with a fresh read model."""
    report = Report()
    streams = _check_log(tracker, report)
    report.streams = len(streams)
    for originator, events in streams.items():
        _check_stream(tracker, originator, events, report)
    if not report.problems:  # a broken log makes every projection differ: say it once
        _check_read_model(tracker, rebuilt or (lambda: rebuilt_tracker(tracker)), report)
    return report


def rebuilt_tracker(tracker: Tracker) -> Tracker:
    """A tracker on the same store whose read model is folded from scratch, never loaded."""
    fresh = Tracker(tracker.app, tracker.today)
    fresh.read_model = LiveReadModel(tracker.app, persist=False)
    return fresh


def _notifications(tracker: Tracker) -> Any:
    start = 1
    while True:
        batch = tracker.app.recorder.select_notifications(start=start, limit=BATCH)
        if not batch:
            return
        yield from batch
        start = batch[-1].id + 1


def _check_log(tracker: Tracker, report: Report) -> dict[UUID, list[Any]]:
    """Decode every row as the read side does, then by the library; gather decoded events
    per stream, in log order (None for one that does not read)."""
    streams: dict[UUID, list[Any]] = defaultdict(list)
    decoder = RowDecoder(tracker.app.mapper, full=True)
    for row in _notifications(tracker):
        report.events += 1
        originator = _uuid(row)
        where = f"log position {row.id} ({stream_name(originator.hex)}, version {row.originator_version})"
        stored = (row.id, originator.hex, row.originator_version, row.topic, bytes(row.state))
        (read,) = decoder.decode([stored])
        if read.kind == DAMAGED:
            report.problems.append(f"{where}: {read.data['problem']}")
            streams[originator].append(None)
            continue
        try:
            event = tracker.app.mapper.to_domain_event(row)
        except Exception as error:  # any failure to decode is the finding
            report.problems.append(f"{where}: cannot decode {row.topic}: {_plain(error)}")
            streams[originator].append(None)
            continue
        late = recorded_time_problem(getattr(event, "timestamp"))  # noqa: B009 (not in the protocol)
        if late is not None:  # readable, but an import of its export would refuse it
            report.problems.append(f"{where}: recorded at {late}")
        streams[originator].append((row, event))
    return streams


def _check_stream(tracker: Tracker, originator: UUID, events: list[Any], report: Report) -> None:
    decoded = [e for e in events if e is not None]
    if not decoded:
        return
    name = _stream_name(decoded)
    versions = [row.originator_version for row, _ in decoded]
    expected = list(range(1, len(events) + 1))
    if len(decoded) == len(events) and versions != expected:
        gaps = sorted(set(expected) - set(versions))
        report.problems.append(
            f"{name}: versions are not contiguous (missing {gaps[:5]}, stored {versions[:10]}...)"
        )
        return
    if not decoded[0][0].topic.endswith(".Opened"):
        report.problems.append(f"{name}: the stream does not start with Opened")
        return
    if len(decoded) != len(events) or not decoded[0][0].topic.startswith("events.council:"):
        return
    replayed: Aggregate | None = None
    try:
        for _, event in decoded:
            replayed = event.mutate(replayed)
        loaded: Aggregate = tracker.app.repository.get(originator)
    except Exception as error:  # a correction of a missing fact, a bad snapshot...
        report.problems.append(f"{name}: replaying the stream fails: {_plain(error)}")
        return
    assert isinstance(replayed, Council) and isinstance(loaded, Council)
    if (replayed.version, replayed.facts, replayed.keys) != (loaded.version, loaded.facts, loaded.keys):
        report.problems.append(f"{name}: the aggregate loaded from its snapshot differs from a full replay")


def _check_read_model(tracker: Tracker, rebuilt: Callable[[], Tracker], report: Report) -> None:
    fresh = rebuilt()
    tracker.refresh()
    fresh.refresh()
    if tracker.read_model.ready().dump() != fresh.read_model.ready().dump():
        report.problems.append("the saved read model, caught up, differs from one rebuilt from the store")
    if tracker.log() != fresh.log():
        report.problems.append("the read model's log differs from one rebuilt from the store")
    for when in (None, fresh.today.replace(year=fresh.today.year - 3)):
        mine = {row["council"]["la_code"]: row for row in tracker.councils(as_of=when)}
        theirs = {row["council"]["la_code"]: row for row in fresh.councils(as_of=when)}
        for code in sorted(set(mine) | set(theirs)):
            if mine.get(code) != theirs.get(code):
                report.problems.append(
                    f"council {code}: the read model differs from a rebuild "
                    f"(councils, as of {when or 'today'})"
                )
    for authority in current_authorities():
        if tracker.show(authority.la_code) != fresh.show(authority.la_code):
            report.problems.append(f"council {authority.la_code}: `show` differs from a rebuild")


def _uuid(row: Notification) -> UUID:
    value = row.originator_id
    return value if isinstance(value, UUID) else UUID(str(value))


def _stream_name(decoded: list[Any]) -> str:
    row, first = decoded[0]
    code = getattr(first, "la_code", None)
    return f"council {code}" if code else f"stream {row.originator_id}"


def _plain(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:300]
