"""Rankings (`councils --sort`): for random histories written to a real store, each council's
caseload, its change over one and two years, the months since its judgement, its quartile and
the order equal a reference computed here from the plain per-council data; and the pure rules
(quartiles with ties, whole months, the as-at date a year before) on their own."""

from __future__ import annotations

import tempfile
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.errors import DomainError
from tests.conftest import TODAY
from tracker.councils import current_authorities
from tracker.errors import UserError
from tracker.rankings import SORT_KEYS, quartiles, ranked, standings, whole_months, years_before
from tracker.service import Tracker
from tracker.store import open_store

DFE = {"publisher": "Department for Education", "title": "Children's social work workforce"}
OFSTED = {"publisher": "Ofsted", "title": "Inspection report"}
# a handful of councils, names chosen so that ties must fall back on the name
COUNCILS = ("Sutton", "Barnsley", "Warwickshire", "Cambridgeshire", "Rutland", "Bolton")
VALUES = st.sampled_from([9.5, 12.0, 15.3, 15.3, 17.0, 20.25, 24.0])  # repeats: ties


@dataclass
class Plain:
    """One council's history as plain values: (as-at year, caseload) and inspections
    (fieldwork start, publication)."""

    figures: dict[int, float]
    inspections: list[tuple[date, date]]


@st.composite
def histories(draw: Any) -> dict[str, Plain]:
    found = {}
    for name in COUNCILS:
        years = draw(st.sets(st.integers(2017, 2024), max_size=5))
        figures = {year: draw(VALUES) for year in sorted(years)}
        inspections = []
        for year in sorted(draw(st.sets(st.integers(2014, 2025), max_size=2))):
            start = date(year, draw(st.integers(1, 12)), draw(st.integers(1, 28)))
            published = date.fromordinal(start.toordinal() + draw(st.integers(20, 120)))
            inspections.append((start, published))
        found[name] = Plain(figures, inspections)
    return found


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("no such day")


def reference(history: dict[str, Plain], as_of: date) -> dict[str, dict[str, Any]]:
    """What each council's ranking must be, from the plain data (a different way round)."""
    found: dict[str, dict[str, Any]] = {}
    for name, plain in history.items():
        counted = {y: v for y, v in plain.figures.items() if date(y, 9, 30) <= as_of}
        latest_year = max(counted, default=None)
        latest = None if latest_year is None else counted[latest_year]

        def change(years: int, latest_year: int | None = latest_year, latest: float | None = latest,
                   counted: dict[int, float] = counted) -> float | None:
            if latest_year is None or latest is None or latest_year - years not in counted:
                return None
            return round(latest - counted[latest_year - years], 2)

        judged = [(s, p) for s, p in plain.inspections if p <= as_of]  # started and published by D
        months = None
        if judged:
            published = max(judged)[1]
            months = 0
            while add_months(published, months + 1) <= as_of:
                months += 1
        found[name] = {"caseload": latest, "caseload_change_1y": change(1), "caseload_change_2y": change(2),
                       "months_since_inspection": months}
    values = sorted(v["caseload"] for v in found.values() if v["caseload"] is not None)
    for row in found.values():
        if row["caseload"] is None:
            row["caseload_quartile"] = None
        else:  # rank: 1 + how many are strictly lower (ties share the lower rank)
            rank = 1 + sum(1 for v in values if v < row["caseload"])
            row["caseload_quartile"] = 1 + (4 * (rank - 1)) // len(values)
    return found


def write(tracker: Tracker, history: dict[str, Plain]) -> None:
    for name, plain in history.items():
        for year, value in plain.figures.items():
            tracker.add(name, "workforce", {"as_at": f"{year}-09-30", "caseload": value, "source": DFE})
        for start, published in plain.inspections:
            tracker.add(name, "inspection", {"fieldwork_start": start.isoformat(), "overall": "good",
                                             "published_on": published.isoformat(),
                                             "framework": "ilacs_standard" if start.year >= 2018 else "sif",
                                             "source": OFSTED}, force=True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories(), st.dates(date(2017, 6, 1), date(2026, 6, 1)), st.sampled_from(SORT_KEYS), st.booleans())
def test_rankings_equal_a_reference_from_the_plain_data(
    history: dict[str, Plain], as_of: date, key: str, descending: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        application = open_store(str(Path(folder) / "tracker.db"))
        try:
            tracker = Tracker(application, today=TODAY)
            write(tracker, history)
            rows = tracker.councils(as_of=as_of, sort=key, descending=descending)
            overview = standings(tracker.overview(as_of=as_of, last_events=False))
        finally:
            application.close()
    expected = reference(history, as_of)
    by_name = {row["council"]["name"]: row for row in rows}
    # the overview's numbers (from the caseload histories) are the same as councils' (by lookup)
    assert {row["council"]["la_code"]: row["ranking"] for row in rows} == {
        code: found.as_json() for code, found in overview.items()}
    assert len(rows) == len(list(current_authorities()))
    for name, wanted in expected.items():
        ranking = by_name[name]["ranking"]
        assert {k: ranking[k] for k in wanted} == wanted, name
    # every other council has no figure and no judgement: quartiles count only those with one
    others = [row for row in rows if row["council"]["name"] not in expected]
    assert all(row["ranking"]["caseload_quartile"] is None for row in others)
    field = {"caseload": "caseload", "caseload-change": "caseload_change_1y",
             "caseload-change-2y": "caseload_change_2y", "since-inspection": "months_since_inspection"}[key]
    valued = sorted((row for row in rows if row["ranking"][field] is not None),
                    key=lambda row: row["council"]["name"].casefold())
    valued.sort(key=lambda row: row["ranking"][field], reverse=descending)
    order = [row["council"]["name"] for row in rows]
    assert order[: len(valued)] == [row["council"]["name"] for row in valued]
    rest = order[len(valued):]
    assert rest == sorted(rest, key=str.casefold)  # the valueless last, by name, either way


def test_quartiles_share_the_lower_rank_on_ties() -> None:
    found = quartiles({"a": 10.0, "b": 10.0, "c": 12.0, "d": 13.0, "e": 20.0, "f": None, "g": 20.0, "h": 30.0,
                       "i": 11.0})
    # sorted: a10 b10 i11 c12 d13 e20 g20 h30 (n = 8); ranks 1 1 3 4 5 6 6 8
    assert found == {"a": 1, "b": 1, "i": 2, "c": 2, "d": 3, "e": 3, "g": 3, "h": 4}


def test_whole_months_and_the_year_before() -> None:
    assert whole_months(date(2024, 1, 31), date(2024, 2, 29)) == 1  # the shorter month's last day
    assert whole_months(date(2024, 1, 31), date(2024, 2, 28)) == 0
    assert whole_months(date(2023, 5, 15), date(2024, 5, 14)) == 11
    assert whole_months(date(2023, 5, 15), date(2024, 5, 15)) == 12
    assert whole_months(date(2025, 5, 15), date(2024, 5, 15)) == 0  # published after D
    assert years_before("2024-09-30", 1) == "2023-09-30"
    assert years_before("2024-02-29", 1) == "2023-02-28"
    assert (years_before("2019-09", 2), years_before("2019", 1)) == ("2017-09", "2018")


def test_ranked_puts_the_valueless_last_in_both_directions() -> None:
    values = {"b": 2.0, "A": 2.0, "c": None, "d": 5.0, "a": None}
    for descending, wanted in ((False, ["A", "b", "d", "a", "c"]), (True, ["d", "A", "b", "a", "c"])):
        assert ranked(values, str, values.get, descending) == wanted


@st.composite
def edited_figures(draw: Any) -> list[tuple[str, str, dict[str, Any]]]:
    """Figures at every precision of as-at date, published before or after it, then
    corrected (value or as-at date) or retracted: (council, action, fields)."""
    steps: list[tuple[str, str, dict[str, Any]]] = []
    precisions = draw(st.sampled_from([["day"], ["month"], ["year"], ["day", "month", "year"]]))
    for _ in range(draw(st.integers(1, 14))):
        name = draw(st.sampled_from(COUNCILS[:3]))
        year = draw(st.integers(2017, 2022))
        precision = draw(st.sampled_from(precisions))
        as_at = {"day": f"{year}-09-30", "month": f"{year}-09", "year": str(year)}[precision]
        fields: dict[str, Any] = {"as_at": as_at, "caseload": draw(VALUES), "source": DFE}
        start = date(year, 1, 1) if len(as_at) == 4 else date(year, 9, 1 if len(as_at) == 7 else 30)
        offset = draw(st.none() | st.integers(0, 40) | st.integers(0, 500))  # within its period, or later
        if offset is not None:
            fields["published_on"] = date.fromordinal(start.toordinal() + offset).isoformat()
        action = draw(st.sampled_from(["add", "add", "add", "correct", "retract"]))
        steps.append((name, action, fields))
    return steps


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_figures(), st.dates(date(2016, 6, 1), date(2026, 6, 1)), st.integers(0, 400),
       st.integers(0, 20))
def test_councils_and_the_overview_rank_alike_at_any_d_k_and_t(
    steps: list[tuple[str, str, dict[str, Any]]], as_of: date, later: int, cut: int
) -> None:
    """`councils` finds the earlier figures by lookup; the overview reads them from each
    caseload history: the same numbers at any D, K and T, whatever the corrections."""
    known_on = date.fromordinal(as_of.toordinal() + later)
    with tempfile.TemporaryDirectory() as folder:
        application = open_store(str(Path(folder) / "tracker.db"))
        try:
            tracker = Tracker(application, today=TODAY)
            added: list[str] = []
            for name, action, fields in steps:
                if action == "add" or not added:
                    with suppress(UserError, DomainError):  # the same figure twice is refused
                        added.append(tracker.add(name, "workforce", fields))
                elif action == "correct":
                    with suppress(UserError, DomainError):
                        tracker.correct(added[-1], {"caseload": fields["caseload"],
                                                    "occurred_on": fields["as_at"]}, "revised")
                else:
                    with suppress(UserError, DomainError):
                        tracker.retract(added.pop(), "wrong")
            log = tracker.log()
            recorded_by = datetime.fromisoformat(log[min(cut, len(log) - 1)]["recorded_at"]) if log else None
            for t in (None, recorded_by):
                rows = tracker.councils(as_of=as_of, known_on=known_on, recorded_by=t)
                overview = standings(tracker.overview(as_of=as_of, known_on=known_on, recorded_by=t,
                                                      last_events=False))
                assert {row["council"]["la_code"]: row["ranking"] for row in rows} == {
                    code: found.as_json() for code, found in overview.items()}
        finally:
            application.close()
