"""The bundled seed histories (seeds/*.toml), taken from the five source reports.

The first half checks the files themselves: every event parses and passes the domain
validator, every council has events, every event cites a source (which report, and how
precise its dates are, is checked in test_seed_citations.py). The second half
imports them through the service facade and asks for each council's rating before and
after each of its judgements; the expected answers are written from the reports, not
computed from the seeds.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from events.validation import validate_fact
from events.vocabulary import Kind
from seeds import seed_files
from tests.conftest import TODAY
from tracker.councils import resolve
from tracker.records import read_event_file

# seed file -> (council name, DfE LA number)
COUNCILS: dict[str, tuple[str, str]] = {
    "warwickshire.toml": ("Warwickshire", "937"),
    "newcastle_upon_tyne.toml": ("Newcastle upon Tyne", "391"),
    "sutton.toml": ("Sutton", "319"),
    "swindon.toml": ("Swindon", "866"),
    "cambridgeshire.toml": ("Cambridgeshire", "873"),
    "staffordshire.toml": ("Staffordshire", "860"),
}


def _seed(name: str) -> Path:
    for path in seed_files():
        if path.name == name:
            return path
    raise AssertionError(f"seeds/{name} is missing")


SEED_NAMES = sorted(COUNCILS)


# --- the files ---------------------------------------------------------------------------


def test_every_council_has_a_seed_file() -> None:
    names = {path.name for path in seed_files()}
    assert set(COUNCILS) <= names


def test_every_seed_file_is_about_a_known_council() -> None:
    for path in seed_files():
        assert path.name in COUNCILS, f"{path.name}: no council expected for this seed"


@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_event_parses_and_validates(name: str) -> None:
    for event in read_event_file(_seed(name)):
        validate_fact(Kind(event.kind), event.fields, TODAY)
        validate_fact(Kind(event.kind), event.fields, date.today())


@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_event_is_about_the_files_council(name: str) -> None:
    council, la_code = COUNCILS[name]
    events = read_event_file(_seed(name))
    assert events, f"{name} has no events"
    for event in events:
        assert event.council == council, f"{name}, line {event.line}"
        assert resolve(event.council).la_code == la_code


@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_event_cites_a_source_with_publisher_and_title(name: str) -> None:
    for event in read_event_file(_seed(name)):
        source = event.fields.get("source")
        assert isinstance(source, dict), f"{name}, line {event.line}: no source"
        assert str(source.get("publisher", "")).strip(), f"{name}, line {event.line}"
        assert str(source.get("title", "")).strip(), f"{name}, line {event.line}"


@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_event_has_a_summary_and_a_unique_id(name: str) -> None:
    events = read_event_file(_seed(name))
    ids = [event.id for event in events]
    assert all(ids), f"{name}: every seed event has an id"
    assert len(ids) == len(set(ids)), f"{name}: ids repeat"
    for event in events:
        assert str(event.fields.get("summary", "")).strip(), f"{name}, line {event.line}"


@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_kind_and_field_in_the_file_is_kept_by_the_reader(name: str) -> None:
    """What the file says reaches the validator: no field is dropped on the way."""
    raw = tomllib.loads(_seed(name).read_text(encoding="utf-8"))["events"]
    events = read_event_file(_seed(name))
    assert len(raw) == len(events)
    for entry, event in zip(raw, events, strict=True):
        expected = set(entry) - {"id", "council", "kind"}
        assert set(event.fields) == expected, f"{name}, line {event.line}"


def test_the_seeds_record_the_reports_key_figures() -> None:
    """A few figures straight from the reports, so a typo in a seed is caught."""

    def fields(name: str, event_id: str) -> dict[str, Any]:
        for event in read_event_file(_seed(name)):
            if event.id == event_id:
                return validate_fact(Kind(event.kind), event.fields, TODAY)
        raise AssertionError(f"{name}: no event {event_id}")

    warks_2017 = fields("warwickshire.toml", "warks-2017-workforce")
    assert warks_2017["occurred_on"] == "2017-09-30"
    assert warks_2017["fte"] == {"value": 345.0}
    assert warks_2017["caseload"] == {"value": 19.5}
    warks_2020 = fields("warwickshire.toml", "warks-2020-workforce")
    assert warks_2020["occurred_on"] == "2020-09-30"
    assert warks_2020["fte"] == {"value": 368.0}
    assert warks_2020["caseload"] == {"value": 17.0}
    warks_2018 = fields("warwickshire.toml", "warks-2018-workforce")
    assert warks_2018["caseload"] == {"low": 24.0, "high": 26.0, "text": "mid-twenties"}
    assert warks_2018["caseload_target"] == 15.0
    assert fields("warwickshire.toml", "warks-2021-recruitment")["posts"] == 16
    assert fields("swindon.toml", "swindon-2019-workforce")["agency_rate"] == {"value": 63.0}
    cambs = fields("cambridgeshire.toml", "cambs-2017-workforce")
    assert cambs["caseload"] == {"high": 18.0, "text": "nearly 18"}
    staffs = fields("staffordshire.toml", "staffs-2018-recruitment")
    assert staffs["investment_gbp"] == 1_100_000
    assert fields("staffordshire.toml", "staffs-2018-budget")["amount_gbp"] == 35_000_000
    assert fields("staffordshire.toml", "staffs-2018-restructure")["status"] == "delayed"
    sutton = fields("sutton.toml", "sutton-2021-recruitment")
    assert set(sutton["routes"]) == {"apprenticeships", "overseas"}


# --- through the service: the rating before and after each judgement ---------------------

SIF_UNREAD = {  # SIF had every sub-judgement: the reports give none of them
    "impact_of_leaders": "unknown",
    "help_and_protection": "unknown",
    "children_in_care": "unknown",
    "care_leavers": "unknown",
}
ILACS_UNREAD = {**SIF_UNREAD, "care_leavers": None}  # ILACS before 2023: no care leavers judgement


def _judgements(**given: str) -> dict[str, str | None]:
    """An ILACS inspection before 2023 with the grades a report gives."""
    return {**ILACS_UNREAD, **given}


@pytest.fixture(scope="module")
def tracker(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from tracker.service import Tracker
    from tracker.store import open_store

    store = open_store(str(tmp_path_factory.mktemp("seeds") / "t.db"))
    service = Tracker(store, today=TODAY)
    for name in SEED_NAMES:
        service.import_file(_seed(name))
    return service


def _rating(
    tracker: Any, council: str, as_of: date, known_on: date | None = None
) -> dict[str, Any] | None:
    answer = tracker.show(council, as_of=as_of, known_on=known_on)
    assert answer["council"]["name"] == council
    return answer["rating"]


def test_importing_the_seeds_again_adds_nothing(tracker: Any) -> None:
    for name in SEED_NAMES:
        summary = tracker.import_file(_seed(name))
        assert summary.added == 0
        assert summary.already_present == len(read_event_file(_seed(name)))


def test_show_names_the_council(tracker: Any) -> None:
    answer = tracker.show("Warwickshire", as_of=date(2022, 3, 1))
    assert answer["council"] == {
        "la_code": "937",
        "ons_code": "E10000031",
        "name": "Warwickshire",
        "region": "West Midlands",
    }
    assert answer["as_of"] == "2022-03-01"
    assert answer["known_on"] == "2022-03-01"


# Warwickshire: requires improvement at a full inspection in 2017 (year only, so it
# counts from 2017-12-31); a 2018 focused visit, which grades nothing; good at an
# inspection in late 2021 (year only) that Ofsted published in February 2022. The one
# source, an article of February 2022, is the first surely public word of any of them,
# so with K = D nothing counts before 2022-02-28; with hindsight (K today) they count
# from when they happened.


def test_warwickshire_before_its_2017_inspection(tracker: Any) -> None:
    assert _rating(tracker, "Warwickshire", date(2016, 12, 31)) is None
    assert _rating(tracker, "Warwickshire", date(2017, 12, 30)) is None


def test_warwickshire_after_its_2017_inspection(tracker: Any) -> None:
    rating = _rating(tracker, "Warwickshire", date(2017, 12, 31), known_on=TODAY)
    assert rating is not None
    assert rating["overall"] == "requires_improvement"
    assert rating["framework"] == "sif"
    assert rating["inspection_started"] == "2017"
    assert rating["judgements"] == SIF_UNREAD


def test_warwickshire_focused_visit_does_not_change_the_rating(tracker: Any) -> None:
    rating = _rating(tracker, "Warwickshire", date(2019, 6, 30), known_on=TODAY)
    assert rating is not None
    assert rating["overall"] == "requires_improvement"


def test_warwickshire_2021_inspection_unknown_until_published(tracker: Any) -> None:
    assert _rating(tracker, "Warwickshire", date(2022, 1, 31)) is None  # nothing reported yet
    rating = _rating(tracker, "Warwickshire", date(2021, 12, 30), known_on=TODAY)
    assert rating is not None
    assert rating["overall"] == "requires_improvement"


def test_warwickshire_after_its_2021_inspection(tracker: Any) -> None:
    for as_of in (date(2022, 2, 28), TODAY):
        rating = _rating(tracker, "Warwickshire", as_of)
        assert rating is not None
        assert rating["overall"] == "good"
        assert rating["inspection_started"] == "2021"
        assert rating["published_on"] == "2022-02"
        assert rating["judgements"] == ILACS_UNREAD


def test_warwickshire_2021_inspection_seen_with_hindsight(tracker: Any) -> None:
    rating = _rating(tracker, "Warwickshire", date(2021, 12, 31), known_on=date(2022, 2, 28))
    assert rating is not None
    assert rating["overall"] == "good"


def test_warwickshire_caseloads(tracker: Any) -> None:
    # the figures reported in February 2022 are not known yet; the undated report's is
    assert [c["as_at"] for c in tracker.show("Warwickshire", as_of=date(2021, 1, 1))["caseloads"]] == ["2018"]
    answer = tracker.show("Warwickshire", as_of=date(2021, 1, 1), known_on=TODAY)
    loads = answer["caseloads"]
    assert [c["as_at"] for c in loads] == ["2017-09-30", "2018", "2020-09-30"]
    assert loads[0]["value"] == 19.5
    assert (loads[1]["low"], loads[1]["high"]) == (24, 26)
    assert loads[1]["value"] is None
    assert loads[2]["value"] == 17


# Newcastle upon Tyne: requires improvement in 2017; good at the inspection Ofsted
# published in February 2022. Both come from an article of February 2022.


def test_newcastle_before_its_2017_inspection(tracker: Any) -> None:
    assert _rating(tracker, "Newcastle upon Tyne", date(2016, 12, 31)) is None


def test_newcastle_after_its_2017_inspection(tracker: Any) -> None:
    assert _rating(tracker, "Newcastle upon Tyne", date(2022, 1, 31)) is None  # nothing reported yet
    for as_of in (date(2017, 12, 31), date(2020, 12, 31)):
        rating = _rating(tracker, "Newcastle upon Tyne", as_of, known_on=TODAY)
        assert rating is not None
        assert rating["overall"] == "requires_improvement"
        assert rating["framework"] == "sif"
        assert rating["inspection_started"] == "2017"


def test_newcastle_after_its_latest_inspection(tracker: Any) -> None:
    for as_of in (date(2022, 2, 28), TODAY):
        rating = _rating(tracker, "Newcastle upon Tyne", as_of)
        assert rating is not None
        assert rating["overall"] == "good"
        assert rating["published_on"] == "2022-02"
        assert rating["judgements"] == ILACS_UNREAD


# Sutton: rated good before July 2018 and again ("second successive good") at the
# inspection Ofsted published in February 2022, with leadership outstanding. Neither
# report dates the earlier good inspection, so the seeds do not hold it and the tracker
# knows no rating for Sutton before the latest one.


def test_sutton_before_its_latest_inspection(tracker: Any) -> None:
    assert _rating(tracker, "Sutton", date(2018, 7, 30)) is None
    assert _rating(tracker, "Sutton", date(2022, 1, 31)) is None


def test_sutton_after_its_latest_inspection(tracker: Any) -> None:
    for as_of in (date(2022, 2, 28), TODAY):
        rating = _rating(tracker, "Sutton", as_of)
        assert rating is not None
        assert rating["overall"] == "good"
        assert rating["published_on"] == "2022-02"
        assert rating["judgements"] == _judgements(impact_of_leaders="outstanding")


# Swindon: requires improvement in 2014; critical focused visits in spring 2018 and
# early 2019; good after inspectors visited in July 2019, with children in care and
# care leavers (one judgement before 2023) still requiring improvement. All from an article
# of 28 August 2019.


def test_swindon_before_its_2014_inspection(tracker: Any) -> None:
    assert _rating(tracker, "Swindon", date(2014, 6, 30)) is None


def test_swindon_after_its_2014_inspection(tracker: Any) -> None:
    assert _rating(tracker, "Swindon", date(2019, 7, 30)) is None  # nothing reported yet
    for as_of in (date(2014, 12, 31), date(2018, 12, 31), date(2019, 7, 30)):
        rating = _rating(tracker, "Swindon", as_of, known_on=TODAY)
        assert rating is not None
        assert rating["overall"] == "requires_improvement"
        assert rating["framework"] == "sif"
        assert rating["inspection_started"] == "2014"


def test_swindon_after_its_2019_inspection(tracker: Any) -> None:
    assert _rating(tracker, "Swindon", date(2019, 8, 27)) is None  # reported on 28 August 2019
    for as_of, known_on in ((date(2019, 7, 31), date(2019, 8, 28)), (date(2019, 8, 28), None), (TODAY, None)):
        rating = _rating(tracker, "Swindon", as_of, known_on)
        assert rating is not None
        assert rating["overall"] == "good"
        assert rating["inspection_started"] == "2019-07"
        # one judgement on children in care and care leavers (ILACS before 2023): children_in_care
        assert rating["judgements"] == _judgements(children_in_care="requires_improvement")


# Cambridgeshire: good at its last full inspection, in 2014; a focused visit in 2018;
# requires improvement after a visit in January 2019, with the impact of leaders good.
# The inspections come from an article of 19 February 2019, which gives no report date:
# neither is known before it.


def test_cambridgeshire_before_its_2014_inspection(tracker: Any) -> None:
    assert _rating(tracker, "Cambridgeshire", date(2013, 12, 31)) is None


def test_cambridgeshire_after_its_2014_inspection(tracker: Any) -> None:
    for as_of in (date(2014, 12, 31), date(2018, 12, 31), date(2019, 1, 30)):
        rating = _rating(tracker, "Cambridgeshire", as_of, known_on=TODAY)
        assert rating is not None
        assert rating["overall"] == "good"
        assert rating["framework"] == "sif"
        assert rating["inspection_started"] == "2014"


def test_cambridgeshire_after_its_2019_inspection(tracker: Any) -> None:
    assert _rating(tracker, "Cambridgeshire", date(2019, 1, 31)) is None  # not known on 31 January
    for as_of, known_on in ((date(2019, 1, 31), date(2019, 2, 19)), (date(2019, 2, 19), None), (TODAY, None)):
        rating = _rating(tracker, "Cambridgeshire", as_of, known_on)
        assert rating is not None
        assert rating["overall"] == "requires_improvement"
        assert rating["inspection_started"] == "2019-01"
        assert rating["judgements"] == _judgements(impact_of_leaders="good")


def test_cambridgeshire_caseload_known_only_once_published(tracker: Any) -> None:
    # Reported in February 2018 from the DfE figures as at 30 September 2017.
    before = tracker.show("Cambridgeshire", as_of=date(2018, 1, 31))
    assert before["caseloads"] == []
    after = tracker.show("Cambridgeshire", as_of=date(2018, 2, 28))
    assert [c["as_at"] for c in after["caseloads"]] == ["2017-09-30"]
    assert after["caseloads"][0]["high"] == 18
    assert after["caseloads"][0]["value"] is None


# Staffordshire: good at its last full inspection, in 2014; still so when the 2018
# focused visit was reported (an article of 30 July 2018, the first word of both).


def test_staffordshire_before_its_2014_inspection(tracker: Any) -> None:
    assert _rating(tracker, "Staffordshire", date(2013, 12, 31)) is None
    assert _rating(tracker, "Staffordshire", date(2014, 12, 30)) is None


def test_staffordshire_after_its_2014_inspection(tracker: Any) -> None:
    hindsight = date(2018, 7, 30)
    for as_of, known_on in ((date(2014, 12, 31), hindsight), (date(2018, 7, 30), None), (TODAY, None)):
        rating = _rating(tracker, "Staffordshire", as_of, known_on)
        assert rating is not None
        assert rating["overall"] == "good"
        assert rating["framework"] == "sif"
        assert rating["inspection_started"] == "2014"
        assert rating["judgements"] == SIF_UNREAD
