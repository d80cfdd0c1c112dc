"""`?`: every key of every screen, read from the bindings themselves so it never drifts."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

EXTRA = [
    ("Overview", "letters, digits", "type to filter: a grade word means the overall rating, a region's "
     "name the region, other words the council's name or LA number (london good)"),
    ("Overview", "up / down in the filter", "move the highlight; enter opens it"),
    ("Overview", "click a header", "sort by that column (again: reverse)"),
    ("Everywhere", "ctrl+p", "command palette: council, date, add event, export CSV, theme"),
    ("Everywhere", "mouse", "click rows, headers, buttons and footer keys"),
]


def key_rows(sections: list[tuple[str, list[BindingType]]]) -> list[tuple[str, str, str]]:
    rows = []
    for section, bindings in sections:
        for binding in bindings:
            if isinstance(binding, Binding) and binding.description:
                keys = binding.key_display or binding.key.replace("_", " ")
                rows.append((section, keys, binding.tooltip or binding.description))
    return rows + EXTRA


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close help", id="help.close"),
    ]

    def __init__(self, sections: list[tuple[str, list[BindingType]]]) -> None:
        super().__init__(id="help")
        self.rows = key_rows(sections)

    def compose(self) -> ComposeResult:
        table = Table(expand=True, box=None, padding=(0, 1))
        table.add_column("where", style="dim", no_wrap=True)
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("what it does")
        for row in self.rows:
            table.add_row(*row)
        with VerticalScroll(id="help-box"):
            yield Label("Keys", id="dialog-title")
            yield Static(table)

    def action_close(self) -> None:
        self.dismiss(None)
