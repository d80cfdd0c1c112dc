"""The command palette (ctrl+p): open a council, set the date, add an event,
export the table on screen to CSV, replay, switch theme."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from events.errors import InvalidField
from tracker.councils import current_authorities
from tui.timetravel import parse_day

if TYPE_CHECKING:
    from tui.app import TrackerApp


class TrackerCommands(Provider):
    """Fixed commands, one per council and theme, and 'go to <typed date>'."""

    @property
    def tracker_app(self) -> TrackerApp:
        """The app, typed: the palette only runs inside it (its module imports this one)."""
        return cast("TrackerApp", self.app)

    def commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.tracker_app
        fixed: list[tuple[str, Callable[[], object], str]] = [
            ("Add event", app.action_add, "open the form for a new event"),
            ("Go to date…", app.action_pick_date, "type as-of, known-on and recorded-by dates"),
            ("Go to today", app.action_today, "as of today, known today"),
            ("Replay history…", app.action_replay, "play events forward to a date"),
            ("Export table to CSV", app.action_export, "write the table on screen to a CSV file"),
            ("Export table to Excel", app.action_export_xlsx,
             "write the table on screen to an Excel workbook"),
            ("Export chart as PNG", partial(app.action_export_chart, "png"),
             "the chart on screen (a council, a comparison, caseloads and ratings), as a PNG image"),
            ("Export chart as SVG", partial(app.action_export_chart, "svg"),
             "the chart on screen (a council, a comparison, caseloads and ratings), as an SVG drawing"),
            ("Caseloads and ratings", app.action_caseloads_ratings,
             "inspection outcomes by caseload at fieldwork: counts, and a chart"),
        ]  # "Keys" (every key) is a system command: tui.app.TrackerApp.get_system_commands
        councils = [
            (f"Council: {a.name}", partial(app.open_council, a.la_code), f"{a.region} · LA {a.la_code}")
            for a in current_authorities()
        ]
        themes = [
            (f"Theme: {name}", partial(setattr, app, "theme", name), "switch the colour theme")
            for name in sorted(app.available_themes)
        ]
        return fixed + councils + themes

    async def discover(self) -> Hits:
        for name, action, help_text in self.commands()[:5]:
            yield DiscoveryHit(name, action, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        typed = _typed_date(query)
        if typed is not None:
            yield Hit(1.0, f"Go to {typed}", partial(self.tracker_app.go_to, typed), help="set as-of date")
        for name, action, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), action, help=help_text)


def _typed_date(query: str) -> str | None:
    words = query.strip().split()
    candidate = words[-1] if words else ""
    if not candidate[:1].isdigit():
        return None
    try:
        return parse_day(candidate).isoformat()
    except InvalidField:
        return None
