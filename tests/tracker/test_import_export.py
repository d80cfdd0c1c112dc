"""Imports are idempotent and all-or-nothing; an export imported into an empty
store reproduces every council's answers exactly, recorded times included."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from seeds import seed_files
from tests.conftest import TODAY
from tracker.councils import current_authorities
from tracker.errors import ImportRowError
from tracker.exporting import export
from tracker.seeding import load_seeds
from tracker.service import Tracker
from tracker.store import open_store

DATES = [None, date(2018, 6, 1), date(2020, 1, 1)]


def amended(tracker: Tracker) -> None:
    """Seeds plus a correction and a retraction, so the export has all event types."""
    load_seeds(tracker)
    warwickshire = tracker.show("Warwickshire")["events"]
    tracker.correct(warwickshire[0]["id"], {"note": "checked against the DfE release"}, "note")
    tracker.retract(warwickshire[1]["id"], "recorded twice")


def answers(tracker: Tracker) -> list[dict[str, object]]:
    return [
        tracker.show(a.la_code, as_of=d)
        for a in current_authorities()
        for d in DATES
    ]


def test_importing_the_same_file_twice_adds_nothing(tracker: Tracker) -> None:
    path = seed_files()[0]
    first = tracker.import_file(path)
    assert first.added > 0
    again = tracker.import_file(path)
    assert (again.added, again.corrected, again.retracted) == (0, 0, 0)
    assert again.already_present == first.added
    all_seeds = load_seeds(tracker)
    assert all_seeds > 0
    assert load_seeds(tracker) == 0


@pytest.mark.parametrize("fmt", ["jsonl", "toml"])
def test_export_import_round_trip(fmt: str, tracker: Tracker, tmp_path: Path) -> None:
    amended(tracker)
    dump = tmp_path / f"export.{fmt}"
    dump.write_text(export(tracker.all_events(), fmt), encoding="utf-8")
    restored_app = open_store(str(tmp_path / "restored.db"))
    restored = Tracker(restored_app, today=TODAY)
    summary = restored.import_file(dump)
    assert summary.retracted == 1 and summary.corrected == 1
    assert answers(restored) == answers(tracker)
    assert [(e.id, e.type, e.recorded_at) for e in restored.all_events()] == [
        (e.id, e.type, e.recorded_at) for e in tracker.all_events()
    ]
    # Importing the export again, or into the store it came from, adds nothing.
    for target in (restored, tracker):
        repeat = target.import_file(dump)
        assert repeat.written == 0
    restored_app.close()


def test_a_bad_event_anywhere_writes_nothing(tracker: Tracker, tmp_path: Path) -> None:
    good = seed_files()[0].read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(good + '\n[[events]]\ncouncil = "Sutton"\nkind = "restructure"\n'
                   'occurred_on = "2018"\nstatus = "maybe"\nchanges = "x"\n'
                   'source = {publisher = "a", title = "b"}\n', encoding="utf-8")
    with pytest.raises(ImportRowError) as caught:
        tracker.import_file(bad)
    assert caught.value.line == good.count("\n") + 6
    assert "status" in str(caught.value)
    assert tracker.is_empty()


def test_a_seed_imported_after_the_official_record_enriches_it(tracker: Tracker, tmp_path: Path) -> None:
    official = tmp_path / "official.jsonl"
    official.write_text(
        '{"council": "Warwickshire", "kind": "inspection", "occurred_on": "2021-11-22", '
        '"fieldwork_end": "2021-12-03", "published_on": "2022-01-14", "framework": "ilacs_standard", '
        '"overall": "good", "source": {"publisher": "Ofsted", "title": "Warwickshire ILACS report"}}\n',
        encoding="utf-8",
    )
    tracker.import_file(official)
    seed = next(p for p in seed_files() if p.stem == "warwickshire")
    summary = tracker.import_file(seed)
    assert summary.enriched == 1
    inspections = [e for e in tracker.show("Warwickshire")["events"] if e["kind"] == "inspection"]
    assert [e["occurred_on"] for e in inspections] == ["2017", "2021-11-22"]
    merged = inspections[-1]["fields"]
    assert merged["published_on"] == "2022-01-14"  # the official, finer date is kept
    assert merged["source"]["publisher"] == "Ofsted"
    assert merged["summary"]  # the seed's own words fill what the official record lacks
    assert tracker.import_file(seed).written == 0
