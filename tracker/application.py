"""The eventsourcing Application that holds every council's stream."""

from __future__ import annotations

from typing import Any, ClassVar

from eventsourcing.application import Application

from events.council import Council


class TrackerApplication(Application):
    """Councils' streams, snapshotted so an append never replays a long history."""

    name = "InspectionTracker"
    snapshotting_intervals: ClassVar[dict[type[Any], int]] = {Council: 200}
    setting: Any = None
