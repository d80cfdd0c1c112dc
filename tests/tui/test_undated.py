"""Facts known only by their publication date (no occurred_on) in the terminal UI: the
overview's last event, the council screen's timeline, detail and judgement card show
"by" the publication date, and sort by it."""

from __future__ import annotations

from collections.abc import Callable

from events.vocabulary import Kind
from tests.tracker.test_timing_rules import record_undated
from tracker.service import Tracker
from tui.app import TrackerApp
from tui.screens.council import CouncilScreen
from tui.screens.overview import OverviewScreen
from tui.widgets.event_detail import describe_entry
from tui.widgets.judgement_card import card
from tui.widgets.timeline import Timeline

from .conftest import SIZE, wait_for

OFSTED = {"publisher": "Ofsted", "title": "Inspection report"}


async def test_facts_without_a_date_show_by_their_publication(
    seeded: Tracker, store_path: str, make_app: Callable[..., TrackerApp]
) -> None:
    visit = record_undated(store_path, "319", Kind.FOCUSED_VISIT,
                           {"published_on": "2026-11-20", "theme": "front door", "source": OFSTED})
    judged = record_undated(store_path, "319", Kind.INSPECTION,
                            {"published_on": "2026-10", "overall": "outstanding",
                             "framework": "ilacs_standard", "source": OFSTED})
    seeded.retract(f"319-{judged}", "a test")
    app = make_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen) and not app.screen.dirty
                       and any(r.la_code == "319" and r.last_date for r in app.screen.rows))
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        sutton = next(r for r in screen.rows if r.la_code == "319")
        assert sutton.last_date == "by 2026-11-20"
        assert "by 2026-11-20" in screen.strips["319"].text
        app.open_council("319")
        await wait_for(pilot, lambda: isinstance(app.screen, CouncilScreen) and not app.screen.dirty)
        timeline = app.screen.query_one(Timeline)
        order = list(timeline.entries)
        assert order.index(f"319-{judged}") < order.index(f"319-{visit}")  # 2026-10 counts at its end
        assert timeline.lines[f"319-{visit}"].plain.lstrip().startswith("by 2026-11-20")
        assert timeline.lines[f"319-{judged}"].plain.lstrip().startswith("by 2026-10")
        assert "by 2026-11-20" in describe_entry(timeline.entries[f"319-{visit}"]).plain
        assert "by 2026-10" in describe_entry(timeline.entries[f"319-{judged}"]).plain
        assert "Sutton" in card(seeded.show("319")).plain
