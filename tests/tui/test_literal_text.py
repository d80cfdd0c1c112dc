"""Event text is shown as typed: Rich markup never styles or links, bidi controls
are spelled out, and terminal escapes never get into the store at all."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.widgets import Input, Select

from tracker.service import Tracker
from tui.app import TrackerApp
from tui.dialogs.event_form import EventForm
from tui.screens.council import CouncilScreen
from tui.screens.overview import OverviewScreen
from tui.widgets.event_detail import describe_entry
from tui.widgets.timeline import Timeline

from .conftest import SIZE, wait_for

HOSTILE = "[bold red]x[/] \u202e [link=http://x]click[/link]"
SOURCE = {"publisher": "[i]Pub[/i]", "title": "[link=http://evil]T[/link]", "url": "http://x/[b]"}


def plain_and_styles(text: Text) -> tuple[str, set[str]]:
    styles = {str(span.style) for span in text.spans} | {str(text.style)}
    return text.plain, styles


def assert_literal(text: Text) -> None:
    plain, styles = plain_and_styles(text)
    assert "[bold red]x[/]" in plain
    assert "\\u202e" in plain and "\u202e" not in plain
    assert not any("link" in s or "bold red" in s for s in styles), styles


async def test_markup_and_bidi_in_fields_stay_characters(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    event_id = seeded.add("Sutton", "focused_visit", {
        "occurred_on": "2025-06", "source": SOURCE, "summary": HOSTILE,
        "theme": HOSTILE, "findings": [HOSTILE, "plain"],
    })
    app = make_app(seeded)
    async with app.run_test(size=(200, 50)) as pilot:  # wide: the last event shows its first words
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen) and not app.screen.dirty)
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        drawn = screen.strips["319"]  # the overview row as drawn: cut short here, still literal
        assert "[bold red]x[/] \\" in drawn.text and "\u202e" not in drawn.text
        styles = {str(segment.style) for segment in drawn}
        assert not any("link" in s or "bold red" in s for s in styles), styles
        app.open_council("319")
        await wait_for(pilot, lambda: isinstance(app.screen, CouncilScreen) and not app.screen.dirty)
        timeline = app.screen.query_one(Timeline)
        assert_literal(timeline.lines[event_id])
        detail = describe_entry(timeline.entries[event_id])
        assert_literal(detail)
        assert "[link=http://evil]T[/link]" in detail.plain and "[i]Pub[/i]" in detail.plain
        timeline.move_to(event_id)
        await pilot.pause()
        shown = app.screen.query_one("#detail").render()
        assert "[bold red]x[/]" in str(shown)


async def test_escape_sequences_are_refused_next_to_the_field(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        form = app.screen
        assert isinstance(form, EventForm)
        form.query_one("#f-council", Input).value = "Sutton"
        form.query_one("#f-kind", Select).value = "initiative"
        await wait_for(pilot, lambda: bool(form.query("#f-name") and form.query("#f-source-title")))
        values = {"f-occurred_on": "2025", "f-name": "Hubs \x1b[31mred", "f-source-publisher": "P",
                  "f-source-title": "T"}
        for ident, value in values.items():
            form.query_one(f"#{ident}", Input).value = value
        await pilot.press("ctrl+s")
        error = form.query_one("#e-name")
        await wait_for(pilot, lambda: "control character U+001B" in str(error.render()))
        assert form.query_one("#f-name", Input).value == "Hubs \x1b[31mred"
