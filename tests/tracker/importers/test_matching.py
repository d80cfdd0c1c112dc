"""One inspection, many sources: matched, enriched by a correction, never duplicated;
the same answers whatever order the sources arrive in."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from events.matching import compatible, merge
from events.validation import validate_fact
from events.vocabulary import Kind
from tests.conftest import TODAY
from tests.tracker.importers.helpers import AS_AT, HISTORY, HISTORY_KEYS, IN_YEAR, facts, without_ids
from tests.tracker.importers.odsfile import outcomes_workbook
from tracker.service import Tracker
from tracker.store import open_store

HEADER = (
    "urn,local_authority,inspection_link,pdf_filename,publication_date,inspection_framework,inspector_name,"
    "inspection_start_date,inspection_end_date,overall_effectiveness_grade,impact_of_leaders_grade,"
    "help_and_protection_grade,in_care_grade,care_leavers_grade,parser_version"
)
SCRAPE = [  # Barnsley's 2023 inspection again, one sub-judgement read differently; 2019 undated
    "80426,barnsley,https://example.org/r/1,x.pdf,27/10/23,short,A B,11/09/2023,15/09/2023,"
    "good,good,good,good,outstanding,1",
    "80426,barnsley,https://example.org/r/2,y.pdf,20/02/19,,A B,,,data_unreadable,requires improvement,"
    "data_unreadable,requires improvement,inspection_pre_dates_judgement,1",
]
NEWS = {"publisher": "Community Care", "title": "Barnsley rated good", "published": "2023-11"}


def _scrape(tmp_path: Path) -> Path:
    path = tmp_path / "scrape.csv"
    path.write_text("\n".join([HEADER, *SCRAPE]) + "\n", encoding="utf-8")
    return path


def _inspection(**fields: Any) -> dict[str, Any]:
    return validate_fact(Kind.INSPECTION, fields, TODAY)


def test_news_report_is_enriched_not_duplicated(tracker: Tracker, tmp_path: Path) -> None:
    tracker.add("Barnsley", "inspection", {"occurred_on": "2023", "overall": "good", "source": NEWS})
    report = tracker.import_file(_scrape(tmp_path))
    assert (report.added, report.enriched) == (1, 1)
    latest = facts(tracker, "370", "inspection")[-1]
    assert len(latest["corrected_by"]) == 1
    fields = latest["fields"]
    assert (fields["occurred_on"], fields["fieldwork_end"]) == ("2023-09-11", "2023-09-15")
    assert fields["care_leavers"] == "outstanding"
    assert fields["source"]["publisher"] == "ILACS scrape (data-to-insight)"  # the more authoritative
    correction = next(e for e in tracker.log("370") if e["type"] == "correction")
    assert correction["data"]["source"]["url"] == "https://example.org/r/1"  # the new citation
    assert correction["data"]["reason"].startswith("enriched from")


def test_official_statistics_win_a_disagreement_in_either_order(tmp_path: Path) -> None:
    workbook = outcomes_workbook(tmp_path / "o.ods", HISTORY, IN_YEAR, AS_AT)
    answers = []
    for first, second in ((workbook, _scrape(tmp_path)), (_scrape(tmp_path), workbook)):
        app = open_store(str(tmp_path / f"{first.suffix}.db"))
        tracker = Tracker(app, today=TODAY)
        tracker.import_file(first)
        report = tracker.import_file(second)
        assert any("help_and_protection: sources disagree" in w.reason for w in report.warnings)
        inspections = facts(tracker, "370", "inspection")
        assert len(inspections) == 2  # the undated 2019 report matched by its publication day
        assert inspections[1]["fields"]["help_and_protection"] == "requires_improvement"
        assert inspections[0]["fields"]["occurred_on"] == "2019-01-07"
        assert inspections[0]["fields"]["overall"] == "requires_improvement"  # real beats unknown
        answers.append([{k: v for k, v in f.items() if k not in ("id", "recorded_at", *HISTORY_KEYS)}
                        for f in inspections])  # fmt: skip
        app.close()
    assert answers[0] == answers[1]


def test_fixture_files_in_all_six_orders_give_the_same_answers(tmp_path: Path, fixtures: Path) -> None:
    files = [
        outcomes_workbook(tmp_path / "o.ods", HISTORY, IN_YEAR, AS_AT),
        _scrape(tmp_path),
        fixtures / "ilacs_scrape.csv",
        fixtures / "csww_indicators_2017_to_2018.csv",
    ]
    answers = set()
    for number, order in enumerate(itertools.permutations(files[:2] + files[3:])):
        app = open_store(str(tmp_path / f"{number}.db"))
        tracker = Tracker(app, today=TODAY)
        for path in (*order, files[2]):
            tracker.import_file(path)
        shows = [tracker.show(code) for code in ("370", "301", "937", "314")]
        answers.add(json.dumps(without_ids(shows), sort_keys=True))
        app.close()
    assert len(answers) == 1


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ({"occurred_on": "2021"}, {"occurred_on": "2021-11-03"}, True),
        ({"occurred_on": "2021-10"}, {"occurred_on": "2021-11-03"}, False),
        ({"occurred_on": "2021-09", "published_on": "2021-11-03"},
         {"occurred_on": "2021-08-02", "published_on": "2021-11-03"}, True),
        ({"occurred_on": "2018-01", "published_on": "2018-01-19"},
         {"occurred_on": "2018-01-08", "published_on": "2018-03-01"}, False),
        ({"occurred_on": "2017", "framework": "sif"},
         {"occurred_on": "2017-11-09", "framework": "ilacs_standard"}, False),
        # a start inside another's fieldwork (6 to 17 October) is that inspection
        ({"occurred_on": "2026-10-06", "fieldwork_end": "2026-10-17"}, {"occurred_on": "2026-10-07"}, True),
        ({"occurred_on": "2026-10-06", "fieldwork_end": "2026-10-17"}, {"occurred_on": "2026-10-17"}, True),
        ({"occurred_on": "2026-10-06", "fieldwork_end": "2026-10-17"}, {"occurred_on": "2026-10-20"}, False),
        ({"occurred_on": "2026-10-06", "fieldwork_end": "2026-10-17"}, {"occurred_on": "2026-10-05"}, False),
    ],
)  # fmt: skip
def test_compatible_dates(a: dict[str, Any], b: dict[str, Any], same: bool) -> None:
    old, new = _inspection(source=NEWS, **a), _inspection(source=NEWS, **b)
    assert compatible(Kind.INSPECTION, old, new) is same
    assert compatible(Kind.INSPECTION, new, old) is same


def test_merge_is_symmetric() -> None:
    scrape = {"publisher": "ILACS scrape (data-to-insight)", "title": "scrape", "published": "2026-07"}
    a = _inspection(occurred_on="2021", overall="good", care_leavers="unknown", source=NEWS, note="year only")
    b = _inspection(occurred_on="2021-11-03", fieldwork_end="2021-11-12", overall="unknown",
                    care_leavers=None, framework="ilacs_standard", source=scrape)  # fmt: skip
    merged = merge(Kind.INSPECTION, a, b)
    assert merged == merge(Kind.INSPECTION, b, a)
    assert (merged["occurred_on"], merged["overall"], merged["framework"]) == (
        "2021-11-03",
        "good",
        "ilacs_standard",
    )
    assert merged["care_leavers"] is None  # the more authoritative source says it did not exist
    assert merged["source"] == scrape and merged["note"] is None  # the note went with the year-only date
