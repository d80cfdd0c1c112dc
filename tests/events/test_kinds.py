"""Each kind of fact is declared once (events/kinds.py): its event class, its fields,
its words and its summary must agree, and no kind may be left without an entry."""

from __future__ import annotations

from types import UnionType
from typing import Any, ClassVar, get_args, get_origin, get_type_hints

import pytest
from eventsourcing.domain import Aggregate

from events.council import EVENT_CLASSES, Council
from events.errors import InvalidField
from events.kinds import KINDS, REGISTRY, KindEntry, entry, parse_kind
from events.schema import FieldSpec, FieldType, fields_of
from events.vocabulary import FACT_KINDS, Kind

# The Python type each field type is stored as (None aside).
STORED_AS: dict[FieldType, Any] = {
    FieldType.DATE: str,
    FieldType.TEXT: str,
    FieldType.TEXT_LIST: list[str],
    FieldType.GRADE: str,
    FieldType.CHOICE: str,
    FieldType.COUNT: int,
    FieldType.MONEY: int,
    FieldType.FIGURE: dict[str, Any],
    FieldType.NUMBER: float,
    FieldType.CITATION: dict[str, str],
    FieldType.CODES: list[str],
    FieldType.SUPPRESSED: dict[str, str],
}
NEVER_NONE = (FieldType.TEXT_LIST, FieldType.CODES, FieldType.SUPPRESSED, FieldType.CITATION)
_ENVELOPE = set(get_type_hints(Aggregate.Event))


def class_fields(cls: type) -> dict[str, Any]:
    """The fields an event class carries: its annotations, less the envelope and class variables."""
    return {
        name: hint
        for name, hint in get_type_hints(cls).items()
        if name not in _ENVELOPE and get_origin(hint) is not ClassVar
    }


def disagreements(cls: type, specs: tuple[FieldSpec, ...]) -> list[str]:
    """Every way an event class and a kind's field table differ, in words."""
    hints = class_fields(cls)
    named = {spec.name: spec for spec in specs}
    problems = [f"{name}: in the class, not in the registry" for name in hints if name not in named]
    problems += [f"{name}: in the registry, not in the class" for name in named if name not in hints]
    for name in hints.keys() & named.keys():
        spec, hint = named[name], hints[name]
        union = get_origin(hint) is UnionType
        types = [t for t in get_args(hint) if t is not type(None)] if union else [hint]
        if types != [STORED_AS[spec.type]]:
            problems.append(f"{name}: the class says {hint}, the registry {spec.type.value}")
        may_be_none = get_origin(hint) is UnionType and type(None) in get_args(hint)
        if spec.type not in NEVER_NONE and not spec.required and not may_be_none:
            problems.append(f"{name}: optional in the registry, the class does not allow None")
    return sorted(problems)


def missing_entries(kinds: tuple[Kind, ...], registry: dict[Kind, KindEntry]) -> list[Kind]:
    return [kind for kind in kinds if kind not in registry]


def recorded_classes() -> list[type[Council.Fact]]:
    """Every event class of a fact nested on Council (whether or not the registry names it)."""
    return [cls for cls in vars(Council).values() if isinstance(cls, type) and issubclass(cls, Council.Fact)
            and cls is not Council.Fact]


@pytest.mark.parametrize("kind", FACT_KINDS)
def test_each_event_class_carries_exactly_its_kinds_fields(kind: Kind) -> None:
    cls = EVENT_CLASSES[kind]
    assert cls.kind is kind
    assert cls.__name__ == entry(kind).event_class
    assert disagreements(cls, fields_of(kind)) == []


def test_the_check_sees_a_class_and_a_table_that_disagree() -> None:
    class Wrong:
        theme: str | None  # optional here, a list in the table below
        extra: int | None  # not in the table
        posts: int  # optional in the table: must allow None
        kind: ClassVar[Kind]

    specs = (
        FieldSpec("theme", FieldType.TEXT_LIST),
        FieldSpec("posts", FieldType.COUNT),
        FieldSpec("missing", FieldType.TEXT),
    )
    assert disagreements(Wrong, specs) == [
        "extra: in the class, not in the registry",
        "missing: in the registry, not in the class",
        "posts: optional in the registry, the class does not allow None",
        "theme: the class says str | None, the registry text_list",
    ]


def test_every_kind_of_fact_has_one_entry() -> None:
    assert missing_entries(FACT_KINDS, REGISTRY) == []
    assert [e.kind for e in KINDS] == list(FACT_KINDS)  # once each, in the vocabulary's order
    assert set(EVENT_CLASSES) == set(FACT_KINDS)


def test_the_check_sees_a_kind_without_an_entry() -> None:
    partial: dict[Kind, KindEntry] = {k: e for k, e in REGISTRY.items() if k is not Kind.INITIATIVE}
    assert missing_entries(FACT_KINDS, partial) == [Kind.INITIATIVE]


def test_every_event_class_of_a_fact_has_an_entry() -> None:
    classes = recorded_classes()
    assert len(classes) == len(FACT_KINDS)
    for cls in classes:
        assert cls.kind in REGISTRY, f"{cls.__name__} has no entry in events/kinds.py"
        assert EVENT_CLASSES[cls.kind] is cls


@pytest.mark.parametrize("kind", FACT_KINDS)
def test_every_kind_is_read_by_its_words(kind: Kind) -> None:
    assert parse_kind(kind.value) is kind
    assert parse_kind(kind.value.replace("_", "-").upper()) is kind
    assert parse_kind(f" {kind.value} ") is kind
    for alias in entry(kind).aliases:
        assert parse_kind(alias) is kind


def test_aliases_and_the_refusal_name_the_kinds() -> None:
    assert parse_kind("recruitment-drive") is Kind.RECRUITMENT
    assert parse_kind("recruitment_drive") is Kind.RECRUITMENT
    assert parse_kind("caseload") is Kind.WORKFORCE
    with pytest.raises(InvalidField) as refused:
        parse_kind("correction")
    assert str(refused.value).startswith(
        "kind: 'correction' is not a kind of event (inspection, focused-visit, monitoring-visit,"
    )
    with pytest.raises(InvalidField):
        parse_kind("visit")


def test_words_are_unique_across_kinds() -> None:
    words = [w for e in KINDS for w in (e.kind.value, e.word, e.label.lower(), *e.aliases)]
    owners = {w: {e.kind for e in KINDS if w in (e.kind.value, e.word, e.label.lower(), *e.aliases)}
              for w in words}
    assert all(len(kinds) == 1 for kinds in owners.values()), owners


def test_the_state_codes_stored_in_snapshots_never_change() -> None:
    """Snapshots hold one character per fact's kind: a code changed or reused would make
    an old snapshot read one kind as another."""
    assert {e.kind.value: e.state_code for e in KINDS} == {
        "inspection": "i", "focused_visit": "f", "monitoring_visit": "m", "restructure": "s",
        "recruitment": "r", "workforce": "w", "leadership_change": "l", "budget_pressure": "b",
        "initiative": "n"}
