"""`tracker chart` and `tracker neighbours --csv/--xlsx` through the real CLI on a real
seeded SQLite store: the files hold what the commands show, their full paths are
printed, a second export gets the next name, and a missing --out folder is refused."""

from __future__ import annotations

import csv
import io
import json
import struct
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.conftest import TODAY
from tests.images import png_size
from tracker.cli.main import main
from tracker.seeding import seed_store
from tracker.service import Tracker
from tracker.store import open_store


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A store holding the seeds and the shipped national record, as `tracker seed` makes it."""
    path = str(tmp_path_factory.mktemp("seeded") / "tracker.db")
    app = open_store(path)
    seed_store(Tracker(app, today=TODAY))
    app.close()
    yield path


def run(capsys: pytest.CaptureFixture[str], store: str, *argv: str) -> tuple[int, str, str]:
    code = main(["--store", store, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def written(capsys: pytest.CaptureFixture[str], store: str, *argv: str) -> Path:
    code, out, err = run(capsys, store, *argv)
    assert (code, err) == (0, ""), err
    path = Path(out.strip())
    assert path.is_absolute() and path.is_file(), out
    return path


def neighbours_json(capsys: pytest.CaptureFixture[str], store: str, *argv: str) -> dict[str, Any]:
    code, out, err = run(capsys, store, "neighbours", *argv, "--json")
    assert (code, err) == (0, ""), err
    return dict(json.loads(out))


def test_chart_writes_a_png_named_after_the_council_and_date(
        capsys: pytest.CaptureFixture[str], seeded: str, tmp_path: Path) -> None:
    first = written(capsys, seeded, "chart", "Warwickshire", "--as-of", "2025-03-31", "--out", str(tmp_path))
    assert first == tmp_path.absolute() / "caseloads-warwickshire-2025-03-31.png"
    data = first.read_bytes()
    assert png_size(data) == (1200, 675)
    second = written(capsys, seeded, "chart", "Warwickshire", "--as-of", "2025-03-31", "--out", str(tmp_path))
    assert second.name == "caseloads-warwickshire-2025-03-31-2.png"
    assert first.read_bytes() == data, "the first file is untouched"


def test_chart_svg_names_the_council_lines_and_grades(
        capsys: pytest.CaptureFixture[str], seeded: str, tmp_path: Path) -> None:
    path = written(capsys, seeded, "chart", "Warwickshire", "--as-of", "2025-03-31", "--known-on",
                   "2025-06-30", "--svg", "--out", str(tmp_path))
    assert path.name == "caseloads-warwickshire-2025-03-31-known-2025-06-30.svg"
    text = path.read_text()
    root = ET.fromstring(text)
    assert (root.get("width"), root.get("height")) == ("576pt", "324pt")
    for words in ("Caseloads: Warwickshire, as of 2025-03-31, known on 2025-06-30", "England",
                  "West Midlands", "inspection: ", "as at", "caseload (children per social worker)"):
        assert words in text, words  # the SVG keeps each drawn text in a comment


def test_chart_of_the_default_time_point_writes_into_the_current_folder(
        capsys: pytest.CaptureFixture[str], seeded: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, seeded, "chart", "Sutton", "--json")
    assert (code, err) == (0, ""), err
    path = Path(json.loads(out)["written"])
    assert path.parent == tmp_path.absolute() and path.name.startswith("caseloads-sutton-")


def test_a_chart_of_no_figures_is_refused_and_nothing_written(
        capsys: pytest.CaptureFixture[str], seeded: str, tmp_path: Path) -> None:
    code, out, err = run(capsys, seeded, "chart", "Barnsley", "--as-of", "2013-01-01", "--out", str(tmp_path))
    assert (code, out) == (2, "")
    assert err == ("error: Barnsley has no caseload figures as of 2013-01-01, known on 2013-01-01: "
                   "no chart written\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("argv", [["chart", "Warwickshire"], ["neighbours", "Warwickshire", "--csv"],
                                  ["neighbours", "Warwickshire", "--xlsx"]])
def test_a_missing_out_folder_is_refused_with_one_line(
        capsys: pytest.CaptureFixture[str], seeded: str, tmp_path: Path, argv: list[str]) -> None:
    missing = tmp_path / "no-such-folder"
    code, out, err = run(capsys, seeded, *argv, "--out", str(missing))
    assert code == 2 and out == ""
    assert err == f"error: cannot write to {missing}: no such folder (create it first)\n"
    assert list(tmp_path.iterdir()) == []


def test_neighbours_csv_holds_the_table_in_words(
        capsys: pytest.CaptureFixture[str], seeded: str, tmp_path: Path) -> None:
    found = neighbours_json(capsys, seeded, "Warwickshire", "--as-of", "2025-03-31")
    path = written(capsys, seeded, "neighbours", "Warwickshire", "--as-of", "2025-03-31", "--csv",
                   "--out", str(tmp_path))
    assert path.name == "neighbours-warwickshire-2025-03-31.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    assert rows[0][:3] == [f"Statistical neighbours of Warwickshire ({found['model']['name']})",
                           "as of 2025-03-31", "known on 2025-03-31"]
    assert any(cell.startswith("source: ") and found["model"]["source"]["publisher"] in cell
               for cell in rows[0])
    assert rows[1][:4] == ["Rank", "LA number", "Neighbour", "Closeness"]
    body = rows[2:]
    assert [r[1] for r in body] == [n["council"]["la_code"] for n in found["neighbours"]]
    grades = {"outstanding": "Outstanding", "good": "Good", "requires_improvement": "Requires improvement",
              "inadequate": "Inadequate", None: ""}
    for row, neighbour in zip(body, found["neighbours"], strict=True):
        rating, caseload = neighbour["rating"], neighbour["caseload"]
        assert row[3] == neighbour["closeness_label"]
        assert row[4] == grades[rating["overall"] if rating else None]
        if caseload and caseload["value"] is not None:
            assert float(row[7]) == caseload["value"]
            assert row[8] == caseload["as_at"]  # ISO
    assert any(row[4] for row in body), "some neighbour has a rating in words"


def test_neighbours_xlsx_has_the_table_and_a_sources_sheet(
        capsys: pytest.CaptureFixture[str], seeded: str, tmp_path: Path) -> None:
    found = neighbours_json(capsys, seeded, "Warwickshire", "--as-of", "2025-03-31")
    path = written(capsys, seeded, "neighbours", "Warwickshire", "--as-of", "2025-03-31", "--xlsx",
                   "--out", str(tmp_path))
    assert path.suffix == ".xlsx"
    again = written(capsys, seeded, "neighbours", "Warwickshire", "--as-of", "2025-03-31", "--xlsx",
                    "--out", str(tmp_path))
    assert again.name == "neighbours-warwickshire-2025-03-31-2.xlsx"
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Neighbours", "Sources"]
    sheet = book["Neighbours"]
    assert sheet["A1"].value == f"Statistical neighbours of Warwickshire ({found['model']['name']})"
    assert sheet["A2"].value == "as of 2025-03-31, known on 2025-03-31"
    codes = [sheet.cell(row, 2).value for row in range(5, 15)]
    assert codes == [n["council"]["la_code"] for n in found["neighbours"]]
    for row, neighbour in zip(range(5, 15), found["neighbours"], strict=True):
        caseload = neighbour["caseload"]
        if caseload and caseload["value"] is not None:
            assert sheet.cell(row, 8).value == caseload["value"]
            assert sheet.cell(row, 9).value == datetime.fromisoformat(caseload["as_at"])
    publishers = [c.value for c in book["Sources"]["B"][1:]]
    assert found["model"]["source"]["publisher"] in publishers


def test_csv_and_xlsx_are_one_or_the_other(capsys: pytest.CaptureFixture[str], seeded: str) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--store", seeded, "neighbours", "Warwickshire", "--csv", "--xlsx"])
    assert exited.value.code == 2
    assert "argument --xlsx: not allowed with argument --csv" in capsys.readouterr().err


def test_comparison_chart_has_each_council_and_england(seeded: str, tmp_path: Path) -> None:
    from tracker.exports.chart_data import caseload_chart, comparison_chart
    from tracker.exports.charts import chart_bytes
    from tracker.time_point import TimePoint

    app = open_store(seeded)
    try:
        tracker = Tracker(app, today=TODAY)
        when = TimePoint(TODAY, TODAY)
        summaries = [tracker.summary(name, as_of=TODAY) for name in ("Warwickshire", "Sutton", "Swindon")]
        chart = comparison_chart(summaries, when)
        single = caseload_chart(summaries[0], when)
    finally:
        app.close()
    assert [line.label for line in chart.lines] == ["Warwickshire", "Sutton", "Swindon", "England"]
    for line, summary in zip(chart.lines, summaries, strict=False):
        assert [value for _, value in line.points] == [c.figure.point for c in summary.caseloads]
    england = dict(chart.lines[-1].points)
    assert all(england[day] == value for day, value in single.lines[1].points)  # England's own figures
    assert chart.title.startswith("Caseloads: Warwickshire, Sutton, Swindon, as of 2026-11-23")
    assert [m.day for m in single.marks] == [j.happened for j in summaries[0].inspections]
    assert struct.unpack(">II", chart_bytes(chart, "png")[16:24]) == (1200, 675)


def test_the_command_line_loads_the_drawing_libraries_only_to_export() -> None:
    """matplotlib and XlsxWriter take over half a second to load: every other command
    (and `--help`) starts without them."""
    import subprocess
    import sys

    script = ("import sys, tracker.cli.main\n"
              "print(sorted(m for m in ('matplotlib', 'xlsxwriter') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_overview_table_is_the_councils_answer_in_words(
        capsys: pytest.CaptureFixture[str], seeded: str, tmp_path: Path) -> None:
    from tracker.exports.councils_table import councils_table
    from tracker.exports.writing import write_tables

    code, out, err = run(capsys, seeded, "councils", "--as-of", "2025-03-31", "--json")
    assert (code, err) == (0, ""), err
    expected = json.loads(out)
    app = open_store(seeded)
    try:
        overview = Tracker(app, today=TODAY).overview(as_of=datetime(2025, 3, 31).date(), last_events=False)
    finally:
        app.close()
    path = write_tables([councils_table(overview)], tmp_path, "xlsx", "councils")
    assert path.name == "councils-2025-03-31.xlsx"
    sheet = openpyxl.load_workbook(path)["Councils"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    assert [r[0] for r in rows] == [c["council"]["la_code"] for c in expected]
    words = {"outstanding": "Outstanding", "good": "Good", "requires_improvement": "Requires improvement",
             "inadequate": "Inadequate", "unknown": "Grade not recorded", None: None}
    for row, council in zip(rows, expected, strict=True):
        rating, previous, caseload = council["rating"], council["previous_rating"], council["caseload"]
        assert row[3] == words[rating["overall"] if rating else None]
        assert row[6] == words[previous["overall"] if previous else None]
        assert row[7] == (council["direction"].capitalize() if council["direction"] else None)
        if caseload and caseload["value"] is not None:
            assert row[8] == caseload["value"]
            national = caseload["national"]
            assert row[10] == (national["value"] if national else None)
    assert sum(1 for r in rows if r[3]) > 100, "most councils have a rating in the national record"
    with pytest.raises(ValueError, match="one table"):
        write_tables([], tmp_path, "csv", "councils")
    with pytest.raises(ValueError, match="csv or xlsx"):
        write_tables([councils_table(overview)], tmp_path, "ods", "councils")
