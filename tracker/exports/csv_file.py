"""A table as CSV: a first line naming the table, its time point and its sources, then
the headers and rows. Dates are ISO (2025-03-31), numbers stay numbers, and every text
cell a spreadsheet would run as a formula is neutralised (tracker/spreadsheet.py)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

from tracker.exports.files import file_stem, write_export
from tracker.exports.table import Cell, Table
from tracker.spreadsheet import inert_cell


def csv_cell(value: Cell) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return inert_cell(value)


def csv_bytes(table: Table) -> bytes:
    """The table as UTF-8 CSV (with a byte-order mark, so Excel reads the dashes and £ right)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([inert_cell(part) for part in table.preamble()])
    writer.writerow([inert_cell(header) for header in table.headers])
    writer.writerows([csv_cell(cell) for cell in row] for row in table.rows)
    return buffer.getvalue().encode("utf-8-sig")


def write_csv(table: Table, folder: Path | str, what: str, subject: str | None = None) -> Path:
    """Write the table as a new CSV file in ``folder``; returns the full path written."""
    return write_export(folder, file_stem(what, subject, table.time_point), "csv", csv_bytes(table))
