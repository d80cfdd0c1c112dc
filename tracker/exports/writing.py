"""One call to write a table in the format a user chose: what a command's ``--csv`` /
``--xlsx`` (or a screen's export key) needs, without knowing each writer."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tracker.exports.csv_file import write_csv
from tracker.exports.table import Table

TABLE_FORMATS = ("csv", "xlsx")


def write_tables(tables: Sequence[Table], folder: Path | str, fmt: str, what: str,
                 subject: str | None = None) -> Path:
    """Write the tables as a new ``fmt`` file in ``folder`` (a CSV holds one table; a
    workbook a sheet each); returns the full path written."""
    if fmt == "csv":
        if len(tables) != 1:
            raise ValueError("a CSV file holds one table")
        return write_csv(tables[0], folder, what, subject)
    if fmt == "xlsx":
        from tracker.exports.xlsx_file import write_xlsx  # XlsxWriter loads only for a workbook

        return write_xlsx(tables, folder, what, subject)
    raise ValueError(f"a table is written as {' or '.join(TABLE_FORMATS)}, not {fmt}")
