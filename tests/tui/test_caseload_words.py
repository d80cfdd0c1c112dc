"""The CLI's tables and the UI's cards word a caseload with the domain's one function."""

from __future__ import annotations

import pytest

from events.figures import caseload_text
from tracker.cli import render
from tui import backend

ANSWERS = [
    {"value": 17.0, "low": 17.0, "high": 17.0},
    {"value": None, "low": 24.0, "high": 26.0},
    {"value": None, "low": 20.0, "high": None},
    {"value": None, "low": None, "high": 15.0},
]


@pytest.mark.parametrize("answer", ANSWERS)
def test_cli_and_ui_agree_with_the_domain(answer: dict[str, float | None]) -> None:
    assert render.caseload_text(answer).plain == caseload_text(answer)
    assert backend.caseload_text(answer) == caseload_text(answer)


def test_no_caseload_is_a_dash_in_the_cli_and_blank_in_the_ui() -> None:
    assert render.caseload_text(None).plain == "—"
    assert render.caseload_text(None).style == "dim"
    assert backend.caseload_text(None) == ""
