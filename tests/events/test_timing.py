"""When a fact counts as happened and as known: the two rules every read path shares."""

from __future__ import annotations

from datetime import date

import pytest

from events.timing import NEVER, happened_on, known_from, when_text


def test_an_imprecise_date_counts_at_the_end_of_its_period() -> None:
    assert happened_on("2018", None) == date(2018, 12, 31)
    assert happened_on("2022-02", None) == date(2022, 2, 28)
    assert happened_on("2022-02-03", None) == date(2022, 2, 3)


def test_an_imprecise_date_has_happened_by_an_earlier_publication() -> None:
    # a focused visit of "2018" published 2018-04-10 has happened by 2018-04-10
    assert happened_on("2018", "2018-04-10") == date(2018, 4, 10)
    assert happened_on("2018", "2018-04") == date(2018, 4, 30)  # the end of the publication's period
    assert happened_on("2018-03", "2018-06-01") == date(2018, 3, 31)  # publication later: no change


def test_a_precise_date_is_never_moved_and_a_period_never_left() -> None:
    assert happened_on("2018-05-03", "2018-04-10") == date(2018, 5, 3)
    # a publication before the period began (inconsistent data): the period's first day
    assert happened_on("2019", "2018-06") == date(2019, 1, 1)


def test_a_fact_without_a_date_happened_by_its_publication() -> None:
    assert happened_on(None, "2017-07-14") == date(2017, 7, 14)
    assert happened_on(None, "2017-07") == date(2017, 7, 31)
    assert happened_on(None, None) == NEVER


def test_known_from_the_publication_date() -> None:
    assert known_from("2019-02-19", "2019-01-18", "2019-01-07", "2019-03") == date(2019, 2, 19)
    assert known_from("2022-02", None, "2021-11", None) == date(2022, 2, 28)


def test_an_imprecise_publication_is_known_by_the_date_of_the_source_reporting_it() -> None:
    # a report published "this week" (2022-02) cited by an article of 4 February 2022
    assert known_from("2022-02", None, "2021-11", "2022-02-04") == date(2022, 2, 4)
    # the source dated only to a month: the end of its period
    assert known_from("2022", None, "2021-11", "2022-03") == date(2022, 3, 31)
    # a later source leaves the publication date alone; a precise one is never moved
    assert known_from("2022-02", None, "2021-11", "2022-05-01") == date(2022, 2, 28)
    assert known_from("2022-02-10", None, "2021-11", "2022-02-04") == date(2022, 2, 10)


def test_without_a_publication_date_known_from_the_source_never_the_occurred_period() -> None:
    # a January 2019 inspection whose report date is not given, cited on 19 February 2019
    assert known_from(None, None, "2019-01", "2019-02-19") == date(2019, 2, 19)
    assert known_from(None, "2019-01-25", "2019-01", "2019-02-19") == date(2019, 2, 19)
    assert known_from(None, None, "2019-01", "2019") == date(2019, 12, 31)


def test_without_publication_or_source_date_the_old_fallback() -> None:
    assert known_from(None, "2019-01-25", "2019-01-14", None) == date(2019, 1, 25)
    assert known_from(None, None, "2019-01", None) == date(2019, 1, 31)
    assert known_from(None, None, None, "2019-02-19") == NEVER  # no date at all: never counts


@pytest.mark.parametrize(("occurred", "published", "shown"), [
    ("2019-01", "2019-02-19", "2019-01"),
    (None, "2017-07-14", "by 2017-07-14"),
    (None, None, "?"),
])
def test_the_date_shown(occurred: str | None, published: str | None, shown: str) -> None:
    assert when_text(occurred, published) == shown
