"""Withdraw an event: it stays in the log, marked, and stops counting."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from events.errors import DomainError, InvalidField
from tracker.errors import UserError
from tracker.safe_text import one_line, visible
from tui.dialogs.saving import Saved, SaveFailed, SavingDialog

if TYPE_CHECKING:
    from tui.backend import Backend


class RetractDialog(SavingDialog):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="retract.cancel"),
    ]

    def __init__(self, backend: Backend, event_id: str, summary: str) -> None:
        super().__init__(id="retract-dialog")
        self.backend = backend
        self.event_id = event_id
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog-box"):
            yield Label(f"Retract {self.event_id}", id="dialog-title")
            yield Static(Text(one_line(self.summary, 200), style="italic"), id="retract-summary")
            yield Input(placeholder="reason *", id="f-reason")
            yield Static("", id="e-reason", classes="field-error", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button("Retract", variant="error", id="retract")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#f-reason", Input).focus()

    @on(Input.Submitted, "#f-reason")
    @on(Button.Pressed, "#retract")
    def _confirm(self) -> None:
        self.save(self.query_one("#f-reason", Input).value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True, group="save")
    def save(self, reason: str) -> None:
        try:
            event_id = self.backend.retract(self.event_id, reason)
        except (InvalidField, DomainError, UserError) as error:
            self.post_message(SaveFailed("reason", str(error)))
        except Exception as error:  # storage failure: keep the dialog and the reason
            self.post_message(SaveFailed("", f"not saved — the store failed: {error}"))
        else:
            self.post_message(Saved(event_id))

    def show_error(self, field: str, message: str) -> None:
        """The reason is the dialog's only field: every error is shown under it."""
        self.query_one("#e-reason", Static).update(Text(visible(message), style="bold red"))
