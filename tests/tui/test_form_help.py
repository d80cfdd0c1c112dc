"""Forms that help: every error at once beside its field before anything is written,
required marks that agree with the rules, Tab takes the council suggestion, choices
in words, dates with their accepted forms, Esc asks before throwing work away, and a
likely duplicate worded in English."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input, Label, OptionList, Select, Static

from tracker.service import Tracker
from tui.app import TrackerApp
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.event_form import EventForm
from tui.screens.overview import OverviewScreen

from .conftest import SIZE, wait_for


def form(app: TrackerApp) -> EventForm:
    screen = app.screen
    assert isinstance(screen, EventForm), screen
    return screen


def error_of(app: TrackerApp, name: str) -> str:
    return str(form(app).query_one(f"#e-{name}", Static).render())


async def open_form(pilot, app: TrackerApp, kind: str = "workforce") -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen) and not app.screen.dirty)
    await pilot.press("ctrl+n")
    await wait_for(pilot, lambda: isinstance(app.screen, EventForm))
    form(app).query_one("#f-kind", Select).value = kind
    await wait_for(pilot, lambda: form(app).kind.value == kind)
    await pilot.pause()


async def test_every_error_at_once_beside_its_field_and_nothing_written(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    before = len(seeded.log())
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, app)
        for ident, value in {"f-occurred_on": "2030-01", "f-caseload": "lots", "f-fte": "-3"}.items():
            form(app).query_one(f"#{ident}", Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert "is required" in error_of(app, "council")
        assert "in the future" in error_of(app, "occurred_on")
        assert "not a number" in error_of(app, "caseload")
        assert "negative" in error_of(app, "fte")
        assert "required" in error_of(app, "source-publisher")
        assert "required" in error_of(app, "source-title")
        assert isinstance(app.screen, EventForm) and not form(app).saving
        assert app.focused is form(app).query_one("#f-council")  # the first field in error
    assert len(seeded.log()) == before


def offered(select: Select[str]) -> list[str]:
    """The words a select offers: the options of its drop-down list."""
    return [str(option.prompt) for option in select.query_one(OptionList).options]


async def test_required_marks_choices_and_date_forms(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, app, "inspection")
        labels = [str(label.render()) for label in form(app).query(Label)]
        assert "publisher *" in labels and "title *" in labels  # the publisher is required
        assert "date" in labels and "url" in labels
        words = offered(form(app).query_one("#f-framework", Select))
        assert "ILACS standard" in words and "ilacs_standard" not in words
        kinds = offered(form(app).query_one("#f-kind", Select))
        assert "Focused visit" in kinds
        helps = {block.id: str(block.query_one(".field-help", Static).render())
                 for block in form(app).query(".field")}
        for name in ("occurred_on", "published_on", "fieldwork_end"):
            assert "YYYY-MM-DD, YYYY-MM or YYYY" in helps[f"block-{name}"], name
        await choose(pilot, app, "restructure")
        status = offered(form(app).query_one("#f-status", Select))
        assert "Announced" in status


async def choose(pilot, app: TrackerApp, kind: str) -> None:  # type: ignore[no-untyped-def]
    form(app).query_one("#f-kind", Select).value = kind
    await wait_for(pilot, lambda: form(app).kind.value == kind)
    await pilot.pause()


async def test_tab_takes_the_council_suggestion(seeded: Tracker, make_app: Callable[..., TrackerApp]) -> None:
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen) and not app.screen.dirty)
        await pilot.press("ctrl+n", *"warwi")
        council = form(app).query_one("#f-council", Input)
        await wait_for(pilot, lambda: "warwickshire" in council.render_line(0).text.lower())  # shown, greyed
        await pilot.press("tab")
        assert council.value == "Warwickshire"
        assert app.focused is not council  # and on to the next field


async def test_escape_on_a_changed_form_asks_first(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen) and not app.screen.dirty)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("escape")  # nothing typed: closes at once
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("ctrl+n", *"Sutton")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("escape")  # keep editing
        assert form(app).query_one("#f-council", Input).value == "Sutton"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen))


async def test_a_start_inside_recorded_fieldwork_is_a_likely_duplicate(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    first = seeded.add("Swindon", "inspection", {
        "fieldwork_start": "2025-10-06", "fieldwork_end": "2025-10-17",
        "source": {"publisher": "Ofsted", "title": "Inspection report"}})
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, app, "inspection")
        form(app).query_one("#f-council", Input).value = "Swindon"
        for ident, value in {"f-occurred_on": "2025-10-07", "f-source-publisher": "CYP Now",
                             "f-source-title": "Swindon inspected"}.items():
            form(app).query_one(f"#{ident}", Input).value = value
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: form(app).query_one("#save-anyway").display)
        message = str(form(app).query_one("#form-error", Static).render())
        assert f"this looks like {first}, an inspection with compatible dates" in message
