"""Event files and published files share one plan -> check -> write path: one summary
type with typed outcomes, one enrichment rule, candidates that include what the same
file added; and the importers never need the facade (no import cycle)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tracker.importers.summary import ImportSummary, Outcome
from tracker.service import Tracker

OFSTED = {"publisher": "Ofsted", "title": "Warwickshire ILACS report"}
INSPECTION = {"council": "Warwickshire", "kind": "inspection", "occurred_on": "2021-11",
              "framework": "ilacs_standard", "overall": "good", "source": OFSTED}


def lines(path: Path, *events: dict[str, object]) -> Path:
    path.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    return path


def test_one_summary_type_with_typed_outcomes(tracker: Tracker, tmp_path: Path) -> None:
    summary = tracker.import_file(lines(tmp_path / "one.jsonl", INSPECTION))
    assert isinstance(summary, ImportSummary) and summary.is_event_file
    assert summary.counts == {Outcome.ADDED: 1}
    again = tracker.import_file(lines(tmp_path / "one.jsonl", INSPECTION))
    assert again.counts == {Outcome.ALREADY_PRESENT: 1} and again.written == 0
    assert again.as_dict()["already_present"] == 1 and "repeated" not in again.as_dict()


def test_an_inspection_twice_in_one_event_file_is_enriched_not_added(
    tracker: Tracker, tmp_path: Path
) -> None:
    """The second line matches the fact the first line added, though it is not stored yet."""
    finer = {**INSPECTION, "occurred_on": "2021-11-22", "fieldwork_end": "2021-12-03",
             "published_on": "2022-01-14"}
    summary = tracker.import_file(lines(tmp_path / "twice.jsonl", INSPECTION, finer))
    assert (summary.added, summary.enriched) == (1, 1)
    inspections = [e for e in tracker.show("Warwickshire")["events"] if e["kind"] == "inspection"]
    assert [e["occurred_on"] for e in inspections] == ["2021-11-22"]


def test_event_files_enrich_by_the_published_files_rule(tracker: Tracker, tmp_path: Path) -> None:
    """Two sources disagreeing on a grade: the event file says so, on the line of the grade,
    as a published file's import does."""
    tracker.import_file(lines(tmp_path / "first.jsonl", INSPECTION))
    press = {"publisher": "Community Care", "title": "News"}
    other = {**INSPECTION, "overall": "outstanding", "source": press}
    summary = tracker.import_file(lines(tmp_path / "second.jsonl", other))
    assert summary.already_present == 1
    assert [(w.line, w.reason.split(":")[0]) for w in summary.warnings] == [(1, "overall")]
    assert "sources disagree" in summary.as_dict()["warnings"][0]["warning"]  # type: ignore[index]


def test_the_importers_do_not_import_the_facade() -> None:
    code = ("import sys, tracker.importing, tracker.importers.apply, tracker.write_batch; "
            "print('tracker.service' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
