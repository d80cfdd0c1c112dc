"""Every kind of fact, declared once: its event class, its words, its fields and how
it is summarised. The schema (``events.schema.fields_of``), the CLI's kind words and
aliases, the forms' labels, ``parse_kind`` and ``describe`` all derive from here, so
a kind cannot be half added (tests/events/test_kinds.py checks the event classes
on ``Council`` against this table).

The event class is named, not imported: ``events.council`` validates through the
schema, which reads this table, so this module must not import the aggregate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from events.errors import InvalidField
from events.fieldspec import FieldSpec, FieldType
from events.figures import figure_text, grade_label
from events.vocabulary import FACT_KINDS, SUB_JUDGEMENTS, Area, Framework, Grade, Kind, RestructureStatus

Fields = dict[str, Any]


@dataclass(frozen=True)
class KindEntry:
    """One kind of fact."""

    kind: Kind
    event_class: str  # its class nested on events.council.Council
    label: str  # "Focused visit": a form's choice, the start of a summary
    short: str  # "focused visit", "monitoring": a timeline's kind column
    fields: tuple[FieldSpec, ...]  # its own fields (the common ones come first in fields_of)
    summary: Callable[[Fields], str]  # one line from the fields, when the user gave none
    aliases: tuple[str, ...] = ()  # other words users type for the kind
    date_aliases: tuple[str, ...] = ()  # other words for its occurred_on (importers too)
    dated_by_publication: bool = False  # may be known only by its publication
    state_code: str = ""  # its one character in the aggregate's state (events/fact_index.py); never reused

    @property
    def word(self) -> str:
        """The CLI's word: ``focused-visit``."""
        return self.kind.value.replace("_", "-")


# ---- how each kind is summarised ---------------------------------------------


def _inspection(f: Fields) -> str:
    framework = Framework(f.get("framework") or "unknown").label
    overall = f.get(Area.OVERALL.value)
    head = f"Inspection ({framework}): {grade_label(overall) if overall else 'no overall grade'}"
    parts = [  # grades not recorded are left out: the head says so when none was
        f"{area.short} {grade_label(f[area.value])}"
        for area in SUB_JUDGEMENTS
        if f.get(area.value) and f[area.value] != Grade.UNKNOWN.value
    ]
    return head + (f"; {', '.join(parts)}" if parts else "")


_RATES = (("agency_rate", "agency"), ("vacancy_rate", "vacancy"), ("turnover_rate", "turnover"))


def _workforce(f: Fields) -> str:
    parts = []
    if f.get("caseload"):
        parts.append(f"caseload {figure_text(f['caseload'])}")
    if f.get("caseload_target") is not None:
        parts.append(f"target {f['caseload_target']:g}")
    if f.get("fte"):
        parts.append(f"{figure_text(f['fte'])} FTE")
    for name, label in _RATES:
        if f.get(name):
            parts.append(f"{label} {figure_text(f[name])}%")
    if f.get("suppressed"):
        parts.append("withheld: " + ", ".join(sorted(f["suppressed"])))
    if f.get("joint_with"):
        parts.append("joint return with " + "/".join(f["joint_with"]))
    return "Workforce: " + ("; ".join(parts) or "no figures")


def _recruitment(f: Fields) -> str:
    parts = []
    if f.get("posts") is not None:
        parts.append(f"{f['posts']} posts")
    if f.get("investment_gbp") is not None:
        parts.append(f"£{f['investment_gbp']:,}")
    if f.get("roles"):
        parts.append(", ".join(f["roles"]))
    if f.get("routes"):
        parts.append("via " + ", ".join(f["routes"]))
    return "Recruitment drive: " + ("; ".join(parts) or "details not given")


def _leadership(f: Fields) -> str:
    who = f" ({f['person']})" if f.get("person") else ""
    return f"{f.get('role')}: {f.get('change')}{who}"


def _budget(f: Fields) -> str:
    amount = f" (£{f['amount_gbp']:,})" if f.get("amount_gbp") is not None else ""
    return f"Budget pressure: {f.get('description')}{amount}"


# ---- the kinds ------------------------------------------------------------------

_RATE = 100.0
_FRAMEWORKS = tuple(f.value for f in Framework)
_THEME = FieldSpec("theme", FieldType.TEXT, True, "what the visit looked at")
_FINDINGS = FieldSpec("findings", FieldType.TEXT_LIST, False, "what inspectors found")

KINDS: tuple[KindEntry, ...] = (
    KindEntry(
        Kind.INSPECTION, "InspectionRecorded", "Inspection", "inspection",
        (
            FieldSpec("framework", FieldType.CHOICE, False, "inspection framework", _FRAMEWORKS),
            FieldSpec("fieldwork_end", FieldType.DATE, False, "last day of fieldwork"),
            *(FieldSpec(a.value, FieldType.GRADE, False, f"{a.label} judgement") for a in Area),
        ),
        _inspection,
        date_aliases=("fieldwork_start",),
        dated_by_publication=True,
        state_code="i",
    ),
    KindEntry(
        Kind.FOCUSED_VISIT, "FocusedVisitRecorded", "Focused visit", "focused visit",
        (_THEME, _FINDINGS, FieldSpec("areas_to_improve", FieldType.TEXT_LIST, False, "what must improve")),
        lambda f: f"Focused visit: {f.get('theme')}",
        dated_by_publication=True,
        state_code="f",
    ),
    KindEntry(
        Kind.MONITORING_VISIT, "MonitoringVisitRecorded", "Monitoring visit", "monitoring",
        (_THEME, _FINDINGS),
        lambda f: f"Monitoring visit: {f.get('theme')}",
        dated_by_publication=True,
        state_code="m",
    ),
    KindEntry(
        Kind.RESTRUCTURE, "RestructureRecorded", "Restructure", "restructure",
        (
            FieldSpec(
                "status", FieldType.CHOICE, True, "announced, delayed or completed",
                tuple(s.value for s in RestructureStatus),
            ),
            FieldSpec("changes", FieldType.TEXT, True, "what changes"),
        ),
        lambda f: f"Restructure {f.get('status')}: {f.get('changes')}",
        state_code="s",
    ),
    KindEntry(
        Kind.RECRUITMENT, "RecruitmentDriveRecorded", "Recruitment", "recruitment",
        (
            FieldSpec("posts", FieldType.COUNT, False, "posts to fill", maximum=100_000.0),
            FieldSpec("investment_gbp", FieldType.MONEY, False, "money committed, in pounds"),
            FieldSpec("roles", FieldType.TEXT_LIST, False, "roles recruited"),
            FieldSpec("routes", FieldType.TEXT_LIST, False, "routes: apprenticeships, overseas..."),
        ),
        _recruitment,
        aliases=("recruitment-drive",),
        state_code="r",
    ),
    KindEntry(
        Kind.WORKFORCE, "WorkforceFigureRecorded", "Workforce", "workforce",
        (
            FieldSpec(
                "caseload", FieldType.FIGURE, False, "average caseload per FTE social worker", maximum=100.0
            ),
            FieldSpec(
                "caseload_target", FieldType.NUMBER, False, "the council's caseload target", maximum=100.0
            ),
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
        _workforce,
        aliases=("caseload",),
        date_aliases=("as_at",),
        state_code="w",
    ),
    KindEntry(
        Kind.LEADERSHIP_CHANGE, "LeadershipChanged", "Leadership change", "leadership",
        (
            FieldSpec("role", FieldType.TEXT, True, "the post, e.g. director of children's services"),
            FieldSpec(
                "change", FieldType.CHOICE, True, "what happened", ("appointed", "interim", "departed")
            ),
            FieldSpec("person", FieldType.TEXT, False, "who"),
        ),
        _leadership,
        state_code="l",
    ),
    KindEntry(
        Kind.BUDGET_PRESSURE, "BudgetPressureRecorded", "Budget pressure", "budget",
        (
            FieldSpec("description", FieldType.TEXT, True, "what the pressure is"),
            FieldSpec("amount_gbp", FieldType.MONEY, False, "size, in pounds"),
        ),
        _budget,
        state_code="b",
    ),
    KindEntry(
        Kind.INITIATIVE, "InitiativeRecorded", "Initiative", "initiative",
        (
            FieldSpec("name", FieldType.TEXT, True, "the pilot, programme or initiative"),
            FieldSpec("description", FieldType.TEXT, False, "what it does"),
            FieldSpec("funded_by", FieldType.TEXT, False, "who pays"),
        ),
        lambda f: f"Initiative: {f.get('name')}",
        state_code="n",
    ),
)

# ---- what derives from it -----------------------------------------------------

REGISTRY: dict[Kind, KindEntry] = {e.kind: e for e in KINDS}
CLASS_KINDS: dict[str, Kind] = {e.event_class: e.kind for e in KINDS}
"""Event class name -> its kind: what a stored event's topic means."""
ALIASES: dict[str, Kind] = {alias: e.kind for e in KINDS for alias in e.aliases}
"""Words for a kind besides its own, as the CLI spells them (``recruitment-drive``)."""
_WORDS: dict[str, Kind] = {
    **{e.kind.value: e.kind for e in KINDS},
    **{alias.replace("-", "_"): kind for alias, kind in ALIASES.items()},
}


def entry(kind: Kind) -> KindEntry:
    """A fact kind's entry; a correction or retraction has none."""
    try:
        return REGISTRY[kind]
    except KeyError:
        raise InvalidField("kind", f"{kind.value!r} is not a kind of fact") from None


def parse_kind(text: str) -> Kind:
    """A kind of fact from the words users type: ``focused-visit``, ``recruitment_drive``."""
    kind = _WORDS.get(str(text).strip().lower().replace("-", "_"))
    if kind is None:
        choices = ", ".join(e.word for e in KINDS)
        raise InvalidField("kind", f"{text!r} is not a kind of event ({choices})")
    return kind


if set(REGISTRY) != set(FACT_KINDS) or len(REGISTRY) != len(KINDS):
    raise RuntimeError("every kind of fact needs exactly one entry in events/kinds.py")
_CODES = [e.state_code for e in KINDS]
if any(len(code) != 1 or code in ".LCR" for code in _CODES) or len(set(_CODES)) != len(_CODES):
    raise RuntimeError("every kind needs its own one-character state_code in events/kinds.py")
