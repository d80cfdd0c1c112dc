"""The export writers on their own: a table read back from CSV (csv module) and from a
workbook (openpyxl) holds words, real dates, numbers as numbers and no formula; charts
are valid PNG and SVG images of the promised size; no file is ever written over."""

from __future__ import annotations

import csv
import io
import stat
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from tests.images import png_size
from tracker.errors import UserError
from tracker.exports.chart_data import Chart, Line, Mark
from tracker.exports.charts import chart_bytes, write_chart
from tracker.exports.csv_file import csv_bytes, write_csv
from tracker.exports.files import slug, write_export
from tracker.exports.table import Source, Table
from tracker.exports.words import figure_cell, framework_words, grade_words, kind_words
from tracker.exports.xlsx_file import sheet_name, write_xlsx, xlsx_bytes
from tracker.results import Figure
from tracker.spreadsheet import inert_cell
from tracker.time_point import TimePoint

WHEN = TimePoint(date(2025, 3, 31), date(2025, 6, 30))
DFE = Source("Department for Education", "Children's social work workforce", "2025-02-27",
             "https://explore-education-statistics.service.gov.uk/")
FORMULAS = ["=HYPERLINK(\"http://evil.example\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def table(title: str = "Caseloads") -> Table:
    rows = [[formula, grade_words("requires_improvement"), date(2024, 9, 30), -3, 17.5, None]
            for formula in FORMULAS]
    return Table.of(title, ["Council", "Overall effectiveness", "As at", "Change", "Caseload", "Note"],
                    rows, WHEN, [DFE, DFE])


def test_codes_become_words() -> None:
    assert grade_words("requires_improvement") == "Requires improvement"
    assert grade_words("unknown") == "Grade not recorded"
    assert grade_words(None) is None
    assert framework_words("ilacs_standard") == "ILACS standard"
    assert kind_words("focused_visit") == "Focused visit"
    assert figure_cell(Figure(17.5, 17.5, 17.5)) == 17.5
    assert figure_cell(Figure(None, 24, 26)) == "24–26"
    assert figure_cell(Figure(None, 20, None)) == "≥20"


def test_only_text_cells_are_neutralised() -> None:
    assert inert_cell(-3) == "-3"
    assert inert_cell(-0.5) == "-0.5"
    assert inert_cell("-3") == "'-3"


def test_csv_reads_back_with_its_header_line_words_iso_dates_and_no_formula() -> None:
    text = csv_bytes(table()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["Caseloads", "as of 2025-03-31", "known on 2025-06-30",
                       "source: Department for Education, Children's social work workforce, 2025-02-27, "
                       "https://explore-education-statistics.service.gov.uk/"]
    assert rows[1] == ["Council", "Overall effectiveness", "As at", "Change", "Caseload", "Note"]
    assert len(rows) == 2 + len(FORMULAS)
    for formula, row in zip(FORMULAS, rows[2:], strict=True):
        assert row == ["'" + formula, "Requires improvement", "2024-09-30", "-3", "17.5", ""]
        assert float(row[3]) == -3  # a number a spreadsheet reads as one


def test_csv_names_the_recorded_by_time_when_given() -> None:
    when = TimePoint(date(2025, 3, 31), date(2025, 3, 31), datetime(2025, 4, 2, 12, 0))
    first = csv_bytes(Table.of("T", ["a"], [], when)).decode("utf-8-sig").splitlines()[0]
    assert first == "T,as of 2025-03-31,known on 2025-03-31,recorded by 2025-04-02T12:00:00"


def test_a_formula_looking_title_or_source_is_neutralised_too() -> None:
    evil = Table.of("=cmd|' /C calc'!A0", ["+h"], [], WHEN, [Source("@evil", "-t")])
    rows = list(csv.reader(io.StringIO(csv_bytes(evil).decode("utf-8-sig"), newline="")))
    assert rows[0][0] == "'=cmd|' /C calc'!A0"
    assert rows[0][-1] == "source: @evil, -t"  # starts with "source:", so inert already
    assert rows[1] == ["'+h"]


def test_workbook_has_a_sheet_per_table_and_a_sources_sheet(tmp_path: Path) -> None:
    tables = [table(), table("Neighbours: [Warwickshire]/2025?")]
    path = write_xlsx(tables, tmp_path, "neighbours", "Warwickshire")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Caseloads", "Neighbours   Warwickshire  2025", "Sources"]
    sheet = book["Caseloads"]
    assert sheet["A1"].value == "Caseloads"
    assert sheet["A2"].value == "as of 2025-03-31, known on 2025-06-30"
    headers = [c.value for c in sheet[4]]
    assert headers == ["Council", "Overall effectiveness", "As at", "Change", "Caseload", "Note"]
    assert all(c.font.bold for c in sheet[4])
    first = sheet[5]
    assert first[0].value == FORMULAS[0] and first[0].data_type == "s"  # text, not a formula
    assert first[0].quotePrefix, "editing the cell in Excel keeps it text"
    assert not first[1].quotePrefix
    assert all(sheet.cell(row, 1).data_type == "s" for row in range(5, 5 + len(FORMULAS)))
    assert first[1].value == "Requires improvement"
    assert first[2].value == datetime(2024, 9, 30) and first[2].is_date
    assert first[3].value == -3 and first[3].data_type == "n"
    assert first[4].value == 17.5
    assert first[5].value is None
    sources = book["Sources"]
    assert [c.value for c in sources[1]] == ["Table", "Publisher", "Title", "Published", "URL"]
    expected = ["Caseloads", DFE.publisher, DFE.title, datetime(2025, 2, 27), DFE.url]
    assert [c.value for c in sources[2]] == expected
    assert sources.max_row == 3  # the source given twice is listed once per table


def test_sheet_names_are_safe_and_unique() -> None:
    taken = {"sources"}
    long = "A very long table title that Excel would refuse"
    assert sheet_name(long, taken) == long[:31]
    assert sheet_name(long, taken) == long[:27] + " (2)"
    assert sheet_name("Sources", taken) == "Sources (2)"
    assert sheet_name("'a*b:c'", taken) == "a b c"
    assert sheet_name("history", taken) == "History table"
    assert sheet_name("", taken) == "Table"
    assert all(len(sheet_name(long, taken)) <= 31 for _ in range(12))


def test_xlsx_bytes_are_a_workbook() -> None:
    assert xlsx_bytes([table()])[:2] == b"PK"


def chart() -> Chart:
    days = [date(2019, 9, 30), date(2020, 9, 30), date(2021, 9, 30)]
    return Chart("Caseloads: Warwickshire, as of 2025-03-31, known on 2025-03-31 $x$",
                 (Line("Warwickshire", tuple(zip(days, [17.0, 19.5, 21.0], strict=True))),
                  Line("England", tuple(zip(days, [16.3, 16.0, 16.6], strict=True)), "england"),
                  Line("West Midlands", tuple(zip(days, [17.1, 17.4, 17.9], strict=True)), "region")),
                 (Mark(date(2019, 11, 4), "Good"), Mark(date(2021, 1, 11), "Requires improvement")),
                 WHEN, (DFE,))


def test_png_is_a_valid_image_of_the_report_size() -> None:
    data = chart_bytes(chart(), "png")
    assert png_size(data) == (1200, 675)
    assert data.endswith(b"IEND\xaeB`\x82")


def test_a_chart_with_nothing_to_draw_is_still_a_chart_of_the_size() -> None:
    empty = Chart("Caseloads: Barnsley, as of 2013-01-01", (), (), WHEN)
    assert png_size(chart_bytes(empty, "png")) == (1200, 675)
    assert "no caseload figures at this time point" in chart_bytes(empty, "svg").decode()


def test_svg_parses_and_has_the_report_size_title_and_legend() -> None:
    data = chart_bytes(chart(), "svg")
    root = ET.fromstring(data)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert (root.get("width"), root.get("height")) == ("576pt", "324pt")  # 8 x 4.5 inches
    assert root.get("viewBox") == "0 0 576 324"
    assert chart_bytes(chart(), "svg") == data, "the same chart gives the same file"


def test_text_from_data_is_drawn_literally_never_as_mathematics() -> None:
    base = chart()
    odd = r"Caseloads: $\bogus{$ council"  # mathematical notation would refuse to draw this
    for fmt in ("png", "svg"):
        data = chart_bytes(Chart(odd, (Line("$x$", base.lines[0].points),), (), WHEN), fmt)
        assert data
    assert odd in chart_bytes(Chart(odd, base.lines, (), WHEN), "svg").decode()


def test_no_export_is_written_over_another(tmp_path: Path) -> None:
    first = write_chart(chart(), tmp_path, "png", "caseloads", "Warwickshire")
    second = write_chart(chart(), tmp_path, "png", "caseloads", "Warwickshire")
    (tmp_path / "caseloads-warwickshire-2025-03-31-known-2025-06-30-3.png").symlink_to(tmp_path / "away")
    third = write_chart(chart(), tmp_path, "png", "caseloads", "Warwickshire")
    assert first == tmp_path.absolute() / "caseloads-warwickshire-2025-03-31-known-2025-06-30.png"
    assert second.name == "caseloads-warwickshire-2025-03-31-known-2025-06-30-2.png"
    assert third.name == "caseloads-warwickshire-2025-03-31-known-2025-06-30-4.png"
    assert not (tmp_path / "away").exists()
    for path in (first, second, third):
        assert path.is_absolute() and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert write_csv(table(), tmp_path, "caseloads").name == "caseloads-2025-03-31-known-2025-06-30.csv"


def test_a_missing_folder_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such folder"):
        write_export(tmp_path / "missing", "x", "csv", b"a")
    (tmp_path / "file").write_text("")
    with pytest.raises(UserError, match="not a folder"):
        write_export(tmp_path / "file", "x", "csv", b"a")
    assert not (tmp_path / "missing").exists()


def test_file_names_are_plain() -> None:
    assert slug("Bristol, City of") == "bristol-city-of"
    assert slug("../../etc") == "etc"
    assert slug("St. Helens") == "st-helens"
