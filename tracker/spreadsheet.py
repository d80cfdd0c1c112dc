"""CSV that a spreadsheet opens as data: no cell runs as a formula.

A cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (or
their full-width forms) is a formula to Excel, LibreOffice and Google Sheets, and
could fetch a URL or run a command; such a cell is written with a leading ``'``,
which every one of them shows as text. Only text is neutralised: a number (``-3``,
``-0.5``) is written as the number it is, which a spreadsheet reads as a number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def inert_cell(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # a number is data, never a formula, even when negative
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(headers: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    """The table as CSV text, every cell inert."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([inert_cell(h) for h in headers])
    writer.writerows([inert_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()
