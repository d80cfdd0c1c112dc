"""``Tracker.overview``: every council's rating, caseloads and last event in one typed
answer that agrees with the per-council queries, and the UI's overview asks the store
once per refresh rather than once per council. On a real SQLite store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

from tracker.readside.row_source import RowSource
from tracker.results import CouncilSummary
from tracker.service import Tracker
from tracker.time_point import TimePoint
from tui.backend import Backend

Maker = Callable[..., dict[str, Any]]
D = date(2024, 6, 1)


@pytest.fixture
def filled(tracker: Tracker, inspection: Maker, workforce: Maker,
           add_benchmark: Callable[..., None]) -> Tracker:
    add_benchmark("E92000001", "England", "national", {"2023-09-30": 16.3})
    add_benchmark("E12000007", "London", "regional", {"2023-09-30": 14.9})
    tracker.add("Sutton", "inspection", inspection("2018-01-10", "2018-03-01", "inadequate"))
    tracker.add("Sutton", "inspection", inspection("2023-01-10", "2023-03-01", "good"))
    tracker.add("Sutton", "workforce", workforce("2022-09-30", 19.0))
    tracker.add("Sutton", "workforce", workforce("2023-09-30", 17.5))
    tracker.add("Swindon", "inspection", inspection("2019-05-01", "2019-07-01", "requires_improvement"))
    tracker.refresh()
    return tracker


def by_code(councils: tuple[CouncilSummary, ...]) -> dict[str, CouncilSummary]:
    return {c.council.la_code: c for c in councils}


def test_overview_agrees_with_show_councils_and_last_events(filled: Tracker) -> None:
    found = filled.overview(as_of=D)
    assert len(found.councils) == 153 and (found.as_of, found.known_on) == (D, D)
    assert [c.council.name for c in found.councils] == sorted(c.council.name for c in found.councils)
    sutton = by_code(found.councils)["319"]
    shown = filled.show("Sutton", as_of=D)
    assert sutton.rating is not None and sutton.rating.as_json() == shown["rating"]
    assert sutton.previous_rating is not None and sutton.previous_rating.as_json() == shown["previous_rating"]
    assert sutton.direction == shown["direction"] == "improved"
    assert [c.as_json() for c in sutton.caseloads] == shown["caseloads"]
    assert sutton.caseloads[-1].national is not None and sutton.caseloads[-1].national.value == 16.3
    last = filled.last_events(as_of=D)
    for code, council in by_code(found.councils).items():
        expected = last[code]
        got = council.last_event
        assert (got.event_id, got.summary) == (expected["id"], expected["summary"]) if got and expected \
            else got is None and expected is None
    assert by_code(found.councils)["866"].rating is not None  # Swindon
    assert by_code(found.councils)["210"].rating is None  # Southwark: nothing recorded


def test_overview_as_json_is_the_councils_contract(filled: Tracker) -> None:
    """councils --json is the overview's rows, each with its ranking beside it."""
    rows = filled.councils(as_of=D)
    assert [{k: v for k, v in r.items() if k != "ranking"} for r in rows] == \
        filled.overview(as_of=D, last_events=False).as_json()
    assert all(set(r["ranking"]) >= {"caseload", "caseload_quartile", "caseload_change_1y"} for r in rows)
    sutton = next(r for r in rows if r["council"]["la_code"] == "319")
    assert sutton["caseload"]["value"] == 17.5 and sutton["caseload"]["regional"]["value"] == 14.9


def test_overview_at_an_earlier_recorded_time(filled: Tracker, inspection: Maker) -> None:
    before = datetime.now().astimezone()
    filled.add("Sutton", "inspection", inspection("2024-01-10", "2024-03-01", "outstanding"))
    now = by_code(filled.overview(as_of=D).councils)["319"]
    then = by_code(filled.overview(as_of=D, recorded_by=before).councils)["319"]
    assert now.rating is not None and now.rating.overall == "outstanding"
    assert then.rating is not None and then.rating.overall == "good"


def test_the_ui_overview_polls_the_store_a_fixed_number_of_times(
        filled: Tracker, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each poll is a round trip on PostgreSQL: one refresh serves all 153 councils."""
    polls = []
    real = RowSource.max_position

    def counted(self: RowSource) -> int:
        polls.append(1)
        return real(self)

    monkeypatch.setattr(RowSource, "max_position", counted)
    rows = Backend(filled).overview(TimePoint(D))
    assert len(rows) == 153
    assert len(polls) <= 2, len(polls)  # the backend's catch-up and the query's own refresh
    sutton = next(r for r in rows if r.la_code == "319")
    assert (sutton.overall, sutton.since, sutton.caseload) == ("good", "2023-03-01", "17.5")
    assert sutton.caseloads == (19.0, 17.5) and sutton.subs[0] is not None


def test_the_council_view_takes_its_marks_and_lines_from_the_index(filled: Tracker) -> None:
    view = Backend(filled).council("319", TimePoint(D))
    from_events = [(date.fromisoformat(e["occurred_on"]), e["fields"]["overall"])
                   for e in view.shown["events"] if e["kind"] == "inspection"]
    assert view.inspections == from_events == [(date(2018, 1, 10), "inadequate"), (date(2023, 1, 10), "good")]
    assert view.lines == {"national": [(date(2023, 9, 30), 16.3)], "regional": [(date(2023, 9, 30), 14.9)]}


def test_counting_publications_never_holds_up_the_screens(
        filled: Tracker, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sources line's count (now the read model's tally, once every event read) must
    never hold the backend's lock: the overview and a council screen answer meanwhile."""
    import threading

    import tracker.sources

    reading, release = threading.Event(), threading.Event()
    real = tracker.sources.from_citations

    def slow(cited: Any) -> Any:
        reading.set()
        release.wait(30)
        return real(cited)

    monkeypatch.setattr(tracker.sources, "from_citations", slow)
    backend = Backend(filled)
    found: list[Any] = []
    worker = threading.Thread(target=lambda: found.append(backend.publications()))
    worker.start()
    try:
        assert reading.wait(10)
        done = threading.Event()
        answers: list[Any] = []

        def screens() -> None:
            answers.append(backend.overview(TimePoint(D)))
            answers.append(backend.council("319", TimePoint(D)))
            done.set()

        threading.Thread(target=screens, daemon=True).start()
        assert done.wait(20), "the screens waited for the publications"
        assert len(answers[0]) == 153 and answers[1].shown["council"]["la_code"] == "319"
    finally:
        release.set()
        worker.join(30)
    assert found and found[0] and backend.publications() is found[0]  # kept until events arrive
