"""`Tracker.compare` and `tracker compare`: councils side by side at a time point, each
lane what that council's own summary says, England's line from the same as-at dates,
and the exports read back."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.images import png_size
from tracker.cli.main import main
from tracker.service import Tracker

Maker = Callable[..., dict[str, Any]]


@pytest.fixture
def three(tracker: Tracker, inspection: Maker, workforce: Maker,
          add_benchmark: Callable[..., None]) -> Tracker:
    tracker.add("Sutton", "inspection", inspection("2014-03-03", "2014-05-01", "requires_improvement"))
    tracker.add("Sutton", "inspection", inspection("2018-02-05", "2018-04-01", "good"))
    tracker.add("Sutton", "workforce", workforce("2016-09-30", 18.0, "2017-02-01"))
    tracker.add("Sutton", "workforce", workforce("2019-09-30", 15.0, "2020-02-01"))
    tracker.add("Swindon", "inspection", inspection("2016-01-11", "2016-03-01", "inadequate"))
    tracker.add("Swindon", "workforce", workforce("2016-09-30", 20.0, "2017-02-01"))
    tracker.add("Leeds", "workforce", workforce("2019-09-30", 13.0, "2020-02-01"))
    add_benchmark("E92000001", "England", "national", {"2016-09-30": 17.0, "2019-09-30": 16.0})
    return tracker


def lanes(tracker: Tracker, day: date) -> dict[str, Any]:
    found = tracker.compare(["Sutton", "Swindon", "Leeds"], as_of=day, known_on=day)
    return {s.council.name: ([(j.happened.year, j.overall) for j in s.inspections],
                             [(c.as_at, c.figure.point, c.national.point if c.national else None)
                              for c in s.caseloads]) for s in found.councils} | {"England": found.england()}


def test_three_councils_at_two_dates(three: Tracker) -> None:
    assert lanes(three, date(2017, 6, 30)) == {
        "Sutton": ([(2014, "requires_improvement")], [("2016-09-30", 18.0, 17.0)]),
        "Swindon": ([(2016, "inadequate")], [("2016-09-30", 20.0, 17.0)]),
        "Leeds": ([], []),
        "England": [("2016-09-30", 17.0)],
    }
    assert lanes(three, date(2020, 6, 30)) == {
        "Sutton": ([(2014, "requires_improvement"), (2018, "good")],
                   [("2016-09-30", 18.0, 17.0), ("2019-09-30", 15.0, 16.0)]),
        "Swindon": ([(2016, "inadequate")], [("2016-09-30", 20.0, 17.0)]),
        "Leeds": ([], [("2019-09-30", 13.0, 16.0)]),
        "England": [("2016-09-30", 17.0), ("2019-09-30", 16.0)],
    }


def test_each_lane_is_the_councils_own_summary_in_the_order_asked(three: Tracker) -> None:
    day = date(2020, 6, 30)
    found = three.compare(["Leeds", "Sutton"], as_of=day, known_on=date(2019, 1, 1))
    assert [s.council.name for s in found.councils] == ["Leeds", "Sutton"]
    for summary in found.councils:
        assert summary == three.summary(summary.council.name, as_of=day, known_on=date(2019, 1, 1))
    assert found.councils[1].caseloads[-1].as_at == "2016-09-30"  # 2019's was not yet known


def cli(capsys: pytest.CaptureFixture[str], store: str, *argv: str) -> tuple[int, str, str]:
    code = main(["--store", store, *argv])
    out, err = capsys.readouterr()
    return code, out, err


SEVEN = ["Sutton", "Swindon", "Leeds", "Kent", "Essex", "Derby", "York"]


@pytest.mark.parametrize("names", [["Sutton"], SEVEN, ["Sutton", "sutton"]])
def test_one_seven_or_a_council_twice_is_refused(three: Tracker, store_path: str,
                                                capsys: pytest.CaptureFixture[str], names: list[str]) -> None:
    code, out, err = cli(capsys, store_path, "compare", *names)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "2 to 6 councils" in err or "each council once" in err


def test_json_csv_xlsx_and_png(three: Tracker, store_path: str, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    two = ("compare", "Sutton", "Swindon", "--as-of", "2020-06-30", "--known-on", "2020-06-30")
    code, out, _ = cli(capsys, store_path, *two, "--json")
    answer = json.loads(out)
    assert code == 0 and [c["council"]["name"] for c in answer["councils"]] == ["Sutton", "Swindon"]
    sutton = answer["councils"][0]["inspections"]
    assert sutton == [{"happened": "2014-03-03", "overall": "requires_improvement"},
                      {"happened": "2018-02-05", "overall": "good"}]
    assert answer["england"] == [{"as_at": "2016-09-30", "caseload": 17.0},
                                 {"as_at": "2019-09-30", "caseload": 16.0}]

    code, out, _ = cli(capsys, store_path, *two, "--csv", "--out", str(tmp_path))
    rows = list(csv.reader(io.StringIO(Path(out.strip()).read_text())))
    header = next(i for i, row in enumerate(rows) if row and row[0] == "LA number")
    by_name = {row[1]: dict(zip(rows[header], row, strict=True)) for row in rows[header + 1:]}
    assert by_name["Sutton"]["Overall effectiveness"] == "Good"
    assert by_name["Sutton"]["Judgements over time"] == "2014-03-03 Requires improvement; 2018-02-05 Good"
    assert by_name["Swindon"]["Caseload"] == "20.0" and by_name["Swindon"]["England caseload"] == "17.0"

    code, out, _ = cli(capsys, store_path, *two, "--xlsx", "--out", str(tmp_path))
    book = openpyxl.load_workbook(out.strip())
    assert {"Councils", "Caseloads", "Sources"} <= set(book.sheetnames)
    caseloads = [[cell.value for cell in row] for row in book["Caseloads"].iter_rows()]
    sutton = [r for r in caseloads if r[1] == "Sutton"]
    assert [(r[2].date(), r[3], r[4]) for r in sutton] == [(date(2016, 9, 30), 18.0, 17.0),
                                                           (date(2019, 9, 30), 15.0, 16.0)]

    first = Path(cli(capsys, store_path, *two, "--png", "--out", str(tmp_path))[1].strip())
    again = Path(cli(capsys, store_path, *two, "--png", "--out", str(tmp_path))[1].strip())
    assert first.name == "comparison-sutton-swindon-2020-06-30.png" and again.name.endswith("-2.png")
    assert png_size(first.read_bytes()) == (1200, 675)
