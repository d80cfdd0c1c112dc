"""The in-process read model: histories kept up to date from the notification log."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from typing import Any

from eventsourcing.persistence import Notification

from tracker.application import TrackerApplication
from tracker.readside.history import CouncilHistory, fold
from tracker.readside.logged import TYPE_OF_CLASS, LoggedEvent

BATCH = 5_000
COUNCIL = "events.council:"
_ENVELOPE = ("originator_id", "originator_version", "timestamp", "originator_topic")


class ReadModel:
    """Per-council histories plus the log position they include."""

    def __init__(self) -> None:
        self.histories: dict[str, CouncilHistory] = {}
        self.position = 0
        self._la_codes: dict[Any, str] = {}
        self._lock = threading.Lock()

    def catch_up(self, app: TrackerApplication) -> int:
        """Fold every event after our position; returns how many were new."""
        with self._lock:
            added = 0
            for batch in _batches(app, self.position):
                events = [self._decode(app, n) for n in batch if n.topic.startswith(COUNCIL)]
                fold(self.histories, events)
                self.position = batch[-1].id
                added += len(batch)
            return added

    def _decode(self, app: TrackerApplication, notification: Notification) -> LoggedEvent:
        domain_event = app.mapper.to_domain_event(notification)
        class_name = notification.topic.rsplit(".", 1)[-1]
        kind = TYPE_OF_CLASS.get(class_name, class_name)
        data = {k: v for k, v in domain_event.__dict__.items() if k not in _ENVELOPE}
        if kind == "opened":
            self._la_codes[notification.originator_id] = data["la_code"]
        la_code = self._la_codes[notification.originator_id]
        return LoggedEvent(
            position=notification.id,
            la_code=la_code,
            version=notification.originator_version,
            type=kind,
            data=data,
            recorded_at=domain_event.timestamp,  # type: ignore[attr-defined]
        )

    def history(self, la_code: str) -> CouncilHistory:
        return self.histories.get(la_code) or CouncilHistory(la_code)


def _batches(app: TrackerApplication, after: int) -> Iterator[Sequence[Notification]]:
    start = after + 1
    while True:
        batch = app.recorder.select_notifications(start=start, limit=BATCH)
        if not batch:
            return
        yield batch
        start = batch[-1].id + 1
