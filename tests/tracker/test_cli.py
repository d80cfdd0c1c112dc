"""The command line: every add kind, reads with --json, and every bad input giving
one clear message, exit code 2 and nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.cli.main import main

SOURCE = ["--source-publisher", "Ofsted", "--source-title", "Report"]
ADD_EXAMPLES = {
    "inspection": ["--fieldwork-start", "2019-01-07", "--published-on", "2019-02-19",
                   "--overall", "requires-improvement", "--impact-of-leaders", "good",
                   "--framework", "ilacs_standard"],
    "focused-visit": ["--occurred-on", "2018-03", "--theme", "help and protection",
                      "--findings", "caseloads too high", "--findings", "progress made"],
    "monitoring-visit": ["--occurred-on", "2019-05", "--theme", "care leavers"],
    "restructure": ["--occurred-on", "2018-07", "--status", "delayed", "--changes", "new hubs"],
    "recruitment": ["--occurred-on", "2018", "--posts", "12", "--investment-gbp", "1100000",
                    "--routes", "overseas"],
    "workforce": ["--as-at", "2017-09-30", "--caseload", "24-26", "--caseload-target", "15",
                  "--suppressed", "vacancy_rate=x"],
    "leadership-change": ["--occurred-on", "2017-06", "--role", "DCS", "--change", "appointed"],
    "budget-pressure": ["--occurred-on", "2018", "--description", "overspend"],
    "initiative": ["--occurred-on", "2020", "--name", "social workers in schools"],
}


def run(store: str, *argv: str) -> int:
    return main(["--store", store, *argv])


def event_count(store: str, capsys: pytest.CaptureFixture[str]) -> int:
    capsys.readouterr()
    assert run(store, "log", "--json") == 0
    return len(json.loads(capsys.readouterr().out))


@pytest.mark.parametrize("kind", list(ADD_EXAMPLES))
def test_add_every_kind_then_show_json(
    kind: str, store_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(store_path, "add", kind, "Cambridgeshire", *ADD_EXAMPLES[kind], *SOURCE,
               "--json") == 0
    assert json.loads(capsys.readouterr().out) == {"id": "873-2"}
    assert run(store_path, "show", "873", "--json") == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["council"] == {"la_code": "873", "ons_code": "E10000003",
                                 "name": "Cambridgeshire", "region": "East of England"}
    assert [e["kind"] for e in answer["events"]] == [kind.replace("-", "_")]


def test_inspection_rating_in_json(store_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(store_path, "add", "inspection", "Cambridgeshire", *ADD_EXAMPLES["inspection"], *SOURCE)
    capsys.readouterr()
    assert run(store_path, "show", "Cambridgeshire", "--as-of", "2019-03-01", "--json") == 0
    rating = json.loads(capsys.readouterr().out)["rating"]
    assert rating == {
        "overall": "requires_improvement", "framework": "ilacs_standard",
        "inspection_started": "2019-01-07", "inspection_ended": None,
        "published_on": "2019-02-19",
        "judgements": {"impact_of_leaders": "good", "help_and_protection": "unknown",
                       "children_in_care": "unknown", "care_leavers": None},
        "event_id": "873-2",
    }


BAD_ADDS = [
    (["inspection", "873", "--fieldwork-start", "2019-01", "--overall", "superb"], "overall"),
    (["inspection", "873", "--fieldwork-start", "2099-01"], "occurred_on"),
    (["inspection", "873", "--fieldwork-start", "2019-03-01", "--published-on", "2019-02-01"],
     "published_on"),
    (["workforce", "873", "--as-at", "2019-09-30", "--caseload", "-4"], "caseload"),
    (["workforce", "873", "--as-at", "2019-09-30", "--caseload", "140"], "caseload"),
    (["inspection", "Cambridgeshir", "--fieldwork-start", "2019-01"], "closest: Cambridgeshire"),
]


@pytest.mark.parametrize(("argv", "named"), BAD_ADDS)
def test_bad_input_one_message_exit_2_nothing_written(
    argv: list[str], named: str, store_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(store_path, "add", *argv, *SOURCE) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and named in err
    assert "Traceback" not in err
    assert event_count(store_path, capsys) == 0


@pytest.mark.parametrize("event_id", ["873-9", "999-2", "banana"])
def test_unknown_event_id(event_id: str, store_path: str,
                          capsys: pytest.CaptureFixture[str]) -> None:
    run(store_path, "add", "initiative", "873", *ADD_EXAMPLES["initiative"], *SOURCE)
    capsys.readouterr()
    assert run(store_path, "retract", event_id, "--reason", "x") == 2
    assert event_id in capsys.readouterr().err
    assert run(store_path, "correct", event_id, "--overall", "good", "--reason", "x") == 2
    assert event_count(store_path, capsys) == 2


def test_correct_and_retract_by_short_id(store_path: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    run(store_path, "add", "inspection", "873", *ADD_EXAMPLES["inspection"], *SOURCE)
    assert run(store_path, "correct", "873-2", "--overall", "good", "--reason", "misread") == 0
    assert run(store_path, "retract", "873-2", "--reason", "wrong council") == 0
    assert run(store_path, "correct", "873-2", "--overall", "good", "--reason", "again") == 2
    capsys.readouterr()
    run(store_path, "log", "873", "--json")
    types = [e["type"] for e in json.loads(capsys.readouterr().out)]
    assert types == ["opened", "inspection", "correction", "retraction"]


def test_malformed_file_names_the_line(tmp_path: Path, store_path: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[events]]\ncouncil = "873"\nkind = "initiative"\noccurred_on = "2020"\n'
        'name = "ok"\nsource = {publisher = "a", title = "b"}\n\n'
        '[[events]]\ncouncil = "873"\nkind = "inspection"\noccurred_on = "2020"\n'
        'overall = "splendid"\nsource = {publisher = "a", title = "b"}\n'
    )
    assert run(store_path, "import", str(bad)) == 2
    err = capsys.readouterr().err
    assert "line 12" in err and "overall" in err
    assert event_count(store_path, capsys) == 0
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"kind": "initiative"}\n{not json\n')
    assert run(store_path, "import", str(broken)) == 2
    assert "line 2" in capsys.readouterr().err


def test_councils_json_has_every_council(store_path: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert run(store_path, "councils", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 153
    assert set(rows[0]) >= {"council", "rating", "caseload"}


def test_console_script_seeds_the_empty_default_store(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    env.pop("TRACKER_STORE", None)
    script = Path(sys.executable).with_name("tracker")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "tracker"]
    first = subprocess.run([*command, "show", "Warwickshire", "--json"], env=env,
                           capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "Loaded" in first.stderr and "the national record and the seeds" in first.stderr
    for publisher in ("Ofsted", "ILACS scrape", "Department for Education", "seeds"):
        assert publisher in first.stderr  # what was loaded, by source and edition
    assert "edition 2025-09-25" in first.stderr
    assert json.loads(first.stdout)["rating"]["published_on"] >= "2022-02"  # its latest, from the record
    councils = subprocess.run([*command, "councils", "--json"], env=env,
                              capture_output=True, text=True, timeout=120)
    rated = [row for row in json.loads(councils.stdout) if row["rating"]]
    assert len(rated) == 153  # the whole national record, from the first command
    assert "Loaded" not in councils.stderr
    assert (tmp_path / "data" / "inspection-tracker" / "tracker.db").stat().st_mode & 0o077 == 0


def test_an_inspection_that_fits_a_recorded_one_is_refused_unless_forced(
    store_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(store_path, "add", "inspection", "873", *ADD_EXAMPLES["inspection"], *SOURCE) == 0
    other_source = ["--source-publisher", "CYP Now", "--source-title", "Council loses good rating"]
    again = ["inspection", "873", "--fieldwork-start", "2019-01", "--overall", "requires improvement"]
    capsys.readouterr()
    assert run(store_path, "add", *again, *other_source) == 2
    assert "looks like 873-2" in capsys.readouterr().err
    assert event_count(store_path, capsys) == 2
    assert run(store_path, "add", *again, *other_source, "--force") == 0
    assert event_count(store_path, capsys) == 3


def test_an_inspection_starting_inside_a_recorded_ones_fieldwork_is_refused(
    store_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fieldwork = ["--fieldwork-start", "2025-10-06", "--fieldwork-end", "2025-10-17"]
    assert run(store_path, "add", "inspection", "873", *fieldwork, *SOURCE) == 0
    capsys.readouterr()
    assert run(store_path, "add", "inspection", "873", "--fieldwork-start", "2025-10-07", *SOURCE) == 2
    err = capsys.readouterr().err
    assert "this looks like 873-2, an inspection with compatible dates" in err
    assert event_count(store_path, capsys) == 2


@pytest.mark.parametrize("kind", list(ADD_EXAMPLES))
def test_help_for_every_kind_lists_its_fields(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["add", kind, "--help"])
    assert exit_.value.code == 0
    assert "--source-title" in capsys.readouterr().out
