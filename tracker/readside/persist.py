"""Save the read model with the log position it includes, so a crash keeps old or new.

SQLite: a file beside the store (``tracker.db.readmodel``) written to a temporary file,
flushed to disk and renamed over the old one; the position is inside the same file, so
model and position can never disagree. PostgreSQL: one row of a table, written in one
transaction; a role that may not write it just rebuilds in memory. A saved model names
its format and the event at its position, and a file carries a CRC-32 of its body; any
mismatch means a rebuild, never a wrong answer.
"""

from __future__ import annotations

import contextlib
import logging
import marshal
import os
import tempfile
import zlib
from pathlib import Path
from typing import Any

from tracker.application import TrackerApplication
from tracker.readside.model import FORMAT, ReadModel
from tracker.readside.source import RowSource

MAGIC = b"TRACKER-READMODEL\n"
TABLE = "tracker_read_model"
log = logging.getLogger(__name__)


def _pack(model: ReadModel, source: RowSource) -> tuple[Any, ...]:
    return (FORMAT, model.position, source.identity(model.position) if model.position else None,
            model.dump())


def _unpack(payload: Any, source: RowSource) -> ReadModel | None:
    if not isinstance(payload, tuple) or len(payload) != 4 or payload[0] != FORMAT:
        return None
    _, position, identity, state = payload
    if position and source.identity(position) != identity:
        return None  # another log (store replaced or restored): rebuild
    return ReadModel.load(state)


class FileStore:
    """The model of a SQLite store, in a file beside it."""

    def __init__(self, path: str) -> None:
        self.path = Path(path + ".readmodel")

    def load(self, source: RowSource) -> ReadModel | None:
        try:
            blob = self.path.read_bytes()
        except OSError:
            return None
        if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + 4:
            return None
        body = memoryview(blob)[len(MAGIC) + 4:]
        if zlib.crc32(body) != int.from_bytes(blob[len(MAGIC):len(MAGIC) + 4], "big"):
            return None  # damaged on disk: never trust it
        try:
            return _unpack(marshal.loads(body), source)
        except (ValueError, EOFError, TypeError, IndexError, KeyError):
            return None

    def save(self, model: ReadModel, source: RowSource) -> bool:
        body = marshal.dumps(_pack(model, source))
        blob = MAGIC + zlib.crc32(body).to_bytes(4, "big") + body
        try:
            fd, temp = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp", dir=self.path.parent)
        except OSError as error:
            log.info("read model not saved: %s", error)
            return False
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(blob)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temp, self.path)
            _sync_dir(self.path.parent)
            return True
        except OSError as error:
            log.info("read model not saved: %s", error)
            with contextlib.suppress(OSError):
                os.unlink(temp)
            return False


def _sync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class TableStore:
    """The model of a PostgreSQL store, in one row; read-only roles rebuild in memory."""

    def __init__(self, app: TrackerApplication) -> None:
        self.datastore: Any = app.recorder.datastore  # type: ignore[attr-defined]
        self.writable = True

    def load(self, source: RowSource) -> ReadModel | None:
        try:
            with self.datastore.transaction(commit=False) as cursor:
                cursor.execute(f"SELECT body FROM {TABLE} WHERE name = %s", ("main",))
                row = cursor.fetchone()
        except Exception as error:  # no table yet, or no right to read it
            log.info("no saved read model: %s", error)
            return None
        if not row:
            return None
        body = row["body"] if isinstance(row, dict) else row[0]
        try:
            return _unpack(marshal.loads(bytes(body)), source)
        except (ValueError, EOFError, TypeError, IndexError, KeyError):
            return None

    def save(self, model: ReadModel, source: RowSource) -> bool:
        if not self.writable:
            return False
        blob = marshal.dumps(_pack(model, source))
        try:
            with self.datastore.transaction(commit=True) as cursor:
                cursor.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} "
                               "(name text PRIMARY KEY, position bigint NOT NULL, body bytea NOT NULL)")
                cursor.execute(
                    f"INSERT INTO {TABLE} (name, position, body) VALUES (%s, %s, %s) "
                    "ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, body = EXCLUDED.body",
                    ("main", model.position, blob),
                )
            return True
        except Exception as error:  # read-only role: keep answering from memory
            log.info("read model not saved (%s); rebuilding in memory on each start", error)
            self.writable = False
            return False


def store_for(app: TrackerApplication, source: RowSource) -> FileStore | TableStore | None:
    """Where this application's read model is kept, if anywhere."""
    if source.path is not None:
        return FileStore(source.path)
    if "postgres" in type(app.recorder).__module__:
        return TableStore(app)
    return None
