"""The analysis queries' timings (issue 11): `Tracker.inspections` for every council, its
goal, and the section of docs/benchmarks.md that reports it.

Its own module so bench/measure.py and bench/run.py each only call in: one line there per
measurement and per report section.
"""

from __future__ import annotations

import statistics
import time
from datetime import date
from typing import Any

from tracker.service import Tracker

INSPECTIONS_GOAL_S = 1.0  # every council's inspections, at 100k and 1M events


def measure_analysis(tracker: Tracker, today: date, days: list[date]) -> dict[str, Any]:
    """`inspections` at today (every inspection counts) twice, then at a few other days."""
    times, rows = [], 0
    for day in [today, today, *days[:3]]:
        start = time.perf_counter()
        answer = tracker.inspections(as_of=day)
        times.append(time.perf_counter() - start)
        rows = max(rows, len(answer.rows))
    return {"inspections_first_s": times[0], "inspections_p50_s": statistics.median(times),
            "inspections_max_s": max(times), "inspections_rows": rows}


def analysis_verdicts(r: dict[str, Any], size: int) -> list[str]:
    if "inspections_max_s" not in r:
        return []
    worst = r["inspections_max_s"]
    goal = size >= 100_000
    return [f"inspections (all councils, {r['inspections_rows']:,} rows): {worst * 1000:.0f} ms worst"
            + (f": {'met' if worst < INSPECTIONS_GOAL_S else 'NOT met'} (goal < 1 s)" if goal else "")]


def analysis_section(results: dict[int, dict[str, Any]]) -> str:
    """The analysis queries' table: one row per size measured."""
    lines = ["## Analysis queries (issue 11)",
             "`Tracker.inspections(as_of=D)`: every judgement inspection of every council with its "
             "change and the caseloads at fieldwork, from the read model's rows (goal: under 1 s at "
             "100k and 1M events). Timed at today twice (every inspection counts), then at three "
             "random D; first is the first call after the start.", "",
             "| events | rows at today | first | p50 / max |", "|---|---|---|---|"]
    for size, r in results.items():
        if "inspections_max_s" in r:
            lines.append(f"| {size:,} | {r['inspections_rows']:,} | {r['inspections_first_s'] * 1000:.0f} ms "
                         f"| {r['inspections_p50_s'] * 1000:.0f} / {r['inspections_max_s'] * 1000:.0f} ms |")
    return "\n".join(lines) + "\n"
