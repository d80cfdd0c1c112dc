"""A store written before ``Council.Corrected`` gained ``previous`` (class_version 2)
still loads: through the aggregate (snapshot included), the read side, verify,
and a backup into a store of today's shape."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from events.council import Council, council_id
from events.errors import DuplicateEvent
from tests.conftest import TODAY
from tests.reliability.helpers import cli
from tracker.application import replay_council
from tracker.service import Tracker
from tracker.store import open_store
from tracker.stored_facts import current_fields

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
    council = tracker.load("937")  # the version-1 snapshot kept whole facts: replayed instead
    assert council.version == 4 and not council.is_stale
    assert council.corrections_of(2) == [3]
    assert current_fields(tracker.app, council, 2)["published_on"] == "2019-03-15"
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
    assert stored_state(path, 8)["class_version"] == 3  # new events are written as version 3
    assert stored_state(path, 8)["key"]  # with the fact's key after the correction


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


def test_a_fact_corrected_by_an_old_event_is_still_a_duplicate_by_its_current_fields(tmp_path: Path) -> None:
    """Old corrections carry no key: the aggregate cannot know the fact's current one, so the
    application reads the fact back and the domain still refuses it twice."""
    tracker = Tracker(open_store(v1_copy(tmp_path)), today=TODAY)
    council = tracker.load("937")
    assert council.unkeyed_facts() == [2]
    kind = council.kind_of(2)
    assert kind is not None
    again = current_fields(tracker.app, council, 2)
    with pytest.raises(DuplicateEvent) as caught:
        tracker.add("937", kind, again, force=True)
    assert caught.value.position == 2
    tracker.app.close()


def test_a_snapshot_taken_over_an_old_one_is_thin_and_equals_a_replay(tmp_path: Path) -> None:
    """The library snapshots from the latest snapshot: over a version-1 one it would copy its
    staleness forever, so the application rebuilds from the events first."""
    tracker = Tracker(open_store(v1_copy(tmp_path)), today=TODAY)
    assert tracker.app.repository.get(council_id("937")).is_stale
    tracker.app.take_snapshot(council_id("937"))
    loaded = tracker.app.repository.get(council_id("937"))
    assert isinstance(loaded, Council) and not loaded.is_stale
    assert loaded.state() == replay_council(tracker.app, council_id("937")).state()
    tracker.app.close()
