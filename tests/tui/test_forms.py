"""Append, correct and retract through the forms: errors next to the field,
nothing typed lost on a bad submission or a storage failure, views updated at once."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from tracker.service import Tracker
from tui.app import TrackerApp
from tui.dialogs.event_form import EventForm
from tui.dialogs.retract import RetractDialog
from tui.screens.council import CouncilScreen
from tui.screens.overview import OverviewScreen
from tui.widgets.timeline import Entry, Timeline

from .conftest import SIZE, quick_lock_tracker, wait_for

WORKFORCE = {
    "f-occurred_on": "2024-09-30",
    "f-caseload": "16.5",
    "f-source-publisher": "DfE",
    "f-source-title": "Children's social work workforce 2024",
}


def form(app: TrackerApp) -> EventForm:
    screen = app.screen
    assert isinstance(screen, EventForm), screen
    return screen


async def choose_kind(pilot, app: TrackerApp, kind: str) -> None:  # type: ignore[no-untyped-def]
    form(app).query_one("#f-kind", Select).value = kind
    await wait_for(pilot, lambda: form(app).kind.value == kind and _fields_mounted(app, kind))


def _fields_mounted(app: TrackerApp, kind: str) -> bool:
    """The kind's own field and the citation's inputs (nested, so mounted a step later) are there."""
    return bool(form(app).query(f"#f-{_probe(kind)}")) and bool(form(app).query("#f-source-publisher"))


def _probe(kind: str) -> str:
    return {"workforce": "caseload", "inspection": "overall", "restructure": "status"}.get(kind, "summary")


def fill(app: TrackerApp, values: dict[str, str]) -> None:
    for ident, value in values.items():
        form(app).query_one(f"#{ident}", Input).value = value


def error_of(app: TrackerApp, name: str) -> str:
    return str(app.screen.query_one(f"#e-{name}", Static).render())


async def test_add_from_the_overview_then_every_view_shows_it(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: not app.screen.dirty)  # type: ignore[attr-defined]
        await pilot.press("ctrl+n")
        await pilot.press(*"Swindon")
        await choose_kind(pilot, app, "workforce")
        fill(app, WORKFORCE)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen))
        saved = [e for e in seeded.log("Swindon") if e["type"] == "workforce" and e["data"]["caseload"]]
        assert any(e["data"]["caseload"] == {"value": 16.5} for e in saved)
        await wait_for(pilot, lambda: not app.screen.dirty)  # type: ignore[attr-defined]
        row = next(r for r in app.screen.shown if r.name == "Swindon")  # type: ignore[attr-defined]
        assert row.caseload == "16.5"


def shown_entries(app: TrackerApp) -> list[Entry]:
    """The timeline of the council screen on top, once its latest load is shown (a save
    reloads it: wait for what the save changed, not just for the screen)."""
    screen = app.screen
    if not isinstance(screen, CouncilScreen) or screen.dirty:
        return []
    return list(screen.query_one(Timeline).entries.values())


def targets(app: TrackerApp) -> list[tuple[str, str | None]]:
    """The kind and target of every timeline row shown (a correction's target: its event)."""
    return [(e.kind, e.target) for e in shown_entries(app)]

async def test_add_from_a_council_screen_fills_the_council_in(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        app.open_council("937")
        await wait_for(pilot, lambda: isinstance(app.screen, CouncilScreen) and not app.screen.dirty)
        await pilot.press("a")
        assert form(app).query_one("#f-council", Input).value == "Warwickshire"
        await choose_kind(pilot, app, "restructure")
        form(app).query_one("#f-status", Select).value = "announced"
        fill(app, {"f-occurred_on": "2025-03", "f-changes": "New [bold]family hubs[/] model",
                   "f-source-publisher": "Council", "f-source-title": "Cabinet report"})
        await pilot.press("ctrl+s")
        added = "Restructure announced: New [bold]family hubs[/] model"
        await wait_for(pilot, lambda: added in [e.record.get("summary", "") for e in shown_entries(app)])


async def test_bad_submission_keeps_everything_and_names_the_field(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.press(*"Warwickshire")
        await choose_kind(pilot, app, "workforce")
        fill(app, {**WORKFORCE, "f-caseload": "lots"})
        before = form(app).raw_values()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "not a number" in error_of(app, "caseload"))
        assert form(app).raw_values() == before
        assert form(app).query_one("#f-council", Input).value == "Warwickshire"
        assert app.focused is form(app).query_one("#f-caseload")
        # A misspelt council: the error sits by the council box, with suggestions.
        form(app).query_one("#f-council", Input).value = "Warwickshir"
        fill(app, {"f-caseload": "17"})
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Warwickshire (937)" in error_of(app, "council"))
        assert error_of(app, "caseload") == ""
        # Missing source title: named under the source.
        form(app).query_one("#f-council", Input).value = "Warwickshire"
        fill(app, {"f-source-title": ""})
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "required" in error_of(app, "source-title"))
        assert isinstance(app.screen, EventForm)
        await pilot.press("escape", "y")  # Esc on a filled form asks; y discards
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen))


async def test_kind_change_keeps_the_common_fields(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        fill(app, {"f-occurred_on": "2023-05", "f-source-publisher": "Ofsted"})
        await choose_kind(pilot, app, "workforce")
        assert form(app).query_one("#f-occurred_on", Input).value == "2023-05"
        assert form(app).query_one("#f-source-publisher", Input).value == "Ofsted"
        assert not form(app).query("#f-overall")


FAILURES = {
    # another process holds the write lock longer than we wait
    "locked": ("BEGIN EXCLUSIVE", "ROLLBACK", "locked by another writer"),
    # the table is gone (a broken or replaced store): any storage exception
    "broken": ("ALTER TABLE stored_events RENAME TO gone", "ALTER TABLE gone RENAME TO stored_events",
               "the store failed"),
}


@pytest.mark.parametrize("failure", sorted(FAILURES))
async def test_storage_failure_keeps_the_form_open_and_filled(
    store_path: str, make_app: Callable[..., TrackerApp], failure: str
) -> None:
    from tracker.seeding import load_seeds

    break_it, mend_it, message = FAILURES[failure]
    tracker = quick_lock_tracker(store_path)
    load_seeds(tracker)
    app = make_app(tracker)
    other = sqlite3.connect(store_path, isolation_level=None)  # another process's connection
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+n")
            await pilot.press(*"Sutton")
            await choose_kind(pilot, app, "workforce")
            fill(app, WORKFORCE)
            before = form(app).raw_values()
            other.execute(break_it)
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: message in str(form(app).query_one("#form-error").render()))
            assert "your entries are kept" in str(form(app).query_one("#form-error").render())
            assert form(app).raw_values() == before
            assert form(app).query_one("#f-council", Input).value == "Sutton"
            other.execute(mend_it)
            await pilot.press("ctrl+s")  # the same entries, saved once the store is back
            await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen))
        assert any(e["data"].get("caseload") == {"value": 16.5} for e in tracker.log("Sutton"))
    finally:
        other.close()
        tracker.close()
        tracker.app.close()


async def select_a_workforce_figure(pilot: Pilot[None], app: TrackerApp) -> Entry:
    """Open Warwickshire's screen and put the timeline's cursor on its first workforce figure."""
    app.open_council("937")
    await wait_for(pilot, lambda: isinstance(app.screen, CouncilScreen) and not app.screen.dirty)
    timeline = app.screen.query_one(Timeline)
    target = next(e for e in timeline.entries.values() if e.kind == "workforce")
    timeline.move_to(target.id)
    return target


async def test_correct_and_retract_the_selected_event(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        target = await select_a_workforce_figure(pilot, app)
        await pilot.press("c")
        assert form(app).correcting == target.id
        assert form(app).query_one("#f-caseload", Input).value == "19.5"
        fill(app, {"f-caseload": "19"})
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "required" in error_of(app, "reason"))
        assert form(app).query_one("#f-caseload", Input).value == "19"
        form(app).query_one("#f-reason", Input).value = "misread the table"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: ("correction", target.id) in targets(app))
        timeline = app.screen.query_one(Timeline)
        assert timeline.entries[target.id].record["fields"]["caseload"] == {"value": 19.0}
        # Retract it: it stays on the timeline, marked, and stops counting.
        timeline.move_to(target.id)
        await pilot.press("x")
        assert isinstance(app.screen, RetractDialog)
        await pilot.press(*"duplicate", "enter")
        await wait_for(pilot, lambda: ("retraction", target.id) in targets(app))
        timeline = app.screen.query_one(Timeline)
        assert timeline.entries[target.id].retracted
        assert ("retraction", target.id) in [(e.kind, e.target) for e in timeline.entries.values()]
        assert target.id not in [e["id"] for e in seeded.show("937")["events"]]
        timeline.move_to(target.id)
        await pilot.press("c")  # a retracted event cannot be corrected
        assert isinstance(app.screen, CouncilScreen)


async def test_a_refused_retraction_keeps_the_dialog_open_with_the_error_under_the_reason(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        target = await select_a_workforce_figure(pilot, app)
        await pilot.press("x")
        assert isinstance(app.screen, RetractDialog)
        await pilot.press(*"   ", "enter")  # a blank reason: refused by the tracker, not the dialog
        await wait_for(pilot, lambda: "required" in error_of(app, "reason"))
        assert isinstance(app.screen, RetractDialog)
        assert app.screen.query_one("#f-reason", Input).value == "   "
        await pilot.press(*"duplicate", "enter")  # the reason kept, now given: saved, and closed
        await wait_for(pilot, lambda: isinstance(app.screen, CouncilScreen))
    assert target.id not in [e["id"] for e in seeded.show("937")["events"]]


async def test_a_likely_duplicate_is_named_and_can_be_saved_anyway(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    first = seeded.add("Swindon", "focused_visit", {
        "occurred_on": "2024-03-05", "theme": "Front door",
        "source": {"publisher": "Ofsted", "title": "Focused visit letter"}})
    visits = lambda: [e for e in seeded.log("Swindon") if e["type"] == "focused_visit"]  # noqa: E731
    typed = {"f-occurred_on": "2024-03", "f-theme": "Front door services",
             "f-source-publisher": "CYP Now", "f-source-title": "Visit praises front door"}
    before = len(visits())  # the seeds hold Swindon's earlier visits
    app = make_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: not app.screen.dirty)  # type: ignore[attr-defined]
        await pilot.press("ctrl+n", *"Swindon")
        await choose_kind(pilot, app, "focused_visit")
        await wait_for(pilot, lambda: form(app).query("#f-theme"))
        fill(app, typed)
        anyway = form(app).query_one("#save-anyway")
        assert not anyway.display
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: anyway.display)
        message = str(form(app).query_one("#form-error", Static).render())
        assert f"looks like {first}" in message and "save anyway" in message and "--force" not in message
        assert {k: form(app).query_one(f"#{k}", Input).value for k in typed} == typed
        assert len(visits()) == before
        # Changed entries are checked again, not forced through.
        form(app).query_one("#f-theme", Input).value = "Front door and MASH"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: anyway.display and not form(app).saving)
        assert len(visits()) == before and isinstance(app.screen, EventForm)
        await pilot.press("ctrl+s")  # the same entries again: "it is another"
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen))
        assert [e["data"]["theme"] for e in visits()][before - 1:] == ["Front door", "Front door and MASH"]


async def test_save_anyway_button_forces_the_add(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    seeded.add("Swindon", "focused_visit", {
        "occurred_on": "2024-03-05", "theme": "Front door",
        "source": {"publisher": "Ofsted", "title": "Letter"}})
    app = make_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: not app.screen.dirty)  # type: ignore[attr-defined]
        await pilot.press("ctrl+n", *"Swindon")
        await choose_kind(pilot, app, "focused_visit")
        await wait_for(pilot, lambda: form(app).query("#f-theme"))
        fill(app, {"f-occurred_on": "2024-03-05", "f-theme": "Another visit",
                   "f-source-publisher": "Press", "f-source-title": "Report"})
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: form(app).query_one("#save-anyway").display)
        await pilot.click("#save-anyway")
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen))
        themes = [e["data"]["theme"] for e in seeded.log("Swindon") if e["type"] == "focused_visit"]
        assert themes[-2:] == ["Front door", "Another visit"]
