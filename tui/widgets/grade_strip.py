"""How many councils hold each grade at the current date."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rich.text import Text
from textual.app import RenderResult
from textual.widgets import Static

from tui.backend import OverviewRow
from tui.present import GRADE_LETTER, GRADE_ORDER, GRADE_SHORT, GRADE_STYLES


def grade_counts(rows: Iterable[OverviewRow]) -> Counter[str]:
    """Per overall grade; 'none' for an inspection without one, 'never' for no inspection."""
    counts: Counter[str] = Counter()
    for row in rows:
        counts[row.overall or ("none" if row.rated else "never")] += 1
    return counts


def strip_text(counts: Counter[str], short: bool = False) -> Text:
    """The strip in words, or (``short``, for a narrow terminal) with grade letters."""
    strip = Text(" ")
    for grade in GRADE_ORDER:
        label = GRADE_LETTER[grade] if short else GRADE_SHORT[grade]
        strip.append(f" {label} {counts.get(grade, 0)} ", style=GRADE_STYLES[grade])
        strip.append(" ")
    strip.append(f" {'no grade' if short else 'no overall grade'} {counts.get('none', 0)} ", style="reverse")
    strip.append(f"  not inspected {counts.get('never', 0)}", style="dim")
    return strip


class GradeStrip(Static):
    """Words when they fit the width, grade letters when they do not."""

    counts: Counter[str] | None = None

    def show_counts(self, counts: Counter[str]) -> None:
        self.counts = counts
        self.refresh()

    def render(self) -> RenderResult:
        if self.counts is None:
            return Text()
        full = strip_text(self.counts)
        return full if full.cell_len <= self.size.width else strip_text(self.counts, short=True)
