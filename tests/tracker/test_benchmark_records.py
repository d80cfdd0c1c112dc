"""Benchmark figures in event files: England's and the regions' need only their code;
any other geography must be named; a figure already on its stream is already present."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tracker.errors import ImportRowError
from tracker.importing import import_file
from tracker.service import Tracker

DFE = {"publisher": "Department for Education", "title": "Children's social work workforce"}


def figure(code: str, as_at: str, value: float, **more: Any) -> dict[str, Any]:
    return {"kind": "benchmark_figure", "benchmark": code, "occurred_on": as_at, "source": DFE,
            "caseload": value, **more}


def write(path: Path, *records: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_figures_for_england_and_a_region_import_once(tracker: Tracker, tmp_path: Path) -> None:
    path = write(tmp_path / "b.jsonl", figure("E92000001", "2019-09-30", 16.3),
                 figure("E12000007", "2019-09-30", 15.1), figure("E92000001", "2020-09-30", 16.1))
    assert import_file(tracker, path).added == 3
    found = {b["code"]: b for b in tracker.benchmarks()}
    assert (found["E92000001"]["name"], found["E92000001"]["level"]) == ("England", "national")
    assert (found["E12000007"]["name"], found["E12000007"]["level"]) == ("London", "regional")
    assert [f["caseload"]["value"] for f in found["E92000001"]["figures"]] == [16.3, 16.1]
    again = import_file(tracker, path)
    assert (again.added, again.already_present) == (0, 3)
    tracker.add("Sutton", "workforce", {"as_at": "2019-09-30", "caseload": 17, "source": DFE})
    (sutton,) = tracker.caseload_history("Sutton")
    assert sutton["national"]["value"] == 16.3 and sutton["regional"]["value"] == 15.1


def test_another_geography_must_be_named(tracker: Tracker, tmp_path: Path) -> None:
    path = write(tmp_path / "b.jsonl", figure("E92000001", "2019-09-30", 16.3),
                 figure("W92000004", "2019-09-30", 20.0))
    with pytest.raises(ImportRowError, match=r"line 2: benchmark W92000004: give benchmark_name and level"):
        import_file(tracker, path)
    assert tracker.benchmarks() == []  # all or nothing
    named = write(tmp_path / "w.jsonl", figure("W92000004", "2019-09-30", 20.0, benchmark_name="Wales",
                                               level="national"))
    assert import_file(tracker, named).added == 1
