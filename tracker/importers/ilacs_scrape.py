"""The analysts' ILACS report scrape (`ofsted_csc_ilacs_history.csv`): every report since 2012.

Quirks handled here, each on purpose:
- grade cells: `data_unreadable` -> "unknown" (the judgement exists, unread; the
  row is counted as unreadable, never dropped); `inspection_pre_dates_judgement`
  -> absent; `not_reported_post_reform` -> no overall grade, framework ilacs_2026;
  blank -> absent. The parser's slip `to requires improvement` is read as
  requires_improvement (the official statistics agree for every such row) and
  reported as a warning, so nothing is guessed silently. Any other word is a bad row.
- pre-2018 reports carry no fieldwork dates: the inspection is dated by the month
  of publication (fieldwork had started by then) and the note says so; matching
  against other sources then goes by the publication date.
- publication dates dd/mm/yy, fieldwork dates dd/mm/yyyy (either accepted in both).
- councils by Ofsted URN, cross-checked with the lower-case name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from events.dates import PartialDate
from events.vocabulary import Framework, Kind
from tracker.councils import UnknownCouncil, resolve
from tracker.importers.matching import SCRAPE_PUBLISHER
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
    return parse_csv(path, HEADER, _citation, _item)


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


def _item(line: int, cells: dict[str, str], source: dict[str, Any]) -> Item:
    if "__error__" in cells:
        raise RowError(cells["__error__"])
    la_code = _council(cells)
    published = day_date("publication_date", cells["publication_date"])
    if published is None:
        raise RowError("publication_date: is required")
    start = day_date("inspection_start_date", cells["inspection_start_date"])
    end = day_date("inspection_end_date", cells["inspection_end_date"])
    warnings: list[str] = []
    grades, unreadable, post_reform = _grades(cells, warnings)
    note = None
    if start is None:
        start = published[:7]
        note = "The scrape gives no fieldwork dates: dated by the month of publication."
        if end is not None:
            raise RowError("inspection_start_date: is blank but inspection_end_date is given")
    word = cells["inspection_framework"].strip().lower()
    if post_reform:
        framework = Framework.ILACS_2026.value
    elif word in _FRAMEWORKS:
        framework = _FRAMEWORKS[word]
    elif not word and PartialDate.parse(published).year < 2018:
        framework = Framework.SIF.value
    else:
        framework = Framework.UNKNOWN.value
        if word:
            warnings.append(f"inspection_framework: {cells['inspection_framework']!r} recorded as unknown")
    link = cells["inspection_link"].strip()
    fields: dict[str, Any] = {
        "occurred_on": start,
        "fieldwork_end": end,
        "published_on": published,
        "framework": framework,
        "source": {**source, "url": link} if link else source,
        "note": note,
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
