"""Live and persisted: another process's append reaches a polling reader; a saved read
model plus catch-up answers exactly as a rebuild; anything doubtful rebuilds."""

from __future__ import annotations

import gc
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker.readside.live_model import LiveReadModel
from tracker.readside.saved_model import MAGIC, FileStore
from tracker.service import Tracker
from tracker.store import open_store

REPO = Path(__file__).resolve().parents[3]
Maker = Callable[..., dict[str, Any]]


def test_a_second_process_append_reaches_a_polling_reader_within_two_seconds(
    tracker: Tracker, store_path: str, inspection: Maker
) -> None:
    tracker.add("Sutton", "inspection", inspection("2021-11-01", "2022-02-01", "requires improvement"))
    assert tracker.show("Sutton")["rating"]["overall"] == "requires_improvement"
    writer = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--store", store_path, "add", "inspection", "Sutton",
         "--fieldwork-start", "2025-03-10", "--published-on", "2025-05-01", "--overall", "good",
         "--source-publisher", "Ofsted", "--source-title", "Sutton report"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    written = time.monotonic()
    seen = None
    while time.monotonic() - written < 2.0:
        if tracker.refresh():
            seen = time.monotonic() - written
            break
        time.sleep(0.05)
    assert seen is not None, "the reader never saw the other process's event"
    assert tracker.show("Sutton")["rating"]["overall"] == "good"
    assert out.strip().endswith("319-3")


def test_nothing_new_costs_no_fold(tracker: Tracker, workforce: Maker) -> None:
    tracker.add("Sutton", "workforce", workforce("2024-09-30", 18.0))
    assert tracker.refresh() == 2
    assert tracker.refresh() == 0


def _answers(tracker: Tracker) -> tuple[Any, ...]:
    return (tracker.councils(), tracker.show("Sutton"), tracker.event_dates(), tracker.log())


def test_saved_model_plus_catch_up_equals_a_rebuild(
    tracker: Tracker, store_path: str, inspection: Maker, workforce: Maker
) -> None:
    first = tracker.add("Sutton", "inspection", inspection("2021-11-01", "2022-02-01", "inadequate"))
    tracker.add("Swindon", "workforce", workforce("2023-09-30", 16.0))
    tracker.refresh()
    assert tracker.read_model.save()
    saved_at = tracker.read_model.ready().position
    tracker.correct(first, {"overall": "requires improvement"}, "misread")
    tracker.add("Sutton", "workforce", workforce("2024-09-30", 18.0))

    resumed = Tracker(tracker.app, today=tracker.today)
    assert resumed.read_model.ready().position == saved_at  # loaded, not rebuilt
    assert resumed.refresh() == 2
    rebuilt = Tracker(tracker.app, today=tracker.today)
    rebuilt.read_model.saver = None
    assert _answers(resumed) == _answers(rebuilt)
    assert resumed.show("Sutton")["rating"]["overall"] == "requires_improvement"


def test_a_saved_model_of_another_store_or_format_is_rebuilt(
    tracker: Tracker, store_path: str, tmp_path: Path, workforce: Maker
) -> None:
    tracker.add("Sutton", "workforce", workforce("2024-09-30", 18.0))
    tracker.refresh()
    assert tracker.read_model.save()
    saved = Path(store_path + ".readmodel")
    assert saved.read_bytes().startswith(MAGIC)

    other_path = str(tmp_path / "other.db")  # a different log with as many events
    other = open_store(other_path)
    Tracker(other, today=tracker.today).add("Swindon", "workforce", workforce("2024-09-30", 12.0))
    Path(other_path + ".readmodel").write_bytes(saved.read_bytes())
    reader = Tracker(other, today=tracker.today)
    assert reader.read_model.ready().position == 0  # refused: the event at its position differs
    rows = {r["council"]["la_code"]: r["caseload"] for r in reader.councils()}
    assert rows["866"]["value"] == 12.0 and rows["319"] is None
    other.close()

    saved.write_bytes(saved.read_bytes()[: len(MAGIC) + 40])  # torn write of an old version
    assert FileStore(store_path).load(LiveReadModel(tracker.app).source) is None
    assert Tracker(tracker.app, today=tracker.today).show("Sutton")["caseloads"][0]["value"] == 18.0


def test_a_format_change_rebuilds(tracker: Tracker, store_path: str, workforce: Maker,
                                  monkeypatch: Any) -> None:
    tracker.add("Sutton", "workforce", workforce("2024-09-30", 18.0))
    tracker.refresh()
    assert tracker.read_model.save()
    monkeypatch.setattr("tracker.readside.saved_model.FORMAT", "readmodel-999")
    monkeypatch.setattr("tracker.readside.read_model.FORMAT", "readmodel-999")
    fresh = LiveReadModel(tracker.app)
    assert fresh.ready().position == 0
    assert fresh.refresh() == 2


def test_an_unwritable_directory_still_answers(tracker: Tracker, store_path: str, workforce: Maker) -> None:
    tracker.add("Sutton", "workforce", workforce("2024-09-30", 18.0))
    directory = Path(store_path).parent
    directory.chmod(0o500)
    try:
        reader = Tracker(tracker.app, today=tracker.today)
        assert reader.show("Sutton")["caseloads"][0]["value"] == 18.0
        saved = reader.read_model.save()
        assert saved is False or Path(store_path + ".readmodel").exists()  # root may write anyway
    finally:
        directory.chmod(0o700)


def test_a_loaded_model_is_kept_out_of_the_collectors_walks(tracker: Tracker, workforce: Maker) -> None:
    """A full collection walking a big model's tables landed inside whichever query was
    running: a model loaded from its saved file is frozen out of the collector's sight."""
    tracker.add("Sutton", "workforce", workforce("2024-09-30", 18.0))
    tracker.refresh()
    assert tracker.read_model.save()
    gc.unfreeze()
    try:
        resumed = Tracker(tracker.app, today=tracker.today)
        model = resumed.read_model.ready()
        assert gc.get_freeze_count() > 0
        tracked = {id(o) for o in gc.get_objects()}
        assert id(model.streams) not in tracked and id(model.citations) not in tracked
        assert resumed.show("Sutton")["caseloads"][-1]["value"] == 18.0
    finally:
        gc.unfreeze()
