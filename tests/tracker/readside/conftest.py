"""Small real histories for the read-side tests, written through the facade."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from events.benchmark import Benchmark
from tests.conftest import TODAY
from tracker.service import Tracker

OFSTED = {"publisher": "Ofsted", "title": "Inspection report"}
DFE = {"publisher": "Department for Education", "title": "Workforce statistics"}


def _inspection(start: str, published: str, overall: str | None, **more: Any) -> dict[str, Any]:
    return {"fieldwork_start": start, "published_on": published, "overall": overall,
            "framework": "ilacs_standard", "source": {**OFSTED, "url": f"https://o/{start}"}, **more}


def _workforce(as_at: str, caseload: float, published: str | None = None) -> dict[str, Any]:
    fields: dict[str, Any] = {"as_at": as_at, "caseload": caseload, "source": {**DFE, "url": f"https://d/{as_at}"}}
    if published:
        fields["published_on"] = published
    return fields


@pytest.fixture
def inspection() -> Callable[..., dict[str, Any]]:
    """Fields of a judgement inspection: fieldwork start, publication, overall grade."""
    return _inspection


@pytest.fixture
def workforce() -> Callable[..., dict[str, Any]]:
    """Fields of a workforce return: as-at date and caseload."""
    return _workforce


@pytest.fixture
def add_benchmark(tracker: Tracker) -> Callable[[str, str, str, dict[str, float]], None]:
    """Write a national or regional Benchmark stream (as the DfE importer does)."""

    def write(code: str, name: str, level: str, figures: dict[str, float]) -> None:
        geo = Benchmark.open(code, name, level)
        for as_at, value in figures.items():
            geo.record({"occurred_on": as_at, "published_on": None, "source": DFE, "caseload": value},
                       TODAY)
        tracker.app.save(geo)

    return write
