"""The eventsourcing Application that holds every council's stream."""

from __future__ import annotations

from typing import Any, ClassVar
from uuid import UUID

from eventsourcing.application import Application, ProjectorFunction, project_aggregate

from events.council import Council

# Snapshots every 50 events. A Council snapshot is thin (events/council.py): at the 1M
# benchmark's ~6,500 events a council it is ~65 KB of JSON, read and decoded in ~0.4 ms, while
# each event replayed after it costs ~0.1-0.2 ms to decode and apply. At 50 a load
# replays 25 events on average, so an append costs about the same at 10k events as at 1M;
# the snapshot's write (~2 ms) is spread over 50 appends; and the snapshot table (the
# library keeps every snapshot) grows by ~1.3 KB per event at that density, a tenth of
# that for a real council's few hundred facts. 200 replayed four times as many events;
# 10 would make the snapshots take many times the space of the events themselves.
SNAPSHOT_EVERY = 50


def replay_council(app: Application, council: UUID, version: int | None = None) -> Council:
    """A council rebuilt from its events alone, ignoring snapshots (an old one is stale)."""
    replayed: Any = None
    for event in app.events.get(council, lte=version):
        replayed = event.mutate(replayed)  # type: ignore[attr-defined]
    if not isinstance(replayed, Council):
        raise TypeError(f"stream {council} does not hold a council")
    return replayed


class TrackerApplication(Application):
    """Councils' streams, snapshotted so an append never replays a long history."""

    name = "InspectionTracker"
    snapshotting_intervals: ClassVar[dict[type[Any], int]] = {Council: SNAPSHOT_EVERY}
    setting: Any = None

    def take_snapshot(
        self,
        aggregate_id: UUID,
        version: int | None = None,
        projector_func: ProjectorFunction[Any, Any] = project_aggregate,
    ) -> None:
        """As the library does, except that a council read from a version-1 snapshot (which
        kept whole facts and is ignored, events/council.py) is rebuilt from its events."""
        aggregate = self.repository.get(aggregate_id, version=version, projector_func=projector_func)
        if isinstance(aggregate, Council) and aggregate.is_stale:
            aggregate = replay_council(self, aggregate_id, version)
        assert self.snapshots is not None
        self.snapshots.put([type(aggregate).Snapshot.take(aggregate)])
