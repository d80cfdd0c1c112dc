"""What a dialog's save worker posts back to the dialog: the write's outcome. The
dialog handles it on the UI thread (dismiss, or show the error and keep what was typed);
SavingDialog handles it once for every dialog that writes."""

from __future__ import annotations

from textual import on
from textual.message import Message
from textual.screen import ModalScreen

from events.vocabulary import Kind
from tracker.likely_duplicates import LikelyDuplicate

Entries = tuple[str, str, dict[str, str | None]]  # council, kind, raw field texts


class Saved(Message, bubble=False):
    """The store took the write: the new event's id."""

    def __init__(self, event_id: str) -> None:
        super().__init__()
        self.event_id = event_id


class SaveFailed(Message, bubble=False):
    """The write was refused or failed; ``field`` names the field at fault ('' if none)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__()
        self.field, self.message = field, message


class SavingDialog(ModalScreen[str | None]):
    """A dialog whose save worker posts Saved or SaveFailed: it closes with the new event's
    id, or stays open with what was typed and shows the error (show_error, its own)."""

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        self.dismiss(message.event_id)

    @on(SaveFailed)
    def _save_failed(self, message: SaveFailed) -> None:
        self.show_error(message.field, message.message)

    def show_error(self, field: str, message: str) -> None:
        """Show ``message`` by ``field`` ('' if none), on the UI thread."""
        raise NotImplementedError


class LooksRecorded(Message, bubble=False):
    """The tracker thinks the fact is already recorded (``entries``: what was typed, None
    for a correction, which cannot be forced)."""

    def __init__(self, error: LikelyDuplicate, entries: Entries | None) -> None:
        super().__init__()
        self.entries = entries
        self.event_id: str = error.event_id
        self.kind: Kind = error.kind


def duplicate_hint(message: LooksRecorded) -> str:
    """The warning in the form's words, from the error's parts: which event it looks like,
    and "save anyway" where the command line says --force (never for a correction)."""
    words = message.kind.value.replace("_", " ")
    article = "an" if words[:1] in ("a", "e", "i", "o", "u") else "a"
    looks = f"this looks like {message.event_id}, {article} {words} with compatible dates"
    if message.entries is None:
        return f"{looks}: correct {message.event_id} instead"
    return f"{looks}: correct {message.event_id} to add what you know, or, if it is another, save anyway"
