"""A store written before ``Council.Corrected`` gained ``previous`` (class_version 2)
still loads: through the aggregate (snapshot included), the read side, verify,
and a backup into a store of today's shape."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from tests.conftest import TODAY
from tests.reliability.helpers import cli
from tracker.service import Tracker
from tracker.store import open_store

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "v1_store.db"


def v1_copy(tmp_path: Path) -> str:
    target = tmp_path / "old.db"
    shutil.copyfile(FIXTURE, target)
    target.chmod(0o600)
    return str(target)


def stored_state(path: str, rowid: int) -> dict[str, object]:
    with sqlite3.connect(path) as db:
        (state,) = db.execute("SELECT state FROM stored_events WHERE rowid = ?", (rowid,)).fetchone()
    return dict(json.loads(state))


def test_fixture_really_is_version_1(tmp_path: Path) -> None:
    path = v1_copy(tmp_path)
    old = stored_state(path, 3)
    assert "previous" not in old and "class_version" not in old and old["target"] == 2
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM stored_snapshots").fetchone() == (1,)


def test_old_events_load_through_the_aggregate_and_read_side(tmp_path: Path) -> None:
    path = v1_copy(tmp_path)
    tracker = Tracker(open_store(path), today=TODAY)
    council = tracker.load("937")  # from the version-1 snapshot plus a later event
    assert council.version == 4
    assert council.facts["2"]["fields"]["published_on"] == "2019-03-15"
    correction = [e for e in tracker.log("937") if e["type"] == "correction"]
    assert correction[0]["data"]["previous"] is None  # upcast: it was never stored
    assert correction[0]["data"]["changes"] == {"published_on": "2019-03-15"}
    shown = tracker.show("Warwickshire", as_of=TODAY)
    assert "2019-03-15" in json.dumps(shown)

    new_id = tracker.correct("937-2", {"theme": "children in need"}, "shorter theme")
    assert new_id == "937-5"
    latest = [e for e in tracker.log("937") if e["type"] == "correction"][-1]
    assert latest["data"]["previous"] == {"theme": "children in need and subject to a child protection plan"}
    tracker.app.close()
    assert stored_state(path, 8)["class_version"] == 2  # new events are written as version 2


def test_old_store_verifies_and_backs_up_into_a_new_store(tmp_path: Path, store_url: str) -> None:
    path = v1_copy(tmp_path)
    checked = cli(path, "verify")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    exported = tmp_path / "old.jsonl"
    assert cli(path, "export", "--output", str(exported)).returncode == 0
    assert cli(store_url, "import", str(exported)).returncode == 0
    old = Tracker(open_store(path), today=TODAY)
    new = Tracker(open_store(store_url), today=TODAY)
    for code in ("937", "319"):
        assert new.show(code) == old.show(code)
        past = TODAY.replace(year=2019)
        assert new.show(code, as_of=past) == old.show(code, as_of=past)
    old.app.close()
    new.app.close()
