"""The shipped national record against Ofsted's and the DfE's own tables.

The store is loaded from the shipped file alone (tracker/data); the expected
answers are read straight from the published files in ../shared/data (skipped
without them), never through the importers.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from tests.conftest import TODAY
from tracker.cli.main import main
from tracker.councils import current_authorities, resolve
from tracker.national_record import (
    PUBLISHED_FILES,
    RECORD_PATH,
    encode,
    load_record,
    read_published,
    shipped_parts,
)
from tracker.seeding import load_seeds
from tracker.service import Tracker
from tracker.store import open_store

ODS, SCRAPE, DFE = PUBLISHED_FILES
GRADE_WORDS = {
    "Outstanding": "outstanding",
    "Good": "good",
    "Requires improvement to be good": "requires_improvement",
    "Inadequate": "inadequate",
    "": None,
}
AREAS = ("overall", "impact_of_leaders", "help_and_protection", "children_in_care", "care_leavers")
VISITS = {"ILACS Focused Visit": "focused_visit", "LA Monitoring visit": "monitoring_visit"}


@pytest.fixture(scope="module")
def record_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Tracker, str]]:
    """A store holding the shipped record and nothing else."""
    path = str(tmp_path_factory.mktemp("record") / "tracker.db")
    app = open_store(path)
    tracker = Tracker(app, today=TODAY)
    load_record(tracker, shipped_parts())
    yield tracker, path
    app.close()


def _sheet(data: Path, name: str) -> list[dict[str, Any]]:
    rows = CalamineWorkbook.from_path(str(data / ODS)).get_sheet_by_name(name).to_python()
    at = next(i for i, row in enumerate(rows) if row and row[0] == "Web link")
    header = [" ".join(str(c).split()) for c in rows[at]]
    return [dict(zip(header, row, strict=True)) for row in rows[at + 1 :] if any(row)]


def _day(cell: Any) -> str:
    assert isinstance(cell, datetime), cell
    return cell.date().isoformat()


def _grades(row: dict[str, Any]) -> list[str | None]:
    columns = [c for c in row if c.startswith(("Overall", "The "))]
    return [GRADE_WORDS[str(row[c]).strip()] for c in columns]


def _inspections(tracker: Tracker, la_code: str) -> list[dict[str, Any]]:
    events = tracker.show(la_code)["events"]
    return [e for e in events if e["kind"] == "inspection"]


def test_the_shipped_record_is_what_the_importers_make_today(shared_data: Path) -> None:
    assert encode(read_published(shared_data)) == RECORD_PATH.read_bytes(), (
        "the shipped record is stale: run `python -m tracker.national_record ../shared/data`"
    )


def test_official_2025_equals_the_as_at_table(shared_data: Path, record_store: tuple[Tracker, str],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    expected = {
        resolve(row["Local authority area code"]).la_code: [
            _day(row["Inspection date"]), _day(row["Publication date"]), *_grades(row)
        ]
        for row in _sheet(shared_data, "Inspections_as_at_31_March")
    }
    argv = ["--store", record_store[1], "councils", "--as-of", "2025-03-31", "--known-on", "2025-06-30",
            "--json"]
    assert main(argv) == 0
    answers = json.loads(capsys.readouterr().out)
    assert len(answers) == len(expected) == 153
    wrong = []
    for row in answers:
        rating = row["rating"] or {}
        judgements = rating.get("judgements", {})
        got = [rating.get("inspection_started"), rating.get("published_on"), rating.get("overall"),
               *(judgements.get(area) for area in AREAS[1:])]
        if got != expected[row["council"]["la_code"]]:
            wrong.append((row["council"]["name"], got, expected[row["council"]["la_code"]]))
    assert wrong == []


def test_every_listed_ilacs_inspection_is_there_once(
    shared_data: Path, record_store: tuple[Tracker, str]
) -> None:
    tracker = record_store[0]
    by_council: dict[str, list[dict[str, Any]]] = {}
    for row in _sheet(shared_data, "ILACS_inspection_history"):
        by_council.setdefault(resolve(row["Local authority area code"]).la_code, []).append(row)
    wrong = []
    for la_code, rows in by_council.items():
        stored = _inspections(tracker, la_code)
        for row in rows:
            same = [e for e in stored if e["fields"]["published_on"] == _day(row["Publication date"])]
            got = [(e["fields"]["occurred_on"], *(e["fields"][a] for a in AREAS)) for e in same]
            want = (_day(row["Inspection date"]), *_grades(row))
            if got != [want]:
                wrong.append((la_code, got, want))
    assert wrong == []
    assert sum(map(len, by_council.values())) == 271


def test_every_in_year_visit_is_there_with_its_theme(
    shared_data: Path, record_store: tuple[Tracker, str]
) -> None:
    tracker = record_store[0]
    wrong, visits = [], 0
    for row in _sheet(shared_data, "In-year_inspections"):
        kind = VISITS.get(row["Inspection/Visit type"])
        if kind is None:
            continue
        visits += 1
        la_code = resolve(row["Local authority area code"]).la_code
        found = [
            e for e in tracker.show(la_code)["events"]
            if e["kind"] == kind and e["fields"]["occurred_on"] == _day(row["Inspection/Visit date"])
            and e["fields"]["published_on"] == _day(row["Publication date"])
        ]
        if [e["fields"]["theme"] for e in found] != [row["Visit Theme"]]:
            wrong.append((la_code, row["Visit Theme"], found))
    assert wrong == [] and visits > 0


def _months() -> Iterator[date]:
    for year in range(2018, 2026):
        for month in range(1, 13):
            if (year, month) <= (2025, 3):
                yield date(year, month, 15)


def test_every_month_the_rating_is_the_latest_listed_inspection(
    shared_data: Path, record_store: tuple[Tracker, str]
) -> None:
    """From the council's first listed inspection on, the rating on the 15th of each month
    is the latest listed inspection started and published by that day."""
    tracker = record_store[0]
    listed: dict[str, list[tuple[str, str, list[str | None]]]] = {}
    for row in _sheet(shared_data, "ILACS_inspection_history"):
        la_code = resolve(row["Local authority area code"]).la_code
        listed.setdefault(la_code, []).append(
            (_day(row["Inspection date"]), _day(row["Publication date"]), _grades(row))
        )
    wrong, checked = [], 0
    for day in _months():
        text = day.isoformat()
        answers = {row["council"]["la_code"]: row["rating"] for row in tracker.councils(as_of=day)}
        for la_code, rows in listed.items():
            counting = sorted(r for r in rows if r[0] <= text and r[1] <= text)
            if not counting or la_code not in answers:
                continue
            checked += 1
            start, published, grades = counting[-1]
            rating = answers[la_code] or {}
            judgements = rating.get("judgements", {})
            got = [rating.get("inspection_started"), rating.get("published_on"), rating.get("overall"),
                   *(judgements.get(area) for area in AREAS[1:])]
            if got != [start, published, *grades]:
                wrong.append((text, la_code, got, [start, published, *grades]))
    assert wrong == []
    assert checked > 8000


def _number(cell: str) -> float | None:
    try:
        return float(cell)
    except ValueError:
        return None


def test_every_caseload_equals_the_dfe_file(shared_data: Path, record_store: tuple[Tracker, str]) -> None:
    tracker = record_store[0]
    histories: dict[str, dict[str, dict[str, Any]]] = {}
    wrong, checked = [], 0
    with (shared_data / DFE).open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["geographic_level"] != "Local authority":
                continue
            as_at = f"{row['time_period'][:4]}-09-30"
            for code in row["old_la_code"].split("/"):
                la_code = code.strip()
                authority = resolve(la_code)
                if authority.la_code not in {a.la_code for a in current_authorities()}:
                    continue
                if la_code not in histories:
                    history = tracker.caseload_history(la_code)
                    histories[la_code] = {entry["as_at"]: entry for entry in history}
                entry = histories[la_code].get(as_at)
                value = _number(row["caseload_fte"])
                checked += 1
                if value is None:  # suppressed: withheld, never a number
                    if entry is not None and entry.get("value") is not None:
                        wrong.append((la_code, as_at, row["caseload_fte"], entry))
                elif entry is None or entry.get("value") != value:
                    wrong.append((la_code, as_at, value, entry and entry.get("value")))
    assert wrong == []
    assert checked > 1000


def test_the_seeds_agree_with_the_record(tmp_path: Path) -> None:
    """Seeds first, then the record: no inspection twice, no grade in dispute."""
    app = open_store(str(tmp_path / "both.db"))
    tracker = Tracker(app, today=TODAY)
    load_seeds(tracker)
    seed_ids = {f"{e['id']})" for e in tracker.log() if e["type"] != "opened"} | {
        f"{e['id']} " for e in tracker.log() if e["type"] != "opened"
    }
    reports = load_record(tracker, shipped_parts())
    warnings = [w.reason for report in reports for w in report.warnings]
    disputes = [text for text in warnings if "disagree" in text and any(i in text for i in seed_ids)]
    assert disputes == []
    log = tracker.log()
    kinds = {e["id"]: e["type"] for e in log}
    revised = [  # a judgement revised; a workforce figure may be (the DfE revises earlier years)
        e["id"] for e in log if e["type"] == "correction" and e["data"]["reason"].startswith("revised")
        and f"{e['id'][:3]}-{e['data']['target']} " in seed_ids
        and kinds[f"{e['id'][:3]}-{e['data']['target']}"] != "workforce"
    ]
    assert revised == []
    for la_code in ("937", "391", "319", "866", "873", "860"):
        published = [e["fields"]["published_on"] for e in _inspections(tracker, la_code)]
        assert len(published) == len(set(published)), la_code
        as_at = [entry["as_at"] for entry in tracker.caseload_history(la_code)]
        assert len(as_at) == len(set(as_at)), la_code
    app.close()


def test_sources_lists_every_publication_with_its_facts(
    record_store: tuple[Tracker, str], capsys: pytest.CaptureFixture[str]
) -> None:
    tracker, path = record_store
    assert main(["--store", path, "sources", "--json"]) == 0
    listed = {(p["publisher"], p["edition"]): p for p in json.loads(capsys.readouterr().out)}
    events = tracker.all_events()
    for part in shipped_parts():
        source = part.items[0].fields["source"]
        row = listed[(source["publisher"], source["published"])]
        cited = [e for e in events if e.is_fact and (e.data["source"] or {}).get("title") == source["title"]]
        assert row["facts"] == len(cited) > 0 and row["title"] == source["title"]
    assert listed[("Ofsted", "2025-09-25")]["licence"] == "Open Government Licence"
