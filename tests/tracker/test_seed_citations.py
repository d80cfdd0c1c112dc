"""Each seed fact against the report it comes from (../shared/sources).

A table of facts written here from the five reports: which report each fact cites,
its dates as precise as that report allows, the other report that also states it
(named in the note), and the outside fact that makes a date more precise than the
report (named in the note). Judgements follow the framework of their day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from events.dates import PartialDate
from events.validation import validate_fact
from events.vocabulary import Framework, Kind
from seeds import seed_files
from tests.conftest import TODAY
from tracker.records import FileEvent, read_event_file

# The five reports (../shared/sources/README.md): publisher, headline, publication date.
REPORTS: dict[str, dict[str, str]] = {
    "cc-2022": {"publisher": "Community Care", "title": "Council improves to 'good' after increasing "
                "social worker numbers to cut caseloads", "published": "2022-02"},
    "cc-2019": {"publisher": "Community Care (republished by a recruiter's site)", "title": "Social work "
                "caseloads halved as council marks turnaround with 'good' Ofsted judgment",
                "published": "2019-08-28"},
    "cypnow-2019": {"publisher": "Children & Young People Now",
                    "title": "High caseloads cost council its 'good' Ofsted rating",
                    "published": "2019-02-19"},
    "provider": {"publisher": "Social care services provider (news page)",
                 "title": "Ofsted identifies progress at Warwickshire"},  # undated
    "cc-2018": {"publisher": "Community Care (republished by a recruiter's site)", "title": "Delayed "
                "restructure will address 'excessively high' social worker caseloads, council says",
                "published": "2018-07-30"},
}
CENSUS = "30 September"  # the DfE workforce census date: the outside fact that gives a figure its day
ILACS = "ILACS framework in January 2018"  # focused visits began then: a 'recent' visit in 2018 is of 2018


@dataclass(frozen=True)
class Cited:
    """One seed fact: the report it cites, its dates as precise as that report allows,
    the other report that also states it (named in the note), and the outside fact (named
    in the note) that makes a date more precise than the report."""

    report: str
    occurred_on: str
    published_on: str | None = None
    also: str | None = None
    outside: str | None = None


FACTS: dict[str, Cited] = {
    "warks-2017-inspection": Cited("cc-2022", "2017"),
    "warks-2017-workforce": Cited("cc-2022", "2017-09-30", outside=CENSUS),
    "warks-2018-focused-visit": Cited("cc-2022", "2018", also="provider"),
    "warks-2018-workforce": Cited("provider", "2018", also="cc-2022"),
    "warks-2018-recruitment": Cited("provider", "2018", also="cc-2022"),
    "warks-2020-workforce": Cited("cc-2022", "2020-09-30", outside=CENSUS),
    "warks-2021-recruitment": Cited("cc-2022", "2021"),
    "warks-2021-inspection": Cited("cc-2022", "2021", "2022-02"),
    "newcastle-2017-inspection": Cited("cc-2022", "2017"),
    "newcastle-2021-inspection": Cited("cc-2022", "2021", "2022-02"),
    "newcastle-social-workers-in-schools": Cited("cc-2022", "2021"),
    "sutton-2018-focused-visit": Cited("cc-2018", "2018", outside=ILACS),
    "sutton-2018-restructure": Cited("cc-2018", "2018"),
    "sutton-2018-restorative-practice": Cited("cc-2018", "2018"),
    "sutton-2021-inspection": Cited("cc-2022", "2021", "2022-02"),
    "sutton-2021-recruitment": Cited("cc-2022", "2021"),
    "swindon-2014-inspection": Cited("cc-2019", "2014"),
    "swindon-2018-focused-visit": Cited("cc-2019", "2018"),
    "swindon-2019-focused-visit": Cited("cc-2019", "2019"),
    "swindon-2019-inspection": Cited("cc-2019", "2019-07"),
    "swindon-2019-workforce": Cited("cc-2019", "2019-07"),
    "swindon-2019-recruitment": Cited("cc-2019", "2019-07"),
    "cambs-2014-inspection": Cited("cypnow-2019", "2014"),
    "cambs-2016-leadership": Cited("cypnow-2019", "2016-10"),
    "cambs-2017-leadership": Cited("cypnow-2019", "2017-06"),
    "cambs-2017-workforce": Cited("cypnow-2019", "2017-09-30", "2018-02", outside=CENSUS),
    "cambs-2018-focused-visit": Cited("cypnow-2019", "2018", "2018-04", outside=ILACS),
    "cambs-2018-restructure": Cited("cypnow-2019", "2018"),
    "cambs-2018-recruitment": Cited("cypnow-2019", "2018"),
    "cambs-2019-inspection": Cited("cypnow-2019", "2019-01"),
    "staffs-2014-inspection": Cited("cc-2018", "2014"),
    "staffs-2018-focused-visit": Cited("cc-2018", "2018", outside=ILACS),
    "staffs-2018-restructure": Cited("cc-2018", "2018-07"),
    "staffs-2018-budget": Cited("cc-2018", "2018-07"),
    "staffs-2018-recruitment": Cited("cc-2018", "2018-07"),
}


def _every_fact() -> list[tuple[str, FileEvent]]:
    return [(path.name, event) for path in seed_files() for event in read_event_file(path)]


def test_every_seed_fact_is_in_the_table() -> None:
    assert sorted(str(event.id) for _, event in _every_fact()) == sorted(FACTS)


@pytest.mark.parametrize("event_id", sorted(FACTS))
def test_each_fact_cites_the_report_that_states_it(event_id: str) -> None:
    expected = FACTS[event_id]
    (event,) = [e for _, e in _every_fact() if e.id == event_id]
    assert event.fields["source"] == REPORTS[expected.report]
    if expected.also is not None:
        assert REPORTS[expected.also]["title"] in event.fields["note"], "name the other report in the note"


@pytest.mark.parametrize("event_id", sorted(FACTS))
def test_each_date_is_as_precise_as_its_report_allows(event_id: str) -> None:
    expected = FACTS[event_id]
    (event,) = [e for _, e in _every_fact() if e.id == event_id]
    fields = validate_fact(Kind(event.kind), event.fields, TODAY)
    dates = (fields["occurred_on"], fields.get("published_on"))
    assert dates == (expected.occurred_on, expected.published_on)
    assert fields.get("fieldwork_end") is None  # no report gives when fieldwork ended
    framework = fields.get("framework")
    if framework not in (None, "unknown"):  # no report names a framework: the note says how it is known
        assert Framework(framework).label.split()[0] in fields["note"]
    reported = REPORTS[expected.report].get("published")
    for value in (fields["occurred_on"], fields.get("published_on")):
        if value is None:
            continue
        if reported is not None:  # a report tells of nothing after it was published
            assert PartialDate.parse(value).start() <= PartialDate.parse(reported).end()
        if PartialDate.parse(value).day is not None:  # no report gives a day: an outside fact does
            assert expected.outside is not None
    if expected.outside is not None:
        assert expected.outside in fields["note"], "name the outside fact in the note"


@pytest.mark.parametrize("event_id", sorted(FACTS))
def test_no_care_leavers_judgement_before_2023(event_id: str) -> None:
    """Before 1 January 2023 children in care and care leavers were one judgement
    (``children_in_care``); a separate care leavers grade did not exist."""
    (event,) = [e for _, e in _every_fact() if e.id == event_id]
    if event.kind == "inspection" and PartialDate.parse(FACTS[event_id].occurred_on).end() < date(2023, 1, 1):
        assert "care_leavers" not in event.fields
