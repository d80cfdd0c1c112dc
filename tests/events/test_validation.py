"""Every kind validates its fields; every kind of bad input names its field."""

from typing import Any

import pytest

from events.errors import InvalidField
from events.validation import validate_fact
from events.vocabulary import FACT_KINDS, Kind
from tests.conftest import TODAY

SOURCE = {"publisher": "Community Care", "title": "A report", "published": "2022-02"}

VALID: dict[Kind, dict[str, Any]] = {
    Kind.INSPECTION: {
        "fieldwork_start": "2021-11-01", "fieldwork_end": "2021-11-12", "published_on": "2022-01-20",
        "framework": "ilacs_standard", "overall": "Good",
        "impact_of_leaders": "Requires improvement to be good", "help_and_protection": "unknown",
    },
    Kind.FOCUSED_VISIT: {"occurred_on": "2018", "theme": "help and protection",
                         "findings": ["caseloads too high"], "areas_to_improve": ["supervision"]},
    Kind.MONITORING_VISIT: {"occurred_on": "2019-03", "theme": "front door"},
    Kind.RESTRUCTURE: {"occurred_on": "2018-07", "status": "delayed", "changes": "new teams"},
    Kind.RECRUITMENT: {"occurred_on": "2018", "posts": "20", "investment_gbp": "£1,100,000",
                       "roles": ["social workers"], "routes": ["apprenticeships", "overseas"]},
    Kind.WORKFORCE: {"as_at": "2017-09-30", "caseload": "24-26", "caseload_target": 15,
                     "fte": 345, "agency_rate": {"value": 63}, "suppressed": {"vacancy_rate": "x"}},
    Kind.LEADERSHIP_CHANGE: {"occurred_on": "2016-10", "role": "DCS", "change": "interim"},
    Kind.BUDGET_PRESSURE: {"occurred_on": "2018", "description": "overspend",
                           "amount_gbp": 35_000_000},
    Kind.INITIATIVE: {"occurred_on": "2020", "name": "social workers in schools"},
}


def valid(kind: Kind, **changes: Any) -> dict[str, Any]:
    return {**VALID[kind], "source": SOURCE, **changes}


def test_every_fact_kind_has_a_valid_example() -> None:
    assert set(VALID) == set(FACT_KINDS)


@pytest.mark.parametrize("kind", list(VALID))
def test_valid_examples_validate(kind: Kind) -> None:
    fields = validate_fact(kind, valid(kind), TODAY)
    assert fields["source"]["publisher"] == "Community Care"
    assert "occurred_on" in fields


def test_inspection_canonical_forms() -> None:
    fields = validate_fact(Kind.INSPECTION, valid(Kind.INSPECTION), TODAY)
    assert fields["occurred_on"] == "2021-11-01"
    assert fields["overall"] == "good"
    assert fields["impact_of_leaders"] == "requires_improvement"
    assert fields["help_and_protection"] == "unknown"  # exists but unreadable
    assert fields["children_in_care"] == "unknown"  # exists, not given: not recorded in the source
    assert fields["care_leavers"] is None  # no such judgement before 2023: kept apart from unknown


def test_workforce_keeps_ranges_and_suppressions() -> None:
    fields = validate_fact(Kind.WORKFORCE, valid(Kind.WORKFORCE), TODAY)
    assert fields["caseload"] == {"low": 24.0, "high": 26.0}
    assert fields["fte"] == {"value": 345.0}
    assert fields["suppressed"] == {"vacancy_rate": "x"}
    bound = validate_fact(Kind.WORKFORCE, valid(Kind.WORKFORCE, caseload="<=18"), TODAY)
    assert bound["caseload"] == {"high": 18.0}


def test_recruitment_parses_money_and_counts() -> None:
    fields = validate_fact(Kind.RECRUITMENT, valid(Kind.RECRUITMENT), TODAY)
    assert fields["posts"] == 20
    assert fields["investment_gbp"] == 1_100_000


@pytest.mark.parametrize(
    ("kind", "changes", "field"),
    [
        (Kind.INSPECTION, {"overall": "brilliant"}, "overall"),
        (Kind.INSPECTION, {"fieldwork_start": "2027-01-05"}, "occurred_on"),
        (Kind.INSPECTION, {"published_on": "2021-10-01"}, "published_on"),
        (Kind.INSPECTION, {"fieldwork_end": "2021-10-01"}, "fieldwork_end"),
        (Kind.INSPECTION, {"framework": "sif-2009"}, "framework"),
        (Kind.WORKFORCE, {"caseload": -3}, "caseload"),
        (Kind.WORKFORCE, {"caseload": 140}, "caseload"),
        (Kind.WORKFORCE, {"caseload": "lots"}, "caseload"),
        (Kind.WORKFORCE, {"agency_rate": 120}, "agency_rate"),
        (Kind.WORKFORCE, {"suppressed": {"caseload": "0"}}, "suppressed.caseload"),
        (Kind.WORKFORCE, {"joint_with": ["31"]}, "joint_with"),
        (Kind.RECRUITMENT, {"posts": "2.5"}, "posts"),
        (Kind.RESTRUCTURE, {"status": "rumoured"}, "status"),
        (Kind.RESTRUCTURE, {"changes": ""}, "changes"),
        (Kind.FOCUSED_VISIT, {"theme": None}, "theme"),
        (Kind.FOCUSED_VISIT, {"colour": "red"}, "colour"),
        (Kind.FOCUSED_VISIT, {"source": {"publisher": "x"}}, "source.title"),
        (Kind.FOCUSED_VISIT, {"summary": "bell \x07"}, "summary"),
        (Kind.FOCUSED_VISIT, {"summary": "x" * 20_001}, "summary"),
    ],
)
def test_bad_input_names_the_field(kind: Kind, changes: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidField) as caught:
        validate_fact(kind, valid(kind, **changes), TODAY)
    assert caught.value.field == field


def test_workforce_needs_a_figure() -> None:
    bare = {"as_at": "2020-09-30", "source": SOURCE}
    with pytest.raises(InvalidField, match="at least one figure"):
        validate_fact(Kind.WORKFORCE, bare, TODAY)


def test_markup_and_bidi_are_stored_as_given() -> None:
    text = "[bold red]Ofsted[/] [link=http://x]y[/link] \u202eevil"
    fields = validate_fact(Kind.FOCUSED_VISIT, valid(Kind.FOCUSED_VISIT, summary=text), TODAY)
    assert fields["summary"] == text
