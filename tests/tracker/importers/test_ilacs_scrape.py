"""The analysts' report scrape: every quirk of its layout, read as the domain words."""

from __future__ import annotations

from pathlib import Path

from tests.tracker.importers.helpers import facts, stored_events
from tracker.service import Tracker


def test_reads_every_quirk(tracker: Tracker, fixtures: Path) -> None:
    report = tracker.import_file(fixtures / "ilacs_scrape.csv")
    assert report.format == "ilacs-scrape"
    assert (report.added, report.skipped, report.unreadable) == (9, [], 2)

    bcp = facts(tracker, "839", "inspection")[0]["fields"]  # "bournemouth, christchurch & poole"
    assert bcp["occurred_on"] == "2024-02-05" and bcp["fieldwork_end"] == "2024-02-16"
    assert bcp["published_on"] == "2024-03-20"  # dd/mm/yy
    assert (bcp["framework"], bcp["care_leavers"]) == ("ilacs_standard", "outstanding")
    assert bcp["source"]["url"] == "https://example.org/report/101"
    assert bcp["source"]["publisher"] == "ILACS scrape (data-to-insight)"
    assert bcp["source"]["published"] == "2026-06"  # the newest report in the file

    short, sif = facts(tracker, "301", "inspection")[::-1]
    assert short["fields"]["framework"] == "ilacs_short"
    assert short["fields"]["care_leavers"] is None  # inspection_pre_dates_judgement: absent
    assert sif["fields"]["framework"] == "sif"  # blank framework before 2018
    assert sif["fields"]["overall"] == "unknown"  # data_unreadable: exists, unread
    assert sif["fields"]["occurred_on"] is None  # no fieldwork dates: never dated by its publication
    assert sif["fields"]["published_on"] == "2015-05-15"

    city = facts(tracker, "201", "inspection")[0]["fields"]  # "london corporation"
    assert city["overall"] == "unknown"  # blank, but SIF had an overall grade: not recorded
    assert city["impact_of_leaders"] == "unknown"

    post_reform = facts(tracker, "890", "inspection")[0]["fields"]
    assert (post_reform["overall"], post_reform["framework"]) == (None, "ilacs_2026")
    assert post_reform["children_in_care"] == "good"

    slip = facts(tracker, "892", "inspection")[0]["fields"]
    assert (slip["overall"], slip["help_and_protection"]) == ("unknown", "requires_improvement")
    assert [w.line for w in report.warnings if "parser slip" in w.reason] == [7]

    undated = facts(tracker, "807", "inspection")[0]["fields"]  # blank framework after 2018
    assert (undated["framework"], undated["occurred_on"]) == ("unknown", None)
    assert undated["care_leavers"] is None  # 2022: no such judgement, whatever the row says
    assert [w.line for w in report.warnings if w.reason.startswith("care_leavers:")] == [8]
    longer = facts(tracker, "865", "inspection")[0]["fields"]
    assert longer["framework"] == "unknown"
    assert any(w.line == 9 and "inspection duration" in w.reason for w in report.warnings)
    dorset = facts(tracker, "838", "inspection")[0]["fields"]  # seven-digit URN, dd/mm/yyyy
    assert dorset["published_on"] == "2025-04-09"


def test_importing_twice_adds_nothing(tracker: Tracker, fixtures: Path) -> None:
    tracker.import_file(fixtures / "ilacs_scrape.csv")
    count = stored_events(tracker)
    again = tracker.import_file(fixtures / "ilacs_scrape.csv")
    assert (again.added, again.enriched, again.corrected, again.already_present) == (0, 0, 0, 9)
    assert stored_events(tracker) == count


def test_bom_and_crlf_read_like_plain_utf8(tracker: Tracker, fixtures: Path) -> None:
    report = tracker.import_file(fixtures / "ilacs_scrape_bom_crlf.csv")
    assert (report.added, report.skipped) == (2, [])
    assert facts(tracker, "866", "inspection")[0]["fields"]["care_leavers"] == "good"


def test_dry_run_counts_and_writes_nothing(tracker: Tracker, fixtures: Path) -> None:
    report = tracker.import_file(fixtures / "ilacs_scrape.csv", dry_run=True)
    assert report.added == 9 and report.dry_run
    assert stored_events(tracker) == 0
