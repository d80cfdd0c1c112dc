"""`tracker verify` passes a sound store and names each kind of damage plainly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from tests.conftest import TODAY
from tests.reliability.helpers import cli, import_records, write_jsonl
from tracker.service import Tracker
from tracker.store import open_store
from tracker.verify import verify


def damage(store: str, statement: str, *params: Any) -> None:
    """Run SQL against the events table behind the library's back ({table}, {pos})."""
    if store.startswith("postgresql://"):
        import psycopg

        schema = parse_qs(urlparse(store).query)["schema"][0]
        sql = statement.format(table=f'"{schema}".inspectiontracker_events', pos="notification_id")
        with psycopg.connect(store.split("?")[0], autocommit=True) as db:
            db.execute(sql.replace("?", "%s"), params)  # type: ignore[arg-type]
    else:
        import sqlite3

        with sqlite3.connect(store) as db:
            db.execute(statement.format(table="stored_events", pos="rowid"), params)


def stored_state(store: str, position: int) -> bytes:
    app = open_store(store)
    try:
        (row,) = app.recorder.select_notifications(start=position, limit=1)
        return bytes(row.state)
    finally:
        app.close()


@pytest.fixture
def sound_store(store_url: str, tmp_path: Path) -> str:
    records = import_records("v", 40, codes=("937", "319", "873"))
    assert cli(store_url, "import", str(write_jsonl(tmp_path / "v.jsonl", records))).returncode == 0
    return store_url


def test_a_sound_store_verifies(sound_store: str) -> None:
    done = cli(sound_store, "verify")
    assert done.returncode == 0, done.stdout + done.stderr
    assert b"checked 43 events in 3 streams: no problems" in done.stdout


def test_a_missing_event_is_reported(sound_store: str) -> None:
    damage(sound_store, "DELETE FROM {table} WHERE {pos} = ?", 10)
    done = cli(sound_store, "verify")
    assert done.returncode == 1
    assert b"versions are not contiguous" in done.stdout and b"problem:" in done.stdout


def test_an_undecodable_event_is_reported(sound_store: str) -> None:
    damage(sound_store, "UPDATE {table} SET state = ? WHERE {pos} = ?", b"{not json", 7)
    done = cli(sound_store, "verify", "--json")
    assert done.returncode == 1
    assert b"log position 7" in done.stdout and b"cannot decode" in done.stdout
    assert b"Traceback" not in done.stderr


def test_an_unknown_event_type_is_reported(sound_store: str) -> None:
    damage(sound_store, "UPDATE {table} SET topic = ? WHERE {pos} = ?", "somewhere.else:Thing", 5)
    done = cli(sound_store, "verify")
    assert done.returncode == 1 and b"unknown event type 'somewhere.else:Thing'" in done.stdout


def test_a_stream_that_cannot_replay_is_reported(sound_store: str) -> None:
    """A correction whose target does not exist: every row decodes, the fold fails."""
    log = json.loads(cli(sound_store, "log", "--json").stdout)
    (position,) = [e["position"] for e in log if e["type"] == "correction"]
    state = json.loads(stored_state(sound_store, position))
    state["target"] = 999
    damage(sound_store, "UPDATE {table} SET state = ? WHERE {pos} = ?", json.dumps(state).encode(), position)
    done = cli(sound_store, "verify")
    assert done.returncode == 1 and b"replaying the stream fails" in done.stdout


def test_a_wrong_saved_read_model_is_reported(sound_store: str) -> None:
    tracker = Tracker(open_store(sound_store), today=TODAY)
    tracker.refresh()
    model = tracker.read_model.ready()
    model.councils.pop("319")  # a model that forgot a council, saved as if sound
    assert tracker.read_model.save()
    report = verify(Tracker(tracker.app, TODAY))
    assert not report.ok
    assert any("read model" in problem for problem in report.problems)
    tracker.app.close()
