"""One size's measurements, run in a fresh process so its peak memory is its own.

    python -m bench.measure STORE.db [REPEAT]   -> prints one JSON object
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson

from bench.analysis import measure_analysis
from tracker.councils import current_authorities
from tracker.readside.decode import RowDecoder
from tracker.readside.live_model import LiveReadModel
from tracker.readside.row_source import RowSource
from tracker.readside.saved_model import store_for
from tracker.service import Tracker
from tracker.store import open_store

SOURCE = {"publisher": "Department for Education", "title": "bench"}
# The environment variable naming the file whose presence asks bench/run.py to sample the
# memory of this process and its helpers (see sampled).
SAMPLE_FLAG = "TRACKER_BENCH_SAMPLE_FLAG"


@contextmanager
def sampled() -> Iterator[None]:
    """The memory of this process and its helpers sampled by bench/run.py while inside (run
    alone, nothing does): kept apart from anything timed, which it would slow."""
    flag = os.environ.get(SAMPLE_FLAG)
    if flag:
        Path(flag).touch()
    try:
        yield
    finally:
        if flag:
            Path(flag).unlink(missing_ok=True)


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def floor(path: str) -> tuple[float, int]:
    """The floor: a raw sqlite3 SELECT of the same rows and json.loads of each state."""
    def run() -> int:
        connection = sqlite3.connect(path)
        count = 0
        for _rowid, _originator, _version, _topic, state in connection.execute(
                "SELECT rowid, originator_id, originator_version, topic, state FROM stored_events"):
            json.loads(state)
            count += 1
        connection.close()
        return count
    return timed(run)


def library_default(app: Any) -> tuple[float, int]:
    """eventsourcing's own path: select_notifications + mapper.to_domain_event."""
    def run() -> int:
        count, start = 0, 1
        while True:
            batch = app.recorder.select_notifications(start=start, limit=5000)
            if not batch:
                return count
            for notification in batch:
                app.mapper.to_domain_event(notification)
            count += len(batch)
            start = batch[-1].id + 1
    return timed(run)


def library_rows_orjson(app: Any) -> tuple[float, int]:
    """The library's per-row Notification objects, decoded by our orjson path."""
    source = RowSource(app)
    source.path = None  # the generic path PostgreSQL uses
    decoder = RowDecoder(app.mapper)
    return timed(lambda: sum(1 for batch in source.batches(0) for _ in decoder.decode(batch)))


def raw_orjson(path: str) -> float:
    """Batched raw rows + orjson alone (what our decoder adds to the floor)."""
    def run() -> None:
        connection = sqlite3.connect(path)
        for row in connection.execute("SELECT rowid, originator_id, originator_version, topic, state "
                                      "FROM stored_events"):
            orjson.loads(row[4])
        connection.close()
    return timed(run)[0]


def add_one(tracker: Tracker, rng: random.Random, n: int) -> str:
    council = rng.choice(list(current_authorities())).la_code
    return tracker.add(council, "workforce", {"as_at": "2026-09-30", "caseload": round(10 + n / 1000, 3),
                                              "source": {**SOURCE, "url": f"https://bench/{n}"}})


def rebuild(app: Any) -> tuple[float, LiveReadModel]:
    read = LiveReadModel(app, persist=False)  # no saved model, no save inside the timing
    seconds, _ = timed(read.refresh)
    return seconds, read


def cpu_seconds() -> float:
    """CPU time of this process and of the processes it has waited for (a split rebuild's)."""
    mine, theirs = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + theirs.ru_utime + theirs.ru_stime


def measure(original: str, repeat: int) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    path = str(work / "tracker.db")
    shutil.copyfile(original, path)
    out: dict[str, Any] = {}
    app = open_store(path)
    floors, rebuilds, cpu = [], [], []
    for _ in range(repeat):  # interleaved, best of each: the machine is shared
        seconds, out["events"] = floor(path)
        floors.append(seconds)
        before = cpu_seconds()
        seconds, read = rebuild(app)
        rebuilds.append(seconds)
        cpu.append(cpu_seconds() - before)
        del read
    out["floor_s"], out["rebuild_s"] = min(floors), min(rebuilds)
    out["rebuild_cpu_s"] = min(cpu)  # every process's CPU time: a split rebuild uses more than its wall time
    with sampled():  # one more, untimed: its helpers' memory and this process's, together
        _, read = rebuild(app)
    read.saver = store_for(app, read.source)
    out["save_s"], _ = timed(read.save)
    out["readmodel_bytes"] = Path(path + ".readmodel").stat().st_size
    read.close()
    del read

    tracker = Tracker(app, today=date(2026, 11, 23))
    rng = random.Random(1)
    for n in range(100):  # 100 new events the saved model does not include
        add_one(tracker, rng, n)
    started = Tracker(app, today=date(2026, 11, 23))
    out["start_catch_up_s"], out["caught_up"] = timed(started.refresh)

    days = [date(1960, 1, 1) + timedelta(days=rng.randrange(24000)) for _ in range(30)]
    query_times = [timed(lambda d=d: started.councils(as_of=d))[0] for d in days]  # type: ignore[misc]
    out["query_all_p50_s"] = statistics.median(query_times)
    out["query_all_max_s"] = max(query_times)
    la = rng.choice(list(current_authorities())).la_code
    out["show_first_s"], _ = timed(lambda: started.show(la, as_of=days[0]))
    out["show_next_s"], _ = timed(lambda: started.show(la, as_of=days[1]))
    out["peak_rss_readside_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.update(measure_analysis(started, date(2026, 11, 23), days))  # in the whole run's peak

    out["raw_orjson_s"] = raw_orjson(path)
    out["library_default_s"], _ = library_default(app)
    out["library_rows_orjson_s"], _ = library_rows_orjson(app)

    appends = [timed(lambda n=n: add_one(started, rng, 1000 + n))[0] for n in range(200)]  # type: ignore[misc]
    appends.sort()
    out["append_p50_s"] = appends[len(appends) // 2]
    out["append_p99_s"] = appends[int(len(appends) * 0.99) - 1]

    lines = []
    for n in range(1000):
        council = rng.choice(list(current_authorities())).name
        lines.append(json.dumps({"council": council, "kind": "workforce", "as_at": "2026-09-30",
                                 "caseload": 15.5, "source": {**SOURCE, "url": f"https://import/{n}"}}))
    batch = work / "batch.jsonl"
    batch.write_text("\n".join(lines) + "\n")
    out["import_1000_s"], _ = timed(lambda: started.import_file(batch))
    started.close()
    app.close()
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["helper_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    shutil.rmtree(work)
    return out


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3)))
