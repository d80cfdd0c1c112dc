"""The overview's filter box: an Input that leaves the app's keys alone.

A plain Input takes every printable key and binds ctrl+d, ctrl+e, ctrl+k, ctrl+v and
Enter for editing, so while it had focus the date keys typed brackets into the filter,
ctrl+d deleted a character instead of opening the date dialog, ctrl+k cut the filter
instead of opening Caseloads and ratings, and the footer lost those keys. Council names,
regions and grades never contain ``[ ] { } ? /``, so those keys reach the app; ctrl+d,
ctrl+e, ctrl+k, ctrl+v and Enter belong to the screen (a terminal's paste still pastes).
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import BindingType
from textual.widgets import Input

PASSED_ON = frozenset("[]{}?/")
"""Characters that are keys of the app, never filter text."""

LEFT_TO_THE_APP = frozenset({"ctrl+d", "ctrl+e", "ctrl+k", "ctrl+r", "ctrl+n", "ctrl+v", "enter"})
"""Keys Input binds (or could) that mean the app's action here."""


def _input_bindings() -> list[BindingType]:
    """Input's own bindings, one key each, without the keys left to the app."""
    merged = Input._merge_bindings().key_to_bindings
    return [binding for key, found in merged.items() if key not in LEFT_TO_THE_APP for binding in found]


class FilterBox(Input, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = _input_bindings()

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return super().check_consume_key(key, character) and character not in PASSED_ON

    async def _on_key(self, event: events.Key) -> None:
        if event.character in PASSED_ON:
            event.prevent_default()  # not typed: it bubbles to the app's bindings



