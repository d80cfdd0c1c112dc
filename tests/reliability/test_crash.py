"""kill -9 at random moments: an import is all there or not there at all (and
running it again completes it); a read model killed while being saved is
detected on the next start, which catches up or rebuilds to the right answers."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.conftest import TODAY
from tests.reliability.helpers import (
    REPO,
    assert_contiguous,
    child_env,
    cli,
    import_records,
    leadership,
    spawn_worker,
    streams,
    write_jsonl,
)
from tracker.application import TrackerApplication
from tracker.readside.live_model import LiveReadModel
from tracker.service import Tracker
from tracker.store import open_store

TRIALS = 20
EVENTS = 300  # per import file: 298 facts, a correction and a retraction


def row_count(app: TrackerApplication) -> int:
    found = streams(app)
    assert_contiguous(found)
    return sum(len(rows) for rows in found.values())


def start_import(store: str, path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", "--store", store, "import", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=child_env(),
        cwd=REPO,
    )


def writing_started(store: str) -> Callable[[], bool]:
    """A cheap probe that turns true once the importer is inside its write: SQLite's
    WAL grows (frames are appended as the transaction commits); PostgreSQL's
    events table is locked by another session (taken first in the transaction)."""
    if not store.startswith("postgresql://"):
        wal = Path(store + "-wal")
        size = wal.stat().st_size if wal.exists() else 0
        return lambda: wal.exists() and wal.stat().st_size != size
    import psycopg

    schema = parse_qs(urlparse(store).query)["schema"][0]
    db = psycopg.connect(store.split("?")[0], autocommit=True)
    query = (
        "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s "
        "AND c.relname = 'inspectiontracker_events' AND l.mode = 'ExclusiveLock' "
        "AND l.pid <> pg_backend_pid()"
    )

    def probe() -> bool:
        row = db.execute(query, (schema,)).fetchone()
        return bool(row and row[0])

    return probe


def kill_when_writing(proc: subprocess.Popen[bytes], probe: Callable[[], bool], rng: random.Random) -> None:
    deadline = time.monotonic() + 30
    while proc.poll() is None and time.monotonic() < deadline and not probe():
        time.sleep(0.0005)  # leave the importer a core
    time.sleep(rng.uniform(0, 0.003))
    proc.kill()


@pytest.mark.slow
def test_killed_import_is_all_or_nothing(store_url: str, tmp_path: Path) -> None:
    """Even trials die at a random moment of the whole run; odd ones just after the
    write began, where a non-atomic import would leave part of the file."""
    rng = random.Random(20261123)
    calibration = write_jsonl(tmp_path / "calibrate.jsonl", import_records("cal", EVENTS))
    started = time.monotonic()
    assert cli(store_url, "import", str(calibration)).returncode == 0
    full_run = time.monotonic() - started
    app = open_store(store_url)
    outcomes = {"none": 0, "all": 0}
    for trial in range(TRIALS):
        path = write_jsonl(tmp_path / f"t{trial}.jsonl", import_records(f"t{trial}", EVENTS))
        before = row_count(app)
        probe = writing_started(store_url)
        proc = start_import(store_url, path)
        if trial % 2:
            kill_when_writing(proc, probe, rng)
        else:
            time.sleep(rng.uniform(0.3, 1.1) * full_run)  # start-up, reading, validating, writing
            proc.kill()
        proc.wait()
        middle = row_count(app)
        again = cli(store_url, "import", str(path), "--json")
        assert again.returncode == 0, again.stderr.decode(errors="replace")
        after = row_count(app)
        assert after - before == EVENTS, "running the import again did not complete it"
        assert middle in (before, after), f"trial {trial}: {middle - before} of {EVENTS} events written"
        outcomes["none" if middle == before else "all"] += 1
        assert b'"added": %d' % (EVENTS - 2 if middle == before else 0) in again.stdout
    app.close()
    print(f"kill -9 outcomes over {TRIALS} trials (full run {full_run:.2f}s): {outcomes}")
    assert outcomes["none"] > 0, "no kill landed before the commit: the test proved nothing"


def flip(blob: bytes, at: int) -> bytes:
    return blob[:at] + bytes([blob[at] ^ 0x01]) + blob[at + 1 :]


def _model_dump(store: str, persist: bool) -> tuple[object, ...]:
    app = open_store(store)
    try:
        live = LiveReadModel(app, persist=persist)
        live.refresh()
        return live.ready().dump()
    finally:
        app.close()


@pytest.mark.slow
def test_read_model_killed_while_saving(store_url: str, tmp_path: Path) -> None:
    rng = random.Random(7)
    records = import_records("base", 400)
    assert cli(store_url, "import", str(write_jsonl(tmp_path / "base.jsonl", records))).returncode == 0
    tracker = Tracker(open_store(store_url), today=TODAY)
    for trial in range(10):
        saver = spawn_worker("save-model", store_url)
        assert saver.stdout is not None
        assert saver.stdout.readline().strip() == b"ready", saver.stderr.read() if saver.stderr else b""
        time.sleep(rng.uniform(0.0, 0.2))  # the worker does nothing but save: land mid-write
        saver.kill()
        saver.wait()
        # Events the saved model has not seen: the next start must catch up on them.
        tracker.add("Sutton", "leadership_change", leadership(f"after-kill-{trial}"))
        assert _model_dump(store_url, persist=True) == _model_dump(store_url, persist=False)
    tracker.app.close()


def test_corrupt_saved_model_is_rebuilt(store_url: str, tmp_path: Path, backend: str) -> None:
    """A torn or foreign read model file never gives wrong answers: it is rebuilt."""
    if backend != "sqlite":
        pytest.skip("the PostgreSQL model is replaced in one transaction: it cannot tear")
    records = import_records("base", 60)
    assert cli(store_url, "import", str(write_jsonl(tmp_path / "base.jsonl", records))).returncode == 0
    app = open_store(store_url)
    live = LiveReadModel(app)
    live.refresh()
    assert live.save()
    saved = Path(store_url + ".readmodel")
    blob = saved.read_bytes()
    expected = _model_dump(store_url, persist=False)
    for damaged in (blob[: len(blob) // 2], blob[:-7], b"", b"\x00" * len(blob), flip(blob, len(blob) // 2)):
        saved.write_bytes(damaged)
        assert _model_dump(store_url, persist=True) == expected
    app.close()
