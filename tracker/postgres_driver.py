"""eventsourcing's PostgreSQL persistence, with two changes the tracker's promises need.

- The URL's connection parameters (``sslmode``, ``sslrootcert``, ``connect_timeout``,
  ``application_name``, ...) reach the driver: the library's factory builds its pool
  from host, port, database, user and password only, so ``sslmode=require`` would
  otherwise connect in plain text without a word.
- A lock timeout is not retried here: the library retries an insert ten times, which
  stretched a 2 s lock timeout to 12 s; the tracker's own retry (tracker/service.py)
  keeps to three lock timeouts, as documented, on both backends.

Chosen by ``PERSISTENCE_MODULE=tracker.postgres_driver:TrackerPostgresFactory``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresFactory
from eventsourcing.utils import Environment, EnvType

OPTIONS_VAR = "TRACKER_POSTGRES_OPTIONS"  # JSON object of libpq connection parameters
TOPIC = f"{__name__}:TrackerPostgresFactory"
ATTEMPTS = 10  # a dropped connection is still retried, as the library does
_insert_once = PostgresApplicationRecorder.insert_events.__wrapped__  # type: ignore[attr-defined]


def is_lock_timeout(error: BaseException) -> bool:
    text = str(error).lower()
    return "lock timeout" in text or "could not obtain lock" in text


class TrackerPostgresRecorder(PostgresApplicationRecorder):
    """Inserts retried after a dropped connection, never after a lock timeout."""

    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                result: Sequence[int] | None = _insert_once(self, stored_events, **kwargs)
                return result
            except (InterfaceError, OperationalError) as error:
                if is_lock_timeout(error) or attempt == ATTEMPTS:
                    raise
                time.sleep(0.2)
        raise AssertionError("unreachable")  # pragma: no cover


class TrackerPostgresFactory(PostgresFactory):
    """The library's factory, its pool given the URL's connection parameters."""

    application_recorder_class = TrackerPostgresRecorder

    def __init__(self, env: Environment | EnvType | None):
        super().__init__(env)
        options = json.loads(self.env.get(OPTIONS_VAR) or "{}")
        kwargs = self.datastore.pool.kwargs
        assert isinstance(kwargs, dict)  # the pool is not open yet: nothing has connected
        kwargs.update(options)
