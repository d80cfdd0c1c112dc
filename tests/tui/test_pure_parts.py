"""The TUI's pure parts: stepping through dates, form text to fields and back, sparklines."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from rich.text import Text

from events.errors import InvalidField
from events.vocabulary import Kind
from tests.conftest import TODAY
from tracker.time_point import TimePoint
from tui.formdata import changed, field_of_error, split_list, to_fields, to_raw
from tui.present import fit, sparkline
from tui.timetravel import next_date, parse_day, parse_moment, previous_date, shift_years

DATES = [date(2017, 12, 31), date(2018, 9, 30), date(2021, 2, 28)]


def test_previous_and_next_dates_are_strict() -> None:
    assert previous_date(DATES, date(2018, 9, 30)) == date(2017, 12, 31)
    assert previous_date(DATES, date(2017, 12, 31)) is None
    assert next_date(DATES, date(2018, 9, 30)) == date(2021, 2, 28)
    assert next_date(DATES, date(2018, 9, 30), limit=date(2020, 1, 1)) is None
    assert next_date(DATES, date(2021, 2, 28)) is None


def test_year_jumps_never_pass_today_and_survive_leap_days() -> None:
    assert shift_years(date(2024, 2, 29), -1, TODAY) == date(2023, 2, 28)
    assert shift_years(TODAY.replace(month=6, day=1), 1, TODAY) == TODAY


def test_typed_dates_count_at_the_end_of_their_period() -> None:
    assert parse_day("2022-02") == date(2022, 2, 28)
    assert parse_day("2019") == date(2019, 12, 31)
    assert parse_moment("2026-11-22") == datetime(2026, 11, 22, 23, 59, 59, 999999, tzinfo=UTC)
    with pytest.raises(InvalidField):
        parse_day("22/02/2022")


def test_time_point_label() -> None:
    point = TimePoint(date(2020, 1, 31), date(2021, 1, 1), datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert point.label() == "as of 2020-01-31 · known on 2021-01-01 · recorded by 2026-01-02T03:04:05+00:00"
    assert TimePoint(date(2020, 1, 31)).label() == "as of 2020-01-31 · known on 2020-01-31"


def test_form_text_becomes_fields() -> None:
    raw = {
        "f-occurred_on": " 2024-09-30 ", "f-caseload": "24-26", "f-summary": "  kept as typed ",
        "f-source-publisher": "DfE", "f-source-title": "Stats", "f-source-published": "",
        "f-suppressed": "fte=c, agency_rate=x", "f-joint_with": "301\n302", "f-fte": "",
    }
    fields = to_fields(Kind.WORKFORCE, raw)
    assert fields == {
        "occurred_on": "2024-09-30", "caseload": "24-26", "summary": "  kept as typed ",
        "source": {"publisher": "DfE", "title": "Stats"},
        "suppressed": {"fte": "c", "agency_rate": "x"}, "joint_with": ["301", "302"],
    }
    assert split_list("a, b,,c") == ["a", "b", "c"]
    assert split_list("one, with comma\ntwo") == ["one, with comma", "two"]


def test_stored_fields_round_trip_and_corrections_name_only_changes() -> None:
    stored = {
        "occurred_on": "2017-09-30", "published_on": None, "summary": None, "note": None,
        "source": {"publisher": "CC", "title": "T", "published": "2022-02"},
        "caseload": {"low": 24.0, "high": 26.0}, "caseload_target": 15.0, "fte": {"value": 345.0},
        "agency_rate": None, "vacancy_rate": None, "turnover_rate": None, "suppressed": {}, "joint_with": [],
    }
    raw = to_raw(Kind.WORKFORCE, stored)
    assert raw["f-caseload"] == "24-26" and raw["f-fte"] == "345" and raw["f-caseload_target"] == "15"
    assert raw["f-source-published"] == "2022-02"
    edited = {**raw, "f-caseload": "25", "f-note": "read from the chart"}
    assert changed(Kind.WORKFORCE, raw, edited) == {"caseload": "25", "note": "read from the chart"}
    assert changed(Kind.WORKFORCE, raw, {**raw, "f-fte": ""}) == {"fte": None}


def test_errors_map_to_form_fields() -> None:
    assert field_of_error("caseload.low") == "caseload"
    assert field_of_error("source.title") == "source-title"


def test_sparkline_and_fit() -> None:
    assert sparkline([10, 20, 30]) == "▁▅█"
    assert sparkline([]) == ""
    assert sparkline([5, 5]) == "▁▁"
    assert fit(Text("abcdef"), 4).plain == "abc…"
    assert fit(Text("7"), 3, "right").plain == "  7"
