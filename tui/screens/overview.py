"""All councils at the current time point: type to filter, sort by any column,
Enter to open one, a strip counting councils per grade."""

from __future__ import annotations

from dataclasses import replace
from math import ceil, floor
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Input, Static

from tracker.comparison import FEWEST, MOST
from tracker.rankings import SORT_LABELS
from tracker.time_point import TimePoint
from tui.backend import OverviewRow
from tui.filtering import filter_rows
from tui.messages import OpenComparison, OpenCouncil
from tui.present import shared_scale
from tui.screens.base import DataScreen, show_notice
from tui.widgets.filter_box import FilterBox
from tui.widgets.grade_strip import GradeStrip, grade_counts
from tui.widgets.overview_columns import (
    KEYS,
    LABELS,
    RANKINGS,
    column_at,
    header_text,
    line_width,
    ordered,
    plan_widths,
    row_text,
)
from tui.widgets.row_table import RowTable, draw
from tui.widgets.sources_line import SourcesLine
from tui.widgets.steady_footer import SteadyFooter
from tui.widgets.time_bar import TimeBar

# rows, column widths, drawn lines by LA code, the sparklines' scale, the notice of
# damaged events ('' if none)
Prepared = tuple[list[OverviewRow], list[int], dict[str, Strip], "Scale", str]
Scale = tuple[float, float] | None


class SourcesFound(Message, bubble=False):
    """The store's publications, read in a worker for data version ``version``."""

    def __init__(self, version: int, publications: list[dict[str, Any]]) -> None:
        super().__init__()
        self.version, self.publications = version, publications


class OverviewScreen(DataScreen[Prepared]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open council", show=False, id="overview.open",
                tooltip="open the highlighted council (also from the filter box)"),
        Binding("slash", "filter", "Filter", key_display="/", id="overview.filter",
                tooltip="filter box (or just type): a grade word is the overall rating, a region's "
                "name the region, other words the council's name or LA number; words narrow together"),
        Binding("ctrl+s", "sort_next", "Sort", id="overview.sort", tooltip="sort by the next column"),
        Binding("ctrl+o", "sort_reverse", "Reverse sort", show=False, id="overview.reverse",
                tooltip="reverse the sort"),
        Binding("ctrl+g", "rank_next", "Rank", id="overview.rank",
                tooltip="rank by the next of caseload, caseload change over one year, over two years, "
                "months since the judgement that counts: highest first, councils without the figure last"),
        # not in the footer: in the filter box space and ctrl+v type and paste (the footer stays the same)
        Binding("space", "mark", "Mark", show=False, id="overview.mark",
                tooltip="mark or unmark the highlighted council for a comparison (two to six)"),
        Binding("ctrl+v", "compare", "Compare", show=False, id="overview.compare",
                tooltip="open the marked councils side by side: judgements over time and caseloads"),
        Binding("escape", "escape", "Leave/clear filter", show=False, id="overview.clear",
                tooltip="from the filter box: back to the table (the filter stays); "
                "on the table: clear the filter"),
    ]

    def __init__(self) -> None:
        super().__init__(id="overview")
        self.rows: list[OverviewRow] = []
        self.shown: list[OverviewRow] = []
        self.sort_key = "name"
        self.sort_reverse = False
        self.strips: dict[str, Strip] = {}  # drawn table lines by LA code, for ``width_plan``
        self.width_plan: list[int] = []
        self.scale: Scale = None  # one scale for every council's sparkline
        self.marked: list[str] = []  # LA codes marked for a comparison, in the order marked

    def compose(self) -> ComposeResult:
        yield TimeBar(id="time-bar")
        yield GradeStrip(id="grade-strip")
        yield SourcesLine(id="sources")
        notice = Static(id="damage-notice", markup=False)
        notice.display = False
        yield notice
        yield FilterBox(
            placeholder="type to filter: council, region, grade (london good)", id="filter",
            select_on_focus=False,
        )
        marked = Static(id="marked", markup=False)
        marked.display = False
        yield marked
        yield RowTable(id="councils")
        yield Static(id="empty-store")
        yield SteadyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#councils", RowTable)
        table.focus()
        hint = self.tracker_app.empty_hint
        self.query_one("#empty-store", Static).update(Text(hint or ""))  # literal: it names a store
        self.set_class(bool(hint), "empty-store")
        self.width_plan = self.widths()
        super().on_mount()
        self.watch(self.app, "data_version", self.load_sources)

    def load_sources(self, _version: object = None) -> None:
        """Where the data comes from: the store's publications, read in a worker."""
        version = self.tracker_app.data_version

        def fetch() -> None:
            self.post_message(SourcesFound(version, self.tracker_app.backend.publications()))

        self.run_worker(fetch, thread=True, exclusive=True, group="sources", exit_on_error=False)

    @on(SourcesFound)
    def _sources_found(self, message: SourcesFound) -> None:
        if message.version == self.tracker_app.data_version:  # else a newer read is coming
            self.query_one(SourcesLine).show(message.publications)

    # ---- data -------------------------------------------------------------
    has_more = True  # the last-event column comes in a second, slower step

    def fetch(self, point: TimePoint) -> Prepared:
        rows = self.tracker_app.backend.overview(point)
        previous = {r.la_code: r for r in self.rows}  # until the new last events arrive
        rows = [replace(r, last_date=p.last_date, last_summary=p.last_summary)
                if (p := previous.get(r.la_code)) else r for r in rows]
        return self.prepared(rows, self.tracker_app.backend.damage_notice())

    def fetch_more(self, point: TimePoint, data: Prepared) -> Prepared:
        last = self.tracker_app.backend.last_events(point)
        rows = [replace(r, last_date=last[r.la_code][0], last_summary=last[r.la_code][1])
                if r.la_code in last else r for r in data[0]]
        return self.prepared(rows, self.tracker_app.backend.damage_notice())

    def prepared(self, rows: list[OverviewRow], notice: str = "") -> Prepared:
        """Rows with their table lines drawn (in the worker, off the UI thread)."""
        widths, console = self.width_plan, self.app.console
        scale = shared_scale([r.caseloads for r in rows])
        texts = {r.la_code: row_text(r, widths, scale) for r in rows}
        strips = {code: draw(line, line_width(widths), console) for code, line in texts.items()}
        return rows, widths, strips, scale, notice

    def apply(self, point: TimePoint, data: Prepared) -> None:
        self.rows, widths, strips, self.scale, notice = data
        show_notice(self.query_one("#damage-notice", Static), notice)
        if any(r.rated or r.caseloads for r in self.rows):
            self.set_class(False, "empty-store")  # something was added: the table again
        self.strips = strips if widths == self.widths() else {}
        self.query_one(GradeStrip).show_counts(grade_counts(self.rows))
        self.render_table()

    def widths(self) -> list[int]:
        """Column widths for the table's width (less its scrollbar): see ``plan_widths``."""
        room = self.query_one("#councils", RowTable).size.width or self.app.size.width
        return plan_widths(room - 2)

    def render_table(self, from_top: bool = False) -> None:
        """Draw the rows in the current order; after a new sort (``from_top``) the view starts at
        the top, the cursor staying on its council if that is on the first screen."""
        table = self.query_one("#councils", RowTable)
        chosen = ordered(filter_rows(self.rows, self.query_one("#filter", Input).value), self.sort_key,
                         self.sort_reverse)
        current = self.selected_code()
        self.shown = chosen
        widths = self.widths()
        if widths != self.width_plan:
            self.width_plan, self.strips = widths, {}
        for row in chosen:
            if row.la_code not in self.strips:  # after a resize: redraw here, once
                line = row_text(row, widths, self.scale)
                self.strips[row.la_code] = draw(line, line_width(widths), self.app.console)
        codes = [r.la_code for r in chosen]
        if current not in codes:  # the filter left the highlighted council out: its first match
            current = codes[0] if codes else None
        header = draw(self.header_text(widths), line_width(widths), self.app.console)
        table.set_rows(codes, [self.strips[r.la_code] for r in chosen], current, header, from_top=from_top)

    def header_text(self, widths: list[int]) -> Text:
        trend = f"Trend {floor(self.scale[0])}–{ceil(self.scale[1])}" if self.scale else "Trend"
        return header_text(widths, self.sort_key, self.sort_reverse, {"trend": trend})

    def header_line(self) -> str:
        """The header as plain text (what the table's first line shows, unscrolled)."""
        return self.header_text(self.widths()).plain

    def column_at(self, x: int) -> str | None:
        """Which column a click on the header hit (``x`` from the line's start)."""
        return column_at(x, self.widths())

    def selected_code(self) -> str | None:
        return self.query_one("#councils", RowTable).selected_key()

    def export_table(self) -> tuple[list[str], list[list[str]]]:
        shown = ("name", "region", "rating", "since", "leaders", "help", "care", "leavers", "caseload")
        headers = ["la_code", *(LABELS[key] for key in shown), "last_event_date", "last_event"]
        body = [
            [r.la_code, r.name, r.region, r.overall or ("none" if r.rated else ""), r.since,
             *(g or "" for g in r.subs), r.caseload, r.last_date, r.last_summary]
            for r in self.shown
        ]
        return headers, body

    # ---- input ------------------------------------------------------------
    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.render_table()

    def key_arriving(self, event: events.Key) -> None:
        """Type-to-filter: a letter or digit typed on the table moves the focus to the filter
        before the key is delivered, so the filter types it, and every key queued behind it
        in order, spaces too (a burst from the terminal, or typing faster than a redraw)."""
        table = self.query_one("#councils", RowTable)
        if self.focused is table and (event.character or "").isalnum():
            self.set_focus(self.query_one("#filter", Input))

    def on_key(self, event: events.Key) -> None:
        """Up and down in the filter move the highlight, so Enter opens the council wanted."""
        filter_box = self.query_one("#filter", Input)
        if self.focused is filter_box and event.key in ("up", "down"):
            self.query_one("#councils", RowTable).action_move(-1 if event.key == "up" else 1)
            event.stop()

    @on(RowTable.Selected, "#councils")
    def _row_chosen(self, event: RowTable.Selected) -> None:
        self.post_message(OpenCouncil(event.key))

    @on(RowTable.HeaderClicked, "#councils")
    def _header_clicked(self, event: RowTable.HeaderClicked) -> None:
        """A click on the header line sorts by that column; again reverses."""
        key = self.column_at(event.x)
        if key is not None:
            self.sort_reverse = not self.sort_reverse if key == self.sort_key else False
            self.sort_key = key
            self.render_table(from_top=True)

    def on_resize(self) -> None:
        if self.rows:
            self.render_table()

    def action_open(self) -> None:
        code = self.selected_code()
        if code:
            self.post_message(OpenCouncil(code))
        elif self.rows:
            self.notify("no council matches the filter", severity="warning", timeout=2)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Space pauses a running replay (the app's key), else marks."""
        return not (action == "mark" and self.tracker_app.replay.running)

    def action_mark(self) -> None:
        """Mark the highlighted council for a comparison, or unmark it (at most six)."""
        code = self.selected_code()
        if code is None:
            return
        if code in self.marked:
            self.marked.remove(code)
        elif len(self.marked) >= MOST:
            self.notify(f"at most {MOST} councils side by side: unmark one first", severity="warning")
            return
        else:
            self.marked.append(code)
        self.show_marked()

    def show_marked(self) -> None:
        names = {r.la_code: r.name for r in self.rows}
        line = self.query_one("#marked", Static)
        line.display = bool(self.marked)
        line.update(Text.assemble(("marked: ", "bold"), ", ".join(names.get(c, c) for c in self.marked),
                                  ("  · ctrl+v compares them, space unmarks", "dim")))

    def action_compare(self) -> None:
        if not FEWEST <= len(self.marked) <= MOST:
            self.notify(f"mark {FEWEST} to {MOST} councils with space first ({len(self.marked)} marked)",
                        severity="warning")
            return
        self.post_message(OpenComparison(list(self.marked)))

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_escape(self) -> None:
        """Leave the filter box for the table (keeping the filter); on the table, clear it."""
        filter_box = self.query_one("#filter", Input)
        if self.focused is not filter_box:
            filter_box.value = ""
        self.query_one("#councils", RowTable).focus()

    def action_sort_next(self) -> None:
        shown = [key for key, width in zip(KEYS, self.widths(), strict=True) if width]
        at = shown.index(self.sort_key) + 1 if self.sort_key in shown else 0
        self.sort_key = shown[at % len(shown)]
        self.sort_reverse = False
        self.render_table(from_top=True)
        self.notify(f"sorted by {LABELS[self.sort_key]}", timeout=1.5)

    def action_sort_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self.render_table(from_top=True)

    def action_rank_next(self) -> None:
        """Rank by the next of the rankings (tracker/rankings.py), highest first."""
        ranks = list(RANKINGS)
        now = next((r for r, key in RANKINGS.items() if key == self.sort_key), None)
        chosen = ranks[(ranks.index(now) + 1) % len(ranks)] if now else ranks[0]
        self.sort_key, self.sort_reverse = RANKINGS[chosen], True
        self.render_table(from_top=True)
        self.notify(f"ranked by {SORT_LABELS[chosen]}, highest first (ctrl+o: lowest first)", timeout=2)

