"""Each pure fold alone, on hand-made rows: no store, no I/O."""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.readside import lookups
from tracker.readside.rows import Entry, Rows, micros
from tracker.readside.stream_index import StreamIndex
from tracker.readside.tables import inspection_table, workforce_table

T0 = "2026-01-01T00:00:00.000000+00:00"
T1 = "2026-02-01T00:00:00.000000+00:00"
Fact = tuple[int, str, dict[str, Any]]


def d(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def judged(version: int, start: str, published: str | None, overall: str | None, stamp: str = T0) -> Fact:
    return version, stamp, {"occurred_on": start, "published_on": published, "overall": overall,
                            "fieldwork_end": None, "framework": None}


def figure(version: int, as_at: str, value: float, published: str | None = None) -> Fact:
    return version, T0, {"occurred_on": as_at, "published_on": published, "caseload": {"value": value},
                         "source": {}}


def rows(*facts: Fact) -> Rows:
    """Facts as a sorted view, in any order given."""
    inspections = "overall" in facts[0][2]
    table = (inspection_table if inspections else workforce_table)()
    view = Rows(table)
    for version, stamp, data in facts:
        view.place(table.append(version, micros(stamp), data))
    return view


def entry(fact: Fact) -> Entry:
    return rows(fact).entries()[0]


def test_rating_counts_by_fieldwork_start_and_publication() -> None:
    entries = rows(judged(4, "2025-01-10", "2025-03-01", "good"),
                   judged(2, "2019-01-10", "2019-03-01", "inadequate"),
                   judged(3, "2022-01-10", "2022-03-01", None))
    answer = lookups.rating(entries, d("2025-02-01"), d("2025-02-01"), 0)  # fieldwork started, unpublished
    assert answer.current is not None and answer.current.version == 3
    answer = lookups.rating(entries, d("2025-02-01"), d("2025-06-01"), 0)
    assert answer.current is not None and answer.current.version == 4
    assert answer.previous is not None and answer.previous.version == 2  # skips the ungraded one
    assert answer.direction == "improved"
    assert lookups.rating(entries, d("2018-01-01"), d("2018-01-01"), 0).current is None


def test_direction_of_travel() -> None:
    assert lookups.direction("good", "inadequate") == "improved"
    assert lookups.direction("requires_improvement", "good") == "declined"
    assert lookups.direction("good", "good") == "unchanged"
    assert lookups.direction("unknown", "good") is None
    assert lookups.direction(None, "good") is None


def test_reported_before_an_imprecise_happening_still_counts_with_slack() -> None:
    # no publication date, cited on 2021-03-01: happened counts 2021-12-31, known 2021-03-01
    version, stamp, data = judged(2, "2021", None, "good")
    cited = {"publisher": "x", "title": "y", "published": "2021-03-01"}
    view = rows((version, stamp, {**data, "source": cited}))
    slack = view.table.slack
    assert slack == d("2021-12-31") - d("2021-03-01")
    assert lookups.rating(view, d("2022-01-01"), d("2021-06-01"), slack).current == view.entries()[0]
    assert lookups.rating(view, d("2022-01-01"), d("2021-06-01"), 0).current is None  # slack is needed
    assert lookups.rating(view, d("2021-06-01"), d("2022-01-01"), slack).current is None


def test_caseload_history_keeps_the_latest_edition_per_as_at_date() -> None:
    entries = rows(figure(2, "2023-09-30", 17.0, "2024-02-01"),
                   figure(3, "2024-09-30", 18.0, "2025-02-01"),
                   figure(4, "2023-09-30", 16.5, "2024-06-01"))
    history = lookups.caseload_history(entries, d("2025-06-01"), d("2025-06-01"), 0)
    assert [(e.fields["occurred_on"], e.fields["caseload"]["value"]) for e in history] == [
        ("2023-09-30", 16.5), ("2024-09-30", 18.0)]
    assert lookups.latest_caseload(entries, d("2025-06-01"), d("2025-06-01"), 0) == history[-1]
    early = lookups.caseload_history(entries, d("2025-06-01"), d("2024-03-01"), 0)
    assert [e.fields["caseload"]["value"] for e in early] == [17.0]


def test_a_benchmark_figure_is_found_for_the_same_as_at_day_only() -> None:
    line = rows(figure(2, "2023-09-30", 16.0), figure(3, "2024-09-30", 15.5))
    found = lookups.figure_on(line, d("2024-09-30"), d("2025-01-01"), d("2025-01-01"), None)
    assert found is not None and found.fields["caseload"]["value"] == 15.5
    assert lookups.figure_on(line, d("2024-09-29"), d("2025-01-01"), d("2025-01-01"), None) is None
    assert lookups.figure_on(line, d("2024-09-30"), d("2025-01-01"), d("2025-01-01"), micros(T0) - 1) is None


def test_corrections_and_retractions_apply_by_recorded_time() -> None:
    index = StreamIndex("319", "x")
    index.add(1, 1, "opened", {"la_code": "319"}, T0)
    for version, stamp, data in (judged(2, "2021-01-10", "2021-03-01", "inadequate"),
                                 judged(3, "2023-01-10", "2023-03-01", "good")):
        index.add(version, version, "inspection", data, stamp)
    index.add(4, 4, "correction", {"target": 2, "changes": {"overall": "requires_improvement"}}, T1)
    index.add(5, 5, "retraction", {"target": 3, "reason": "wrong council"}, T1)
    now = index.at(None).inspections.entries()
    assert [(e.version, e.fields["overall"]) for e in now] == [(2, "requires_improvement")]
    then = index.at(micros(T0)).inspections.entries()
    assert [(e.version, e.fields["overall"]) for e in then] == [(2, "inadequate"), (3, "good")]
    assert list(index.happened) == [0, d("2021-01-10"), 0, 0, 0]  # the retracted fact no longer happened


def test_a_correction_moves_its_fact_in_time_order() -> None:
    index = StreamIndex("319", "x")
    index.add(1, 1, "opened", {"la_code": "319"}, T0)
    for version, stamp, data in (judged(2, "2021-01-10", "2021-03-01", "inadequate"),
                                 judged(3, "2023-01-10", "2023-03-01", "good")):
        index.add(version, version, "inspection", data, stamp)
    index.add(4, 4, "correction", {"target": 2, "changes": {"occurred_on": "2024-01-10",
                                                            "published_on": "2024-03-01"}}, T1)
    assert [e.version for e in index.at(None).inspections.entries()] == [3, 2]
    assert lookups.rating(index.insp, d("2023-06-01"), d("2023-06-01"), 0).current[2] == 3  # type: ignore[index]
    assert [e.version for e in index.at(micros(T0)).inspections.entries()] == [2, 3]


def test_the_national_picture() -> None:
    good = entry(judged(2, "2024-01-01", "2024-02-01", "good"))
    bad = entry(judged(2, "2020-01-01", "2020-02-01", "inadequate"))
    none = lookups.Rating(None, None)
    ratings = {"319": lookups.Rating(good, bad), "866": lookups.Rating(good, None), "873": none}
    before = {"319": lookups.Rating(bad, None), "866": lookups.Rating(good, None), "873": none}
    loads = {"319": entry(figure(3, "2024-09-30", 20.0)), "866": entry(figure(3, "2024-09-30", 10.0)),
             "873": None}
    picture = lookups.picture(ratings, before, loads)
    assert picture["councils_per_grade"]["good"] == 2 and picture["councils_per_grade"]["none"] == 1
    assert picture["moved"] == [
        {"la_code": "319", "from": "inadequate", "to": "good", "direction": "improved"}
    ]
    assert picture["caseloads_by_grade"]["good"]["mean"] == 15.0
    assert picture["caseloads_by_grade"]["none"] == {"councils": 0}


def test_corrections_recorded_out_of_order_are_patched_afresh_at_an_earlier_t() -> None:
    """An import may store an older-stamped correction after a newer one: at a T between
    them only the older applies, which the rows made by the fold cannot show."""
    t0, t1, t2 = T0, "2026-01-15T00:00:00.000000+00:00", T1
    index = StreamIndex("319", "x")
    index.add(1, 1, "opened", {"la_code": "319"}, t0)
    index.add(2, 2, "inspection", judged(2, "2021-01-10", "2021-03-01", "inadequate")[2], t0)
    index.add(3, 3, "correction", {"target": 2, "changes": {"overall": "good"}}, t2)
    index.add(4, 4, "correction", {"target": 2, "changes": {"overall": "outstanding"}}, t1)
    index.add(5, 5, "inspection", judged(5, "2023-01-10", "2023-03-01", "good")[2], t2)

    def overall_at(stamp: str) -> list[tuple[int, str]]:
        return [(e.version, e.fields["overall"]) for e in index.at(micros(stamp)).inspections.entries()]

    assert overall_at(t0) == [(2, "inadequate")]
    assert overall_at(t1) == [(2, "outstanding")]  # only the correction stamped t1 applies
    assert overall_at(t2) == [(2, "outstanding"), (5, "good")]  # both, in log order
    assert [(e.version, e.fields["overall"]) for e in index.at(None).inspections.entries()] == overall_at(t2)


def test_a_bulk_of_rows_out_of_time_order_is_sorted_once_before_it_is_read() -> None:
    view = rows(figure(2, "2020-09-30", 1.0))
    table = view.table
    facts = [figure(v, f"20{(v * 7) % 23:02d}-09-30", float(v)) for v in range(3, 30)]  # shuffled years
    first = table.extend([f[0] for f in facts], [micros(T0)] * len(facts), [table.pick(f[2]) for f in facts],
                         [0] * len(facts))
    view.place_new(list(range(first, first + len(facts))))
    assert view.unsorted
    view.drop(first + 5)  # a retraction while unsorted
    view.place(table.patch(first + 6, {"occurred_on": "2030-09-30"}))  # a correction moving a figure
    view.drop(first + 6)
    view.settle()
    expected = sorted((table.h[r], table.k[r], table.v[r]) for r in range(len(table))
                       if r not in (first + 5, first + 6))
    assert [table.key(r) for r in view.order] == expected
    assert list(view.keys) == sorted(view.keys) and not view.unsorted
    assert table.v[view.order[-1]] == 9 and table.value(view.order[-1], "occurred_on") == "2030-09-30"


def test_a_facts_dates_pack_into_one_int_and_back() -> None:
    from events.timing import span
    from tracker.readside.packed_dates import pack_dates, unpack_dates

    for occurred in ("1900", "2018", "2018-04", "2018-04-10", "3334-12-31", None):
        for published in ("2019-02", "2019-02-03", None):
            for cited in ("2019", None):
                dates = (span(occurred), span(published), span(cited))
                assert unpack_dates(pack_dates(*dates)) == dates
    # a date past the limit (never stored: dates are never in the future) is kept at it
    assert unpack_dates(pack_dates(span("9999-01-01"), 0, 0))[0] >> 2 == date(3335, 6, 14).toordinal()
