"""A council's first page of its timeline (``Tracker.timeline_page``), on both backends: the
end of what ``show`` gives, with the corrections and the retracted facts among it, read by
version rather than by reading the stream."""

from __future__ import annotations

from tracker.service import Tracker

SOURCE = {"publisher": "Ofsted", "title": "Focused visit letter"}


def test_the_first_page_is_the_end_of_the_whole_timeline(backend_tracker: Tracker) -> None:
    tracker = backend_tracker
    ids = [tracker.add("319", "focused_visit", {"occurred_on": f"2019-{month:02d}-10", "source": SOURCE,
                                                  "theme": f"visit {month}"})
           for month in range(1, 13)]
    corrected = ids[-2]
    tracker.correct(corrected, {"theme": "visit eleven"}, "the letter's own words")
    tracker.retract(ids[-4], "entered twice")  # among the last page's facts
    tracker.retract(ids[1], "entered twice")  # long before them: an earlier page's
    whole = tracker.show("319")

    page = tracker.timeline_page("319", count=5)
    assert page.shown["events"] == whole["events"][-5:]
    assert not page.whole
    assert [r["id"] for r in page.shown["retracted"]] == [ids[-4]]
    targets = {e["id"] for e in page.shown["events"]} | {ids[-4]}
    wanted = [a for a in tracker.amendments("319") if a["target"] in targets]
    assert page.amendments == wanted and len(wanted) == 2

    everything = tracker.timeline_page("319", count=100)
    assert everything.whole
    assert everything.shown["events"] == whole["events"]
    assert everything.shown["retracted"] == whole["retracted"]
    assert everything.amendments == tracker.amendments("319")
