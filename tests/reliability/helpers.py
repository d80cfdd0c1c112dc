"""Shared by the reliability tests: run the real CLI in a child process, read a
store's raw streams, and make distinct facts and import files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tracker.application import TrackerApplication
from tracker.store import open_store

REPO = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).resolve().parent / "worker.py"
SOURCE = {"publisher": "Test Gazette", "title": "Reliability", "published": "2020-01"}
CODES = ("937", "873", "319", "855", "886", "305", "330", "340")  # real LA numbers


def child_env(**extra: str) -> dict[str, str]:
    """The environment a child process runs the tracker with: this checkout, wide output."""
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_STORE"}
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env["COLUMNS"] = "400"
    env.pop("FORCE_COLOR", None)
    env.update(extra)
    return env


def cli(store: str, *args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess[bytes]:
    """`python -m tracker --store STORE ARGS...`, output as bytes (to check every byte)."""
    return subprocess.run(
        [sys.executable, "-m", "tracker", "--store", store, *args],
        capture_output=True,
        timeout=timeout,
        env=child_env(**env),
        cwd=REPO,
        check=False,
    )


def worker(*args: str, timeout: float = 300) -> Any:
    """Run tests/reliability/worker.py in a fresh process; returns its JSON answer."""
    done = subprocess.run(
        [sys.executable, str(WORKER), *args],
        capture_output=True,
        timeout=timeout,
        env=child_env(),
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-3000:]
    return json.loads(done.stdout)


def spawn_worker(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=child_env(),
        cwd=REPO,
    )


def streams(store: str | TrackerApplication) -> dict[str, list[tuple[int, str]]]:
    """Every stored row, raw: stream id -> [(version, topic)] in log order."""
    app = open_store(store) if isinstance(store, str) else store
    try:
        found: dict[str, list[tuple[int, str]]] = defaultdict(list)
        start = 1
        while batch := app.recorder.select_notifications(start=start, limit=5000):
            for row in batch:
                found[str(row.originator_id)].append((row.originator_version, row.topic))
            start = batch[-1].id + 1
        return dict(found)
    finally:
        if isinstance(store, str):
            app.close()


def assert_contiguous(found: dict[str, list[tuple[int, str]]]) -> None:
    """Each stream: versions 1..n in log order, opening with Opened."""
    for stream, rows in found.items():
        versions = [v for v, _ in rows]
        assert versions == list(range(1, len(rows) + 1)), f"stream {stream}: {versions[:20]}"
        assert rows[0][1].endswith(".Opened"), stream


def fact_count(store: str) -> int:
    return sum(1 for rows in streams(store).values() for _, topic in rows if not topic.endswith(".Opened"))


def leadership(tag: str, year: int = 2020) -> dict[str, Any]:
    """A distinct, valid fact: its person names it."""
    return {"occurred_on": str(year), "role": "DCS", "change": "appointed", "person": tag, "source": SOURCE}


def import_records(tag: str, count: int, codes: Sequence[str] = CODES) -> list[dict[str, Any]]:
    """``count`` distinct file events spread over councils, with a correction and a retraction."""
    records: list[dict[str, Any]] = []
    for i in range(count - 2):
        code = codes[i % len(codes)]
        records.append({"id": f"{tag}-{i}", "council": code, "kind": "leadership_change",
                        **leadership(f"{tag}-{i}", 2000 + i % 25)})
    records.append({"kind": "correction", "target": f"{tag}-0", "changes": {"person": f"{tag}-0-fixed"},
                    "reason": "misspelt"})
    records.append({"kind": "retraction", "target": f"{tag}-1", "reason": "duplicate report"})
    return records


def write_jsonl(path: Path, records: Sequence[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def projections(tracker: Any, codes: Sequence[str] = CODES) -> dict[str, Any]:
    """What a reader sees: every council row (now and in the past), each council's
    `show`, and the raw log — as JSON values, so two processes compare exactly."""
    from datetime import date

    past = date(2012, 6, 30)
    answer = {
        "councils": tracker.councils(),
        "councils_past": tracker.councils(as_of=past),
        "show": {code: tracker.show(code) for code in codes},
        "show_past": {code: tracker.show(code, as_of=past) for code in codes},
        "log": tracker.log(),
    }
    return json.loads(json.dumps(answer, default=str))
