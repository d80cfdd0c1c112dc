"""Write the table on screen to CSV (values as shown, text literal, no cell a formula).

The file is new and owner-only: an export on the same day gets the next free name
(``-2``, ``-3``...) rather than replacing the last, and a link is never followed.
"""

from __future__ import annotations

from pathlib import Path

from tracker.private_files import OutputFileError, write_new_file
from tracker.spreadsheet import csv_text

MAX_TRIES = 1000


def write_csv(path: Path, headers: list[str], rows: list[list[str]]) -> Path:
    """Write a new file at ``path`` or the first free numbered name; returns where."""
    data = csv_text(headers, rows).encode("utf-8")
    for number in range(1, MAX_TRIES + 1):
        candidate = path if number == 1 else path.with_name(f"{path.stem}-{number}{path.suffix}")
        try:
            write_new_file(candidate, data)
        except OutputFileError as error:
            if error.exists and number < MAX_TRIES:
                continue
            raise
        return candidate
    raise AssertionError("unreachable")  # pragma: no cover
