"""The council screen's timeline and detail: corrected values in the row, an enrichment
shown as the fact's sources (no row of its own), a revision still a correction row."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import TODAY
from tracker.service import Tracker
from tracker.time_point import TimePoint
from tui.backend import Backend
from tui.widgets.event_detail import describe_entry
from tui.widgets.timeline import Entry, Timeline, entries

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importers"
SCRAPE = (
    "urn,local_authority,inspection_link,pdf_filename,publication_date,inspection_framework,inspector_name,"
    "inspection_start_date,inspection_end_date,overall_effectiveness_grade,impact_of_leaders_grade,"
    "help_and_protection_grade,in_care_grade,care_leavers_grade,parser_version\n"
    "80576,warwickshire,https://example.org/r/937,report.pdf,01/02/22,standard,A B,"
    "22/11/2021,03/12/2021,good,good,good,good,inspection_pre_dates_judgement,1\n"
)


def _timeline(tracker: Tracker) -> list[Entry]:
    return entries(Backend(tracker).council("937", TimePoint(TODAY)), TODAY)


def _row(entry: Entry) -> str:
    return " ".join(cell.plain for cell in Timeline.cells(entry))


def test_an_enrichment_has_no_row_but_names_its_source(seeded: Tracker, tmp_path: Path) -> None:
    (tmp_path / "scrape.csv").write_text(SCRAPE, encoding="utf-8")
    seeded.import_file(tmp_path / "scrape.csv")
    found = _timeline(seeded)
    inspection = next(e for e in found if e.is_fact and e.record["occurred_on"] == "2021-11-22")
    (enrichment,) = inspection.record["enriched_by"]
    assert enrichment not in {e.id for e in found}  # not a row dated the day of the import
    assert not [e for e in found if not e.is_fact]
    row = _row(inspection)
    assert "sources: Community Care, ILACS scrape (data-to-insight)" in row
    assert "corrected" not in row
    detail = describe_entry(inspection).plain
    assert "ILACS scrape (data-to-insight)" in detail and "https://example.org/r/937" in detail
    assert "Community Care" in detail and enrichment in detail


def test_a_revised_row_shows_the_corrected_figure_and_its_correction(seeded: Tracker) -> None:
    seeded.import_file(FIXTURES / "csww_indicators_2017_to_2018.csv")
    found = _timeline(seeded)
    index, workforce = next((i, e) for i, e in enumerate(found)
                            if e.is_fact and e.record["occurred_on"] == "2017-09-30")
    row = _row(workforce)
    assert "caseload 18;" in row and "19.5" not in row and "(corrected ×1)" in row
    correction = found[index + 1]
    assert (correction.kind, correction.target) == ("correction", workforce.id)
    assert correction.id == workforce.record["revised_by"][0]
    detail = describe_entry(workforce).plain
    assert "345 FTE social workers; average caseload 19.5" in detail  # the superseded text, kept
    assert "Department for Education" in detail
