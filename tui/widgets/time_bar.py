"""The bar every screen carries: where in time the views stand."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tracker.time_point import TimePoint


class TimeBar(Static):
    """'as of D · known on K' (+ 'recorded by T'), the replay state, and a busy mark."""

    def show_point(self, point: TimePoint, today: str, replay: str = "", busy: bool = False) -> None:
        bar = Text()
        bar.append(" ⏱ ", style="bold")
        bar.append(point.label(), style="bold")
        if point.as_of.isoformat() == today and point.known_on is None and point.recorded_by is None:
            bar.append("  (today)", style="dim")
        if replay:
            bar.append(f"   ▶ {replay}", style="bold reverse")
        if busy:
            bar.append("   …", style="dim")
        self.update(bar)
