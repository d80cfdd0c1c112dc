"""A rebuild from nothing, folded in parts at once: one process a part.

Streams are independent (a correction names a fact of its own stream), so the streams
are cut by id into shards, each folded by its own process from its own SELECT of the
same SQLite file, and the parts joined here in log order: the model equals the one a
single fold makes (tests/tracker/readside/test_split_rebuild.py). A first start on a big
store then takes a little over half the time on two cores.

It is used only where it is safe and worth it: on Linux (elsewhere a forked process may
not use every system library), for a rebuild from nothing (a catch-up folds alone), of a
SQLite file, with at least ``SPLIT_FROM`` events, on more than one core, from a process
running one thread (``fork`` copies only the calling thread, so a lock another thread
held would stay held in the child: the TUI's workers fold alone). A part whose process
fails is folded here instead, so the answer never depends on it. An interrupt stops the
other processes and waits for them, also one landing as a process is started.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
import struct
import sys
import threading
from collections.abc import Iterator
from itertools import pairwise
from typing import IO, Any, NamedTuple

from tracker.readside.benchmark_index import GeoIndex
from tracker.readside.decode import RowDecoder
from tracker.readside.read_model import Damage, ReadModel
from tracker.readside.row_source import RowSource, Shard
from tracker.readside.stream_ids import known_streams
from tracker.readside.stream_index import StreamIndex

if sys.platform == "linux":  # the only system that splits (worth_splitting)
    import fcntl

SPLIT_FROM = 4_000  # events: below this a process costs more than it saves
MOST_PARTS = 4
FIRST_SHARE = 1.1  # of an even share, for this process (which also joins the other parts)
# A pipe this large (Linux lets any process ask for up to 1 MiB) takes a small part whole, so
# its process writes it and ends while this one still folds, rather than handing it over 64
# KiB at a time once this one reads.
PIPE_BYTES = 1 << 20
# Every process, this one too, reads its shard once through with a small page cache: used
# again page after page, it writes to fewer of the memory pages the processes share (after
# a fork, the first write to each such page, in either process, copies it).
SCAN_CACHE_KIB = 256
# A part's records each follow their length: read whole, a record is one marshal.loads
# (marshal.load of a pipe reads it a few bytes a call).
_LENGTH = struct.Struct("<Q")


class Part(NamedTuple):
    """What one process folded: its streams' indexes and its share of the totals."""

    added: int
    skipped: int
    damaged: list[Damage]
    citations: dict[Any, list[Any]]
    cited_at: dict[Any, int]
    licensed_at: dict[Any, int]
    opened_at: dict[str, int]
    decoded: tuple[int, int]  # rows read by the fast path, by the library's
    indexes: list[StreamIndex | GeoIndex]


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def worth_splitting(model: ReadModel, source: RowSource, events: int) -> bool:
    """Whether a fold of ``events`` into ``model`` may be split (see the module's words)."""
    return (sys.platform == "linux" and source.path is not None and model.position == 0 and not model.streams
            and events >= SPLIT_FROM and cores() > 1 and threading.active_count() == 1)


def shards(parts: int, lengths: dict[str, int] | None = None) -> list[Shard]:
    """Stream ids cut into ``parts`` ranges that together cover every value (ids are hex
    text, but a damaged row's id may be anything: the first and last are open). Given the
    streams' lengths, the cuts share their events out, the first part (this process's,
    which also joins the others) a little less, and fewer parts when the streams are too
    few to share; else they share out the hex digits."""
    if not lengths:
        cuts: list[str | None] = [format(i * 256 // parts, "02x") for i in range(1, parts)]
        return list(pairwise([None, *cuts, None]))
    total = sum(lengths.values())
    first = total * FIRST_SHARE / parts
    targets = [first + (total - first) * i / (parts - 1) for i in range(parts - 1)]
    cuts, seen = [], 0
    for originator, length in sorted(lengths.items()):
        if targets and seen + length / 2 >= targets[0]:  # the stream goes where most of it falls
            cuts.append(originator)
            while targets and seen + length / 2 >= targets[0]:
                targets.pop(0)
        seen += length
    return list(pairwise([None, *cuts, None]))


def fold_split(model: ReadModel, source: RowSource, decoder: RowDecoder, stop: int,
               parts: int | None = None) -> int:
    """Fold every event up to ``stop`` into the empty ``model``, a shard a process (this one
    folds the first); returns how many were folded."""
    pieces = shards(parts or min(cores(), MOST_PARTS), source.stream_lengths(known_streams()))
    children: list[tuple[Shard, int, int]] = []
    try:
        for shard in pieces[1:]:
            with _signals_held() as held:  # an interrupt here waits until the process is listed
                children.append((shard, *_start(source, decoder, stop, shard, held)))
        with source.cache_of(SCAN_CACHE_KIB):  # read once through, as the others read theirs
            added = _fold_shard(model, source, decoder, stop, pieces[0])
        while children:
            shard, pid, reader = children[0]
            part = _collect(pid, reader)
            children.pop(0)
            if part is None:  # that process failed: its shard is folded here
                part = _folded(source, decoder, stop, shard)
            added += _join(model, part)
            decoder.fast_rows += part.decoded[0]
            decoder.library_rows += part.decoded[1]
    finally:  # interrupted: the other processes are stopped, and waited for
        for _, pid, reader in children:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
            with contextlib.suppress(OSError):
                os.close(reader)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
    _order(model)
    return added


def _fold_shard(model: ReadModel, source: RowSource, decoder: RowDecoder, stop: int, shard: Shard) -> int:
    added = 0
    for batch in source.batches(0, stop=stop, shard=shard):
        added += model.fold(decoder.decode(batch))
    model.settle()
    return added


def _folded(source: RowSource, decoder: RowDecoder, stop: int, shard: Shard) -> Part:
    """A shard folded into a model of its own, by a decoder of its own."""
    model = ReadModel()
    counting = RowDecoder(decoder.mapper, decoder.full)
    added = _fold_shard(model, source, counting, stop, shard)
    return Part(added, model.skipped, model.damaged, model.citations, model.cited_at, model.licensed_at,
                model.opened_at, (counting.fast_rows, counting.library_rows), list(model.streams.values()))


@contextlib.contextmanager
def _signals_held() -> Iterator[set[int | signal.Signals]]:
    """Signals held back (and delivered on leaving) while a process is started and listed:
    an interrupt between the fork and the listing would leave that process unwaited for.
    Yields the mask to restore in the new process, which must stay interruptible."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, signal.valid_signals())
    try:
        yield before
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _start(source: RowSource, decoder: RowDecoder, stop: int, shard: Shard,
           mask: set[int | signal.Signals]) -> tuple[int, int]:
    """A process folding ``shard`` and writing its part to a pipe: (its id, the pipe's end).
    Called with signals held; the new process restores ``mask``."""
    reader, writer = os.pipe()
    with contextlib.suppress(OSError):  # a smaller pipe only costs time
        fcntl.fcntl(writer, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    pid = os.fork()
    if pid:
        os.close(writer)
        return pid, reader
    try:  # the child: never returns into the caller's code
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        os.close(reader)
        scan = RowSource(source.app, cache_kib=SCAN_CACHE_KIB)  # its own connection, read once through
        part = _folded(scan, decoder, stop, shard)
        with os.fdopen(writer, "wb") as out:
            _write(out, part)
        os._exit(0)
    finally:
        os._exit(1)


def _write(out: IO[bytes], part: Part) -> None:
    """A part as marshal records: the totals, then a stream at a time, councils first, each
    let go once written (the process's memory shrinks as the other's grows)."""
    ordered = sorted(part.indexes, key=lambda index: isinstance(index, GeoIndex), reverse=True)
    part.indexes.clear()
    geos = sum(isinstance(index, GeoIndex) for index in ordered)
    _send(out, (part.added, part.skipped, [tuple(d) for d in part.damaged], list(part.citations.items()),
                list(part.cited_at.items()), list(part.licensed_at.items()), list(part.opened_at.items()),
                part.decoded, len(ordered) - geos, geos))
    while ordered:
        _send(out, ordered.pop().pack())


def _send(out: IO[bytes], record: Any) -> None:
    blob = marshal.dumps(record)
    out.write(_LENGTH.pack(len(blob)))
    out.write(blob)


def _receive(source: IO[bytes]) -> Any:
    """One record, or EOFError when the part was cut short."""
    head = source.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError("a part cut short")
    (size,) = _LENGTH.unpack(head)
    blob = source.read(size)
    if len(blob) < size:
        raise EOFError("a part cut short")
    return marshal.loads(blob)


def _collect(pid: int, reader: int) -> Part | None:
    """The part a process wrote, or None when it failed (whatever it wrote is dropped)."""
    try:
        with os.fdopen(reader, "rb") as source:
            part = _read(source)
    except Exception:  # a part cut short or unreadable: folded here instead
        part = None
    _, status = os.waitpid(pid, 0)
    return part if os.waitstatus_to_exitcode(status) == 0 else None


def _read(source: IO[bytes]) -> Part:
    head = _receive(source)
    added, skipped, damaged, citations, cited_at, licensed_at, opened_at, decoded, councils, geos = head
    indexes: list[StreamIndex | GeoIndex] = []
    indexes += [StreamIndex.unpack(_receive(source)) for _ in range(councils)]
    indexes += [GeoIndex.unpack(_receive(source)) for _ in range(geos)]
    return Part(added, skipped, [Damage(*d) for d in damaged], {tuple(k): v for k, v in citations},
                {tuple(k): v for k, v in cited_at}, {tuple(k): v for k, v in licensed_at},
                dict(opened_at), tuple(decoded), indexes)


def _join(model: ReadModel, part: Part) -> int:
    """A part's streams and totals added to the model (put in log order by _order)."""
    model.skipped += part.skipped
    model.damaged.extend(part.damaged)
    for index in part.indexes:
        model.streams[index.originator] = index
    model.opened_at.update(part.opened_at)
    for key, counts in part.citations.items():
        mine = model.citations.get(key)
        if mine is None:
            model.citations[key] = counts
            model.cited_at[key] = part.cited_at[key]
            if key in part.licensed_at:
                model.licensed_at[key] = part.licensed_at[key]
            continue
        mine[0] += counts[0]
        mine[1] += counts[1]
        model.cited_at[key] = min(model.cited_at[key], part.cited_at[key])
        if counts[2] is not None and (mine[2] is None or part.licensed_at[key] < model.licensed_at[key]):
            mine[2] = counts[2]  # the licence first given, whichever part saw it
            model.licensed_at[key] = part.licensed_at[key]
    return part.added


def _order(model: ReadModel) -> None:
    """Streams, councils, geographies, damage and citations in the order one fold meets them."""
    streams = sorted(model.streams.values(), key=lambda index: model.opened_at[index.originator])
    model.streams = {index.originator: index for index in streams}
    model.councils, model.geos = {}, {}
    for index in streams:
        if isinstance(index, StreamIndex):
            model.councils[index.code] = index
        else:
            model.geos[index.code] = index
    model.damaged.sort(key=lambda damage: damage.position)
    cited = sorted(model.citations.items(), key=lambda item: model.cited_at[item[0]])
    model.citations = dict(cited)

