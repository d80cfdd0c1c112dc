"""The form's council box: suggestions as you type, Tab takes the one shown; and
which councils a typed name could mean, so an ambiguous one is asked about.

A plain Input with a suggester accepts the grey suggestion only on → or End;
Tab moved on and left the half-typed name behind. Here Tab fills the suggestion
in, then moves to the next field, as a browser's address bar does.
"""

from __future__ import annotations

import re
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input

from tracker.councils import Authority, UnknownCouncil, all_authorities, current_authorities, resolve


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


def _words(text: str) -> list[str]:
    return re.findall(r"[0-9a-z]+", text.casefold().replace("&", " and "))


def candidates(text: str) -> list[Authority]:
    """The councils a typed name could mean. A code or a council's full official name
    means that one; otherwise every current council whose name or alias holds all the
    typed words (``Kingston``: Hull and Thames). Nothing found: what ``resolve`` finds
    (an abolished council, say), or nothing."""
    typed = _words(text)
    if not typed:
        return []
    exact = [a for a in all_authorities() if _words(a.name) == typed or text.strip().upper() in _codes(a)]
    if exact:
        return sorted(exact, key=lambda a: not a.current)[:1]
    found = [
        a for a in current_authorities()
        if any(set(typed) <= set(_words(name)) for name in (a.name, *a.aliases))
    ]
    if found:
        return found
    try:
        return [resolve(text)]
    except UnknownCouncil:
        return []


def _codes(authority: Authority) -> set[str]:
    return {c.upper() for c in (authority.la_code, authority.ons_code, *authority.former_ons_codes,
                                authority.ofsted_urn) if c}
