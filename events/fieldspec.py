"""What a field is: its type, whether it is required, its help and its limits; and
the fields every kind of fact shares. The kinds' own fields are in ``events.kinds``."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FieldType(StrEnum):
    DATE = "date"  # partial ISO date string
    TEXT = "text"
    TEXT_LIST = "text_list"
    GRADE = "grade"  # Grade value or None (absent)
    CHOICE = "choice"  # one of FieldSpec.choices
    COUNT = "count"  # non-negative int
    MONEY = "money"  # non-negative int, pounds
    FIGURE = "figure"  # exact value, range or bound
    NUMBER = "number"  # non-negative float
    CITATION = "citation"
    CODES = "codes"  # list of DfE LA numbers
    SUPPRESSED = "suppressed"  # {figure field: suppression symbol}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: FieldType
    required: bool = False
    help: str = ""
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    maximum: float | None = None  # for FIGURE / NUMBER / COUNT: larger is absurd


COMMON_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "occurred_on",
        FieldType.DATE,
        True,
        "when it happened (YYYY-MM-DD, YYYY-MM or YYYY); for an inspection or visit known only "
        "by its publication, leave it out: it happened on or before published_on",
    ),
    FieldSpec("published_on", FieldType.DATE, False, "when it was made public"),
    FieldSpec("source", FieldType.CITATION, True, "who reported it: publisher, title, date, url"),
    FieldSpec("summary", FieldType.TEXT, False, "one line in your own words"),
    FieldSpec("note", FieldType.TEXT, False, "how a date or figure was read from the source"),
)

FIGURE_FIELDS = ("caseload", "fte", "agency_rate", "vacancy_rate", "turnover_rate")
SUPPRESSION_SYMBOLS = {
    "x": "not available",
    "z": "not applicable",
    "c": "confidential",
    "u": "low reliability",
    "low": "rounds to zero",
}
