"""The analysts' ILACS report scrape (`ofsted_csc_ilacs_history.csv`): every report since 2012.

Quirks handled here, each on purpose:
- grade cells: `data_unreadable` -> "unknown" (the judgement exists, unread; the
  row is counted as unreadable, never dropped); `inspection_pre_dates_judgement`
  and blank -> not given (the domain makes it absent when the framework had no
  such judgement on that date, else unknown); `not_reported_post_reform` -> no
  overall grade, framework ilacs_2026. The parser's slip `to requires improvement`
  is read as requires_improvement (the official statistics agree for every such
  row) and reported as a warning, so nothing is guessed silently. Any other word
  is a bad row. A grade for a judgement the framework did not have on that date
  (care leavers before 2023) is left out and reported (apply.py, via the domain).
- frameworks: `standard` / `short` are ILACS only from January 2018 (a row dated
  before, Doncaster's of November 2017, was a SIF inspection); a row without one
  is pre-SIF when published before November 2013, SIF before 2018, and SIF in 2018
  when published before the council's first ILACS inspection; otherwise unknown.
- rows without fieldwork dates keep none: the inspection happened on or before
  its publication, which is all the scrape says (never dated by its month).
- publication dates dd/mm/yy, fieldwork dates dd/mm/yyyy (either accepted in both).
- councils by Ofsted URN, cross-checked with the lower-case name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from events.judgements import ILACS_STARTS, SIF_STARTS
from events.matching import SCRAPE_PUBLISHER
from events.vocabulary import Framework, Kind
from tracker.councils import UnknownCouncil, resolve
from tracker.importers.rows import (
    Entry,
    Item,
    RowError,
    day_date,
    parse_csv,
)

FORMAT = "ilacs-scrape"
HEADER = (
    "urn",
    "local_authority",
    "inspection_link",
    "publication_date",
    "inspection_framework",
    "inspection_start_date",
    "inspection_end_date",
    "overall_effectiveness_grade",
    "impact_of_leaders_grade",
    "help_and_protection_grade",
    "in_care_grade",
    "care_leavers_grade",
)
GRADE_COLUMNS = {
    "overall": "overall_effectiveness_grade",
    "impact_of_leaders": "impact_of_leaders_grade",
    "help_and_protection": "help_and_protection_grade",
    "children_in_care": "in_care_grade",
    "care_leavers": "care_leavers_grade",
}
_WORDS = {
    "outstanding": "outstanding",
    "good": "good",
    "requires improvement": "requires_improvement",
    "requires improvement to be good": "requires_improvement",
    "inadequate": "inadequate",
    "data_unreadable": "unknown",
}
_ABSENT = ("", "inspection_pre_dates_judgement", "not_reported_post_reform")
_SLIPS = {"to requires improvement": "requires_improvement"}
_FRAMEWORKS = {"standard": Framework.ILACS_STANDARD.value, "short": Framework.ILACS_SHORT.value}


def looks_like(text: str) -> bool:
    head = text.lstrip("\ufeff").split("\n", 1)[0].lower()
    return "urn" in head and "inspection_link" in head and "overall_effectiveness_grade" in head


def parse(path: Path) -> list[Entry]:
    first_ilacs: dict[str, str] = {}

    def citation(path: Path, rows: list[tuple[int, dict[str, str]]]) -> dict[str, Any]:
        first_ilacs.update(_first_ilacs(rows))
        return _citation(path, rows)

    def item(line: int, cells: dict[str, str], source: dict[str, Any]) -> Item:
        return _item(line, cells, source, first_ilacs)

    return parse_csv(path, HEADER, citation, item)


def _first_ilacs(rows: list[tuple[int, dict[str, str]]]) -> dict[str, str]:
    """Each council's first ILACS report's publication day, from rows that say ILACS."""
    first: dict[str, str] = {}
    for _, cells in rows:
        try:
            if _ilacs_word(cells) is None:
                continue
            la_code = _council(cells)
            published = day_date("publication_date", cells.get("publication_date"))
        except (RowError, UnknownCouncil, KeyError):
            continue
        if published and (la_code not in first or published < first[la_code]):
            first[la_code] = published
    return first


def _ilacs_word(cells: dict[str, str]) -> str | None:
    """The framework a row names, when it can be ILACS (dated 2018 or later), else None."""
    word = cells.get("inspection_framework", "").strip().lower()
    if word not in _FRAMEWORKS:
        return None
    dated = day_date("inspection_start_date", cells.get("inspection_start_date")) or day_date(
        "publication_date", cells.get("publication_date")
    )
    return _FRAMEWORKS[word] if dated and dated >= ILACS_STARTS.isoformat() else None


def _citation(path: Path, rows: list[tuple[int, dict[str, str]]]) -> dict[str, Any]:
    """The file as a publication: dated by its newest report (it cannot be older)."""
    newest = ""
    for _, cells in rows:
        try:
            published = day_date("publication_date", cells.get("publication_date"))
        except RowError:
            continue
        newest = max(newest, published or "")
    citation = {
        "publisher": SCRAPE_PUBLISHER,
        "title": f"Ofsted children's services inspection reports, scraped ({path.name})",
    }
    if newest:
        citation["published"] = newest[:7]
    return citation


def _council(cells: dict[str, str]) -> str:
    urn, name = cells["urn"].strip(), cells["local_authority"].strip()
    try:
        by_urn = resolve(urn) if urn else None
    except UnknownCouncil:
        if not name:
            raise
        by_urn = None
    if by_urn is None:
        if not name:
            raise RowError("urn: is required (or local_authority)")
        return resolve(name).la_code
    if name:
        try:
            by_name = resolve(name)
        except UnknownCouncil:
            return by_urn.la_code
        if by_name.la_code != by_urn.la_code:
            raise RowError(f"urn {urn} is {by_urn.name} but local_authority {name!r} is {by_name.name}")
    return by_urn.la_code


def _grades(cells: dict[str, str], warnings: list[str]) -> tuple[dict[str, str | None], bool, bool]:
    """(grades, any unreadable, post-reform) from the five grade cells."""
    grades: dict[str, str | None] = {}
    unreadable = post_reform = False
    for field, column in GRADE_COLUMNS.items():
        word = " ".join(cells[column].strip().lower().split())
        if word in _ABSENT:
            grades[field] = None
            post_reform = post_reform or (word == "not_reported_post_reform" and field == "overall")
        elif word in _WORDS:
            grades[field] = _WORDS[word]
            unreadable = unreadable or word == "data_unreadable"
        elif word in _SLIPS:
            grades[field] = _SLIPS[word]
            warnings.append(f"{column}: parser slip {cells[column]!r} read as {_SLIPS[word]}")
        else:
            raise RowError(f"{column}: {cells[column]!r} is not a grade")
    return grades, unreadable, post_reform


def _item(line: int, cells: dict[str, str], source: dict[str, Any], first_ilacs: dict[str, str]) -> Item:
    if "__error__" in cells:
        raise RowError(cells["__error__"])
    la_code = _council(cells)
    published = day_date("publication_date", cells["publication_date"])
    if published is None:
        raise RowError("publication_date: is required")
    start = day_date("inspection_start_date", cells["inspection_start_date"])
    end = day_date("inspection_end_date", cells["inspection_end_date"])
    if start is None and end is not None:
        raise RowError("inspection_start_date: is blank but inspection_end_date is given")
    warnings: list[str] = []
    grades, unreadable, post_reform = _grades(cells, warnings)
    framework = _framework(cells, published, start, post_reform, first_ilacs.get(la_code), warnings)
    link = cells["inspection_link"].strip()
    fields: dict[str, Any] = {
        "occurred_on": start,
        "fieldwork_end": end,
        "published_on": published,
        "framework": framework,
        "source": {**source, "url": link} if link else source,
        **grades,
    }
    return Item(
        line,
        Kind.INSPECTION,
        fields,
        councils=(la_code,),
        warnings=warnings,
        unreadable=unreadable,
        identity=(la_code, published, start),
    )


def _framework(
    cells: dict[str, str],
    published: str,
    start: str | None,
    post_reform: bool,
    first_ilacs: str | None,
    warnings: list[str],
) -> str:
    """The framework a row's inspection was under (module docstring: the rules)."""
    word = cells["inspection_framework"].strip().lower()
    dated = start or published
    if post_reform:
        return Framework.ILACS_2026.value
    if word in _FRAMEWORKS:
        if dated >= ILACS_STARTS.isoformat():
            return _FRAMEWORKS[word]
        warnings.append(
            f"inspection_framework: {cells['inspection_framework']!r} on an inspection dated {dated}, "
            "before ILACS began (January 2018): recorded as SIF"
        )
        return Framework.SIF.value
    if word:
        warnings.append(f"inspection_framework: {cells['inspection_framework']!r} recorded as unknown")
        return Framework.UNKNOWN.value
    if start is None and published < SIF_STARTS.isoformat():
        return Framework.PRE_SIF.value
    if dated < ILACS_STARTS.isoformat():
        return Framework.SIF.value
    if start is None and published[:4] == "2018" and first_ilacs is not None and published < first_ilacs:
        return Framework.SIF.value  # the council's last SIF report, published in ILACS's first year
    return Framework.UNKNOWN.value
