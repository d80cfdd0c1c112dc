"""The grades' colours: one palette for the screen's badges and charts and the charts in files.

Why one: a grade is the same colour wherever a user meets it, so a red in an exported
chart means what it means on the overview.
"""

from __future__ import annotations

# By stored grade: greens for the good grades, orange and red for the others, grey for a
# grade that exists but could not be read.
GRADE_COLOURS: dict[str, str] = {
    "outstanding": "#1b7837",
    "good": "#7fbf7b",
    "requires_improvement": "#f1a340",
    "inadequate": "#b2182b",
    "unknown": "#bbbbbb",
}


def rgb(colour: str) -> tuple[int, int, int]:
    """'#1b7837' -> (27, 120, 55)."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
