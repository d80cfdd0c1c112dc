"""Tables as an Excel workbook: one sheet per table and a Sources sheet.

Each sheet starts with the table's title and time point, then a bold header row. Text
is written as text (never as a formula, whatever it starts with; a formula-looking cell
also carries Excel's quote prefix, so editing it keeps it text), dates as real dates
and numbers as numbers.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import xlsxwriter

from tracker.exports.files import file_stem, write_export
from tracker.exports.table import Cell, Table
from tracker.exports.words import day_cell
from tracker.spreadsheet import FORMULA_STARTS

SHEET_NAME_LIMIT = 31
SOURCES_SHEET = "Sources"


def sheet_name(title: str, taken: set[str]) -> str:
    """A name Excel accepts: no []:*?/\\, no leading or trailing ', at most 31 characters,
    not "History" (reserved), and unlike any name already ``taken`` (case aside)."""
    name = re.sub(r"[\[\]:*?/\\\x00-\x1f]", " ", title).strip().strip("'").strip() or "Table"
    if name.casefold() == "history":
        name = "History table"
    name = name[:SHEET_NAME_LIMIT].rstrip("' ")
    candidate, number = name, 2
    while candidate.casefold() in taken:
        tail = f" ({number})"
        candidate = name[: SHEET_NAME_LIMIT - len(tail)].rstrip("' ") + tail
        number += 1
    taken.add(candidate.casefold())
    return candidate


class _Formats:
    def __init__(self, book: Any) -> None:
        self.bold = book.add_format({"bold": True})
        self.title = book.add_format({"bold": True, "font_size": 13})
        self.day = book.add_format({"num_format": "yyyy-mm-dd"})
        self.moment = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        self.quoted = book.add_format({"quote_prefix": True})


def _write_cell(sheet: Any, row: int, column: int, value: Cell, formats: _Formats) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_string(row, column, "yes" if value else "no")
    elif isinstance(value, int | float):
        sheet.write_number(row, column, value)
    elif isinstance(value, datetime):
        sheet.write_datetime(row, column, value.replace(tzinfo=None), formats.moment)
    elif isinstance(value, date):
        sheet.write_datetime(row, column, datetime(value.year, value.month, value.day), formats.day)
    else:
        text = str(value)
        sheet.write_string(row, column, text, formats.quoted if text.startswith(FORMULA_STARTS) else None)


def _write_table(book: Any, table: Table, name: str, formats: _Formats) -> None:
    sheet = book.add_worksheet(name)
    sheet.write_string(0, 0, table.title, formats.title)
    sheet.write_string(1, 0, ", ".join(table.time_point.words()))
    for column, header in enumerate(table.headers):
        sheet.write_string(3, column, header, formats.bold)
    for number, row in enumerate(table.rows, start=4):
        for column, value in enumerate(row):
            _write_cell(sheet, number, column, value, formats)
    for column, header in enumerate(table.headers):
        widest = max([len(header)] + [len(str(r[column])) for r in table.rows if r[column] is not None])
        sheet.set_column(column, column, min(max(widest, 10), 50) + 2)
    sheet.freeze_panes(4, 0)


def _write_sources(book: Any, tables: Sequence[Table], name: str, formats: _Formats) -> None:
    sheet = book.add_worksheet(name)
    for column, header in enumerate(("Table", "Publisher", "Title", "Published", "URL")):
        sheet.write_string(0, column, header, formats.bold)
    row = 1
    for table in tables:
        for source in table.sources:
            published = day_cell(source.published)  # "2025" or "March 2025" stays words
            cells = (table.title, source.publisher, source.title, published, source.url)
            for column, value in enumerate(cells):
                _write_cell(sheet, row, column, value, formats)
            row += 1
    for column, width in enumerate((30, 28, 50, 12, 60)):
        sheet.set_column(column, column, width)


def xlsx_bytes(tables: Sequence[Table]) -> bytes:
    """The tables as one workbook: a sheet each (in order), then the Sources sheet."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False, "strings_to_urls": False})
    formats = _Formats(book)
    taken = {SOURCES_SHEET.casefold()}
    for table in tables:
        _write_table(book, table, sheet_name(table.sheet or table.title, taken), formats)
    _write_sources(book, tables, SOURCES_SHEET, formats)
    book.close()
    return buffer.getvalue()


def write_xlsx(tables: Sequence[Table], folder: Path | str, what: str, subject: str | None = None) -> Path:
    """Write the tables as a new workbook in ``folder``; returns the full path written.
    The file is named after the first table's time point."""
    if not tables:
        raise ValueError("a workbook needs at least one table")
    return write_export(folder, file_stem(what, subject, tables[0].time_point), "xlsx", xlsx_bytes(tables))
