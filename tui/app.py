"""The Textual app: registers screens, keys and the command palette, holds the
time point every view follows, and runs the storage workers (seed, live poll).

Thin on purpose: screens draw, dialogs ask, ``Backend`` talks to the store.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import get_current_worker

from events.vocabulary import Kind
from tracker.service import Tracker
from tracker.time_point import TimePoint
from tui.backend import Backend
from tui.commands import TrackerCommands
from tui.dialogs.event_form import EventForm
from tui.dialogs.retract import RetractDialog
from tui.dialogs.time_dialogs import DateDialog, ReplayDialog
from tui.exporter import Exporter
from tui.keys import APP_BINDINGS
from tui.messages import (
    DatesFound,
    EventsArrived,
    ExportFinished,
    OpenAddForm,
    OpenComparison,
    OpenCorrectForm,
    OpenCouncil,
    OpenRetract,
    ReplayDates,
    SeedsLoaded,
    StepRequest,
)
from tui.replay import Replay
from tui.screens.base import DataScreen
from tui.screens.caseloads_ratings import CaseloadsRatingsScreen
from tui.screens.comparison import ComparisonScreen
from tui.screens.council import CouncilScreen
from tui.screens.help import HelpScreen
from tui.screens.overview import OverviewScreen
from tui.timetravel import next_date, parse_day, previous_date, shift_years


class TrackerApp(App[None]):
    TITLE = "Inspection tracker"
    CSS_PATH = ["styles/app.tcss", "styles/council.tcss", "styles/comparison.tcss", "styles/forms.tcss",
                "styles/caseloads_ratings.tcss"]
    COMMANDS = App.COMMANDS | {TrackerCommands}
    BINDINGS: ClassVar[list[BindingType]] = APP_BINDINGS

    point: reactive[TimePoint] = reactive(TimePoint(date.today()), init=False)
    data_version: reactive[int] = reactive(0, init=False)

    def __init__(
        self,
        tracker: Tracker,
        *,
        today: date | None = None,
        seed: bool = False,
        poll_interval: float = 1.0,
        export_dir: Path | None = None,
        empty_hint: str | None = None,
        first_run: bool = False,
    ) -> None:
        super().__init__()
        self.empty_hint = empty_hint  # an empty store: how to load the record, shown on the overview
        self.first_run = first_run  # the store was just made: say where help is, once
        self.backend = Backend(tracker)
        self.today = today or tracker.today
        self.set_reactive(TrackerApp.point, TimePoint(self.today))
        self.seed = seed
        self.poll_interval = poll_interval
        self.export_dir = export_dir or Path.cwd()
        self.replay = Replay(self)
        self.exporter = Exporter(self)

    def on_mount(self) -> None:
        self.push_screen(OverviewScreen())
        if self.first_run:
            self.notify(
                "Every council as of today; the line under the grades names the sources and how "
                "current each is. Press ? for every key, ctrl+p for the command palette "
                "(councils, dates, export, themes).",
                title="Welcome", timeout=20,
            )
        if self.seed:
            self.load_seeds()
        if self.poll_interval > 0:
            self.live()

    def on_unmount(self) -> None:
        """Let storage calls in flight finish, so the store can close under no one."""
        self.workers.cancel_all()
        self.backend.close()

    async def on_event(self, event: events.Event) -> None:
        """A key is offered to the screen before the app delivers it to the focused widget:
        a focus the screen moves then takes this key and every key queued after it."""
        if isinstance(event, events.Key) and not event.is_forwarded and isinstance(self.screen, DataScreen):
            self.screen.key_arriving(event)
        await super().on_event(event)

    # ---- workers ----------------------------------------------------------------
    @work(thread=True, group="seed", exit_on_error=False)
    def load_seeds(self) -> None:
        self.post_message(SeedsLoaded(self.backend.seed()))

    @on(SeedsLoaded)
    def _seeds_loaded(self, message: SeedsLoaded) -> None:
        if message.added:
            self.notify(f"loaded {message.added} events: the national record and the seeds")
            self.data_changed()

    @work(thread=True, exclusive=True, group="live", exit_on_error=False)
    def live(self) -> None:
        """Poll the store for events other processes append (SQLite cannot push)."""
        worker = get_current_worker()
        while not worker.is_cancelled:
            deadline = time.monotonic() + self.poll_interval
            while time.monotonic() < deadline and not worker.is_cancelled:
                time.sleep(0.05)
            try:
                names = self.backend.poll()
            except Exception:  # the store is briefly unreadable (or closing): try again
                continue
            if names and not worker.is_cancelled:
                self.post_message(EventsArrived(names))

    @on(EventsArrived)
    def _arrived(self, message: EventsArrived) -> None:
        names = message.names
        councils = ", ".join(sorted(set(names))[:4]) + (" …" if len(set(names)) > 4 else "")
        plural = "s" if len(names) > 1 else ""
        self.notify(f"{len(names)} new event{plural} from another writer: {councils}", title="Live")
        self.data_changed()

    def data_changed(self) -> None:
        self.data_version += 1

    # ---- screens and dialogs ----------------------------------------------------
    def current_scope(self) -> str | None:
        screen = self.screen
        return screen.council_code if isinstance(screen, DataScreen) else None

    def open_council(self, la_code: str) -> None:
        self.push_screen(CouncilScreen(la_code))

    def open_comparison(self, la_codes: list[str]) -> None:
        self.push_screen(ComparisonScreen(la_codes))

    def open_add_form(self, council: str | None = None) -> None:
        self.push_screen(EventForm(self.backend, council=council), self.saved)

    @on(OpenCouncil)
    def _open_council(self, message: OpenCouncil) -> None:
        self.open_council(message.la_code)

    @on(OpenComparison)
    def _open_comparison(self, message: OpenComparison) -> None:
        self.open_comparison(message.la_codes)

    @on(OpenAddForm)
    def _open_add_form(self, message: OpenAddForm) -> None:
        self.open_add_form(message.council)

    @on(OpenCorrectForm)
    def _open_correct_form(self, message: OpenCorrectForm) -> None:
        form = EventForm(self.backend, kind=Kind(message.kind), correcting=message.event_id,
                         fields=message.fields)
        self.push_screen(form, self.saved)

    @on(OpenRetract)
    def _open_retract(self, message: OpenRetract) -> None:
        self.push_screen(RetractDialog(self.backend, message.event_id, message.summary), self.saved)

    def saved(self, event_id: str | None) -> None:
        if event_id:
            self.notify(f"recorded {event_id}", title="Saved")
            self.data_changed()

    def action_caseloads_ratings(self) -> None:
        self.push_screen(CaseloadsRatingsScreen())

    def action_add(self) -> None:
        self.open_add_form(self.current_scope())

    def action_help(self) -> None:
        sections = [
            ("Everywhere", self.BINDINGS),
            ("Overview", OverviewScreen.BINDINGS),
            ("Council", CouncilScreen.BINDINGS),
            ("Forms", EventForm.BINDINGS),
        ]
        self.push_screen(HelpScreen(sections))

    # ---- time travel ------------------------------------------------------------
    def go_to(self, day: str | date) -> None:
        target = parse_day(day) if isinstance(day, str) else day
        self.point = self.point.at(min(target, self.today))

    def action_step(self, direction: int) -> None:
        self.step_worker(StepRequest(self.current_scope(), direction))

    @work(thread=True, exclusive=True, group="step", exit_on_error=False)
    def step_worker(self, request: StepRequest) -> None:
        self.post_message(DatesFound(request, self.backend.event_dates(request.scope)))

    @on(DatesFound)
    def _step_to(self, message: DatesFound) -> None:
        """Step from wherever the time point is now (it may have moved while the dates were read)."""
        dates, direction, current = message.dates, message.request.direction, self.point.as_of
        found = previous_date(dates, current) if direction < 0 else next_date(dates, current, self.today)
        if found is None:
            self.notify("no earlier event" if direction < 0 else "no later event", timeout=1.5)
        else:
            self.point = self.point.at(found)

    def action_years(self, years: int) -> None:
        self.point = self.point.at(shift_years(self.point.as_of, years, self.today))

    def action_today(self) -> None:
        self.replay.stop()
        self.point = TimePoint(self.today)

    def action_pick_date(self) -> None:
        def chosen(point: TimePoint | None) -> None:
            if point is not None:
                self.point = point

        self.push_screen(DateDialog(self.point, self.today), chosen)

    def action_replay(self) -> None:
        if self.replay.running:
            self.replay.stop()
            return

        def chosen(answer: tuple[date, date, float] | None) -> None:
            if answer is not None:
                start, until, speed = answer
                self.point = self.point.at(start)
                self.replay.start(self.current_scope(), until, speed)

        self.push_screen(ReplayDialog(self.point.as_of, self.today), chosen)

    @on(ReplayDates)
    def _replay_dates(self, message: ReplayDates) -> None:
        self.replay.begin(message.request, message.dates)

    def action_replay_pause(self) -> None:
        self.replay.toggle_pause()

    def action_replay_speed(self, factor: float) -> None:
        self.replay.change_speed(factor)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("replay_pause", "replay_speed"):
            return self.replay.running
        return True

    def replay_label(self) -> str:
        return self.replay.label()

    def watch_point(self) -> None:
        self.refresh_bindings()

    # ---- palette and screenshot --------------------------------------------------
    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands, with its "Keys" panel replaced by our list of every key
        (two "Keys" entries read as a duplicate)."""
        for command in super().get_system_commands(screen):
            if command.title != "Keys":
                yield command
        yield SystemCommand("Keys", "every key of every screen (also ? and F1)", self.action_help)

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Save to the export folder (made if missing), not ~/Downloads, which may not
        exist; Textual's notice then names the file's full path."""
        folder = Path(path) if path else self.export_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self.notify(f"screenshot not saved: {error}", severity="error")
            return None
        return super().deliver_screenshot(filename, str(folder.resolve()), time_format)

    # ---- export (tui/exporter.py) -----------------------------------------------
    def action_export(self) -> None:
        self.exporter.csv()

    def action_export_xlsx(self) -> None:
        self.exporter.xlsx()

    def action_export_chart(self, fmt: str) -> None:
        self.exporter.chart(fmt)

    @on(ExportFinished)
    def _exported(self, message: ExportFinished) -> None:
        self.exporter.finished(message)
