"""A rebuild folded in parts, a process a part, equals the one fold: every stream's index,
the damage, the skipped rows, the citations in order with the licence first given, and
the decoder's counts. A part whose process fails is folded by the caller instead."""

from __future__ import annotations

import gc
import io
import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from itertools import pairwise
from pathlib import Path
from typing import IO, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.synth import generate
from events.council import council_id
from tests.conftest import TODAY
from tests.reliability.tamper import flip_byte, run_sql
from tests.tracker.readside.test_damage import rich_history
from tracker.councils import current_authorities
from tracker.readside import split_rebuild
from tracker.readside.decode import RowDecoder
from tracker.readside.read_model import ReadModel
from tracker.readside.row_source import RowSource
from tracker.readside.split_rebuild import FIRST_SHARE, SPLIT_FROM, fold_split, shards, worth_splitting
from tracker.service import Tracker
from tracker.store import open_store

SOURCE = {"publisher": "Ofsted", "title": "Shared letter"}


Outcome = tuple[Any, list[Any], tuple[int, int], list[str]]


def outcome(model: ReadModel, decoder: RowDecoder) -> Outcome:
    """What a fold made: the model, its citations in order, the decoder's counts, the streams' order."""
    counts = (decoder.fast_rows, decoder.library_rows)
    return model.dump(), list(model.citations.items()), counts, list(model.streams)


def one_fold(tracker: Tracker) -> Outcome:
    source, decoder, model = RowSource(tracker.app), RowDecoder(tracker.app.mapper), ReadModel()
    for batch in source.batches(0):
        model.fold(decoder.decode(batch))
        model.position = max(model.position, batch[-1][0])  # as a refresh does
    model.settle()
    source.close()
    return outcome(model, decoder)


def split_fold(tracker: Tracker, parts: int) -> Outcome:
    source, decoder, model = RowSource(tracker.app), RowDecoder(tracker.app.mapper), ReadModel()
    stop = source.max_position()
    added = fold_split(model, source, decoder, stop, parts)
    model.position = max(model.position, stop)
    source.close()
    assert added > 0
    return outcome(model, decoder)


def councils_in(shard: int, parts: int = 2) -> list[str]:
    """Councils whose streams fall in a shard of a split in ``parts``."""
    low, high = shards(parts)[shard]
    return [a.la_code for a in sorted(current_authorities(), key=lambda a: a.la_code)
            if (low is None or council_id(a.la_code).hex >= low)
            and (high is None or council_id(a.la_code).hex < high)]


def cite(tracker: Tracker, la_code: str, day: str, licence: str | None) -> None:
    source = {**SOURCE, "url": f"https://o/{la_code}/{day}"}
    if licence:
        source["licence"] = licence
    tracker.add(la_code, "focused_visit", {"occurred_on": day, "theme": "front door", "source": source})


def history(tracker: Tracker, store_path: str) -> None:
    """Every kind of event, a damaged one, a stream nobody opened, and one citation made in
    both shards whose licence is first given in the second shard's stream."""
    rich_history(tracker)
    late, early = councils_in(1)[0], councils_in(0)[0]
    cite(tracker, late, "2024-01-02", None)  # first cited in shard 1, with no licence
    cite(tracker, early, "2024-01-03", "OGL v3.0")  # the licence first given: shard 0
    cite(tracker, late, "2024-01-04", "CC BY 4.0")  # a later one: shard 1
    for council in (late, early):  # openings, damaged in both shards: their streams read on by id
        flip_byte(store_path, tracker.log(council)[0]["position"])
    run_sql(store_path, "INSERT INTO {table} (originator_id, originator_version, topic, state) "
            "SELECT 'ffffffffffffffffffffffffffffffff', 1, topic, state FROM {table} "
            "WHERE topic LIKE '%FocusedVisitRecorded' LIMIT 1")


@pytest.mark.parametrize("parts", [2, 3, 4])
def test_a_split_rebuild_equals_one_fold(tracker: Tracker, store_path: str, parts: int) -> None:
    history(tracker, store_path)
    expected = one_fold(tracker)
    dump, citations, counts, streams = split_fold(tracker, parts)
    assert dump == expected[0]
    assert citations == expected[1]
    assert counts == expected[2]
    assert streams == expected[3]
    shared = dict(citations)[("Ofsted", "Shared letter", None)]
    assert shared == [3, 0, "OGL v3.0"]
    assert dump[4] == 1 and len(dump[5]) == 2  # the unopened stream's row skipped; the damaged rows named


def test_a_part_larger_than_its_pipe_arrives_whole(tracker: Tracker, store_path: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    history(tracker, store_path)
    expected = one_fold(tracker)
    monkeypatch.setattr("tracker.readside.split_rebuild.PIPE_BYTES", 4096)  # the least a pipe holds
    assert split_fold(tracker, 2) == expected


def test_a_part_cut_short_is_folded_here(tracker: Tracker, store_path: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The other process ends well but its part stops midway: the part is not half-read."""
    history(tracker, store_path)
    expected = one_fold(tracker)
    whole = split_rebuild._write

    def half(out: IO[bytes], part: split_rebuild.Part) -> None:
        written = io.BytesIO()
        whole(written, part)
        out.write(written.getvalue()[: len(written.getvalue()) // 2])

    monkeypatch.setattr(split_rebuild, "_write", half)  # the forked process writes half
    assert split_fold(tracker, 2) == expected


def test_stream_lengths_are_each_streams_events(tracker: Tracker, store_path: str) -> None:
    history(tracker, store_path)
    source, decoder, model = RowSource(tracker.app), RowDecoder(tracker.app.mapper), ReadModel()
    for batch in source.batches(0, batch=7):  # many batches: their seams lose nothing
        model.fold(decoder.decode(batch))
    model.settle()
    absent = "0" * 32
    lengths = source.stream_lengths([*model.streams, absent])
    assert absent not in lengths
    assert lengths == {originator: len(index.positions) for originator, index in model.streams.items()}
    assert source.stream_lengths([]) == {}
    source.close()


def test_a_part_whose_process_fails_is_folded_here(tracker: Tracker, store_path: str, tmp_path: Path) -> None:
    history(tracker, store_path)
    expected = one_fold(tracker)
    source, decoder, model = RowSource(tracker.app), RowDecoder(tracker.app.mapper), ReadModel()
    stop = source.max_position()  # this process's connection is open on the file
    moved = tmp_path / "moved.db"
    os.rename(store_path, moved)  # the other process finds no store where it looks
    try:
        fold_split(model, source, decoder, stop, 2)
    finally:
        os.rename(moved, store_path)
    model.position = max(model.position, stop)
    assert model.dump() == expected[0]
    assert list(model.citations.items()) == expected[1]


def test_shards_take_every_row_once(tracker: Tracker, store_path: str) -> None:
    cite(tracker, "Sutton", "2023-05", None)
    for odd in ("ZZZ", "", "{", "0", "g", "FFFF"):
        run_sql(store_path, "INSERT INTO {table} (originator_id, originator_version, topic, state) "
                "VALUES (?, 1, 'x', ?)", odd, b"{}")
    run_sql(store_path, "INSERT INTO {table} (originator_id, originator_version, topic, state) "
            "VALUES (NULL, 1, 'x', ?)", b"{}")
    run_sql(store_path, "INSERT INTO {table} (originator_id, originator_version, topic, state) "
            "VALUES (?, 1, 'x', ?)", b"\x01", b"{}")
    source = RowSource(tracker.app)
    every = sorted(r[0] for batch in source.batches(0) for r in batch)
    for parts in (1, 2, 3, 4):
        cut = shards(parts)
        assert cut[0][0] is None and cut[-1][1] is None and len(cut) == parts
        found = sorted(r[0] for shard in cut for batch in source.batches(0, shard=shard) for r in batch)
        assert found == every
    source.close()


@settings(max_examples=300, deadline=None)
@given(lengths=st.dictionaries(st.text("0123456789abcdef", min_size=32, max_size=32), st.integers(1, 10_000),
                               max_size=40),
       parts=st.integers(1, 4))
def test_shards_by_length_are_ordered_cover_everything_and_share_the_events(lengths: dict[str, int],
                                                                          parts: int) -> None:
    cut = shards(parts, lengths)
    assert 1 <= len(cut) <= parts
    assert cut[0][0] is None and cut[-1][1] is None
    bounds = [high for _, high in cut[:-1]]
    assert all(a is not None and b is not None and a < b for a, b in pairwise(bounds))
    assert all(cut[i][1] == cut[i + 1][0] for i in range(len(cut) - 1))
    if lengths and parts > 1:  # no part holds much more than its share plus one stream
        total, biggest = sum(lengths.values()), max(lengths.values())
        share = max(FIRST_SHARE, (parts - FIRST_SHARE) / (parts - 1)) * total / parts
        for low, high in cut:
            held = sum(n for k, n in lengths.items()
                       if (low is None or k >= low) and (high is None or k < high))
            assert held <= share + biggest


def test_only_a_rebuild_from_nothing_of_a_file_by_one_thread_is_split(
        tracker: Tracker, monkeypatch: pytest.MonkeyPatch) -> None:
    source = RowSource(tracker.app)
    monkeypatch.setattr("tracker.readside.split_rebuild.cores", lambda: 2)
    assert worth_splitting(ReadModel(), source, SPLIT_FROM)
    assert not worth_splitting(ReadModel(), source, SPLIT_FROM - 1)
    started = ReadModel()
    started.position = 1
    assert not worth_splitting(started, source, SPLIT_FROM)
    waiting = threading.Event()
    other = threading.Thread(target=waiting.wait)
    other.start()
    try:
        assert not worth_splitting(ReadModel(), source, SPLIT_FROM)
    finally:
        waiting.set()
        other.join()
    monkeypatch.setattr("tracker.readside.split_rebuild.cores", lambda: 1)
    assert not worth_splitting(ReadModel(), source, SPLIT_FROM)
    source.close()


def test_a_database_server_is_read_by_one_process(postgres_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tracker.readside.split_rebuild.cores", lambda: 2)
    app = open_store(postgres_url)
    try:
        source = RowSource(app)
        assert source.path is None
        assert not worth_splitting(ReadModel(), source, SPLIT_FROM)
        with pytest.raises(ValueError, match="only a SQLite file"):
            next(source.batches(0, shard=(None, "8")))
    finally:
        app.close()


def test_a_first_start_splits_and_answers_as_one_fold(store_path: str, monkeypatch: pytest.MonkeyPatch,
                                                     tracker: Tracker) -> None:
    history(tracker, store_path)
    expected = one_fold(tracker)
    monkeypatch.setattr("tracker.readside.split_rebuild.SPLIT_FROM", 1)
    monkeypatch.setattr("tracker.readside.split_rebuild.cores", lambda: 2)
    called: list[int] = []
    real: Callable[..., int] = fold_split

    def counted(*args: Any) -> int:
        called.append(1)
        return real(*args)

    monkeypatch.setattr("tracker.readside.live_model.fold_split", counted)
    fresh = Tracker(open_store(store_path), today=TODAY)
    try:
        fresh.refresh()
        assert called == [1]
        assert fresh.read_model.ready().dump() == expected[0]
    finally:
        fresh.app.close()


def assert_an_interrupt_leaves_no_process(store_path: str,
                                          interrupting: AbstractContextManager[None]) -> None:
    """A split of 12,000 events interrupted as ``interrupting`` arranges: it raises, and no
    process of ours is left, running or unreaped."""
    app = open_store(store_path)
    try:
        generate(app, 12_000)
        source, decoder = RowSource(app), RowDecoder(app.mapper)
        with interrupting, pytest.raises(KeyboardInterrupt):
            fold_split(ReadModel(), source, decoder, source.max_position(), 2)
        with pytest.raises(ChildProcessError):
            os.waitpid(-1, os.WNOHANG)
        source.close()
    finally:
        app.close()


@contextmanager
def alarm_while_folding() -> Iterator[None]:
    """An interrupt 20 ms in, while this process folds its part."""
    def interrupt(*_: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    gc.disable()  # as a refresh folds (and no collection's callback swallows the interrupt)
    signal.setitimer(signal.ITIMER_REAL, 0.02)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        gc.enable()


@contextmanager
def interrupt_after_each_fork(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """An interrupt in the instant after a process is forked, before the caller lists it."""
    fork = os.fork

    def fork_then_interrupt() -> int:
        pid = fork()
        if pid:
            signal.raise_signal(signal.SIGINT)  # Python raises KeyboardInterrupt at once
        return pid

    monkeypatch.setattr(os, "fork", fork_then_interrupt)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def test_an_interrupted_split_leaves_no_process_behind(store_path: str) -> None:
    assert_an_interrupt_leaves_no_process(store_path, alarm_while_folding())


def test_an_interrupt_right_after_a_fork_still_stops_that_process(store_path: str,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The interrupt lands in the instant before the new process is listed: it is held until
    the process is listed, so the process is still stopped and waited for."""
    assert_an_interrupt_leaves_no_process(store_path, interrupt_after_each_fork(monkeypatch))
