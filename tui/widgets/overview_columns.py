"""The overview's columns and how they fit a terminal of any width.

At 160 columns every column shows and the last event takes what is left. On a
narrower terminal columns are shortened or dropped in a fixed order (``MOVES``),
least needed first, so the header never wraps: the council and its rating go last.
Widths are a list parallel to ``COLUMNS``; 0 means the column is not shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from rich.text import Text

from tracker.safe_text import one_line
from tui.backend import OverviewRow, shown_day
from tui.present import badge, fit, grade_key, letter, line, sparkline, text

Column = tuple[str, str, Callable[[OverviewRow], Any], int]
COLUMNS: tuple[Column, ...] = (  # key, label, sort key, width (0: what is left)
    ("name", "Council", lambda r: r.name.casefold(), 32),
    ("region", "Region", lambda r: (r.region, r.name), 15),
    ("rating", "Rating", lambda r: (grade_key(r.overall), not r.rated, r.name), 14),
    ("since", "Since", lambda r: (shown_day(r.since) or date.min, r.name), 10),
    ("leaders", "Lead", lambda r: (grade_key(r.subs[0]), r.name), 4),
    ("help", "Help", lambda r: (grade_key(r.subs[1]), r.name), 4),
    ("care", "Care", lambda r: (grade_key(r.subs[2]), r.name), 4),
    ("leavers", "Leav", lambda r: (grade_key(r.subs[3]), r.name), 4),
    ("caseload", "Caseload", lambda r: (r.caseloads[-1] if r.caseloads else -1.0, r.name), 8),
    ("trend", "Trend", lambda r: (len(r.caseloads), r.name), 12),
    ("last", "Last event", lambda r: (shown_day(r.last_date) or date.min, r.name), 0),
)
KEYS = tuple(key for key, *_ in COLUMNS)
LABELS = {key: label for key, label, _, _ in COLUMNS}
SUBS = ("leaders", "help", "care", "leavers")
LAST_MIN = 16  # narrower than this, the last event is not worth showing
MOVES: tuple[tuple[tuple[str, ...], int], ...] = (  # (columns, new width: 0 drops), in order
    (("last",), 0),
    (("trend",), 0),
    (("name",), 26),
    (("name",), 22),
    (SUBS, 0),
    (("since",), 0),
    (("region",), 0),
    (("caseload",), 0),
    (("name",), 16),
)
SHORT_REGIONS = {"Yorkshire and the Humber": "Yorks & Humber"}
GAP = 1  # spaces between columns
MARGIN = 1  # before the first column


def line_width(widths: list[int]) -> int:
    shown = [w for w in widths if w]
    return MARGIN + sum(shown) + GAP * (len(shown) - 1)


def plan_widths(room: int) -> list[int]:
    """Column widths for ``room`` cells: shorten or drop columns by ``MOVES`` until the
    line fits, then give what is left to the council's name (up to its full width) or,
    while it is shown, to the last event."""
    widths = [width or LAST_MIN for *_, width in COLUMNS]
    for keys, width in MOVES:
        if line_width(widths) <= room:
            break
        for key in keys:
            widths[KEYS.index(key)] = width
    spare = room - line_width(widths)
    last, name = KEYS.index("last"), KEYS.index("name")
    if widths[last]:
        widths[last] += max(0, spare)
    elif spare > 0:
        widths[name] = min(COLUMNS[name][3], widths[name] + spare)
    return widths


def header_text(
    widths: list[int], sort_key: str, reverse: bool, labels: dict[str, str] | None = None
) -> Text:
    """The header line; the sorted column carries ▲ or ▼."""
    cells = []
    for (key, label, _, _), width in zip(COLUMNS, widths, strict=True):
        if not width:
            continue
        label = (labels or {}).get(key, label)
        arrow = (" ▼" if reverse else " ▲") if key == sort_key else ""
        cells.append(fit(Text(label + arrow, style="bold"), width, "right" if key == "caseload" else "left"))
    return Text(" " * MARGIN) + Text(" " * GAP).join(cells)


def column_at(x: int, widths: list[int]) -> str | None:
    """Which column the header's cell ``x`` (from the line's start) is in."""
    left = MARGIN
    for key, width in zip(KEYS, widths, strict=True):
        if not width:
            continue
        if left <= x < left + width + GAP:
            return key
        left += width + GAP
    return None


def row_text(row: OverviewRow, widths: list[int], scale: tuple[float, float] | None = None) -> Text:
    """The whole row as one Text, the shown columns cut or padded to their widths."""
    cells = (
        text(row.name, "bold"),
        text(SHORT_REGIONS.get(row.region, row.region)),
        badge(row.overall, row.rated),
        text(row.since),
        *(letter(g) for g in row.subs),
        Text(row.caseload),
        Text(sparkline(row.caseloads, widths[KEYS.index("trend")], scale), style="cyan"),
        Text.assemble(line(row.last_date, style="dim"), " ", line(one_line(row.last_summary))),
    )
    fitted = [
        fit(cell, width, "right" if key == "caseload" else "left")
        for cell, key, width in zip(cells, KEYS, widths, strict=True)
        if width
    ]
    return Text(" " * MARGIN) + Text(" " * GAP).join(fitted)
