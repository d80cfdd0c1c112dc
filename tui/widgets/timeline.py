"""A council's timeline: facts in the order they happened, each followed by the
corrections and retractions recorded against it (shown as such, never merged away).
An enrichment by a second source is no row of its own: the fact's row names its sources."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, overload

from rich.console import Console
from rich.text import Text
from textual.strip import Strip

from events.kinds import KINDS
from events.timing import when_text
from tui.backend import CouncilView, happened
from tui.present import fit, line, source_labels
from tui.widgets.row_table import RowTable, draw

KIND_LABELS = {e.kind.value: e.short for e in KINDS}


@dataclass(frozen=True)
class Entry:
    """One timeline row: a fact (with its state) or an amendment of one."""

    id: str
    kind: str  # a fact kind, 'correction' or 'retraction'
    record: dict[str, Any]
    target: str | None = None
    retracted: bool = False

    @property
    def is_fact(self) -> bool:
        return self.target is None


def entries(view: CouncilView, as_of: date) -> list[Entry]:
    """Facts that count (and retracted ones that had happened), amendments under each."""
    facts = [Entry(e["id"], e["kind"], e) for e in view.shown["events"]]
    facts += [
        Entry(e["id"], e["kind"], e, retracted=True)
        for e in view.shown["retracted"]
        if happened(e) <= as_of
    ]
    facts.sort(key=lambda e: (happened(e.record), _version(e.id)))
    enrichments = {found for fact in facts for found in fact.record.get("enriched_by", ())}
    under: dict[str, list[Entry]] = {}
    for amendment in view.amendments:
        if amendment["id"] in enrichments:
            continue  # a second source: shown as the fact's provenance, not as a row
        entry = Entry(amendment["id"], amendment["type"], amendment, target=amendment["target"])
        under.setdefault(amendment["target"], []).append(entry)
    out: list[Entry] = []
    for fact in facts:
        out.append(fact)
        out.extend(under.get(fact.id, []))
    return out


def _version(event_id: str) -> int:
    return int(event_id.rsplit("-", 1)[1])


DATE_WIDTH = 13  # "2019-01-07", or "by 2017-07-14" for a fact known only by its publication
HEADER = Text.assemble((f" {'date':<{DATE_WIDTH}} {'kind':<13} summary", "bold"))


RowDrawing = tuple[Text, Strip]
PREDRAWN = 100  # rows the worker draws: where the cursor lands (the end, or where it was)


class DrawnRows(Sequence[Strip]):
    """A timeline's rows at one width, each drawn when first asked for: painting asks only
    for the rows on screen, so a first open costs a page, not the stream's length."""

    def __init__(self, found: list[Entry], width: int, console: Console,
                 cache: dict[tuple[Any, ...], RowDrawing]) -> None:
        self.found, self.width, self.console, self.cache = found, width, console, cache
        self.made: list[RowDrawing | None] = [None] * len(found)

    def row(self, index: int) -> RowDrawing:
        """Row ``index`` as text and strip (safe in a thread: it only fills caches)."""
        made = self.made[index]
        if made is None:
            entry = self.found[index]
            key = row_key(entry, self.width)
            made = self.cache.get(key)
            if made is None:
                text = row_line(*Timeline.cells(entry), self.width)
                made = self.cache[key] = (text, draw(text, self.width, self.console))
            self.made[index] = made
        return made

    def __len__(self) -> int:
        return len(self.found)

    @overload
    def __getitem__(self, index: int) -> Strip: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Strip]: ...
    def __getitem__(self, index: int | slice) -> Strip | Sequence[Strip]:
        if isinstance(index, slice):
            return [self.row(i)[1] for i in range(len(self.found))[index]]
        return self.row(index)[1]


class DrawnLines(Mapping[str, Text]):
    """Each row's text by event id (drawn when first asked for, like the strips)."""

    def __init__(self, rows: DrawnRows, positions: dict[str, int]) -> None:
        self.rows, self.positions = rows, positions

    def __getitem__(self, event_id: str) -> Text:
        return self.rows.row(self.positions[event_id])[0]

    def __iter__(self) -> Iterator[str]:
        return iter(self.positions)

    def __len__(self) -> int:
        return len(self.positions)


@dataclass(frozen=True)
class DrawnTimeline:
    """Timeline rows at one width (made in the worker thread, off the UI); the rows near
    where the cursor lands are drawn there, the rest when scrolled to."""

    width: int
    entries: dict[str, Entry]
    strips: DrawnRows
    lines: DrawnLines


def row_key(entry: Entry, width: int) -> tuple[Any, ...]:
    """Everything a row's drawing depends on: a row drawn before is reused as it is."""
    record = entry.record
    if not entry.is_fact:
        return entry.id, width
    return (entry.id, width, entry.retracted, record["occurred_on"], record["published_on"],
            record["summary"], len(record.get("revised_by") or ()),
            tuple(source_labels(record.get("sources") or [])))


class Timeline(RowTable):
    """Date, kind, one-line summary, state; rows keyed by event id. Rows are drawn when
    first shown (the page the cursor lands on, in the worker) and kept by what they show,
    so a date step draws only rows it has not drawn."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: dict[str, Entry] = {}
        self.lines: Mapping[str, Text] = {}
        self.width_plan = 40  # set on the UI thread; the worker draws at this width
        self._drawn: dict[tuple[Any, ...], RowDrawing] = {}

    def plan_width(self) -> int:
        """The width rows are drawn at (call on the UI thread)."""
        self.width_plan = max(40, self.scrollable_content_region.width or self.app.size.width // 2)
        return self.width_plan

    def on_resize(self) -> None:
        if self.width_plan != self.plan_width() and self.entries:
            self.show_drawn(self.draw_rows(list(self.entries.values())))

    def draw_rows(self, found: list[Entry]) -> DrawnTimeline:
        """Rows at the planned width, the ones the first paint needs drawn (safe in a
        thread: it only reads and fills caches)."""
        if len(self._drawn) > 2 * len(found) + 512:  # bounded: forget rows drawn long ago
            self._drawn = {}
        width = self.width_plan
        positions = {entry.id: index for index, entry in enumerate(found)}
        rows = DrawnRows(found, width, self.app.console, self._drawn)
        selected = positions.get(self.selected_id() or "", len(found) - 1)
        for index in {*range(max(0, len(found) - PREDRAWN), len(found)),
                      *range(max(0, selected - PREDRAWN), min(len(found), selected + PREDRAWN))}:
            rows.row(index)
        return DrawnTimeline(width, {e.id: e for e in found}, rows, DrawnLines(rows, positions))

    def show_drawn(self, rows: DrawnTimeline) -> None:
        """Show drawn rows (UI thread); the cursor stays on the same event."""
        if rows.width != self.width_plan:  # resized while they were drawn
            rows = self.draw_rows(list(rows.entries.values()))
        selected = self.selected_id()
        self.entries, self.lines = rows.entries, rows.lines
        keys = list(rows.entries)
        keep = selected if selected in rows.entries else (keys[-1] if keys else None)
        self.set_rows(keys, rows.strips, keep, width=rows.width)

    def show_entries(self, found: list[Entry]) -> None:
        """Draw and show rows here (small timelines, tests)."""
        self.plan_width()
        self.show_drawn(self.draw_rows(found))

    def selected_id(self) -> str | None:
        return self.selected_key()

    def selected(self) -> Entry | None:
        found = self.selected_id()
        return self.entries.get(found) if found else None

    def move_to(self, event_id: str) -> None:
        self.cursor_row = self.keys.index(event_id)

    @staticmethod
    def cells(entry: Entry) -> tuple[Text, Text, Text]:
        """An entry's row as its date, kind and summary cells (before fitting to a width)."""
        record = entry.record
        if not entry.is_fact:
            mark = "↳ correction" if entry.kind == "correction" else "↳ retraction"
            style = "italic yellow" if entry.kind == "correction" else "italic red"
            return (
                Text(record["recorded_at"][:10], style="dim"),
                Text(mark, style=style),
                line(f"{entry.id}: {record['data'].get('reason', '')}", 200, style=style),
            )
        summary = line(record["summary"], 200)
        if entry.retracted:
            summary.stylize("strike dim")
            summary = Text.assemble(Text("[retracted] ", style="red"), summary)
        elif record.get("revised_by"):
            summary = Text.assemble(summary, Text(f"  (corrected ×{len(record['revised_by'])})", "yellow"))
        labels = source_labels(record.get("sources") or [])
        if len(labels) > 1:
            summary = Text.assemble(summary, "  ", line(f"sources: {', '.join(labels)}", 200, style="dim"))
        return (line(when_text(record["occurred_on"], record["published_on"])),
                Text(KIND_LABELS.get(entry.kind, entry.kind)), summary)


def row_line(day: Text, kind: Text, summary: Text, width: int) -> Text:
    """One timeline row: date, kind (13), summary (the rest)."""
    return Text.assemble(" ", fit(day, DATE_WIDTH), " ", fit(kind, 13), " ",
                         fit(summary, max(10, width - DATE_WIDTH - 16)))
