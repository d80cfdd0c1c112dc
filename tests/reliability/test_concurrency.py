"""Several processes append at once, to one shared council and to their own:
nothing is lost or doubled, streams stay contiguous, and a long-lived reader that
caught up while they wrote sees exactly what a fresh process rebuilds."""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import TODAY
from tests.reliability.helpers import assert_contiguous, projections, spawn_worker, streams, worker
from tracker.service import Tracker
from tracker.store import open_store

WORKERS = 4
EACH = 200
SHARED = "937"
OWN = ("873", "319", "855", "886")


@pytest.mark.slow
def test_parallel_appends_lose_and_double_nothing(store_url: str, tmp_path: Path) -> None:
    long_lived = Tracker(open_store(store_url), today=TODAY)
    long_lived.refresh()
    go = tmp_path / "go"
    procs = [
        spawn_worker("append", store_url, f"w{n}", str(EACH), SHARED, OWN[n], str(go)) for n in range(WORKERS)
    ]
    time.sleep(1.0)  # let every worker open the store before the start signal
    go.touch()
    refreshes = 0
    while any(p.poll() is None for p in procs):
        long_lived.refresh()  # catch up while others write: no event may be skipped
        refreshes += 1
        time.sleep(0.05)
    outputs = [p.communicate() for p in procs]
    for proc, (_, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err.decode(errors="replace")[-3000:]
    answers = [json.loads(out) for out, _ in outputs]
    ids = [event_id for answer in answers for event_id in answer["ids"]]
    conflicts = sum(answer["conflicts"] for answer in answers)
    print(f"{conflicts} version conflicts retried, {refreshes} refreshes while writing")

    assert len(ids) == WORKERS * EACH
    assert len(set(ids)) == len(ids), "two appends were given the same id"
    found = streams(store_url)
    assert_contiguous(found)
    assert len(found) == 1 + WORKERS
    per_stream = sorted(len(rows) for rows in found.values())
    assert per_stream == sorted([1 + WORKERS * EACH // 2] + [1 + EACH // 2] * WORKERS)

    seen = projections(long_lived, (SHARED, *OWN))
    persons = Counter(e["data"]["person"] for e in seen["log"] if e["type"] == "leadership_change")
    expected = {f"w{n}-{i}" for n in range(WORKERS) for i in range(EACH)}
    assert set(persons) == expected and set(persons.values()) == {1}
    by_id = {e["id"]: e["data"].get("person") for e in seen["log"]}
    for n, answer in enumerate(answers):  # each id names the fact its writer appended
        for i, event_id in enumerate(answer["ids"]):
            assert by_id[event_id] == f"w{n}-{i}"
            assert event_id.startswith(SHARED if i % 2 == 0 else OWN[n])

    fresh = worker("project", store_url, SHARED, *OWN)
    assert fresh == seen
    assert refreshes > 1
    assert conflicts > 0, "no two writers raced: the retry path went untested"
    long_lived.app.close()
