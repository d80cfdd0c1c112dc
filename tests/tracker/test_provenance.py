"""Text that matches the facts: a corrected fact's summary shows the corrected values, an
enrichment by a second source is the fact's provenance (its sources), not a correction,
and a revision — by a newer edition or by a user — is still shown as a correction."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from seeds import seed_files
from tracker.cli.main import main
from tracker.seeding import load_seeds
from tracker.service import Tracker

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importers"
SCRAPE_HEADER = (
    "urn,local_authority,inspection_link,pdf_filename,publication_date,inspection_framework,inspector_name,"
    "inspection_start_date,inspection_end_date,overall_effectiveness_grade,impact_of_leaders_grade,"
    "help_and_protection_grade,in_care_grade,care_leavers_grade,parser_version"
)
# Warwickshire's 2021 inspection as a report scrape would give it: the seed has the year
# only, no framework and no sub-judgements, so every field this row adds fills a gap.
WARWICKSHIRE_2021 = (
    "80576,warwickshire,https://example.org/r/937,report.pdf,01/02/22,standard,A B,"
    "22/11/2021,03/12/2021,good,good,good,good,inspection_pre_dates_judgement,1"
)
COMMUNITY_CARE = "Community Care"
SCRAPE = "ILACS scrape (data-to-insight)"


def _fact(tracker: Tracker, kind: str, occurred_on: str, **times: Any) -> dict[str, Any]:
    found = [e for e in tracker.show("Warwickshire", **times)["events"]
             if e["kind"] == kind and e["occurred_on"] == occurred_on]
    assert len(found) == 1, found
    return found[0]


def _scrape(tmp_path: Path) -> Path:
    path = tmp_path / "scrape.csv"
    path.write_text(f"{SCRAPE_HEADER}\n{WARWICKSHIRE_2021}\n", encoding="utf-8")
    return path


@pytest.fixture
def seeded(tracker: Tracker) -> Tracker:
    load_seeds(tracker)
    return tracker


# --- a revised figure shows in the summary ----------------------------------------------


def test_a_revised_figure_replaces_the_stale_summary(seeded: Tracker) -> None:
    before = _fact(seeded, "workforce", "2017-09-30")
    assert "19.5" in before["summary"]  # the report's own words, while they are true
    seeded.import_file(FIXTURES / "csww_indicators_2017_to_2018.csv")
    after = _fact(seeded, "workforce", "2017-09-30")
    assert after["fields"]["caseload"] == {"value": 18.0}
    assert "caseload 18;" in after["summary"] and "240 FTE" in after["summary"]
    assert "19.5" not in after["summary"] and "345" not in after["summary"]
    assert after["fields"]["summary"] == before["summary"]  # the recorded text is kept as it was
    assert after["revised_by"] == after["corrected_by"] and len(after["revised_by"]) == 1
    assert after["enriched_by"] == []
    assert [s["publisher"] for s in after["sources"]] == [COMMUNITY_CARE, "Department for Education"]


def test_warwickshire_rows_agree_with_the_chart_after_the_dfe_file(
    seeded: Tracker, shared_data: Path
) -> None:
    seeded.import_file(shared_data / "csww_indicators_2017_to_2024.csv")
    answer = seeded.show("Warwickshire")
    chart = {c["as_at"]: c["value"] for c in answer["caseloads"]}
    assert chart["2017-09-30"] == 18.3 and chart["2020-09-30"] == 17
    row_2017 = _fact(seeded, "workforce", "2017-09-30")
    assert "caseload 18.3;" in row_2017["summary"] and "19.5" not in row_2017["summary"]
    row_2020 = _fact(seeded, "workforce", "2020-09-30")
    assert "368.2 FTE" in row_2020["summary"] and "caseload 17;" in row_2020["summary"]
    assert "368 FTE" not in row_2020["summary"]
    assert row_2020["revised_by"] == row_2020["corrected_by"] != []


def test_the_summary_the_recorded_text_gives_way_only_to_a_revision(seeded: Tracker) -> None:
    workforce = _fact(seeded, "workforce", "2020-09-30")
    seeded.correct(workforce["id"], {"vacancy_rate": 6.1}, "added the vacancy rate")  # fills a gap
    assert _fact(seeded, "workforce", "2020-09-30")["summary"] == workforce["summary"]
    seeded.correct(workforce["id"], {"caseload": 16.5}, "misread the report")
    revised = _fact(seeded, "workforce", "2020-09-30")
    assert "caseload 16.5" in revised["summary"] and "368 FTE" in revised["summary"]
    assert "average caseload 17" not in revised["summary"]
    seeded.correct(workforce["id"], {"summary": "368 FTE; caseload 16.5"}, "summary restated")
    assert _fact(seeded, "workforce", "2020-09-30")["summary"] == "368 FTE; caseload 16.5"


# --- an enrichment is provenance, not a correction ----------------------------------------


def test_an_enrichment_by_a_published_file_is_a_source_of_the_fact(seeded: Tracker, tmp_path: Path) -> None:
    recorded = datetime.now(UTC)
    seed = _fact(seeded, "inspection", "2021")
    report = seeded.import_file(_scrape(tmp_path))
    assert report.enriched == 1
    fact = _fact(seeded, "inspection", "2021-11-22")
    assert fact["id"] == seed["id"]
    assert fact["summary"] == seed["summary"]  # nothing known was replaced: the text stands
    assert len(fact["enriched_by"]) == 1 and fact["revised_by"] == []
    assert fact["corrected_by"] == fact["enriched_by"]  # the log's view is unchanged
    assert [s["publisher"] for s in fact["sources"]] == [COMMUNITY_CARE, SCRAPE]
    assert fact["sources"][1]["url"] == "https://example.org/r/937"
    # recorded by a moment before the import: one source, no enrichment
    then = _fact(seeded, "inspection", "2021", recorded_by=recorded)
    assert [s["publisher"] for s in then["sources"]] == [COMMUNITY_CARE]
    assert then["enriched_by"] == [] and then["corrected_by"] == []


def test_an_enrichment_by_an_event_file_is_a_source_of_the_fact(seeded: Tracker, tmp_path: Path) -> None:
    official = tmp_path / "official.jsonl"
    official.write_text(json.dumps({
        "council": "Warwickshire", "kind": "inspection", "occurred_on": "2021-11-22",
        "fieldwork_end": "2021-12-03", "framework": "ilacs_standard", "overall": "good",
        "source": {"publisher": "Ofsted", "title": "Warwickshire ILACS report"},
    }) + "\n", encoding="utf-8")
    assert seeded.import_file(official).enriched == 1
    fact = _fact(seeded, "inspection", "2021-11-22")
    assert len(fact["enriched_by"]) == 1 and fact["revised_by"] == []
    assert [s["publisher"] for s in fact["sources"]] == [COMMUNITY_CARE, "Ofsted"]
    assert fact["summary"].startswith("Good, up from requires improvement")


def test_an_enrichment_that_replaces_a_known_value_is_shown_as_a_correction(seeded: Tracker) -> None:
    """A correction worded as an enrichment that changes a real grade is a revision all the same."""
    seed = _fact(seeded, "inspection", "2021")
    seeded.correct(seed["id"], {"overall": "outstanding"}, "enriched from a file: overall",
                   {"publisher": "Ofsted", "title": "A report"})
    fact = _fact(seeded, "inspection", "2021")
    assert fact["enriched_by"] == [] and fact["revised_by"] == fact["corrected_by"] != []
    assert fact["summary"].startswith("Inspection (")  # the recorded text said 'Good'
    assert "Outstanding" in fact["summary"]


def test_a_users_correction_is_a_correction(seeded: Tracker) -> None:
    seed = _fact(seeded, "inspection", "2021")
    seeded.correct(seed["id"], {"impact_of_leaders": "good"}, "read the full report",
                   {"publisher": "Ofsted", "title": "Warwickshire ILACS report"})
    fact = _fact(seeded, "inspection", "2021")
    assert fact["enriched_by"] == [] and len(fact["revised_by"]) == 1
    assert [s["publisher"] for s in fact["sources"]] == [COMMUNITY_CARE, "Ofsted"]


# --- the command line ---------------------------------------------------------------------


def _shown(store: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", "400")
    capsys.readouterr()
    assert main(["--store", store, "show", "Warwickshire"]) == 0
    return capsys.readouterr().out


def test_show_names_the_sources_and_only_real_corrections(
    store_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for seed in seed_files():  # the seeds alone (`seed` would add the national record too)
        assert main(["--store", store_path, "import", str(seed)]) == 0
    assert main(["--store", store_path, "import", str(_scrape(tmp_path))]) == 0
    assert main(["--store", store_path, "import", str(FIXTURES / "csww_indicators_2017_to_2018.csv")]) == 0
    lines = [line for line in _shown(store_path, capsys, monkeypatch).splitlines() if " 937-" in line]
    inspection = next(line for line in lines if " 2021-11-22 " in line)
    assert "sources: Community Care, ILACS scrape (data-to-insight)" in inspection
    assert "corrected" not in inspection
    workforce = next(line for line in lines if " 2017-09-30 " in line)
    assert "caseload 18;" in workforce and "19.5" not in workforce
    assert "(corrected by 937-" in workforce
    assert "sources: Community Care, Department for Education" in workforce
    untouched = next(line for line in lines if " 2021 " in line and "recruitment" in line)
    assert "sources:" not in untouched and "corrected" not in untouched


def test_show_json_carries_the_sources(
    store_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for seed in seed_files():
        main(["--store", store_path, "import", str(seed)])
    main(["--store", store_path, "import", str(_scrape(tmp_path))])
    capsys.readouterr()
    assert main(["--store", store_path, "show", "Warwickshire", "--as-of", "2026-01-01", "--json"]) == 0
    events = json.loads(capsys.readouterr().out)["events"]
    inspection = next(e for e in events if e["occurred_on"] == "2021-11-22")
    assert [s["publisher"] for s in inspection["sources"]] == [COMMUNITY_CARE, SCRAPE]
    assert inspection["enriched_by"] and not inspection["revised_by"]
    for event in events:
        if not event["corrected_by"]:
            assert event["sources"] == [event["fields"]["source"]], event["id"]


def test_an_event_file_that_replaces_a_known_grade_is_a_revision(seeded: Tracker, tmp_path: Path) -> None:
    official = tmp_path / "official.jsonl"
    official.write_text(json.dumps({
        "council": "Warwickshire", "kind": "inspection", "occurred_on": "2021-11-22",
        "framework": "ilacs_standard", "overall": "outstanding",
        "source": {"publisher": "Ofsted", "title": "Warwickshire ILACS report"},
    }) + "\n", encoding="utf-8")
    summary = seeded.import_file(official)
    assert (summary.enriched, summary.corrected) == (0, 1)
    fact = _fact(seeded, "inspection", "2021-11-22")
    assert fact["enriched_by"] == [] and len(fact["revised_by"]) == 1
    assert "Outstanding" in fact["summary"]
    (correction,) = [e for e in seeded.log("937") if e["type"] == "correction"]
    assert correction["data"]["reason"].startswith("revised in Warwickshire ILACS report: ")
