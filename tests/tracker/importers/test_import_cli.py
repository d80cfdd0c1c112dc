"""`tracker import` with published files: detection, --format, --dry-run,
--skip-bad-rows, --json, and exit code 2 with one clear line on a bad row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.cli.main import main


def run(store: str, *argv: str) -> int:
    return main(["--store", store, *argv])


def test_summary_lists_outcomes_and_warnings(
    store_path: str, fixtures: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(store_path, "import", str(fixtures / "ilacs_scrape.csv")) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith(
        "(ilacs-scrape): added 9, enriched 0, corrected 0, already present 0, "
        "repeated in the file 0, unreadable grades 2, skipped 0"
    )
    assert any(line.startswith("warning line 7: help_and_protection_grade: parser slip") for line in out)


def test_json_summary_and_dry_run(
    store_path: str, fixtures: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(fixtures / "csww_indicators_2017_to_2018.csv")
    assert run(store_path, "import", path, "--dry-run", "--json") == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["format"], summary["added"], summary["dry_run"]) == ("dfe-workforce", 8, True)
    assert run(store_path, "log", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_bad_row_exits_2_naming_the_line(
    store_path: str, fixtures: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(store_path, "import", str(fixtures / "ilacs_scrape_bad_rows.csv")) == 2
    err = capsys.readouterr().err
    assert "ilacs_scrape_bad_rows.csv, line 3: inspection_start_date" in err
    assert run(store_path, "log", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_skip_bad_rows_reports_each(
    store_path: str, fixtures: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(fixtures / "ilacs_scrape_bad_rows.csv")
    assert run(store_path, "import", path, "--skip-bad-rows", "--json") == 0
    summary = json.loads(capsys.readouterr().out)
    assert [row["line"] for row in summary["skipped"]] == [3, 4, 5, 6, 7]
    assert summary["added"] == 2


def test_unknown_council_names_the_closest(store_path: str, tmp_path: Path, fixtures: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    lines = (fixtures / "ilacs_scrape.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("80486,barking and dagenham", ",barking and dagenhem")
    path = tmp_path / "typo.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run(store_path, "import", str(path)) == 2
    assert "line 3: unknown council 'barking and dagenhem'; closest: Barking and Dagenham (301)" in (
        capsys.readouterr().err
    )


def test_format_option_overrides_detection(
    store_path: str, fixtures: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(fixtures / "ilacs_scrape.csv")
    assert run(store_path, "import", path, "--format", "dfe-workforce") == 2
    assert "missing column time_period" in capsys.readouterr().err


def test_skip_bad_rows_is_refused_for_event_files(
    store_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = tmp_path / "events.jsonl"
    events.write_text("{}\n", encoding="utf-8")
    assert run(store_path, "import", str(events), "--skip-bad-rows") == 2
    assert "--skip-bad-rows is for published files" in capsys.readouterr().err
