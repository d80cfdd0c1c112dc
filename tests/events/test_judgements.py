"""A framework knows which judgements it had on a date: a grade for one it did not
have is refused (or, from a source, left out and reported); one it had but not
given is unknown, never absent."""

from datetime import date
from typing import Any

import pytest

from events.council import Council
from events.errors import InvalidField
from events.judgements import judgements_of
from events.validation import validate_fact
from events.vocabulary import Kind
from tests.conftest import TODAY

SOURCE = {"publisher": "Ofsted", "title": "Inspection report"}


def inspection(**fields: Any) -> dict[str, Any]:
    return {"source": SOURCE, **fields}


@pytest.mark.parametrize(
    ("framework", "started", "has_care_leavers", "has_overall"),
    [
        ("ilacs_standard", date(2022, 12, 31), False, True),
        ("ilacs_standard", date(2023, 1, 1), True, True),
        ("ilacs_short", date(2019, 6, 3), False, True),
        ("sif", date(2016, 5, 1), True, True),  # SIF graded care leavers as a sub-judgement
        ("ilacs_2026", date(2026, 5, 11), True, False),
        ("pre_sif", date(2012, 6, 1), False, True),
        (None, date(2022, 7, 1), False, True),  # no framework: the one in force on its date
        (None, date(2015, 3, 1), True, True),
        (None, date(2013, 6, 1), False, True),
    ],
)
def test_judgements_of_a_framework_on_a_date(
    framework: str | None, started: date, has_care_leavers: bool, has_overall: bool
) -> None:
    existing = judgements_of(framework, started)
    assert ("care_leavers" in existing) is has_care_leavers
    assert ("overall" in existing) is has_overall


def test_a_care_leavers_grade_before_2023_is_refused_with_its_reason() -> None:
    raw = inspection(occurred_on="2022-07-04", framework="ilacs_standard", overall="inadequate",
                     care_leavers="inadequate")
    with pytest.raises(InvalidField) as caught:
        validate_fact(Kind.INSPECTION, raw, TODAY)
    assert caught.value.field == "care_leavers"
    assert "1 January 2023" in str(caught.value)


def test_a_source_grade_that_did_not_exist_is_dropped_and_reported() -> None:
    dropped: list[str] = []
    raw = inspection(occurred_on="2019-06", overall="good", children_in_care="good", care_leavers="good")
    fields = validate_fact(Kind.INSPECTION, raw, TODAY, dropped)
    assert fields["care_leavers"] is None and fields["children_in_care"] == "good"
    assert len(dropped) == 1 and dropped[0].startswith("care_leavers:")


def test_existing_judgements_not_given_are_unknown_absent_ones_none() -> None:
    sif = validate_fact(Kind.INSPECTION, inspection(published_on="2016-03-11", framework="sif"), TODAY)
    assert [sif[n] for n in ("overall", "help_and_protection", "care_leavers")] == ["unknown"] * 3
    reform = validate_fact(Kind.INSPECTION, inspection(occurred_on="2026-05-11", framework="ilacs_2026",
                                                       impact_of_leaders="good"), TODAY)
    assert reform["overall"] is None and reform["care_leavers"] == "unknown"


def test_an_inspection_known_only_by_its_publication_has_no_occurred_date() -> None:
    fields = validate_fact(Kind.INSPECTION, inspection(published_on="2017-07-14"), TODAY)
    assert fields["occurred_on"] is None and fields["published_on"] == "2017-07-14"
    with pytest.raises(InvalidField) as caught:
        validate_fact(Kind.RESTRUCTURE, {"source": SOURCE, "published_on": "2018", "status": "delayed",
                                         "changes": "teams"}, TODAY)
    assert caught.value.field == "occurred_on"


def test_the_aggregate_obeys_the_rule_on_record_and_correct() -> None:
    council = Council.open("937")
    with pytest.raises(InvalidField):
        council.record(Kind.INSPECTION, inspection(occurred_on="2018-03", framework="ilacs_standard",
                                                   care_leavers="good"), TODAY)
    position = council.record(Kind.INSPECTION, inspection(occurred_on="2023-03", framework="ilacs_standard",
                                                          care_leavers="good"), TODAY)
    current = {k: v for k, v in council.pending_events[-1].__dict__.items()
               if k not in ("originator_id", "originator_version", "timestamp")}
    with pytest.raises(InvalidField) as caught:
        council.correct(position, {"occurred_on": "2022-11", "care_leavers": "good"}, "date fixed", TODAY,
                        current=current)
    assert caught.value.field == "care_leavers"
    council.correct(position, {"occurred_on": "2022-11"}, "date fixed", TODAY, current=current)
    assert council.pending_events[-1].changes["care_leavers"] is None  # type: ignore[attr-defined]
