"""How many councils hold each grade at the current date."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rich.text import Text
from textual.widgets import Static

from tui.backend import OverviewRow
from tui.present import GRADE_ORDER, GRADE_SHORT, GRADE_STYLES


def grade_counts(rows: Iterable[OverviewRow]) -> Counter[str]:
    """Per overall grade; 'none' for an inspection without one, 'never' for no inspection."""
    counts: Counter[str] = Counter()
    for row in rows:
        counts[row.overall or ("none" if row.rated else "never")] += 1
    return counts


class GradeStrip(Static):
    def show_counts(self, counts: Counter[str]) -> None:
        strip = Text(" ")
        for grade in GRADE_ORDER:
            strip.append(f" {GRADE_SHORT[grade]} {counts.get(grade, 0)} ", style=GRADE_STYLES[grade])
            strip.append(" ")
        strip.append(f" no overall grade {counts.get('none', 0)} ", style="reverse")
        strip.append(f"  not inspected {counts.get('never', 0)}", style="dim")
        self.update(strip)
