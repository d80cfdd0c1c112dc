"""The refined time rules through the real CLI on a real SQLite file: `show --json`
(the timeline and the indexed rating), `councils --json`, and the saved read model
each command starts from."""

from __future__ import annotations

import json
from typing import Any

import pytest

from events.council import Council, natural_key
from events.validation import validate_fact
from events.vocabulary import Kind
from tests.conftest import TODAY
from tracker.cli.main import main
from tracker.councils import resolve
from tracker.service import Tracker
from tracker.store import open_store
from tracker.stored_facts import current_fields

OFSTED = ["--source-publisher", "Ofsted", "--source-title", "Inspection report"]


def cli(capsys: pytest.CaptureFixture[str], store: str, *argv: str) -> str:
    capsys.readouterr()
    assert main(["--store", store, *argv]) == 0
    return capsys.readouterr().out


def show(capsys: pytest.CaptureFixture[str], store: str, council: str, *times: str) -> dict[str, Any]:
    return dict(json.loads(cli(capsys, store, "show", council, *times, "--json")))


def row(capsys: pytest.CaptureFixture[str], store: str, council: str, *times: str) -> dict[str, Any]:
    rows = json.loads(cli(capsys, store, "councils", *times, "--json"))
    return next(r for r in rows if r["council"]["la_code"] == resolve(council).la_code)


def ids(answer: dict[str, Any]) -> list[str]:
    return [e["id"] for e in answer["events"]]


def test_an_imprecise_visit_has_happened_by_its_publication(
    store_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    cli(capsys, store_path, "add", "focused-visit", "Cambridgeshire", "--occurred-on", "2018",
        "--published-on", "2018-04-10", "--theme", "caseloads", *OFSTED)
    assert ids(show(capsys, store_path, "873", "--as-of", "2018-04-09")) == []
    assert ids(show(capsys, store_path, "873", "--as-of", "2018-04-10")) == ["873-2"]


def test_an_undated_report_is_known_from_the_article_citing_it(
    store_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    cli(capsys, store_path, "add", "inspection", "Cambridgeshire", "--fieldwork-start", "2019-01",
        "--overall", "requires-improvement", "--framework", "ilacs_standard",
        "--source-publisher", "Community Care", "--source-title", "Cambridgeshire downgraded",
        "--source-date", "2019-02-19")
    for when in (["--as-of", "2019-01-31"], ["--as-of", "2019-03-31", "--known-on", "2019-02-18"]):
        answer = show(capsys, store_path, "873", *when)
        assert answer["rating"] is None and ids(answer) == []
        assert row(capsys, store_path, "873", *when)["rating"] is None
    answer = show(capsys, store_path, "873", "--as-of", "2019-02-19")
    assert answer["rating"]["overall"] == "requires_improvement" and ids(answer) == ["873-2"]
    assert row(capsys, store_path, "873", "--as-of", "2019-02-19")["rating"]["event_id"] == "873-2"


def test_a_report_published_this_week_is_known_from_the_articles_date(
    store_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    cli(capsys, store_path, "add", "inspection", "Sutton", "--fieldwork-start", "2021-11",
        "--published-on", "2022-02", "--overall", "requires-improvement", "--framework", "ilacs_standard",
        "--source-publisher", "Sutton Guardian", "--source-title", "Report out this week",
        "--source-date", "2022-02-04")
    assert show(capsys, store_path, "319", "--as-of", "2022-02-03")["rating"] is None
    assert show(capsys, store_path, "319", "--as-of", "2022-02-04")["rating"]["event_id"] == "319-2"
    assert row(capsys, store_path, "319", "--as-of", "2022-02-04")["rating"]["event_id"] == "319-2"


def record_undated(store: str, la_code: str, kind: Kind, raw: dict[str, Any]) -> int:
    """A fact known only by its publication date, as the schema is to allow for inspections
    and visits: written through the aggregate and the library onto the real store."""
    app = open_store(store)
    tracker = Tracker(app, today=TODAY)
    council = tracker.load(la_code)
    fields = validate_fact(kind, {**raw, "occurred_on": raw["published_on"]}, TODAY)
    fields["occurred_on"] = None
    classes = {Kind.INSPECTION: Council.InspectionRecorded, Kind.FOCUSED_VISIT: Council.FocusedVisitRecorded}
    council.trigger_event(classes[kind], **fields)
    tracker.save(council)
    version = council.version
    app.close()
    return version


def correct_undated(store: str, la_code: str, target: int, changes: dict[str, Any]) -> None:
    app = open_store(store)
    tracker = Tracker(app, today=TODAY)
    council = tracker.load(la_code)
    fields = current_fields(app, council, target)
    kind = council.kind_of(target)
    assert kind is not None
    council.trigger_event(Council.Corrected, target=target, changes=changes, reason="misread",
                          source=None, previous={k: fields.get(k) for k in changes},
                          key=natural_key(kind.value, {**fields, **changes}))
    tracker.save(council)
    app.close()


def test_facts_without_a_date_count_from_their_publication(
    store_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = {"publisher": "Ofsted", "title": "Inspection report"}
    cli(capsys, store_path, "councils", "--json")  # a saved read model from before
    visit = record_undated(store_path, "873", Kind.FOCUSED_VISIT,
                           {"published_on": "2017-03-02", "theme": "front door", "source": source})
    judged = record_undated(store_path, "873", Kind.INSPECTION,
                            {"published_on": "2017-07-14", "overall": "good", "framework": "ilacs_standard",
                             "source": source})
    cli(capsys, store_path, "add", "inspection", "Cambridgeshire", "--fieldwork-start", "2017-06-05",
        "--published-on", "2017-07-20", "--overall", "inadequate", "--framework", "ilacs_standard", *OFSTED)
    assert ids(show(capsys, store_path, "873", "--as-of", "2017-03-01")) == []
    answer = show(capsys, store_path, "873", "--as-of", "2017-07-14")
    assert ids(answer) == [f"873-{visit}", f"873-{judged}"]
    assert answer["events"][0]["occurred_on"] is None
    assert answer["rating"]["inspection_started"] is None
    assert answer["rating"]["published_on"] == "2017-07-14"
    assert row(capsys, store_path, "873", "--as-of", "2017-07-14")["rating"]["event_id"] == f"873-{judged}"
    # sorted by its publication: after an inspection that started before it and came out after
    later = show(capsys, store_path, "873", "--as-of", "2017-08-01")
    assert ids(later) == [f"873-{visit}", "873-4", f"873-{judged}"]
    assert later["rating"]["event_id"] == f"873-{judged}"
    text = cli(capsys, store_path, "show", "873", "--as-of", "2017-08-01")
    assert "by 2017-07-14" in text and "by 2017-03-02" in text
    assert "Cambridgeshire" in cli(capsys, store_path, "councils", "--as-of", "2017-08-01")
    # a correction of the publication date moves both, in the index and the timeline
    correct_undated(store_path, "873", judged, {"published_on": "2017-05-01"})
    correct_undated(store_path, "873", visit, {"published_on": "2017-09-01"})
    moved = show(capsys, store_path, "873", "--as-of", "2017-08-01")
    assert ids(moved) == [f"873-{judged}", "873-4"]
    assert moved["rating"]["event_id"] == "873-4"
    assert row(capsys, store_path, "873", "--as-of", "2017-06-01")["rating"]["event_id"] == f"873-{judged}"
    assert ids(show(capsys, store_path, "873", "--as-of", "2017-09-01"))[-1] == f"873-{visit}"
