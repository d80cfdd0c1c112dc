"""The publications a store cites come from the read model's tally, kept as events are
folded and saved with it: the same answer as counting every stored event (which
``tracker sources`` still does, for the links), without reading the log on every start."""

from __future__ import annotations

from tests.conftest import TODAY
from tracker.seeding import load_seeds
from tracker.service import Tracker
from tracker.sources import publications
from tracker.store import open_store

OFSTED = {"publisher": "Ofsted", "title": "Warwickshire ILACS report", "url": "https://example.org/a",
          "licence": "OGL-UK-3.0"}


def _counted(tracker: Tracker, links: bool = False) -> list[dict[str, object]]:
    return [p.as_dict(links) for p in publications(tracker.all_events())]


def test_the_tally_answers_as_counting_every_event_does(store_path: str) -> None:
    app = open_store(store_path)
    tracker = Tracker(app, today=TODAY)
    load_seeds(tracker)
    fact = next(e for e in tracker.show("Warwickshire")["events"] if e["kind"] == "inspection")
    tracker.correct(fact["id"], {"impact_of_leaders": "good"}, "read the full report", OFSTED)
    tracker.correct(fact["id"], {"impact_of_leaders": "outstanding"}, "again, another link",
                    {**OFSTED, "url": "https://example.org/b", "licence": "other"})
    tracker.retract(fact["id"], "not this one")  # cites nothing
    expected = _counted(tracker)
    ofsted = next(p for p in _counted(tracker, links=True) if p["title"] == OFSTED["title"])
    assert ofsted["enriched"] == 2 and ofsted["report_links"] == 2 and ofsted["licence"] == "OGL-UK-3.0"
    assert tracker.publications() == expected
    assert tracker.read_model.ready().citations  # kept by the fold, not counted here
    tracker.close()
    app.close()

    app = open_store(store_path)  # a second start: the saved model brings its tally
    reopened = Tracker(app, today=TODAY)
    assert reopened.publications() == expected == _counted(reopened)
    app.close()
