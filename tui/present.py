"""How values look on screen: grade badges, sparklines, literal text.

Everything from data goes through ``literal`` (tracker.safe_text) into a Rich
``Text``: markup like ``[bold red]`` or ``[link=...]`` stays characters, and
control or bidi characters are spelled out, so a field can never style,
link or break the screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from events.describe import source_labels  # noqa: F401  (re-exported)
from events.vocabulary import Grade
from tracker.palette import GRADE_COLOURS
from tracker.safe_text import literal, one_line

_WHITE_ON = {"outstanding", "inadequate"}  # the dark colours; black text reads on the others
GRADE_STYLES = {grade: f"bold {'white' if grade in _WHITE_ON else 'black'} on {colour}"
                for grade, colour in GRADE_COLOURS.items()}
GRADE_ORDER = tuple(grade.value for grade in Grade)  # best first, not recorded last
GRADE_SHORT = {grade.value: grade.short for grade in Grade}
GRADE_LETTER = {grade.value: grade.letter for grade in Grade}
BARS = "▁▂▃▄▅▆▇█"


def badge(grade: str | None, rated: bool = True, short: bool = True) -> Text:
    """A coloured badge; 'none' for no grade, '—' for never inspected."""
    if grade is None:
        return Text.assemble((" no grade" if rated else " —", "dim"))
    label = GRADE_SHORT[grade] if short else Grade(grade).label
    return Text.assemble((f" {label} ", GRADE_STYLES[grade]))  # a span: padding stays unstyled


def letter(grade: str | None) -> Text:
    """A one- or two-letter grade for the sub-judgement columns."""
    if grade is None:
        return Text.assemble(("·", "dim"))
    return Text.assemble((f"{GRADE_LETTER[grade]:^2}", GRADE_STYLES[grade]))


def sparkline(values: Sequence[float], width: int = 12, scale: tuple[float, float] | None = None) -> str:
    """The last ``width`` values as block characters on the ``scale`` (low, high) every
    row shares, so 19.3 then 19.6 are bars of one height, not the lowest and the highest;
    without a scale, on the values' own range."""
    shown = list(values)[-width:] if width > 0 else []
    if not shown:
        return ""
    low, high = scale if scale is not None else (min(shown), max(shown))
    span = (high - low) or 1.0
    steps = len(BARS) - 1
    return "".join(BARS[max(0, min(steps, round((v - low) / span * steps)))] for v in shown)


def shared_scale(series: Sequence[Sequence[float]]) -> tuple[float, float] | None:
    """The lowest and highest value of every series: one scale for a column of sparklines."""
    values = [v for values in series for v in values]
    return (min(values), max(values)) if values else None


def text(value: object, style: str = "") -> Text:
    """Data shown literally."""
    return literal(value, style)


def line(value: object, limit: int | None = None, style: str = "") -> Text:
    """Data on one line, literally, cut to ``limit`` characters."""
    return Text(one_line(value, limit), style=style)


def grade_key(grade: str | None) -> int:
    """Sort order: outstanding first, no grade last."""
    return GRADE_ORDER.index(grade) if grade in GRADE_ORDER else len(GRADE_ORDER)


def fit(cell: Text, width: int, justify: str = "left") -> Text:
    """A cell cut (with an ellipsis) or padded to exactly ``width`` cells."""
    cell = cell.copy()
    cell.truncate(width, overflow="ellipsis")
    cell.align("right" if justify == "right" else "left", width)
    return cell
