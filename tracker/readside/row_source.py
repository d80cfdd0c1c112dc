"""Where the read side gets stored rows: a raw SELECT on SQLite files, the library's
notification log everywhere else (PostgreSQL, in-memory SQLite)."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from uuid import UUID

from tracker.application import TrackerApplication
from tracker.readside.decode import Row

BATCH = 20_000  # rows a round trip to a server (the library's notification log)
# Rows a SELECT of a SQLite file: no round trip to save, and a smaller batch's memory is
# used again by the next, where a larger one touches fresh pages (each costs a fault, and
# after a split rebuild's fork a copy: split_rebuild.py).
FILE_BATCH = 500
# Stream ids from, and below (None: no bound): ids are 32 lower-case hex digits as the
# library stores them, but the shards of a split (split_rebuild.py) cover any value.
Shard = tuple[str | None, str | None]
_COLUMNS = "SELECT rowid, originator_id, originator_version, topic, state FROM stored_events"


def sqlite_path(app: TrackerApplication) -> str | None:
    """The SQLite file behind the application, or None (PostgreSQL, memory)."""
    pool = getattr(getattr(app.recorder, "datastore", None), "pool", None)
    name = getattr(pool, "db_name", None)
    if not isinstance(name, str) or getattr(pool, "is_sqlite_memory_mode", True):
        return None
    return name


class RowSource:
    """Reads stored rows after a log position, in log order, in batches."""

    def __init__(self, app: TrackerApplication, cache_kib: int | None = None) -> None:
        self.app = app
        self.path = sqlite_path(app)
        self.cache_kib = cache_kib  # SQLite's page cache for this connection (None: its default)
        self._connection: sqlite3.Connection | None = None

    def _sqlite(self) -> sqlite3.Connection:
        if self._connection is None:
            assert self.path is not None
            self._connection = sqlite3.connect(self.path, uri=True, check_same_thread=False,
                                               isolation_level=None, timeout=10)
            if self.cache_kib is not None:
                self._connection.execute(f"PRAGMA cache_size=-{int(self.cache_kib)}")
        return self._connection

    @contextlib.contextmanager
    def cache_of(self, kib: int) -> Iterator[None]:
        """This connection's page cache held to ``kib`` KiB while inside (a SQLite file)."""
        connection = self._sqlite()
        before = int(connection.execute("PRAGMA cache_size").fetchone()[0])
        connection.execute(f"PRAGMA cache_size=-{int(kib)}")
        try:
            yield
        finally:
            connection.execute(f"PRAGMA cache_size={before}")

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def max_position(self) -> int:
        """The newest notification id: one cheap query, used to poll."""
        if self.path is not None:
            row = self._sqlite().execute("SELECT MAX(rowid) FROM stored_events").fetchone()
            return int(row[0] or 0)
        return int(self.app.recorder.max_notification_id() or 0)

    def batches(self, after: int, stop: int | None = None, batch: int | None = None,
                shard: Shard | None = None) -> Iterator[list[Row]]:
        """Rows with after < position (<= stop), oldest first; only the streams whose ids
        fall in ``shard`` (a SQLite file only: split_rebuild.py) when given."""
        batch = batch or (FILE_BATCH if self.path is not None else BATCH)
        start = after
        while True:
            rows = self._select(start, batch, stop, shard)
            if not rows:
                return
            yield rows
            start = rows[-1][0]
            if len(rows) < batch:
                return

    def _select(self, after: int, limit: int, stop: int | None, shard: Shard | None = None) -> list[Row]:
        if self.path is not None:
            sql = f"{_COLUMNS} WHERE rowid>?"
            params: list[Any] = [after]
            if stop is not None:
                sql += " AND rowid<=?"
                params.append(stop)
            if shard is not None:
                low, high = shard
                if low is not None:
                    sql += " AND originator_id>=?"
                    params.append(low)
                if high is not None:  # the first shard also takes a stream id that is no text
                    sql += " AND originator_id<?" if low is not None else " AND IFNULL(originator_id,'')<?"
                    params.append(high)
            params.append(limit)
            return self._sqlite().execute(sql + " ORDER BY rowid LIMIT ?", params).fetchall()
        if shard is not None:
            raise ValueError("only a SQLite file's rows are read by shard")
        notes = self.app.recorder.select_notifications(start=after, limit=limit, stop=stop,
                                                       inclusive_of_start=False)
        return [(n.id, _hex(n.originator_id), n.originator_version, n.topic, n.state) for n in notes]

    def stream_lengths(self, originators: Iterable[str]) -> dict[str, int]:
        """How many events each of these streams holds (a SQLite file: an index seek each)."""
        assert self.path is not None
        ids = list(originators)
        if not ids:
            return {}
        query = (f"WITH ids(id) AS (VALUES {','.join(['(?)'] * len(ids))}) SELECT id, (SELECT MAX("
                 "originator_version) FROM stored_events WHERE originator_id=ids.id) FROM ids")
        found = self._sqlite().execute(query, ids).fetchall()  # one statement: a seek each, in C
        return {originator: int(length) for originator, length in found if length}

    def fingerprint(self, position: int) -> tuple[tuple[int, str, int, str], ...]:
        """What a saved model checks it belongs to this log: for the first event, one midway
        and the event at its position, the stream, version and a hash of topic and state.
        Two stores (files, or schemas of one database) never agree on all three."""
        found = []
        for at in sorted({1, (position + 1) // 2, position}):
            rows = self._select(at - 1, 1, at) if at > 0 else []
            if rows:
                _, originator, version, topic, state = rows[0]
                digest = hashlib.blake2b(topic.encode() + b"\0" + bytes(state), digest_size=16).hexdigest()
                found.append((rows[0][0], originator, version, digest))
        return tuple(found)

    def stream(self, originator: str, positions: list[int]) -> list[Row]:
        """One stream's rows, by version; positions[i] is version i+1's notification id."""
        if self.path is not None:
            sql = f"{_COLUMNS} WHERE originator_id=? ORDER BY originator_version"
            return self._sqlite().execute(sql, (originator,)).fetchall()
        stored = self.app.recorder.select_events(UUID(hex=originator))
        return [
            (positions[s.originator_version - 1] if s.originator_version <= len(positions) else 0,
             originator, s.originator_version, s.topic, s.state)
            for s in stored
        ]

    def versions(self, originator: str, versions: list[int], positions: Sequence[int]) -> list[Row]:
        """Some of one stream's rows, by version (a primary-key lookup each)."""
        if not versions:
            return []
        if self.path is not None:
            marks = ",".join("?" * len(versions))
            sql = f"{_COLUMNS} WHERE originator_id=? AND originator_version IN ({marks})"
            return self._sqlite().execute(sql, (originator, *versions)).fetchall()
        found = []
        for version in versions:
            for s in self.app.recorder.select_events(UUID(hex=originator), gt=version - 1, lte=version):
                position = positions[version - 1] if version <= len(positions) else 0
                found.append((position, originator, s.originator_version, s.topic, s.state))
        return found


def _hex(originator_id: UUID | str) -> str:
    return originator_id.hex if isinstance(originator_id, UUID) else UUID(str(originator_id)).hex
