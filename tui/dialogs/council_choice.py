"""Which council? A typed name that fits several (``Kingston``) is asked about,
never silently taken to mean one of them."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from tracker.councils import Authority
from tracker.safe_text import one_line


class CouncilChoice(ModalScreen[Authority | None]):
    """Dismisses with the council picked (Enter or a click), or None (Esc)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="choice.cancel")]

    def __init__(self, typed: str, options: list[Authority]) -> None:
        super().__init__(id="council-choice")
        self.typed, self.options = typed, options

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog-box"):
            yield Label("Which council?", id="dialog-title")
            yield Static(f"“{one_line(self.typed, 60)}” could be any of these:", classes="field-help",
                         markup=False)
            yield OptionList(
                *(Option(f"{a.name} — {a.region}, LA {a.la_code}", id=a.la_code) for a in self.options),
                id="council-options",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(next(a for a in self.options if a.la_code == event.option_id))

    def action_cancel(self) -> None:
        self.dismiss(None)
