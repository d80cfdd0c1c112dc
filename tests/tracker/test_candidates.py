"""Likely-duplicate candidates come from the read model (tracker/readside/candidates.py),
caught up with the store before matching: the write side keeps no fields."""

from __future__ import annotations

import pytest

from events.timing import span
from events.vocabulary import Kind
from tests.conftest import TODAY
from tracker.likely_duplicates import LikelyDuplicate
from tracker.readside.candidates import candidates, span_text
from tracker.service import Tracker
from tracker.store import open_store

OFSTED = {"publisher": "Ofsted", "title": "Inspection report"}
INSPECTION = {"fieldwork_start": "2019-01-07", "fieldwork_end": "2019-01-18", "published_on": "2019-02-19",
              "framework": "ilacs_standard", "overall": "good", "source": OFSTED}
VISIT = {"occurred_on": "2020-02", "published_on": "2020-03-10", "theme": "front door",
         "findings": [], "areas_to_improve": [], "source": OFSTED}


def test_span_text_gives_back_the_canonical_partial_date() -> None:
    for text in ("2021", "2021-11", "2021-11-03", "2020-02", None):
        assert span_text(span(text)) == text


def test_candidates_hold_the_dates_and_framework_as_corrected(tracker: Tracker) -> None:
    inspection = int(tracker.add("873", "inspection", INSPECTION).split("-")[1])
    visit = int(tracker.add("873", "focused-visit", VISIT).split("-")[1])
    tracker.correct(f"873-{visit}", {"occurred_on": "2020-02-04"}, "the day is known")
    council = tracker.load("873")
    found = candidates(tracker.read_model, "873", [inspection, visit], council.version)
    assert found[inspection] == {"occurred_on": "2019-01-07", "fieldwork_end": "2019-01-18",
                                 "published_on": "2019-02-19", "framework": "ilacs_standard"}
    assert found[visit] == {"occurred_on": "2020-02-04", "published_on": "2020-03-10"}


def test_a_fact_another_writer_added_is_a_candidate(store_path: str) -> None:
    """The read model is caught up with the store before matching: a fact written by another
    process after this one's model was last refreshed is still found."""
    mine = Tracker(open_store(store_path), today=TODAY)
    mine.refresh()
    other = Tracker(open_store(store_path), today=TODAY)
    first = other.add("873", "inspection", INSPECTION)
    other.app.close()
    with pytest.raises(LikelyDuplicate) as caught:  # the same inspection, a day later, no end date
        mine.add("873", "inspection", {**INSPECTION, "fieldwork_start": "2019-01-08", "fieldwork_end": None,
                                       "published_on": None})
    assert caught.value.event_id == first and caught.value.kind is Kind.INSPECTION
    assert str(caught.value).startswith(f"this looks like {first}, an inspection with compatible dates")
    mine.app.close()


def test_a_retracted_fact_is_no_candidate(tracker: Tracker) -> None:
    first = tracker.add("873", "focused-visit", VISIT)
    tracker.retract(first, "wrong council")
    again = tracker.add("873", "focused-visit", {**VISIT, "theme": "care leavers"})
    assert again != first
