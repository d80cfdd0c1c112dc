"""`--official YYYY` is Ofsted's "as at 31 March" table's own times, and `councils --json`
carries England's and the region's figures beside each caseload, as `show --json` does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.cli.main import main
from tracker.seeding import load_seeds
from tracker.service import Tracker

DFE = "csww_indicators_2017_to_2024.csv"


def output(capsys: pytest.CaptureFixture[str], store: str, *argv: str) -> str:
    capsys.readouterr()
    assert main(["--store", store, *argv]) == 0
    return capsys.readouterr().out


def test_official_means_31_march_known_on_30_june(
    tracker: Tracker, store_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    load_seeds(tracker)
    explicit = ["--as-of", "2019-03-31", "--known-on", "2019-06-30"]
    for command in (["councils"], ["show", "Cambridgeshire"]):
        for shape in (["--json"], []):
            official = output(capsys, store_path, *command, "--official", "2019", *shape)
            assert official == output(capsys, store_path, *command, *explicit, *shape)
    answer = json.loads(output(capsys, store_path, "show", "873", "--official", "2019", "--json"))
    assert (answer["as_of"], answer["known_on"]) == ("2019-03-31", "2019-06-30")


@pytest.mark.parametrize("extra", [["--as-of", "2019-03-31"], ["--known-on", "2019-06-30"]])
@pytest.mark.parametrize("command", [["councils"], ["show", "873"]])
def test_official_refuses_explicit_times(
    command: list[str], extra: list[str], store_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["--store", store_path, *command, "--official", "2019", *extra]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "--official" in captured.err


@pytest.mark.parametrize("year", ["19", "2019-03-31", "next"])
def test_official_needs_a_year(year: str, store_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--store", store_path, "councils", "--official", year]) == 2
    assert "--official" in capsys.readouterr().err


def test_councils_json_carries_the_same_benchmarks_as_show(
    shared_data: Path, store_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    output(capsys, store_path, "import", str(shared_data / DFE))
    for times in ([], ["--as-of", "2020-03-31"]):
        rows = json.loads(output(capsys, store_path, "councils", *times, "--json"))
        compared = 0
        for row in rows:
            code = row["council"]["la_code"]
            shown = json.loads(output(capsys, store_path, "show", code, *times, "--json"))
            latest = shown["caseloads"][-1] if shown["caseloads"] else None
            assert row["caseload"] == latest, row["council"]["name"]
            compared += latest is not None and latest["national"] is not None
        assert compared > 140  # nearly every council has a figure, with England's beside it
