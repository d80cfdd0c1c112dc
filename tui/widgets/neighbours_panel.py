"""A council's ten statistical neighbours at the current time point: closeness, the rating
that counts and the latest caseload of each; Enter opens the highlighted one.

Why a list of its own: analysts read a council against these ten every day, and which ten
is itself history (the model in force changes), so the panel names the model and says
plainly when none was in force. Names come from data and are shown literally.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tracker.neighbour_answer import Neighbour
from tracker.safe_text import literal, one_line
from tui.backend import NeighbourView, caseload_text
from tui.messages import OpenCouncil
from tui.present import badge, fit

NAME_WIDTH = 32
CLOSENESS_WIDTH = 15
BADGE_WIDTH = 14  # ' Req. improv. ', ' Not recorded '


def neighbour_line(neighbour: Neighbour) -> Text:
    """One row: rank, name, closeness, rating badge, latest caseload (and why it is gone)."""
    name = one_line(neighbour.council.name, NAME_WIDTH)
    rating = neighbour.rating
    line = Text.assemble(
        (f"{neighbour.rank:>2} ", "dim"),
        literal(f"{name:<{NAME_WIDTH}} "),
        (f"{neighbour.closeness_label:<{CLOSENESS_WIDTH}} ", "italic"),
        fit(badge(rating.overall if rating else None, rated=rating is not None), BADGE_WIDTH),
        f" {caseload_text(neighbour.caseload.as_json() if neighbour.caseload else None)}",
    )
    if neighbour.caseload is not None and neighbour.caseload.as_at:
        line.append(f" as at {one_line(neighbour.caseload.as_at)}", style="dim")
    if neighbour.note:
        line.append(f"  ({one_line(neighbour.note)})", style="dim")
    line.no_wrap, line.overflow = True, "ellipsis"
    return line


class NeighboursPanel(OptionList):
    """The ten, closest first; options are keyed by LA number."""

    def show_neighbours(self, found: NeighbourView) -> None:
        highlighted = self.highlighted
        self.clear_options()
        if found.answer is None:
            self.border_title = "Statistical neighbours"
            self.add_option(Option(literal(f"No neighbours: {one_line(found.reason)}", "dim italic"),
                                   disabled=True))
            return
        model = found.answer.model
        self.border_title = f"Statistical neighbours ({model.name}, from {model.in_force_from.isoformat()})"
        self.add_options([Option(neighbour_line(n), id=n.council.la_code) for n in found.answer.neighbours])
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(OpenCouncil(event.option.id))
