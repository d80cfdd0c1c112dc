"""Stored codes in the words a reader of an export expects: grades, frameworks, kinds and
figures. A CSV says "Requires improvement", never ``requires_improvement``.

Why here: the exports live in tracker/, which never imports the UI, so the wording the
UI uses for the same codes is derived from the same vocabulary (events/vocabulary.py).
"""

from __future__ import annotations

from datetime import date

from events.figures import figure_text
from events.vocabulary import Framework, Grade, Kind
from tracker.exports.table import Cell
from tracker.results import Figure

GRADE_CODES = {g.value for g in Grade}
FRAMEWORK_CODES = {f.value for f in Framework}
KIND_CODES = {k.value for k in Kind}


def grade_words(code: str | None) -> str | None:
    """``requires_improvement`` -> "Requires improvement"; None stays None (no grade)."""
    if code is None:
        return None
    return Grade(code).label if code in GRADE_CODES else code


def framework_words(code: str | None) -> str | None:
    """``ilacs_standard`` -> "ILACS standard"."""
    if code is None:
        return None
    return Framework(code).label if code in FRAMEWORK_CODES else code


def kind_words(code: str | None) -> str | None:
    """``focused_visit`` -> "Focused visit"."""
    if code is None:
        return None
    return code.replace("_", " ").capitalize() if code in KIND_CODES else code


def figure_cell(figure: Figure | None) -> Cell:
    """An exact figure as a number a spreadsheet can sum; a range or a bound in words
    (24–26, ≥20): never an invented single number."""
    if figure is None:
        return None
    if figure.value is not None:
        return figure.value
    given = {k: v for k, v in (("low", figure.low), ("high", figure.high)) if v is not None}
    return figure_text(given) if given else None


def day_cell(text: str | None) -> Cell:
    """A stored ISO day as a date (so a workbook holds a real date); other text as it is."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text
