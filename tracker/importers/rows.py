"""Rows of a published file: where each came from (line), what was wrong with it,
and the reading of the cells every format shares (CSV text, dates, numbers).

A row that cannot be imported becomes a `RowProblem` naming its line and why, so
an import either stops on it (all or nothing) or, with --skip-bad-rows, reports it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from events.dates import PartialDate
from events.errors import DomainError
from events.vocabulary import Kind
from tracker.councils import UnknownCouncil
from tracker.errors import UserError


@dataclass(frozen=True)
class RowProblem:
    """A row that was not imported (or a warning about one that was)."""

    line: int
    reason: str
    where: str = ""  # a sheet name for spreadsheets; empty for CSV lines

    def describe(self) -> str:
        place = f"{self.where}, row {self.line}" if self.where else f"line {self.line}"
        return f"{place}: {self.reason}"


class RowError(ValueError):
    """Raised while reading one row; becomes a RowProblem with the row's line."""


@dataclass
class Item:
    """One fact a row asks for, before matching: on a council or a benchmark."""

    line: int
    kind: Kind
    fields: dict[str, Any]
    councils: tuple[str, ...] = ()  # DfE LA numbers; two or more for a joint return
    benchmark: tuple[str, str, str] | None = None  # (geo code, name, level)
    where: str = ""
    warnings: list[str] = field(default_factory=list)
    unreadable: bool = False  # has a grade the source could not read
    identity: tuple[Any, ...] = ()  # the same identity twice in one table is a duplicate row


Entry = Item | RowProblem


class FileError(UserError):
    """The file as a whole cannot be read (not a row): names the file and why."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        where = f"{path}, line {line}" if line else path
        super().__init__(f"{where}: {message}")


def decode_text(raw: bytes, path: str) -> str:
    """UTF-8 (with or without a BOM) or a clear error naming the line; never a guess."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise FileError(
            path, f"not UTF-8 (byte {error.start}); save it as UTF-8 (CSV UTF-8 in Excel)", line
        ) from None
    if not text.strip():
        raise FileError(path, "the file is empty")
    return text


def repeated_column(header: list[str]) -> str | None:
    """Why a header cannot be read, if a name appears twice: the later column would
    silently win. Blank names (empty trailing columns) may repeat."""
    seen: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        if name and name in seen:
            return f"column {name} is given twice (columns {seen[name]} and {number})"
        seen.setdefault(name, number)
    return None


def csv_rows(path: str, text: str, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(first line of the record, cells by column) for every data row; header checked first."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except (StopIteration, csv.Error) as error:
        raise FileError(path, f"no header row ({error})", 1) from None
    repeated = repeated_column(header)
    if repeated:
        raise FileError(path, repeated, 1)
    missing = [name for name in required if name not in header]
    if missing:
        raise FileError(path, f"missing column {', '.join(missing)}", 1)
    previous = reader.line_num
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise FileError(path, f"not valid CSV: {error}", previous + 1) from None
        line, previous = previous + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            yield line, {"__error__": f"expected {len(header)} cells, found {len(cells)}"}
            continue
        yield line, dict(zip(header, cells, strict=True))


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise FileError(str(path), f"cannot read: {error.strerror}") from None


_DMY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\s*$")
_ISO = re.compile(r"^\s*\d{4}-\d{2}-\d{2}(?:[ T]00:00(?::00)?)?\s*$")


def day_date(column: str, value: Any) -> str | None:
    """A date cell: a real date, dd/mm/yy, dd/mm/yyyy or ISO; blank is None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    match = _DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        year = year + 2000 if year < 100 else year
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            raise RowError(f"{column}: {text!r} is not a real date") from None
    if _ISO.match(text):
        try:
            return PartialDate.parse(text.strip()[:10], column).iso()
        except DomainError:
            pass
    raise RowError(f"{column}: {text!r} is not a date (dd/mm/yyyy)")


def cell_text(value: Any) -> str:
    """Any cell as stripped text (spreadsheet numbers and dates too)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


Cells = dict[str, str]


def parse_csv(
    path: Path,
    header: tuple[str, ...],
    citation: Callable[[Path, list[tuple[int, Cells]]], dict[str, Any]],
    item: Callable[[int, Cells, dict[str, Any]], Entry],
) -> list[Entry]:
    """Every row of a published CSV as an item, or as the problem that row has."""
    name = str(path)
    rows = list(csv_rows(name, decode_text(read_bytes(path), name), header))
    source = citation(path, rows)
    entries: list[Entry] = []
    for line, cells in rows:
        try:
            entries.append(item(line, cells, source))
        except (RowError, UnknownCouncil) as error:
            reason = error.args[0] if isinstance(error, UnknownCouncil) else str(error)
            entries.append(RowProblem(line, str(reason)))
    return entries
