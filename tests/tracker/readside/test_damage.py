"""The read side's check of every stored row: sound events of every kind pass it (real
imports, seeds, corrections, benchmarks); each way a row can be damaged is caught and
named; a council whose opening event is damaged still reads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.conftest import REPO, TODAY
from tests.reliability.tamper import edit_state, flip_byte
from tracker.readside.decode import DAMAGED, Row, RowDecoder
from tracker.readside.row_source import RowSource
from tracker.seeding import load_seeds
from tracker.service import Tracker
from tracker.store import open_store

FIXTURES = REPO / "tests" / "fixtures" / "importers"


def rows_of(tracker: Tracker) -> list[Row]:
    return [r for batch in RowSource(tracker.app).batches(0) for r in batch]


def damage_found(tracker: Tracker) -> list[str]:
    found = []
    for full in (False, True):  # what a rebuild folds, and what is read back to be shown
        decoder = RowDecoder(tracker.app.mapper, full)
        found += [str(e.data["problem"]) for e in decoder.decode(rows_of(tracker)) if e.kind == DAMAGED]
    return found


def rich_history(tracker: Tracker) -> None:
    """Every kind of event the tracker writes: seeds, published files (councils and
    benchmarks, enrichments, revisions), corrections and retractions by hand."""
    load_seeds(tracker)
    for name in ("ilacs_scrape.csv", "csww_indicators_2017_to_2018.csv", "csww_indicators_2017_to_2019.csv"):
        tracker.import_file(FIXTURES / name)
    shown = tracker.show("Sutton")["events"]
    tracker.correct(shown[0]["id"], {"summary": "reworded", "published_on": None}, "fix")
    tracker.retract(shown[1]["id"], "duplicate")


def test_every_sound_event_reads_as_sound(tracker: Tracker) -> None:
    rich_history(tracker)
    assert len(rows_of(tracker)) > 40
    assert damage_found(tracker) == []
    assert tracker.damaged() == []


def test_the_published_files_read_as_sound(tracker: Tracker, shared_data: Path) -> None:
    for name in ("ofsted_csc_ilacs_history.csv", "LA_Inspection_Outcomes_as_at_31_March_2025.ods",
                 "csww_indicators_2017_to_2024.csv"):
        tracker.import_file(shared_data / name)
    assert len(rows_of(tracker)) > 2000
    assert damage_found(tracker) == []


def _set(name: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda state: state.__setitem__(name, value)


DAMAGES: dict[str, tuple[str, Callable[[dict[str, Any]], None], str]] = {
    # kind of event to damage, the change, words the problem must hold
    "grade": ("InspectionRecorded", _set("overall", "gond"), "'overall'"),
    "framework": ("InspectionRecorded", _set("framework", ["sif"]), "'framework'"),
    "date": ("InspectionRecorded", _set("occurred_on", "2019-13"), "'occurred_on'"),
    "figure": ("WorkforceFigureRecorded", _set("caseload", {"value": "17"}), "'caseload'"),
    "empty figure": ("WorkforceFigureRecorded", _set("caseload", {"text": "x"}), "'caseload'"),
    "list": ("FocusedVisitRecorded", _set("findings", ["ok", 3]), "'findings'"),
    "citation": ("FocusedVisitRecorded", _set("source", {"title": None}), "its 'title' holds None, not text"),
    "citation list": ("InspectionRecorded", _set("source", {"publisher": ["Ofsted"], "title": "x"}),
                      "'source' of Council.InspectionRecorded: its 'publisher' holds ['Ofsted'], not text"),
    "correction's citation": ("Corrected", _set("source", {"publisher": "Ofsted", "title": {"x": 1}}),
                              "its 'title' holds {'x': 1}, not text"),
    "citation's date": ("WorkforceFigureRecorded",
                        _set("source", {"publisher": "DfE", "title": "x", "published": "2024-13"}),
                        "WorkforceFigureRecorded: its 'published' holds '2024-13', not a date"),
    "correction's citation date": ("Corrected",
                                   _set("source", {"publisher": "Ofsted", "title": "x", "published": "soon"}),
                                   "its 'published' holds 'soon', not a date"),
    "visit's citation date": ("FocusedVisitRecorded",
                              _set("source", {"publisher": "O", "title": "x", "published": "9999-99-99"}),
                              "its 'published' holds '9999-99-99', not a date"),
    "reason": ("Retracted", _set("reason", None), "'reason'"),
    "missing field": ("FocusedVisitRecorded", lambda s: s.pop("theme"), "'theme'"),
    "extra field": ("FocusedVisitRecorded", _set("smuggled", 1), "'smuggled'"),
    "target": ("Retracted", _set("target", "2"), "'target'"),
    "changes": ("Corrected", _set("changes", {"overall": "gond"}), "'changes'"),
    "changed field": ("Corrected", _set("changes", {"nonsense": 1}), "'changes'"),
    "empty state": ("FocusedVisitRecorded", lambda s: s.clear(), "cannot decode"),
    "recorded time": ("FocusedVisitRecorded",
                      lambda s: s["timestamp"].__setitem__("_data_", "2026-13-45T10:00:00.000000+00:00"),
                      "cannot decode"),
    "ancient": ("FocusedVisitRecorded",
                lambda s: s["timestamp"].__setitem__("_data_", "1970-01-01T00:00:00+00:00"), "1970"),
    "wrong council": ("Opened", _set("la_code", "873"), "another"),
}


UNFOLDED = {"list", "reason", "missing field", "extra field"}  # no index reads these (sources: all tallied)


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_each_damage_is_caught_and_named(tracker: Tracker, inspection: Callable[..., dict[str, Any]],
                                         workforce: Callable[..., dict[str, Any]], damage: str) -> None:
    first = tracker.add("Sutton", "inspection", inspection("2021-11-01", "2022-02-01", "inadequate"))
    tracker.add("Sutton", "workforce", workforce("2024-09-30", 18.0))
    tracker.add("Sutton", "focused_visit", {"occurred_on": "2023-05", "theme": "front door",
                                            "source": {"publisher": "Ofsted", "title": "Letter"}})
    tracker.correct(first, {"overall": "requires improvement"}, "misread")
    tracker.retract(first, "wrong council")
    kind, change, words = DAMAGES[damage]
    rows = rows_of(tracker)
    (target,) = [r for r in rows if r[3].endswith("." + kind)]
    state = orjson.loads(target[4])
    change(state)
    damaged_row = (*target[:4], orjson.dumps(state))
    stored = [r if r is not target else damaged_row for r in rows]
    found = [e for e in RowDecoder(tracker.app.mapper, full=True).decode(stored) if e.kind == DAMAGED]
    assert [e.position for e in found] == [target[0]]
    assert words in found[0].data["problem"], found[0].data["problem"]
    # A rebuild checks only what it folds: a damaged field it never reads waits for the
    # read-back that shows it (then it is left out there and named).
    folded = [e for e in RowDecoder(tracker.app.mapper).decode(stored) if e.kind == DAMAGED]
    assert [e.position for e in folded] == ([] if damage in UNFOLDED else [target[0]])


def test_a_council_whose_opening_is_damaged_still_reads(backend_tracker: Tracker, store_url: str) -> None:
    load_seeds(backend_tracker)
    before = backend_tracker.show("Swindon")
    opening = backend_tracker.log("Swindon")[0]
    assert opening["type"] == "opened"
    flip_byte(store_url, opening["position"])
    fresh = Tracker(open_store(store_url), today=TODAY)
    try:
        after = fresh.show("Swindon")
        assert [d["id"] for d in after["damaged"]] == ["866-1"]
        assert after["events"] == before["events"] and after["rating"] == before["rating"]
        assert [d["position"] for d in fresh.damaged()] == [opening["position"]]
    finally:
        fresh.app.close()


@pytest.mark.parametrize("bad", [{"publisher": ["Ofsted"], "title": "Letter 2"},
                                 {"publisher": "Ofsted", "title": "Letter 2", "published": "2024-13"}])
def test_a_citation_the_folds_cannot_read_is_damage_not_a_crash(backend_tracker: Tracker, store_url: str,
                                                                bad: dict[str, Any]) -> None:
    """Every citing event's source is tallied, and its date read, as the log is folded: a
    source holding no text or a date that is none is named as damage, and the rest reads."""
    backend_tracker.add("Sutton", "focused_visit", {"occurred_on": "2023-05", "theme": "front door",
                                                    "source": {"publisher": "Ofsted", "title": "Letter"}})
    backend_tracker.add("Sutton", "focused_visit", {"occurred_on": "2024-05", "theme": "care leavers",
                                                    "source": {"publisher": "Ofsted", "title": "Letter 2"}})
    damaged = backend_tracker.log("Sutton")[-1]["position"]
    edit_state(store_url, damaged, lambda state: state.__setitem__("source", bad))
    fresh = Tracker(open_store(store_url), today=TODAY)
    try:
        assert [d["position"] for d in fresh.damaged()] == [damaged]
        assert "'source'" in fresh.damaged()[0]["problem"]
        assert [e["summary"] for e in fresh.show("Sutton")["events"]] == ["Focused visit: front door"]
        assert [(p["publisher"], p["title"]) for p in fresh.publications()] == [("Ofsted", "Letter")]
    finally:
        fresh.app.close()
