"""`tracker neighbours` through the real CLI on real SQLite stores: the model in force at a
date (and its switch), the refusals (exit 2, one line), a neighbour that has ceased to
exist, each neighbour's rating and caseload equal to `show`'s, and the JSON contract."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from tests.conftest import TODAY
from tracker.cli.main import main
from tracker.neighbours import models
from tracker.readside.row_source import RowSource
from tracker.seeding import seed_store
from tracker.service import Tracker
from tracker.store import open_store


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Tracker, str]]:
    """A store holding the seeds and the shipped national record, as `tracker seed` makes it."""
    path = str(tmp_path_factory.mktemp("seeded") / "tracker.db")
    app = open_store(path)
    tracker = Tracker(app, today=TODAY)
    seed_store(tracker)
    yield tracker, path
    app.close()


def run(capsys: pytest.CaptureFixture[str], store: str, *argv: str) -> tuple[int, str, str]:
    code = main(["--store", store, "neighbours", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def answer(capsys: pytest.CaptureFixture[str], store: str, *argv: str) -> dict[str, Any]:
    code, out, err = run(capsys, store, *argv, "--json")
    assert (code, err) == (0, ""), err
    return dict(json.loads(out))


def ten(model_key: str, la_code: str) -> list[list[str]]:
    model = next(m for m in models() if m.key == model_key)
    row = model.row(la_code)
    assert row is not None
    return [[code, closeness] for code, closeness in row.neighbours]


def got(found: dict[str, Any]) -> list[list[str]]:
    return [[n["council"]["la_code"], n["closeness"]] for n in found["neighbours"]]


def test_the_models_switch_on_their_in_force_days(
        capsys: pytest.CaptureFixture[str], store_path: str) -> None:
    assert ten("2021", "370") != ten("2025", "370")  # Barnsley's neighbours changed
    cases = [("2021-04-01", None, "2021"), ("2025-12-30", None, "2021"), ("2025-12-31", None, "2025"),
             ("2026-06-01", None, "2025"),
             ("2026-06-01", "2025-12-30", "2021")]  # known on K before the 2025 model was surely out
    for as_of, known_on, key in cases:
        extra = ("--known-on", known_on) if known_on else ()
        found = answer(capsys, store_path, "Barnsley", "--as-of", as_of, *extra)
        assert (found["model"]["key"], got(found)) == (key, ten(key, "370")), (as_of, known_on)


def test_a_new_council_is_in_the_model_that_lists_it(
        capsys: pytest.CaptureFixture[str], store_path: str) -> None:
    code, out, err = run(capsys, store_path, "Cumberland", "--as-of", "2025-12-30")
    assert (code, out) == (2, "")
    assert err == ("error: Cumberland (942) is not in the April 2021 statistical neighbour groupings, "
                   "the model in force on 2025-12-30; the 2025 statistical neighbour model lists it, "
                   "in force from 2025-12-31\n")
    assert got(answer(capsys, store_path, "Cumberland", "--as-of", "2025-12-31")) == ten("2025", "942")


@pytest.mark.parametrize(("argv", "message"), [
    (["Nowhere"], "error: unknown council 'Nowhere'; closest: no close match"),
    (["Kent", "--as-of", "2021-03-31"],
     "error: no statistical neighbour model is shipped for 2021-03-31: the earliest is the April 2021 "
     "statistical neighbour groupings, in force from 2021-04-01"),
    (["Cumberland", "--as-of", "2022-06-01"],
     "error: Cumberland (942) did not exist on 2022-06-01: it was created on 2023-04-01"),
    (["Cumbria", "--as-of", "2024-01-01"],
     "error: Cumbria (909) did not exist on 2024-01-01: abolished 2023-04-01; now Cumberland; "
     "Westmorland and Furness"),
    (["Northamptonshire", "--as-of", "2022-06-01"],
     "error: Northamptonshire (928) did not exist on 2022-06-01: abolished 2021-04-01; now North "
     "Northamptonshire; West Northamptonshire"),
    (["Kent", "--as-of", "2022-13-01"], None),
])
def test_refusals_are_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], store_path: str,
                                          argv: list[str], message: str | None) -> None:
    for extra in ((), ("--json",)):
        code, out, err = run(capsys, store_path, *argv, *extra)
        assert (code, out, len(err.splitlines())) == (2, "", 1)
        assert message is None or err == message + "\n"


def test_a_neighbour_that_has_ceased_is_shown_as_listed_with_a_note(
        capsys: pytest.CaptureFixture[str], store_path: str) -> None:
    before = answer(capsys, store_path, "Lincolnshire", "--as-of", "2022-06-01")["neighbours"][1]
    after = answer(capsys, store_path, "Lincolnshire", "--as-of", "2024-01-01")["neighbours"][1]
    assert before["council"]["la_code"] == after["council"]["la_code"] == "909"
    assert (before["listed_as"], before["exists"], before["note"]) == ("Cumbria", True, None)
    assert (after["listed_as"], after["exists"]) == ("Cumbria", False)
    assert after["note"] == ("no longer existed on 2024-01-01: abolished 2023-04-01; now Cumberland; "
                             "Westmorland and Furness")
    code, out, _ = run(capsys, store_path, "Lincolnshire", "--as-of", "2024-01-01")
    assert code == 0 and all(word in out for word in ("Cumbria", "abolished", "2023-04-01"))


@pytest.mark.parametrize(("council", "as_of", "known_on", "rated"), [
    ("Lincolnshire", "2022-06-30", "2022-06-30", 8),  # the 2021 model; Cumbria, North Northants unrated
    ("Warwickshire", "2026-01-31", "2026-01-31", 10),  # the 2025 model
    ("Cambridgeshire", "2024-03-31", "2023-12-31", 10),  # known on an earlier day
])
def test_each_neighbours_rating_and_caseload_are_shows(
        capsys: pytest.CaptureFixture[str], seeded: tuple[Tracker, str],
        council: str, as_of: str, known_on: str, rated: int) -> None:
    tracker, path = seeded
    found = answer(capsys, path, council, "--as-of", as_of, "--known-on", known_on)
    assert (found["as_of"], found["known_on"]) == (as_of, known_on)
    counts = [0, 0]
    for neighbour in found["neighbours"]:
        shown = tracker.show(neighbour["council"]["la_code"], as_of=date.fromisoformat(as_of),
                             known_on=date.fromisoformat(known_on))
        assert neighbour["rating"] == shown["rating"]
        assert neighbour["caseload"] == (shown["caseloads"][-1] if shown["caseloads"] else None)
        counts[0] += neighbour["rating"] is not None
        counts[1] += neighbour["caseload"] is not None
    assert counts == [rated, 10]


def test_the_json_contract(capsys: pytest.CaptureFixture[str], seeded: tuple[Tracker, str]) -> None:
    found = answer(capsys, seeded[1], "Warwickshire", "--as-of", "2026-01-31")
    assert list(found) == ["council", "as_of", "known_on", "recorded_by", "model", "neighbours"]
    assert found["council"] == {"la_code": "937", "ons_code": "E10000031", "name": "Warwickshire",
                                "region": "West Midlands"}
    assert found["recorded_by"] is None
    assert found["model"] == {
        "key": "2025", "name": "the 2025 statistical neighbour model", "edition": "2025",
        "in_force_from": "2025-12-31", "in_force_basis": found["model"]["in_force_basis"],
        "source": {"publisher": "Department for Education",
                   "title": "Children's services statistical neighbour benchmarking tool", "edition": "2025",
                   "url": "https://www.gov.uk/government/publications/local-authority-interactive-tool-lait",
                   "licence": "Open Government Licence v3.0"}}
    assert "31 December 2025" in found["model"]["in_force_basis"]
    assert [n["rank"] for n in found["neighbours"]] == list(range(1, 11))
    first = found["neighbours"][0]
    assert list(first) == ["rank", "council", "listed_as", "closeness", "closeness_label", "exists", "note",
                           "rating", "caseload"]
    assert list(first["rating"]) == ["overall", "framework", "inspection_started", "inspection_ended",
                                     "published_on", "judgements", "event_id"]
    assert list(first["caseload"]) == ["as_at", "value", "low", "high", "text", "source", "event_id",
                                       "national", "regional"]
    words = {"extremely_close": "Extremely close", "very_close": "Very close", "close": "Close",
             "somewhat_close": "Somewhat close", "not_close": "Not close"}
    assert all(words[n["closeness"]] == n["closeness_label"] for n in found["neighbours"])
    today = date.today().isoformat()
    recorded = answer(capsys, seeded[1], "Warwickshire", "--as-of", "2026-01-31",
                      "--recorded-by", today)["recorded_by"]
    assert recorded is not None and recorded.startswith(f"{today}T23:59:59")


def test_one_catch_up_from_the_index_in_under_20_ms(
        seeded: tuple[Tracker, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Answered from the read side's index: one poll of the store, no stream read back."""
    tracker = seeded[0]
    tracker.neighbours("Lincolnshire", as_of=date(2022, 6, 30))  # warm
    polls: list[int] = []
    streams: list[int] = []
    real_poll, real_select = RowSource.max_position, tracker.app.recorder.select_events

    def poll(self: RowSource) -> int:
        polls.append(1)
        return real_poll(self)

    def select(*args: Any, **kwargs: Any) -> Any:
        streams.append(1)
        return real_select(*args, **kwargs)

    monkeypatch.setattr(RowSource, "max_position", poll)
    monkeypatch.setattr(tracker.app.recorder, "select_events", select)
    took = []
    for day in (date(2022, 6, 30), date(2024, 1, 1), date(2026, 1, 31)) * 3:
        start = time.perf_counter()
        tracker.neighbours("Lincolnshire", as_of=day)
        took.append(time.perf_counter() - start)
    assert (len(polls), streams) == (9, [])
    assert statistics.median(took) < 0.020, took


def test_the_table_shows_the_model_and_the_ten(capsys: pytest.CaptureFixture[str], store_path: str) -> None:
    code, out, _ = run(capsys, store_path, "Barnsley", "--as-of", "2026-01-31")
    assert code == 0
    flat = " ".join(out.split())
    assert "Statistical neighbours of Barnsley (370)" in flat
    assert "model: the 2025 statistical neighbour model (Department for Education, edition 2025)" in flat
    assert "in force from 2025-12-31" in flat
    assert "Rotherham" in flat and "Very close" in flat
