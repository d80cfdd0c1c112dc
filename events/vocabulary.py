"""The words of the field, as enums: grades, judgement areas, frameworks, kinds."""

from __future__ import annotations

from enum import StrEnum


class Grade(StrEnum):
    """A judgement's grade. UNKNOWN: the judgement exists but could not be read.

    A judgement that did not exist (before its framework had it) is ``None``,
    never UNKNOWN: the two are kept apart everywhere.
    """

    OUTSTANDING = "outstanding"
    GOOD = "good"
    REQUIRES_IMPROVEMENT = "requires_improvement"
    INADEQUATE = "inadequate"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return _GRADE_WORDS[self.value][0]

    @property
    def short(self) -> str:
        """Where a table or a badge has little room: "Req. improv."."""
        return _GRADE_WORDS[self.value][1]

    @property
    def letter(self) -> str:
        """A letter or two, for a chart's marks and a narrow strip: "RI"."""
        return _GRADE_WORDS[self.value][2]

    @property
    def rank(self) -> int:
        """Higher is better; UNKNOWN ranks nowhere (0)."""
        return {"outstanding": 4, "good": 3, "requires_improvement": 2, "inadequate": 1}.get(self.value, 0)


GRADED = (Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE)
# Each grade's words, for every front end: its label, its short name, its letters.
_GRADE_WORDS = {
    "outstanding": ("Outstanding", "Outstanding", "O"),
    "good": ("Good", "Good", "G"),
    "requires_improvement": ("Requires improvement", "Req. improv.", "RI"),
    "inadequate": ("Inadequate", "Inadequate", "I"),
    "unknown": ("Grade not recorded", "Not recorded", "?"),
}


class Area(StrEnum):
    """What a judgement is about."""

    OVERALL = "overall"
    IMPACT_OF_LEADERS = "impact_of_leaders"
    HELP_AND_PROTECTION = "help_and_protection"
    CHILDREN_IN_CARE = "children_in_care"
    CARE_LEAVERS = "care_leavers"

    @property
    def label(self) -> str:
        """The judgement's name in a sentence: "impact of leaders"."""
        return {"overall": "overall effectiveness"}.get(self.value, self.value.replace("_", " "))

    @property
    def short(self) -> str:
        """The judgement's name where a summary line has little room: "leaders"."""
        return {
            "impact_of_leaders": "leaders",
            "help_and_protection": "help & protection",
            "children_in_care": "in care",
        }.get(self.value, self.value.replace("_", " "))


SUB_JUDGEMENTS = (
    Area.IMPACT_OF_LEADERS,
    Area.HELP_AND_PROTECTION,
    Area.CHILDREN_IN_CARE,
    Area.CARE_LEAVERS,
)


class Framework(StrEnum):
    """Ofsted's inspection frameworks for local authority children's services."""

    PRE_SIF = "pre_sif"  # safeguarding and looked after children inspections, before November 2013
    SIF = "sif"  # single inspection framework, November 2013 to 2017
    ILACS_STANDARD = "ilacs_standard"
    ILACS_SHORT = "ilacs_short"
    ILACS_2026 = "ilacs_2026"  # the 2026 framework: no overall grade
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {
            "pre_sif": "pre-2013 framework",
            "sif": "SIF (2013-17)",
            "ilacs_standard": "ILACS standard",
            "ilacs_short": "ILACS short",
            "ilacs_2026": "2026 framework",
            "unknown": "unknown framework",
        }[self.value]


class RestructureStatus(StrEnum):
    ANNOUNCED = "announced"
    DELAYED = "delayed"
    COMPLETED = "completed"


class Kind(StrEnum):
    """Every kind of event a council's stream can hold (the CLI's words)."""

    INSPECTION = "inspection"
    FOCUSED_VISIT = "focused_visit"
    MONITORING_VISIT = "monitoring_visit"
    RESTRUCTURE = "restructure"
    RECRUITMENT = "recruitment"
    WORKFORCE = "workforce"
    LEADERSHIP_CHANGE = "leadership_change"
    BUDGET_PRESSURE = "budget_pressure"
    INITIATIVE = "initiative"
    CORRECTION = "correction"
    RETRACTION = "retraction"


FACT_KINDS = tuple(k for k in Kind if k not in (Kind.CORRECTION, Kind.RETRACTION))
"""Every kind of fact; each has one entry in ``events.kinds`` (its class, fields and words)."""
