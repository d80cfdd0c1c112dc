"""Where an export goes: a new file in a folder the caller names, never over another.

The name is built from what the file holds and its time point
(``caseloads-warwickshire-2025-03-31.png``); when it is taken, the next free one
(``-2``, ``-3``...) is used, so nothing is replaced silently. Files are written whole
and owner-only, never through a symbolic link (tracker/private_files.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from tracker.errors import UserError
from tracker.private_files import OutputFileError, write_new_file
from tracker.time_point import TimePoint

MAX_TRIES = 1000


def slug(text: str) -> str:
    """"Bristol, City of" -> "bristol-city-of": a file name part of letters, digits and dashes."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "export"


def file_stem(what: str, subject: str | None, time_point: TimePoint) -> str:
    """``what-subject-D`` (plus K and T when they differ from the default)."""
    parts = [slug(what)] + ([slug(subject)] if subject else []) + [time_point.stem()]
    return "-".join(parts)


def output_folder(folder: Path | str) -> Path:
    """The folder an export goes to; one that is missing (or is a file) is refused."""
    path = Path(folder).expanduser()
    if not path.exists():
        raise UserError(f"cannot write to {folder}: no such folder (create it first)")
    if not path.is_dir():
        raise UserError(f"cannot write to {folder}: it is a file, not a folder")
    return path


def write_export(folder: Path | str, stem: str, suffix: str, data: bytes) -> Path:
    """Write ``data`` as ``folder/stem.suffix`` or the first free ``stem-N.suffix``;
    returns the full path written."""
    base = output_folder(folder)
    for number in range(1, MAX_TRIES + 1):
        name = f"{stem}.{suffix}" if number == 1 else f"{stem}-{number}.{suffix}"
        candidate = (base / name).absolute()
        try:
            write_new_file(candidate, data)
        except OutputFileError as error:
            if error.exists and number < MAX_TRIES:
                continue  # taken (a file, a folder or a link): try the next name
            raise
        return candidate
    raise AssertionError("unreachable")  # pragma: no cover
