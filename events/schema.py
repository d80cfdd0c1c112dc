"""Which fields each kind of event carries: one table that the CLI options,
the TUI forms, the importers and the validator all read, so they never drift."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from events.vocabulary import Framework, Kind, RestructureStatus


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

_GRADE_FIELDS = tuple(
    FieldSpec(name, FieldType.GRADE, False, f"{label} judgement")
    for name, label in (
        ("overall", "overall effectiveness"),
        ("impact_of_leaders", "impact of leaders"),
        ("help_and_protection", "help and protection"),
        ("children_in_care", "children in care"),
        ("care_leavers", "care leavers"),
    )
)

_RATE = 100.0

KIND_FIELDS: dict[Kind, tuple[FieldSpec, ...]] = {
    Kind.INSPECTION: (
        FieldSpec(
            "framework",
            FieldType.CHOICE,
            False,
            "inspection framework",
            tuple(f.value for f in Framework),
        ),
        FieldSpec("fieldwork_end", FieldType.DATE, False, "last day of fieldwork"),
        *_GRADE_FIELDS,
    ),
    Kind.FOCUSED_VISIT: (
        FieldSpec("theme", FieldType.TEXT, True, "what the visit looked at"),
        FieldSpec("findings", FieldType.TEXT_LIST, False, "what inspectors found"),
        FieldSpec("areas_to_improve", FieldType.TEXT_LIST, False, "what must improve"),
    ),
    Kind.MONITORING_VISIT: (
        FieldSpec("theme", FieldType.TEXT, True, "what the visit looked at"),
        FieldSpec("findings", FieldType.TEXT_LIST, False, "what inspectors found"),
    ),
    Kind.RESTRUCTURE: (
        FieldSpec(
            "status",
            FieldType.CHOICE,
            True,
            "announced, delayed or completed",
            tuple(s.value for s in RestructureStatus),
        ),
        FieldSpec("changes", FieldType.TEXT, True, "what changes"),
    ),
    Kind.RECRUITMENT: (
        FieldSpec("posts", FieldType.COUNT, False, "posts to fill", maximum=100_000.0),
        FieldSpec("investment_gbp", FieldType.MONEY, False, "money committed, in pounds"),
        FieldSpec("roles", FieldType.TEXT_LIST, False, "roles recruited"),
        FieldSpec("routes", FieldType.TEXT_LIST, False, "routes: apprenticeships, overseas..."),
    ),
    Kind.WORKFORCE: (
        FieldSpec(
            "caseload", FieldType.FIGURE, False, "average caseload per FTE social worker", maximum=100.0
        ),
        FieldSpec("caseload_target", FieldType.NUMBER, False, "the council's caseload target", maximum=100.0),
        FieldSpec("fte", FieldType.FIGURE, False, "FTE children's social workers", maximum=50_000.0),
        FieldSpec("agency_rate", FieldType.FIGURE, False, "agency worker rate, %", maximum=_RATE),
        FieldSpec("vacancy_rate", FieldType.FIGURE, False, "vacancy rate, %", maximum=_RATE),
        FieldSpec("turnover_rate", FieldType.FIGURE, False, "turnover rate, %", maximum=_RATE),
        FieldSpec(
            "suppressed",
            FieldType.SUPPRESSED,
            False,
            "figures withheld by the publisher, with the symbol given",
        ),
        FieldSpec("joint_with", FieldType.CODES, False, "LA numbers sharing this joint return"),
    ),
    Kind.LEADERSHIP_CHANGE: (
        FieldSpec("role", FieldType.TEXT, True, "the post, e.g. director of children's services"),
        FieldSpec("change", FieldType.CHOICE, True, "what happened", ("appointed", "interim", "departed")),
        FieldSpec("person", FieldType.TEXT, False, "who"),
    ),
    Kind.BUDGET_PRESSURE: (
        FieldSpec("description", FieldType.TEXT, True, "what the pressure is"),
        FieldSpec("amount_gbp", FieldType.MONEY, False, "size, in pounds"),
    ),
    Kind.INITIATIVE: (
        FieldSpec("name", FieldType.TEXT, True, "the pilot, programme or initiative"),
        FieldSpec("description", FieldType.TEXT, False, "what it does"),
        FieldSpec("funded_by", FieldType.TEXT, False, "who pays"),
    ),
}

FIGURE_FIELDS = ("caseload", "fte", "agency_rate", "vacancy_rate", "turnover_rate")
SUPPRESSION_SYMBOLS = {
    "x": "not available",
    "z": "not applicable",
    "c": "confidential",
    "u": "low reliability",
    "low": "rounds to zero",
}


def fields_of(kind: Kind) -> tuple[FieldSpec, ...]:
    """Every field an event of this kind may carry, common ones first."""
    return COMMON_FIELDS + KIND_FIELDS[kind]


def spec_of(kind: Kind, name: str) -> FieldSpec | None:
    for spec in fields_of(kind):
        if spec.name == name:
            return spec
    return None


# Kinds that may be known only by their publication: they happened on or before it.
DATED_BY_PUBLICATION = (Kind.INSPECTION, Kind.FOCUSED_VISIT, Kind.MONITORING_VISIT)

# Words users type for the common date, by kind (also accepted by importers).
DATE_ALIASES: dict[Kind, tuple[str, ...]] = {
    Kind.INSPECTION: ("fieldwork_start",),
    Kind.WORKFORCE: ("as_at",),
}
