"""Caseloads and figures are worded once, in the domain: a range is never one number."""

from __future__ import annotations

import pytest

from events.figures import caseload_text, figure_text


@pytest.mark.parametrize(
    ("entry", "text"),
    [
        ({"value": 17.0, "low": 17.0, "high": 17.0}, "17"),
        ({"value": 16.5, "low": 16.5, "high": 16.5}, "16.5"),
        ({"value": None, "low": 24.0, "high": 26.0}, "24–26"),
        ({"value": None, "low": 20.0, "high": None}, "≥20"),
        ({"value": None, "low": None, "high": 15.0}, "≤15"),
        ({"value": 0.0, "low": 0.0, "high": 0.0}, "0"),
        (None, ""),
    ],
)
def test_a_caseload_answer_in_words(entry: dict[str, float | None] | None, text: str) -> None:
    assert caseload_text(entry) == text


def test_a_caseload_says_what_a_stored_figure_says() -> None:
    for figure in ({"value": 17}, {"low": 24, "high": 26}, {"low": 20}, {"high": 15}):
        answer = {"value": figure.get("value"), "low": figure.get("low"), "high": figure.get("high")}
        assert caseload_text(answer) == figure_text(figure)
