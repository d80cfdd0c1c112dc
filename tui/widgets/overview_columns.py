"""The overview's columns and how they fit a terminal of any width.

At 160 columns every column shows and the last event takes what is left. On a
narrower terminal columns are shortened or dropped in a fixed order (``MOVES``),
least needed first, so the header never wraps: the council and its rating go last.
Widths are a list parallel to ``COLUMNS``; 0 means the column is not shown. A header is
never cut: each column declares its labels, longest first, and shows the longest that fits
with the sort arrow (``Lead`` sorted is ``Ld ▲``); no column is narrower than its shortest
label and the arrow.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, NamedTuple

from rich.text import Text

from tracker.rankings import ranked
from tracker.safe_text import one_line
from tui.backend import OverviewRow, shown_day
from tui.present import badge, fit, grade_key, letter, line, sparkline, text


class Column(NamedTuple):
    key: str
    labels: tuple[str, ...]  # the header's words, longest first: the longest that fits is shown
    sort: Callable[[OverviewRow], Any]  # a sort key; for a ranked column, its number or None
    width: int  # 0: what is left
    ranked: bool = False  # sorted by tracker.rankings.ranked: no value last, ties by name


COLUMNS: tuple[Column, ...] = (
    Column("name", ("Council",), lambda r: r.name.casefold(), 32),
    Column("region", ("Region",), lambda r: (r.region, r.name), 15),
    Column("rating", ("Rating",), lambda r: (grade_key(r.overall), not r.rated, r.name), 14),
    Column("since", ("Since",), lambda r: (shown_day(r.since) or date.min, r.name), 10),
    Column("months", ("Mths", "Mo"), lambda r: r.months, 4, ranked=True),
    Column("leaders", ("Lead", "Ld"), lambda r: (grade_key(r.subs[0]), r.name), 4),
    Column("help", ("Help", "Hp"), lambda r: (grade_key(r.subs[1]), r.name), 4),
    Column("care", ("Care", "Cr"), lambda r: (grade_key(r.subs[2]), r.name), 4),
    Column("leavers", ("Leav", "Lv"), lambda r: (grade_key(r.subs[3]), r.name), 4),
    Column("caseload", ("Caseload", "Cases"), lambda r: r.caseloads[-1] if r.caseloads else None, 8,
           ranked=True),
    Column("quartile", ("Qrt", "Q"), lambda r: r.quartile, 3, ranked=True),
    Column("change", ("±1y",), lambda r: r.change_1y, 5, ranked=True),
    Column("change2", ("±2y",), lambda r: r.change_2y, 5, ranked=True),
    Column("trend", ("Trend",), lambda r: (len(r.caseloads), r.name), 12),
    Column("last", ("Last event",), lambda r: (shown_day(r.last_date) or date.min, r.name), 0),
)
KEYS = tuple(c.key for c in COLUMNS)
LABELS = {c.key: c.labels[0] for c in COLUMNS}
NUMERIC = frozenset({"months", "caseload", "quartile", "change", "change2"})  # right-aligned
RANKINGS = {"caseload": "caseload", "caseload-change": "change", "caseload-change-2y": "change2",
            "since-inspection": "months"}  # tracker.rankings.SORT_KEYS -> the column showing it
SUBS = ("leaders", "help", "care", "leavers")
LAST_MIN = 16  # narrower than this, the last event is not worth showing
ARROW = 2  # " ▲": every shown column is at least its shortest label and the arrow wide
MOVES: tuple[tuple[tuple[str, ...], int], ...] = (  # (columns, new width: 0 drops), in order
    (("last",), 0),
    (("trend",), 0),
    (("change2",), 0),
    (("name",), 26),
    (("name",), 22),
    (("months",), 0),
    (("change",), 0),
    (("quartile",), 0),
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
    widths = [c.width or LAST_MIN for c in COLUMNS]
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
        widths[name] = min(COLUMNS[name].width, widths[name] + spare)
    return widths


def header_label(column: Column, width: int, arrow: str = "", preferred: str | None = None) -> str:
    """The longest of the column's labels (``preferred`` first) that fits ``width`` with the
    sort arrow: a header is abbreviated by a declared word, never cut."""
    for label in ((preferred,) if preferred else ()) + column.labels:
        if len(label + arrow) <= width:
            return label + arrow
    raise ValueError(f"column {column.key!r} is too narrow ({width}) for its shortest label")


def header_text(
    widths: list[int], sort_key: str, reverse: bool, labels: dict[str, str] | None = None
) -> Text:
    """The header line; the sorted column carries ▲ or ▼."""
    cells = []
    for column, width in zip(COLUMNS, widths, strict=True):
        if not width:
            continue
        arrow = (" ▼" if reverse else " ▲") if column.key == sort_key else ""
        label = header_label(column, width, arrow, (labels or {}).get(column.key))
        cells.append(fit(Text(label, style="bold"), width, "right" if column.key in NUMERIC else "left"))
    return Text(" " * MARGIN) + Text(" " * GAP).join(cells)


def ordered(rows: list[OverviewRow], key: str, reverse: bool) -> list[OverviewRow]:
    """Rows sorted by a column; a ranked column puts rows without a value last either way
    and breaks ties by name (tracker.rankings.ranked)."""
    column = COLUMNS[KEYS.index(key)]
    if column.ranked:
        return ranked(rows, lambda r: r.name, column.sort, reverse)
    return sorted(rows, key=column.sort, reverse=reverse)


def signed(value: float | None) -> Text:
    """A change in caseload to one decimal (`+1.2`, `−0.4`, `0.0`); a dim dash when unknown."""
    if value is None:
        return Text("—", style="dim")
    return Text(f"{value:+.1f}".replace("-", "−") if round(value, 1) else "0.0")


def count(value: int | None) -> Text:
    return Text("—", style="dim") if value is None else Text(str(value))


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
        count(row.months),
        *(letter(g) for g in row.subs),
        Text(row.caseload),
        count(row.quartile),
        signed(row.change_1y),
        signed(row.change_2y),
        Text(sparkline(row.caseloads, widths[KEYS.index("trend")], scale), style="cyan"),
        Text.assemble(line(row.last_date, style="dim"), " ", line(one_line(row.last_summary))),
    )
    fitted = [
        fit(cell, width, "right" if key in NUMERIC else "left")
        for cell, key, width in zip(cells, KEYS, widths, strict=True)
        if width
    ]
    return Text(" " * MARGIN) + Text(" " * GAP).join(fitted)
