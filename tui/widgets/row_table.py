"""A read-only table of pre-drawn lines, for the overview's 153 councils.

A ``DataTable`` renders every visible cell through Rich on each repaint after a
change (about 25 ms for a 160x50 overview). Here each row arrives already drawn
(a ``Strip`` built in the worker thread), so painting a frame only copies
strips and highlights the cursor line. Keys and mouse work as in a DataTable:
arrows, page keys, home/end, Enter or a click on the highlighted row to open it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.console import Console
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


def draw(text: Text, width: int, console: Console) -> Strip:
    """One table line as segments, cut or padded to ``width`` (safe off the UI thread)."""
    segments = [s for s in text.render(console, end="") if s.text]
    return Strip(segments).crop_extend(0, width, None)


class RowTable(ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "move(-1000000)", "First", show=False),
        Binding("end", "move(1000000)", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-table--cursor"}

    cursor_row: reactive[int] = reactive(0, always_update=False)

    class TableMessage(Message):
        """Something happened in the table; `control` lets @on filter by the table's id."""

        def __init__(self, table: RowTable) -> None:
            super().__init__()
            self.table = table

        @property
        def control(self) -> RowTable:
            return self.table

    class RowMessage(TableMessage):
        """Something happened to one row, named by its key."""

        def __init__(self, table: RowTable, key: str) -> None:
            super().__init__(table)
            self.key = key

    class Selected(RowMessage):
        """A row was chosen (Enter, or a click on the highlighted row)."""

    class Highlighted(RowMessage):
        """The cursor moved to another row."""

    class HeaderClicked(TableMessage):
        """A click on the header line, at cell ``x`` of the line (horizontal scroll included)."""

        def __init__(self, table: RowTable, x: int) -> None:
            super().__init__(table)
            self.x = x

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys: list[str] = []
        self.strips: Sequence[Strip] = []  # a list, or rows drawn when first asked for
        self.header: Strip | None = None  # a line kept on top; it scrolls sideways with the rows

    @property
    def row_count(self) -> int:
        return len(self.keys)

    @property
    def header_height(self) -> int:
        return 1 if self.header is not None else 0

    def set_rows(
        self, keys: list[str], strips: Sequence[Strip], cursor_key: str | None = None,
        header: Strip | None = None, width: int | None = None, from_top: bool = False,
    ) -> None:
        """Replace every row (and the header line); the cursor stays on ``cursor_key`` when
        it is still there. Given ``width`` (every row's), no row is looked at here. With
        ``from_top`` (a new order) the view scrolls to the first row, and the cursor stays on
        ``cursor_key`` only if that row is on the first screen, else goes to the first row."""
        self.keys, self.strips, self.header = keys, strips, header
        if width is None:
            width = max((s.cell_length for s in [*strips, *([header] if header else [])]), default=0)
        self.virtual_size = Size(width, len(keys) + self.header_height)
        row = keys.index(cursor_key) if cursor_key in keys else min(self.cursor_row, max(len(keys) - 1, 0))
        if from_top:
            if row >= self.scrollable_content_region.height - self.header_height:
                row = 0
            self.scroll_to(y=0, animate=False)
        self.set_reactive(RowTable.cursor_row, row)
        if not from_top:
            self.scroll_to_cursor()
        self.refresh()

    def selected_key(self) -> str | None:
        return self.keys[self.cursor_row] if 0 <= self.cursor_row < len(self.keys) else None

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        if self.header is not None and y == 0:
            return self.header.crop_extend(scroll_x, scroll_x + width, None).apply_style(self.rich_style)
        row = scroll_y + y - self.header_height
        if row >= len(self.strips):
            return Strip.blank(width, self.rich_style)
        strip = self.strips[row].crop_extend(scroll_x, scroll_x + width, None)
        if row == self.cursor_row:
            strip = strip.apply_style(self.get_component_rich_style("row-table--cursor"))
        return strip.apply_style(self.rich_style)

    def watch_cursor_row(self, old: int, new: int) -> None:
        self.refresh_line(old + self.header_height)
        self.refresh_line(new + self.header_height)
        self.scroll_to_cursor()
        key = self.selected_key()
        if key is not None:
            self.post_message(self.Highlighted(self, key))

    def scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height - self.header_height
        top = int(self.scroll_offset.y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif height and self.cursor_row >= top + height:
            self.scroll_to(y=self.cursor_row - height + 1, animate=False)

    def action_move(self, rows: int) -> None:
        if self.keys:
            self.cursor_row = max(0, min(len(self.keys) - 1, self.cursor_row + rows))

    def action_page(self, pages: int) -> None:
        self.action_move(pages * max(1, self.scrollable_content_region.height - self.header_height - 1))

    def action_select(self) -> None:
        key = self.selected_key()
        if key is not None:
            self.post_message(self.Selected(self, key))

    def on_click(self, event: events.Click) -> None:
        if self.header is not None and event.y == 0:
            self.post_message(self.HeaderClicked(self, int(self.scroll_offset.x) + event.x))
            return
        row = int(self.scroll_offset.y) + event.y - self.header_height
        if not 0 <= row < len(self.keys):
            return
        if row == self.cursor_row:
            self.action_select()
        else:
            self.cursor_row = row

