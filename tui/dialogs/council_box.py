"""The form's council box: suggestions as you type, Tab takes the one shown.

A plain Input with a suggester accepts the grey suggestion only on → or End;
Tab moved on and left the half-typed name behind. Here Tab fills the suggestion
in, then moves to the next field, as a browser's address bar does.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input


class CouncilBox(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "accept_and_next", "Accept suggestion", show=False),
    ]

    def action_accept_and_next(self) -> None:
        suggestion = self._suggestion
        if suggestion and len(suggestion) > len(self.value):
            self.value = suggestion
            self.cursor_position = len(suggestion)
        self.screen.focus_next()
