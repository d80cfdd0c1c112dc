"""Ofsted official statistics: "Local authority inspection outcomes as at 31 March" (.ods).

Three tables, each with its header on the row whose first cell is "Web link":
- ILACS_inspection_history: every short and standard inspection since 2018;
- In-year_inspections: inspections, focused visits and monitoring visits (with
  their theme) of the statistics' year;
- Inspections_as_at_31_March: each council's latest inspection, the same
  inspection as a history row (it matches that row; it is never a second one).
Grade words (`Requires improvement to be good`) map to the grade vocabulary;
older ONS codes and Ofsted's lower-case names resolve to our councils; an
Ofsted region that disagrees with the council's is reported as a warning.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from events.errors import InvalidField
from events.validation import parse_grade
from events.vocabulary import Framework, Kind
from tracker.councils import Authority, UnknownCouncil, resolve
from tracker.importers.rows import (
    Entry,
    FileError,
    Item,
    RowError,
    RowProblem,
    cell_text,
    day_date,
    repeated_column,
)

FORMAT = "ofsted-outcomes"
HISTORY, IN_YEAR, AS_AT = "ILACS_inspection_history", "In-year_inspections", "Inspections_as_at_31_March"
AREA, NAME = "local authority area code", "local authority name"
DATE, PUBLISHED = "inspection date", "publication date"
GRADES = {
    "overall": "overall effectiveness",
    "impact_of_leaders": "the impact of leaders on social work practice with children and families",
    "help_and_protection": "the experiences and progress of children who need help and protection",
    "children_in_care": "the experiences and progress of children in care",
    "care_leavers": "the experiences and progress of care leavers",
}
REQUIRED = {
    HISTORY: (AREA, NAME, DATE, PUBLISHED, "inspection type", *GRADES.values()),
    IN_YEAR: (AREA, NAME, "inspection/visit date", PUBLISHED, "inspection/visit type", *GRADES.values()),
    AS_AT: (AREA, NAME, DATE, PUBLISHED, *GRADES.values()),
}
TYPES: dict[str, tuple[Kind, str | None]] = {
    "ilacs standard inspection": (Kind.INSPECTION, Framework.ILACS_STANDARD.value),
    "ilacs short inspection": (Kind.INSPECTION, Framework.ILACS_SHORT.value),
    "ilacs focused visit": (Kind.FOCUSED_VISIT, None),
    "la monitoring visit": (Kind.MONITORING_VISIT, None),
}
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


def looks_like(head: bytes) -> bool:
    """An OpenDocument spreadsheet (a zip whose first member names the mimetype)."""
    return head.startswith(b"PK") and ODS_MIME in head[:200]


def parse(path: Path) -> list[Entry]:
    name = str(path)
    try:
        book = CalamineWorkbook.from_path(name)
    except (CalamineError, OSError, ValueError) as error:
        raise FileError(name, f"not a readable OpenDocument spreadsheet ({error})") from None
    tables = {sheet: _sheet(book, sheet) for sheet in book.sheet_names}
    missing = [sheet for sheet in REQUIRED if sheet not in tables]
    if missing:
        raise FileError(name, f"missing sheet {', '.join(missing)}")
    source = _citation(path, tables.get("Cover", []))
    entries: list[Entry] = []
    for sheet in (HISTORY, IN_YEAR, AS_AT):  # history first: the other tables repeat its rows
        entries.extend(_table(name, sheet, tables[sheet], source))
    return entries


def _sheet(book: CalamineWorkbook, sheet: str) -> list[list[Any]]:
    try:
        return list(book.get_sheet_by_name(sheet).to_python())
    except (CalamineError, ValueError) as error:
        raise FileError(sheet, f"cannot read sheet ({error})") from None


def _citation(path: Path, cover: list[list[Any]]) -> dict[str, Any]:
    """Title and publication date from the Cover sheet; the file name when it has none."""
    title = cell_text(cover[0][0]) if cover and cover[0] else ""
    citation: dict[str, Any] = {"publisher": "Ofsted", "title": title or path.name}
    for row in cover:
        if len(row) > 1 and cell_text(row[0]).lower().startswith("published on"):
            with contextlib.suppress(RowError):
                citation["published"] = day_date("Published on", row[1])
        if row and "open government licence" in cell_text(row[0]).lower() and "licence" not in citation:
            citation["licence"] = "Open Government Licence"
    return citation


def _table(path: str, sheet: str, rows: list[list[Any]], source: dict[str, Any]) -> list[Entry]:
    starts = (i for i, row in enumerate(rows[:20]) if row and cell_text(row[0]).lower() == "web link")
    header_at = next(starts, None)
    if header_at is None:
        raise FileError(path, f"sheet {sheet}: no header row (a first cell 'Web link')")
    header = [" ".join(cell_text(c).lower().split()) for c in rows[header_at]]
    if repeated := repeated_column(header):
        raise FileError(path, f"sheet {sheet}, row {header_at + 1}: {repeated}")
    missing = [column for column in REQUIRED[sheet] if column not in header]
    if missing:
        raise FileError(path, f"sheet {sheet}, row {header_at + 1}: missing column {', '.join(missing)}")
    entries: list[Entry] = []
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if not any(cell_text(c) for c in row):
            continue
        cells = {column: row[i] if i < len(row) else "" for i, column in enumerate(header)}
        try:
            entries.append(_item(sheet, number, cells, source))
        except (RowError, UnknownCouncil, InvalidField) as error:
            reason = error.args[0] if isinstance(error, UnknownCouncil) else str(error)
            entries.append(RowProblem(number, str(reason), sheet))
    return entries


def _council(cells: dict[str, Any], warnings: list[str]) -> Authority:
    code, name = cell_text(cells[AREA]), cell_text(cells[NAME])
    if not code and not name:
        raise RowError(f"{AREA}: is required (or {NAME})")
    try:
        authority = resolve(code) if code else resolve(name)
    except UnknownCouncil:
        if not name or not code:
            raise
        authority = resolve(name)
        warnings.append(f"{AREA}: {code!r} is unknown; council found by its name {name!r}")
    if code and name:
        try:
            by_name = resolve(name)
        except UnknownCouncil:
            by_name = authority
        if by_name.la_code != authority.la_code:
            raise RowError(f"{AREA} {code} is {authority.name} but {NAME} {name!r} is {by_name.name}")
    region = cell_text(cells.get("ofsted region") or cells.get("region") or "")
    if region and region.lower() != authority.ofsted_region.lower():
        expected = authority.ofsted_region
        warnings.append(f"region {region!r} differs from {authority.name}'s Ofsted region {expected!r}")
    return authority


def _item(sheet: str, line: int, cells: dict[str, Any], source: dict[str, Any]) -> Item:
    warnings: list[str] = []
    authority = _council(cells, warnings)
    date_column = "inspection/visit date" if sheet == IN_YEAR else DATE
    started = day_date(date_column, cells[date_column])
    if started is None:
        raise RowError(f"{date_column}: is required")
    published = day_date(PUBLISHED, cells[PUBLISHED])
    kind, framework = Kind.INSPECTION, None
    type_column = {HISTORY: "inspection type", IN_YEAR: "inspection/visit type"}.get(sheet)
    if type_column:
        word = " ".join(cell_text(cells[type_column]).lower().split())
        if word not in TYPES:
            choices = ", ".join(sorted(TYPES))
            raise RowError(f"{type_column}: {cell_text(cells[type_column])!r} is not one of {choices}")
        kind, framework = TYPES[word]
    link = cell_text(cells.get("web link", ""))
    cited = {**source, "url": link} if link.startswith(("http://", "https://")) else source
    fields: dict[str, Any] = {"occurred_on": started, "published_on": published, "source": cited}
    if kind is Kind.INSPECTION:
        fields["framework"] = framework
        for field, column in GRADES.items():
            fields[field] = parse_grade(column, cell_text(cells[column]) or None)
    else:
        theme = cell_text(cells.get("visit theme", ""))
        if not theme:
            raise RowError(f"visit theme: is required for a {kind.value.replace('_', ' ')}")
        fields["theme"] = theme
        graded = [column for column in GRADES.values() if cell_text(cells[column])]
        if graded:
            warnings.append(f"{graded[0]}: a visit has no judgements; grade ignored")
    return Item(
        line,
        kind,
        fields,
        councils=(authority.la_code,),
        where=sheet,
        warnings=warnings,
        identity=(sheet, authority.la_code, kind.value, started),
    )
