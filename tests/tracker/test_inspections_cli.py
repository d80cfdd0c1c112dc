"""`tracker inspections` through the real CLI on a real SQLite store: each row's change and
caseloads (England's, London's, the neighbours' average under the model in force) at two
dates; `--csv` read back with the csv module (words, ISO dates, the title line, no cell a
formula); `--json` as the contract says; both at once refused; `--png` / `--svg`: the chart of
caseload against outcome at the report size, never over another file, refused when empty."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from events.benchmark import Benchmark
from tests.conftest import TODAY
from tests.images import png_size
from tracker.cli.main import main
from tracker.exports.csv_file import csv_bytes
from tracker.exports.inspections_table import inspections_table
from tracker.inspection_answer import InspectionRow, InspectionsAnswer
from tracker.results import CouncilRef
from tracker.service import Tracker
from tracker.spreadsheet import FORMULA_STARTS

OFSTED = {"publisher": "Ofsted", "title": "Inspection report"}
DFE = {"publisher": "Department for Education", "title": "Workforce statistics"}


@pytest.fixture
def store(tracker: Tracker, store_path: str) -> str:
    """Sutton (319): judged good in 2019, requires improvement in 2023; its caseloads, two of
    its 2021-model neighbours' (Bromley 305, Hertfordshire 919), England's and London's."""
    for start, published, grade in (("2019-03-04", "2019-04-20", "good"),
                                    ("2023-05-08", "2023-06-30", "requires_improvement")):
        tracker.add("319", "inspection", {"fieldwork_start": start, "published_on": published,
                                          "overall": grade, "framework": "ilacs_standard",
                                          "source": {**OFSTED, "url": f"https://o/{start}"}})
    figures = {"319": {"2018-09-30": 14.0, "2020-09-30": 15.0, "2022-09-30": 18.5},
               "305": {"2022-09-30": 19.0}, "919": {"2022-09-30": 17.0}}
    for code, found in figures.items():
        for as_at, value in found.items():
            tracker.add(code, "workforce", {"as_at": as_at, "caseload": value, "published_on": "2023-02-20",
                                            "source": {**DFE, "url": f"https://d/{as_at}"}})
    for geo, name, level, value in (("E92000001", "England", "national", 16.6),
                                    ("E12000007", "London", "regional", 14.5)):
        stream = Benchmark.open(geo, name, level)
        stream.record({"occurred_on": "2022-09-30", "published_on": "2023-02-20", "source": DFE,
                       "caseload": value}, TODAY)
        tracker.app.save(stream)
    return store_path


def run(capsys: pytest.CaptureFixture[str], store: str, *argv: str) -> tuple[int, str, str]:
    code = main(["--store", store, "inspections", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def sutton(capsys: pytest.CaptureFixture[str], store: str, *argv: str) -> list[dict[str, Any]]:
    code, out, err = run(capsys, store, *argv, "--json")
    assert (code, err) == (0, ""), err
    return [r for r in json.loads(out)["inspections"] if r["council"]["la_code"] == "319"]


def test_each_row_has_its_change_and_the_caseloads_at_fieldwork(
        capsys: pytest.CaptureFixture[str], store: str) -> None:
    first, second = sutton(capsys, store, "--as-of", "2024-01-31")
    assert (first["change"], first["previous"], first["overall"]) == ("first", None, "good")
    assert first["caseload"] == {
        "as_at": "2018-09-30", "value": 14.0, "event_id": first["caseload"]["event_id"],
        "change_two_years": None, "earlier_as_at": None, "england": None, "region": None,
        "neighbours": None, "neighbours_with_figure": 0, "neighbour_model": None}  # no model before 2021
    assert second["change"] == "down"
    assert second["previous"] == {"overall": "good", "event_id": first["event_id"]}
    assert second["caseload"]["as_at"] == "2022-09-30"
    assert second["caseload"]["value"] == 18.5
    assert second["caseload"]["change_two_years"] == pytest.approx(3.5)
    assert second["caseload"]["earlier_as_at"] == "2020-09-30"
    assert (second["caseload"]["england"], second["caseload"]["region"]) == (16.6, 14.5)
    assert second["caseload"]["neighbours"] == pytest.approx(18.0)
    load = second["caseload"]
    assert (load["neighbours_with_figure"], load["neighbour_model"]) == (2, "2021")


def test_a_date_before_the_report_shows_only_what_was_known(
        capsys: pytest.CaptureFixture[str], store: str) -> None:
    # fieldwork has begun on 2023-06-01 but the report is not out: one inspection counts
    assert [r["overall"] for r in sutton(capsys, store, "--as-of", "2023-06-01")] == ["good"]
    # known on 2023-02-01: the 2023 report and every figure (published 2023-02-20) still to come
    rows = sutton(capsys, store, "--as-of", "2024-01-31", "--known-on", "2023-02-01")
    assert [(r["change"], r["caseload"]) for r in rows] == [("first", None)]
    # known on 2023-07-01: both reports and the figures
    rows = sutton(capsys, store, "--as-of", "2024-01-31", "--known-on", "2023-07-01")
    assert [(r["change"], r["caseload"]["value"]) for r in rows] == [("first", 14.0), ("down", 18.5)]


def test_csv_reads_back_in_words_with_a_title_line(capsys: pytest.CaptureFixture[str], store: str,
                                                   tmp_path: Path) -> None:
    code, out, err = run(capsys, store, "--as-of", "2024-01-31", "--csv", "--out", str(tmp_path))
    assert (code, err) == (0, "")
    written = Path(out.strip())
    assert written == tmp_path.absolute() / "inspections-2024-01-31.csv"
    lines = list(csv.reader(io.StringIO(written.read_text(encoding="utf-8-sig"))))
    title, headers, *rows = lines
    assert title[:3] == ["Judgement inspections", "as of 2024-01-31", "known on 2024-01-31"]
    assert any("statistical neighbour" in cell for cell in title)
    mine = [dict(zip(headers, row, strict=True)) for row in rows if row[0] == "319"]
    assert [r["Overall"] for r in mine] == ["Good", "Requires improvement"]
    assert [r["Framework"] for r in mine] == ["ILACS standard", "ILACS standard"]
    assert [r["Change"] for r in mine] == ["first", "down"]
    assert [r["Fieldwork start"] for r in mine] == ["2019-03-04", "2023-05-08"]
    assert date.fromisoformat(mine[1]["Published"]) == date(2023, 6, 30)
    assert (mine[1]["Caseload"], mine[1]["Caseload change over two years"]) == ("18.5", "3.5")
    assert (mine[1]["England caseload"], mine[1]["Neighbours' average caseload"]) == ("16.6", "18.0")
    for row in lines:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS) or float(cell) < 0, cell


def test_csv_neutralises_text_a_spreadsheet_would_run() -> None:
    council = CouncilRef("999", "E0", "=HYPERLINK(\"http://x\")", "+London")
    row = InspectionRow(council, "999-2", "2023-05-08", None, None, "sif", "good", (None,) * 4, "good",
                        "999-1", "same", None)
    table = inspections_table(InspectionsAnswer(date(2024, 1, 1), date(2024, 1, 1), None, (row,), ("-src",)))
    lines = list(csv.reader(io.StringIO(csv_bytes(table).decode("utf-8-sig"))))
    assert "source: -src" in lines[0]  # a source cell starts with its label: never a formula
    assert lines[2][1:3] == ["'=HYPERLINK(\"http://x\")", "'+London"]


def test_json_and_csv_together_are_refused(capsys: pytest.CaptureFixture[str], store: str) -> None:
    code, out, err = run(capsys, store, "--json", "--csv")
    assert (code, out) == (2, "")
    assert err.strip() == "error: inspections: give --json or a file (--csv, --xlsx, --png, --svg), not both"


def test_the_table_shows_each_row_in_words(capsys: pytest.CaptureFixture[str], store: str) -> None:
    code, out, err = run(capsys, store, "--as-of", "2024-01-31")
    assert (code, err) == (0, "")
    sutton = [line.split() for line in out.splitlines() if line.startswith("Sutton")]
    assert sutton == [["Sutton", "2019-03-04", "Good", "first", "14.0", "—", "—", "—", "—"],
                      ["Sutton", "2023-05-08", "Req.", "improv.", "down", "18.5", "+3.5", "16.6", "14.5",
                       "18.0"]]


def test_png_is_the_outcome_chart_at_the_report_size_never_over_another(
        capsys: pytest.CaptureFixture[str], store: str, tmp_path: Path) -> None:
    first = chart_written(capsys, store, "--as-of", "2024-01-31", "--png", "--out", str(tmp_path))
    assert first == tmp_path.absolute() / "outcomes-by-caseload-2024-01-31.png"
    data = first.read_bytes()
    assert png_size(data) == (1200, 675)
    second = chart_written(capsys, store, "--as-of", "2024-01-31", "--png", "--out", str(tmp_path))
    assert second.name == "outcomes-by-caseload-2024-01-31-2.png"
    assert first.read_bytes() == data, "the first file is untouched"


def test_svg_names_the_time_point_the_axes_and_each_outcome(
        capsys: pytest.CaptureFixture[str], store: str, tmp_path: Path) -> None:
    path = chart_written(capsys, store, "--as-of", "2024-01-31", "--known-on", "2023-07-01", "--svg",
                         "--out", str(tmp_path))
    assert path.name == "outcomes-by-caseload-2024-01-31-known-2023-07-01.svg"
    text = path.read_text(encoding="utf-8")
    root = ET.fromstring(text)
    assert root.tag.endswith("svg") and (root.get("width"), root.get("height")) == ("576pt", "324pt")
    # matplotlib keeps each drawn string in a comment: the title, both axes, the legend
    for words in ("as of 2024-01-31, known on 2023-07-01",
                  "caseload at fieldwork (children per social worker)",
                  "against the council's previous graded inspection", "downgraded (1 inspection)",
                  "same grade (0 inspections)", "upgraded (0 inspections)", "median"):
        assert words in text, words


def test_a_chart_with_nothing_to_draw_is_refused_and_nothing_written(
        capsys: pytest.CaptureFixture[str], tracker: Tracker, store_path: str, tmp_path: Path) -> None:
    tracker.add("319", "inspection", {"fieldwork_start": "2019-03-04", "published_on": "2019-04-20",
                                      "overall": "good", "framework": "ilacs_standard", "source": OFSTED})
    folder = tmp_path / "out"
    folder.mkdir()
    for fmt in ("--png", "--svg"):
        code, out, err = run(capsys, store_path, "--as-of", "2024-01-31", fmt, "--out", str(folder))
        assert (code, out) == (2, "")
        assert err == ("error: no inspection with an outcome and a caseload at fieldwork as of 2024-01-31, "
                       "known on 2024-01-31: no chart written\n")
    assert list(folder.iterdir()) == []


def test_one_file_at_a_time(capsys: pytest.CaptureFixture[str], store: str) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--store", store, "inspections", "--csv", "--png"])
    assert exited.value.code == 2
    assert "argument --png: not allowed with argument --csv" in capsys.readouterr().err


def chart_written(capsys: pytest.CaptureFixture[str], store: str, *argv: str) -> Path:
    code, out, err = run(capsys, store, *argv)
    assert (code, err) == (0, ""), err
    path = Path(out.strip())
    assert path.is_absolute() and path.is_file(), out
    return path
