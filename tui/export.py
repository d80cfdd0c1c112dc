"""Write what is on screen to a file: the table as CSV (values as shown, text literal, no
cell a formula) or as an Excel workbook, and a council's or a comparison's caseload chart
as PNG or SVG (tracker/exports: the same writers as the command line's).

Every file is new and owner-only: an export on the same day gets the next free name
(``-2``, ``-3``...) rather than replacing the last, and a link is never followed.
"""

from __future__ import annotations

from pathlib import Path

from tracker.exports.files import write_export
from tracker.exports.table import Table
from tracker.spreadsheet import csv_text
from tracker.time_point import TimePoint

FORMATS = ("csv", "xlsx")


def write_csv(path: Path, headers: list[str], rows: list[list[str]]) -> Path:
    """The table as shown, at ``path`` or the first free numbered name; returns where."""
    return write_export(path.parent, path.stem, "csv", csv_text(headers, rows).encode("utf-8"))


def write_xlsx(path: Path, title: str, headers: list[str], rows: list[list[str]],
               when: TimePoint) -> Path:
    """The table as a workbook (a sheet, and a Sources sheet naming none: the screen's values)."""
    from tracker.exports.xlsx_file import xlsx_bytes  # XlsxWriter loads only for a workbook

    table = Table.of(title, headers, rows, when)
    return write_export(path.parent, path.stem, "xlsx", xlsx_bytes([table]))
