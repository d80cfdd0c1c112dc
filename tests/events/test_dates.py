"""Partial dates: precision kept, and an imprecise date counts at the end of its period."""

from datetime import date

import pytest

from events.dates import PartialDate, Precision
from events.errors import InvalidField


@pytest.mark.parametrize(
    ("text", "precision", "start", "end"),
    [
        ("2022-02-07", Precision.DAY, date(2022, 2, 7), date(2022, 2, 7)),
        ("2022-02", Precision.MONTH, date(2022, 2, 1), date(2022, 2, 28)),
        ("2024-02", Precision.MONTH, date(2024, 2, 1), date(2024, 2, 29)),
        ("2021", Precision.YEAR, date(2021, 1, 1), date(2021, 12, 31)),
    ],
)
def test_precision_and_period(text: str, precision: Precision, start: date, end: date) -> None:
    parsed = PartialDate.parse(text)
    assert parsed.precision is precision
    assert parsed.start() == start
    assert parsed.end() == end
    assert parsed.iso() == text


@pytest.mark.parametrize("text", ["2022-13", "2022-02-30", "22-02-07", "07/02/2022", "", "1850"])
def test_bad_dates_name_the_field(text: str) -> None:
    with pytest.raises(InvalidField) as caught:
        PartialDate.parse(text, "published_on")
    assert caught.value.field == "published_on"
