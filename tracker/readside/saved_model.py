"""Save the read model with the log position it includes, so a crash keeps old or new.

A saved model is a header (format, the fingerprint of the log it was folded from, the
model's position and counts) followed by one packed part per stream, written one part
at a time so a save never holds a second copy of the model.

SQLite: a file beside the store (``tracker.db.readmodel``) written to a temporary file,
flushed to disk and renamed over the old one, ending with a CRC-32 of all it holds; the
position is inside the same file, so model and position can never disagree.
PostgreSQL: rows of a table in the store's own schema, replaced in one transaction; a
role that may not write it just rebuilds in memory. A format, fingerprint or CRC that
does not match means a rebuild, never a wrong answer.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import marshal
import os
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from tracker.application import TrackerApplication
from tracker.readside.read_model import FORMAT, ReadModel
from tracker.readside.row_source import RowSource

MAGIC = b"TRACKER-READMODEL-2\n"
TABLE = "tracker_read_model_parts"  # in the store's schema; one row per part
log = logging.getLogger(__name__)


class Damaged(ValueError):
    """The saved bytes are not a whole model."""


def _chunks(model: ReadModel, source: RowSource) -> Iterator[bytes]:
    fingerprint = source.fingerprint(model.position) if model.position else ()
    yield marshal.dumps((FORMAT, fingerprint, model.header()))
    for part in model.parts():
        yield marshal.dumps(part)


def _restore(chunks: Iterator[bytes], source: RowSource) -> ReadModel | None:
    """The model from its chunks, or None when it is not this log's or not this format."""
    try:
        head = marshal.loads(next(chunks))
        if not isinstance(head, tuple) or len(head) != 3 or head[0] != FORMAT:
            return None
        fingerprint, header = head[1], head[2]
        if header[1] and source.fingerprint(header[1]) != fingerprint:
            log.info("saved read model belongs to another log: rebuilding")
            return None
        return ReadModel.restore(header, (marshal.loads(chunk) for chunk in chunks))
    except Exception as error:  # damaged or foreign bytes: never trusted, rebuilt
        log.info("saved read model unreadable (%s): rebuilding", error)
        return None


class FileStore:
    """The model of a SQLite store, in a file beside it."""

    def __init__(self, path: str) -> None:
        self.path = Path(path + ".readmodel")

    def load(self, source: RowSource) -> ReadModel | None:
        try:
            with self.path.open("rb") as file:
                if file.read(len(MAGIC)) != MAGIC:
                    return None
                reader = _Framed(file, os.fstat(file.fileno()).st_size)
                model = _restore(reader.chunks(), source)
                if model is None or not reader.whole():
                    return None  # the CRC covers every byte: a damaged file is never used
                return model
        except OSError:
            return None

    def save(self, model: ReadModel, source: RowSource) -> bool:
        try:
            fd, temp = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp", dir=self.path.parent)
        except OSError as error:
            log.info("read model not saved: %s", error)
            return False
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(MAGIC)
                crc = 0
                for chunk in itertools.chain(_chunks(model, source), (b"",)):  # b"": the end frame
                    head = len(chunk).to_bytes(8, "big")
                    file.write(head)
                    file.write(chunk)
                    crc = zlib.crc32(chunk, zlib.crc32(head, crc))
                file.write(crc.to_bytes(4, "big"))
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


class _Framed:
    """Reads length-framed chunks, keeping a CRC-32 of every byte read."""

    def __init__(self, file: BinaryIO, size: int) -> None:
        self.file = file
        self.left = size - len(MAGIC)
        self.crc = 0
        self.ended = False

    def _read(self, count: int) -> bytes:
        if count > self.left:
            raise Damaged("read model file is shorter than its frames say")
        data = self.file.read(count)
        if len(data) != count:
            raise Damaged("read model file ended early")
        self.left -= count
        self.crc = zlib.crc32(data, self.crc)
        return data

    def chunks(self) -> Iterator[bytes]:
        while True:
            length = int.from_bytes(self._read(8), "big")
            if not length:
                self.ended = True
                return
            yield self._read(length)

    def whole(self) -> bool:
        """True when the end frame was read and the stored CRC matches, with nothing after."""
        try:
            if not self.ended:
                for _ in self.chunks():
                    pass
            crc = self.crc
            return self.left == 4 and int.from_bytes(self._read(4), "big") == crc
        except Damaged:
            return False


def _sync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class TableStore:
    """The model of a PostgreSQL store, as rows of a table in the store's schema."""

    def __init__(self, app: TrackerApplication) -> None:
        from psycopg import sql

        self.datastore: Any = app.recorder.datastore  # type: ignore[attr-defined]
        self.table = sql.Identifier(self.datastore.schema or "public", TABLE)
        self.writable = True

    def load(self, source: RowSource) -> ReadModel | None:
        from psycopg import sql

        try:
            with self.datastore.transaction(commit=False) as cursor:
                cursor.execute(sql.SQL("SELECT body FROM {} ORDER BY part").format(self.table))
                rows = cursor.fetchall()
        except Exception as error:  # no table yet, or no right to read it
            log.info("no saved read model: %s", error)
            return None
        if not rows:
            return None
        bodies = (bytes(row["body"] if isinstance(row, dict) else row[0]) for row in rows)
        model = _restore(bodies, source)
        return model if model is not None and next(bodies, None) is None else None

    def save(self, model: ReadModel, source: RowSource) -> bool:
        from psycopg import sql

        if not self.writable:
            return False
        try:
            with self.datastore.transaction(commit=True) as cursor:
                cursor.execute(sql.SQL("CREATE TABLE IF NOT EXISTS {} (part integer PRIMARY KEY, "
                                       "body bytea NOT NULL)").format(self.table))
                # One saver at a time; readers are not blocked and see the old rows until commit.
                cursor.execute(sql.SQL("LOCK TABLE {} IN SHARE ROW EXCLUSIVE MODE").format(self.table))
                cursor.execute(sql.SQL("DELETE FROM {}").format(self.table))
                insert = sql.SQL("INSERT INTO {} (part, body) VALUES (%s, %s)").format(self.table)
                for part, chunk in enumerate(_chunks(model, source)):
                    cursor.execute(insert, (part, chunk))
            return True
        except Exception as error:
            text = str(error).lower()
            if "permission denied" in text or "read-only" in text or "must be owner" in text:
                log.info("read model not saved (%s); rebuilding in memory on each start", error)
                self.writable = False
            else:
                log.info("read model not saved: %s", error)
            return False


def store_for(app: TrackerApplication, source: RowSource) -> FileStore | TableStore | None:
    """Where this application's read model is kept, if anywhere."""
    if source.path is not None:
        return FileStore(source.path)
    if "postgres" in type(app.recorder).__module__:
        return TableStore(app)
    return None
