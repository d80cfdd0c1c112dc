"""DfE children's social work workforce, LA-level indicators (`csww_indicators_*.csv`).

One workforce event per council per reporting year, as at 30 September, first
published the following February. Suppression symbols (x, z, c, u, low) go to
`suppressed` with the symbol, never into a figure. A joint return (`314 / 318`)
is one event on each council, marked with the other(s) in `joint_with`.
National and regional rows become Benchmark figures. The file is cited as one
edition, dated February after its latest reporting year, so a newer edition
outranks it and its revised figures become corrections.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from events.schema import SUPPRESSION_SYMBOLS
from events.vocabulary import Kind
from tracker.councils import Authority, UnknownCouncil, resolve
from tracker.importers.rows import (
    Entry,
    Item,
    RowError,
    parse_csv,
)

FORMAT = "dfe-workforce"
PUBLISHER = "Department for Education"
FIGURES = {
    "caseload": "caseload_fte",
    "fte": "inpost_fte",
    "agency_rate": "agency_rate_fte",
    "vacancy_rate": "vacancy_rate_fte",
    "turnover_rate": "turnover_rate_fte",
}
HEADER = (
    "time_period",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
    *FIGURES.values(),
)
_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)?\s*$")


def looks_like(text: str) -> bool:
    head = text.lstrip("\ufeff").split("\n", 1)[0].lower()
    return "time_period" in head and "geographic_level" in head and "caseload_fte" in head


def parse(path: Path) -> list[Entry]:
    return parse_csv(path, HEADER, _citation, _item)


def _citation(path: Path, rows: list[tuple[int, dict[str, str]]]) -> dict[str, Any]:
    years = sorted({int(m[1]) for _, c in rows if (m := _YEAR.match(c.get("time_period", "")))})
    span = f"reporting years {years[0]} to {years[-1]}" if years else "reporting years unknown"
    citation = {
        "publisher": PUBLISHER,
        "title": f"Children's social work workforce: local authority indicators, {span} ({path.name})",
        "licence": "Open Government Licence v3.0",  # every DfE official statistics release
    }
    if years:
        citation["published"] = f"{years[-1] + 1}-02"
    return citation


def _year(cells: dict[str, str]) -> int:
    match = _YEAR.match(cells["time_period"])
    if not match or not 2000 <= int(match[1]) <= 2100:
        raise RowError(f"time_period: {cells['time_period']!r} is not a reporting year (YYYY)")
    return int(match[1])


def _figures(cells: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    figures: dict[str, Any] = {}
    suppressed: dict[str, str] = {}
    for field, column in FIGURES.items():
        cell = cells[column].strip()
        if not cell:
            continue
        if cell.lower() in SUPPRESSION_SYMBOLS:
            suppressed[field] = cell.lower()
        elif _NUMBER.match(cell):
            figures[field] = float(cell)
        else:
            symbols = ", ".join(SUPPRESSION_SYMBOLS)
            raise RowError(f"{column}: {cell!r} is neither a number nor a suppression symbol ({symbols})")
    if not figures and not suppressed:
        raise RowError(f"{', '.join(FIGURES.values())}: every figure is blank")
    return figures, suppressed


def _councils(cells: dict[str, str]) -> tuple[str, ...]:
    codes = [code.strip() for code in cells["old_la_code"].split("/") if code.strip()]
    if not codes:
        raise RowError("old_la_code: is required for a local authority row")
    found = []
    for code in codes:
        try:
            found.append(resolve(code).la_code)
        except UnknownCouncil:
            raise UnknownCouncil(f"{code} ({cells['la_name']})", _closest(cells["la_name"])) from None
    if len(set(found)) != len(found):
        raise RowError(f"old_la_code: {cells['old_la_code']!r} names one council twice")
    return tuple(found)


def _closest(name: str) -> list[Authority]:
    try:
        return [resolve(name)]
    except UnknownCouncil as error:
        return error.suggestions


def _ons_warnings(cells: dict[str, str], councils: tuple[str, ...]) -> list[str]:
    """The ONS code of the year should be one of the council's own, current or former."""
    codes = [code.strip() for code in cells["new_la_code"].split("/") if code.strip()]
    warnings = []
    for code, la_code in zip(codes, councils, strict=False):
        try:
            found = resolve(code).la_code
        except UnknownCouncil:
            found = None
        if found != la_code:
            warnings.append(f"new_la_code: {code!r} is not an ONS code of council {la_code}")
    return warnings


def _item(line: int, cells: dict[str, str], source: dict[str, Any]) -> Item:
    if "__error__" in cells:
        raise RowError(cells["__error__"])
    year = _year(cells)
    figures, suppressed = _figures(cells)
    fields: dict[str, Any] = {
        "occurred_on": f"{year}-09-30",
        "published_on": f"{year + 1}-02",
        "source": source,
        **figures,
        "suppressed": suppressed,
    }
    level = cells["geographic_level"].strip().lower()
    if level == "local authority":
        councils = _councils(cells)
        warnings = _ons_warnings(cells, councils)
        return Item(line, Kind.WORKFORCE, fields, councils, warnings=warnings, identity=(councils, year))
    if level == "national":
        geo, name, kind = cells["country_code"].strip(), cells["country_name"].strip(), "national"
    elif level == "regional":
        geo, name, kind = cells["region_code"].strip(), cells["region_name"].strip(), "regional"
    else:
        level_text = cells["geographic_level"]
        raise RowError(f"geographic_level: {level_text!r} is not National, Regional or Local authority")
    if not geo:
        raise RowError(f"{'country_code' if kind == 'national' else 'region_code'}: is required")
    return Item(line, Kind.WORKFORCE, fields, benchmark=(geo, name or geo, kind), identity=(geo, year))
