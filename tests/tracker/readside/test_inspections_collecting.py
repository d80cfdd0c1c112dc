"""`Tracker.inspections` turns the garbage collector off while it makes its rows (tens of
thousands of tuples, no cycles), and leaves it as it found it: on, off, or after a failure."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

from tracker.councils import by_la_code
from tracker.readside.inspection_rows import inspection_rows
from tracker.service import Tracker


@pytest.fixture
def collecting() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()


def test_the_collector_is_left_as_it_was(tracker: Tracker, inspection: Callable[..., dict[str, Any]],
                                          collecting: None) -> None:
    tracker.add("Sutton", "inspection", inspection("2018-02-05", "2018-04-01", "good"))
    day = date(2020, 1, 1)
    gc.enable()
    assert len(tracker.inspections(as_of=day).rows) == 1 and gc.isenabled()
    gc.disable()
    assert len(tracker.inspections(as_of=day).rows) == 1 and not gc.isenabled()


def test_the_collector_is_back_on_after_a_failure(tracker: Tracker, collecting: None) -> None:
    gc.enable()
    model = tracker.read_model.ready()
    times = (date(2020, 1, 1), date(2020, 1, 1), None)
    with pytest.raises(AttributeError):
        inspection_rows(model, [by_la_code("319"), None], times)  # type: ignore[list-item]
    assert gc.isenabled()
