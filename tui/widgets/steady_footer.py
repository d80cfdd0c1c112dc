"""Textual's footer, laid out again only when the keys it shows change.

Every change of focus or of a screen's state announces new bindings, and the stock
footer then rebuilds its keys, a widget each with its styles: four times while a
council screen opens, about a tenth of a second of the UI thread at the moment the
first screen is being painted. The keys shown are mostly the same each time.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


def shown_keys(screen: Screen[Any]) -> tuple[tuple[object, ...], ...]:
    """What the footer would show for ``screen``: each shown binding's key, words and state."""
    return tuple((binding.key, binding.description, binding.key_display, binding.action, enabled, tooltip)
                 for _, binding, enabled, tooltip in screen.active_bindings.values() if binding.show)


class SteadyFooter(Footer):
    """A footer that skips rebuilding its keys when they would come out the same."""

    def __init__(self) -> None:
        super().__init__()
        self.composed: tuple[tuple[object, ...], ...] | None = None  # the keys last laid out

    def bindings_changed(self, screen: Screen[Any]) -> None:
        keys = shown_keys(screen)
        if keys == self.composed and screen is self.screen:
            return
        super().bindings_changed(screen)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.composed = keys  # what the recompose the stock footer asked for lays out
