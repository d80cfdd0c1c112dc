"""One council at the current time point: judgement card, timeline, its statistical
neighbours, the selected event in full, and the workforce chart (caseload by default;
`w` cycles the figures) with a cursor at the current date."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from events.timing import when_text
from tracker.figure_history import FIGURES
from tracker.time_point import TimePoint
from tui.backend import CouncilView, NeighbourView, damage_notice
from tui.messages import OpenAddForm, OpenCorrectForm, OpenRetract
from tui.screens.base import DataScreen, show_notice
from tui.widgets.caseload_chart import CaseloadChart, DrawnChart
from tui.widgets.event_detail import EventDetail
from tui.widgets.judgement_card import JudgementCard
from tui.widgets.neighbours_panel import NeighboursPanel
from tui.widgets.steady_footer import SteadyFooter
from tui.widgets.time_bar import TimeBar
from tui.widgets.timeline import HEADER, PREDRAWN, DrawnTimeline, Timeline, entries

# the first step has no timeline yet: None
Fetched = tuple[CouncilView, DrawnTimeline | None, DrawnChart | None, NeighbourView]
PAGE = PREDRAWN  # facts in the timeline's first page: as many as the worker draws
PARTIAL = Text(f"  (the last {PAGE}: reading the earlier ones…)", style="dim italic")


class CouncilScreen(DataScreen[Fetched]):
    # Narrower than 120 columns the panes stack (styles/council.tcss): the card and
    # timeline, then the event in full, then the chart, in one scrolling column.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "back", "Back", id="council.back", tooltip="back to the overview"),
        Binding("a", "add", "Add event", id="council.add", tooltip="new event for this council"),
        Binding("c", "correct", "Correct", id="council.correct",
                tooltip="correct the selected event (a new event; the old one stays)"),
        Binding("x", "retract", "Retract", id="council.retract",
                tooltip="withdraw the selected event (kept in the log, marked)"),
        Binding("w", "next_figure", "Figure", id="council.figure",
                tooltip="chart the next workforce figure: caseload, agency, vacancy, turnover, FTE"),
        Binding("t", "toggle_times", "Full times", show=False, id="council.times",
                tooltip="recorded times in full (timestamp, UTC) or short and local"),
    ]

    def __init__(self, la_code: str) -> None:
        super().__init__(id=f"council-{la_code}")
        self.council_code = la_code
        self.view: CouncilView | None = None
        self.figure = "caseload"  # the chart's workforce figure (a key of FIGURES)

    def compose(self) -> ComposeResult:
        yield TimeBar(id="time-bar")
        with VerticalScroll(id="council-body", can_focus=False):
            with Vertical(id="council-left"):
                notice = Static(id="damage-notice", markup=False)
                notice.display = False
                yield notice
                yield JudgementCard(id="card")
                yield Static(HEADER, id="timeline-header")
                yield Timeline(id="timeline")
                yield NeighboursPanel(id="neighbours")
            with Vertical(id="council-right"):
                with VerticalScroll(id="detail-scroll"):
                    yield EventDetail(id="detail")
                yield CaseloadChart(id="chart")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.timeline = self.query_one(Timeline)  # the worker draws its rows
        self.timeline.focus()
        self.timeline.plan_width()
        self.chart = self.query_one(CaseloadChart)
        self.chart.plan()
        super().on_mount()

    def wants_more(self, data: Fetched, parts: int) -> bool:
        """The card and chart come from the index first, then the last page of the timeline
        (read by version) with the neighbours, then, if the page is not all of it, the rest."""
        return not data[0].complete

    def fetch(self, point: TimePoint) -> Fetched:
        """The card, the neighbours and the chart from the index alone (fast however long
        the history), drawn off the UI thread; the timeline follows in ``fetch_more``."""
        assert self.council_code is not None
        backend = self.tracker_app.backend
        view = backend.council_head(self.council_code, point, self.figure)
        near = backend.neighbours(self.council_code, point, self.figure)
        if near.line:
            view.lines["neighbours"] = near.line
        return view, None, self.chart.draw_view(view, point.as_of), near

    def fetch_more(self, point: TimePoint, data: Fetched) -> Fetched:
        """After the card and chart: the timeline's last page, read by version. After the
        page: the whole timeline (its stream read)."""
        assert self.council_code is not None
        backend = self.tracker_app.backend
        view, drawn, chart, near = data
        if drawn is None:
            view = backend.council_page(self.council_code, point, view, PAGE)
        else:
            view = backend.council_timeline(self.council_code, point, view)
        return view, self.timeline.draw_rows(entries(view, point.as_of)), chart, near

    def apply(self, point: TimePoint, data: Fetched) -> None:
        self.view, drawn, chart, near = data
        self.sub_title = self.view.shown["council"]["name"]
        self.query_one(JudgementCard).show_council(self.view.shown)
        self.chart.show_drawn(self.view, point.as_of, chart)
        self.query_one(NeighboursPanel).show_neighbours(near)
        if drawn is None:  # the timeline and notices come with the events
            return
        notice = damage_notice(self.view.shown.get("damaged", []))
        show_notice(self.query_one("#damage-notice", Static), notice)
        self.query_one("#timeline-header", Static).update(
            HEADER if self.view.complete else Text.assemble(HEADER, PARTIAL))
        timeline = self.timeline
        timeline.show_drawn(drawn)
        self.query_one(EventDetail).show_entry(timeline.selected())

    @on(Timeline.Highlighted, "#timeline")
    def _event_chosen(self) -> None:
        self.query_one(EventDetail).show_entry(self.query_one(Timeline).selected())

    def export_table(self) -> tuple[list[str], list[list[str]]]:
        rows = []
        for entry in self.query_one(Timeline).entries.values():
            record = entry.record
            if entry.is_fact:
                state = "retracted" if entry.retracted else ""
                when = when_text(record["occurred_on"], record["published_on"])
                rows.append([entry.id, entry.kind, when, record["summary"], state])
            else:
                reason = record["data"].get("reason", "")
                rows.append([entry.id, entry.kind, record["recorded_at"], reason, f"of {entry.target}"])
        return ["id", "kind", "date", "summary", "state"], rows

    def chart_councils(self) -> list[str]:
        return [self.council_code] if self.council_code else []

    def action_next_figure(self) -> None:
        """Chart the next workforce figure (read again in a worker, with its three lines)."""
        names = list(FIGURES)
        self.figure = names[(names.index(self.figure) + 1) % len(names)]
        self.notify(f"chart: {FIGURES[self.figure]}", timeout=1.5)
        self.reload()

    def action_toggle_times(self) -> None:
        full = self.query_one(EventDetail).toggle_times()
        self.notify("recorded times in full" if full else "recorded times short, local", timeout=1.5)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_add(self) -> None:
        self.post_message(OpenAddForm(self.council_code))

    def action_correct(self) -> None:
        entry = self.query_one(Timeline).selected()
        if entry is None or not entry.is_fact or entry.retracted:
            self.notify("select a fact that is not retracted to correct it", severity="warning")
            return
        self.post_message(OpenCorrectForm(entry.id, entry.kind, entry.record["fields"]))

    def action_retract(self) -> None:
        entry = self.query_one(Timeline).selected()
        if entry is None or not entry.is_fact or entry.retracted:
            self.notify("select a fact that is not retracted to retract it", severity="warning")
            return
        self.post_message(OpenRetract(entry.id, entry.record["summary"]))
