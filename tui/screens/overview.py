"""All councils at the current time point: type to filter, sort by any column,
Enter to open one, a strip counting councils per grade."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.strip import Strip
from textual.widgets import Footer, Input, Static

from tracker.safe_text import one_line
from tui.backend import OverviewRow, end_of
from tui.filtering import filter_rows
from tui.present import badge, fit, grade_key, letter, line, sparkline, text
from tui.screens.base import DataScreen
from tui.timetravel import TimePoint
from tui.widgets.filter_box import FilterBox
from tui.widgets.grade_strip import GradeStrip, grade_counts
from tui.widgets.row_table import RowTable, draw
from tui.widgets.time_bar import TimeBar

Column = tuple[str, str, Callable[[OverviewRow], Any], int]
COLUMNS: tuple[Column, ...] = (  # key, label, sort key, width (0: what is left)
    ("name", "Council", lambda r: r.name.casefold(), 32),
    ("region", "Region", lambda r: (r.region, r.name), 16),
    ("rating", "Rating", lambda r: (grade_key(r.overall), not r.rated, r.name), 14),
    ("since", "Since", lambda r: (end_of(r.since) or date.min, r.name), 10),
    ("leaders", "Lead", lambda r: (grade_key(r.subs[0]), r.name), 4),
    ("help", "Help", lambda r: (grade_key(r.subs[1]), r.name), 4),
    ("care", "Care", lambda r: (grade_key(r.subs[2]), r.name), 4),
    ("leavers", "Leav", lambda r: (grade_key(r.subs[3]), r.name), 4),
    ("caseload", "Caseload", lambda r: (r.caseloads[-1] if r.caseloads else -1.0, r.name), 8),
    ("trend", "Trend", lambda r: (len(r.caseloads), r.name), 12),
    ("last", "Last event", lambda r: (end_of(r.last_date) or date.min, r.name), 0),
)
LABELS = {key: label for key, label, _, _ in COLUMNS}
Prepared = tuple[list[OverviewRow], list[int], dict[str, Strip]]
SHORT_REGIONS = {"Yorkshire and the Humber": "Yorks & Humber", "East of England": "East of England"}
GAP = 1  # spaces between columns
MARGIN = 1  # the table's cell padding before the first column


class OverviewScreen(DataScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open council", show=False, id="overview.open",
                tooltip="open the highlighted council (also from the filter box)"),
        Binding("slash", "filter", "Filter", key_display="/", id="overview.filter",
                tooltip="filter box (or just type): a grade word is the overall rating, a region's "
                "name the region, other words the council's name or LA number; words narrow together"),
        Binding("ctrl+s", "sort_next", "Sort", id="overview.sort", tooltip="sort by the next column"),
        Binding("ctrl+o", "sort_reverse", "Reverse sort", show=False, id="overview.reverse",
                tooltip="reverse the sort"),
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

    def compose(self) -> ComposeResult:
        yield TimeBar(id="time-bar")
        yield GradeStrip(id="grade-strip")
        yield FilterBox(
            placeholder="type to filter: council, region, grade (london good)", id="filter",
            select_on_focus=False,
        )
        yield Static(id="header")
        yield RowTable(id="councils")
        yield Static(id="empty-store")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#councils", RowTable)
        table.focus()
        hint = getattr(self.app, "empty_hint", None)
        self.query_one("#empty-store", Static).update(Text(hint or ""))  # literal: it names a store
        self.set_class(bool(hint), "empty-store")
        self.width_plan = self.widths()
        super().on_mount()

    # ---- data -------------------------------------------------------------
    has_more = True  # the last-event column comes in a second, slower step

    def fetch(self, point: TimePoint) -> Prepared:
        rows = self.tracker_app.backend.overview(point)
        previous = {r.la_code: r for r in self.rows}  # until the new last events arrive
        rows = [replace(r, last_date=p.last_date, last_summary=p.last_summary)
                if (p := previous.get(r.la_code)) else r for r in rows]
        return self.prepared(rows)

    def fetch_more(self, point: TimePoint, data: Prepared) -> Prepared:
        last = self.tracker_app.backend.last_events(point)
        rows = [replace(r, last_date=last[r.la_code][0], last_summary=last[r.la_code][1])
                if r.la_code in last else r for r in data[0]]
        return self.prepared(rows)

    def prepared(self, rows: list[OverviewRow]) -> Prepared:
        """Rows with their table lines drawn (in the worker, off the UI thread)."""
        widths, console = self.width_plan, self.app.console
        texts = {r.la_code: row_text(r, widths) for r in rows}
        return rows, widths, {code: draw(line, line_width(widths), console) for code, line in texts.items()}

    def apply(self, point: TimePoint, data: Prepared) -> None:
        self.rows, widths, strips = data
        if any(r.rated or r.caseloads for r in self.rows):
            self.set_class(False, "empty-store")  # something was added: the table again
        self.strips = strips if widths == self.widths() else {}
        self.query_one(GradeStrip).show_counts(grade_counts(self.rows))
        self.render_table()

    def widths(self) -> list[int]:
        """Column widths; the last event takes what the screen has left."""
        fixed = [w for *_, w in COLUMNS]
        room = self.query_one("#councils", RowTable).size.width or self.app.size.width
        rest = room - sum(fixed) - GAP * (len(COLUMNS) - 1) - MARGIN - 2
        return [w or max(16, rest) for w in fixed]

    def render_table(self) -> None:
        table = self.query_one("#councils", RowTable)
        keyed = {key: sort for key, _, sort, _ in COLUMNS}
        chosen = filter_rows(self.rows, self.query_one("#filter", Input).value)
        chosen.sort(key=keyed[self.sort_key], reverse=self.sort_reverse)
        current = self.selected_code()
        self.shown = chosen
        widths = self.widths()
        if widths != self.width_plan:
            self.width_plan, self.strips = widths, {}
        self.query_one("#header", Static).update(self.header_text(widths))
        for row in chosen:
            if row.la_code not in self.strips:  # after a resize: redraw here, once
                line = row_text(row, widths)
                self.strips[row.la_code] = draw(line, line_width(widths), self.app.console)
        codes = [r.la_code for r in chosen]
        if current not in codes:  # the filter left the highlighted council out: its first match
            current = codes[0] if codes else None
        table.set_rows(codes, [self.strips[r.la_code] for r in chosen], current)

    def header_text(self, widths: list[int]) -> Text:
        cells = []
        for (key, label, _, _), width in zip(COLUMNS, widths, strict=True):
            arrow = (" ▼" if self.sort_reverse else " ▲") if key == self.sort_key else ""
            justify = "right" if key == "caseload" else "left"
            cells.append(fit(Text(label + arrow, style="bold"), width, justify))
        return Text(" " * MARGIN) + Text(" " * GAP).join(cells)

    def column_at(self, x: int) -> str | None:
        """Which column a click on the header hit."""
        left = MARGIN
        for (key, *_), width in zip(COLUMNS, self.widths(), strict=True):
            if left <= x < left + width + GAP:
                return key
            left += width + GAP
        return None

    def selected_code(self) -> str | None:
        return self.query_one("#councils", RowTable).selected_key()

    def export_table(self) -> tuple[list[str], list[list[str]]]:
        headers = ["la_code", *(label for _, label, *_ in COLUMNS[:-2]), "last_event_date", "last_event"]
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

    def on_key(self, event: events.Key) -> None:
        """Type-to-filter: a letter or digit typed on the table goes to the filter; up and
        down in the filter move the highlight, so Enter opens the council wanted."""
        table = self.query_one("#councils", RowTable)
        filter_box = self.query_one("#filter", Input)
        typed = event.character or ""
        if self.focused is table and typed.isalnum():
            filter_box.focus()
            filter_box.insert_text_at_cursor(typed)
            event.stop()
        elif self.focused is filter_box and event.key in ("up", "down"):
            table.action_move(-1 if event.key == "up" else 1)
            event.stop()

    @on(RowTable.Selected, "#councils")
    def _row_chosen(self, event: RowTable.Selected) -> None:
        self.tracker_app.open_council(event.key)

    def on_click(self, event: events.Click) -> None:
        """A click on the header line sorts by that column; again reverses."""
        header = self.query_one("#header", Static)
        if event.widget is not header:
            return
        key = self.column_at(event.x)
        if key is not None:
            self.sort_reverse = not self.sort_reverse if key == self.sort_key else False
            self.sort_key = key
            self.render_table()

    def on_resize(self) -> None:
        if self.rows:
            self.render_table()

    def action_open(self) -> None:
        code = self.selected_code()
        if code:
            self.tracker_app.open_council(code)
        elif self.rows:
            self.notify("no council matches the filter", severity="warning", timeout=2)

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_escape(self) -> None:
        """Leave the filter box for the table (keeping the filter); on the table, clear it."""
        filter_box = self.query_one("#filter", Input)
        if self.focused is not filter_box:
            filter_box.value = ""
        self.query_one("#councils", RowTable).focus()

    def action_sort_next(self) -> None:
        keys = [k for k, *_ in COLUMNS]
        self.sort_key = keys[(keys.index(self.sort_key) + 1) % len(keys)]
        self.sort_reverse = False
        self.render_table()
        self.notify(f"sorted by {LABELS[self.sort_key]}", timeout=1.5)

    def action_sort_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self.render_table()


def row_text(row: OverviewRow, widths: list[int]) -> Text:
    """The whole row as one Text, columns cut or padded to their widths."""
    cells = (
        text(row.name, "bold"),
        text(SHORT_REGIONS.get(row.region, row.region)),
        badge(row.overall, row.rated),
        text(row.since),
        *(letter(g) for g in row.subs),
        Text(row.caseload),
        Text(sparkline(row.caseloads), style="cyan"),
        Text.assemble(line(row.last_date, style="dim"), " ", line(one_line(row.last_summary))),
    )
    fitted = [
        fit(cell, width, "right" if key == "caseload" else "left")
        for cell, (key, *_), width in zip(cells, COLUMNS, widths, strict=True)
    ]
    return Text(" " * MARGIN) + Text(" " * GAP).join(fitted)


def line_width(widths: list[int]) -> int:
    return MARGIN + sum(widths) + GAP * (len(widths) - 1)
