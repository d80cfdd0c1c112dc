"""The analysis queries' timings (issue 11): `Tracker.inspections` for every council, a
council's neighbours and a comparison of councils, their goals, and the section of
docs/benchmarks.md that reports them.

Its own module so bench/measure.py and bench/run.py each only call in: one line there per
measurement and per report section.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date
from typing import Any

from tracker.councils import current_authorities
from tracker.errors import UserError
from tracker.service import Tracker

INSPECTIONS_GOAL_S = 1.0  # every council's inspections, at 100k and 1M events
QUERY_GOAL_S = 0.020  # one council's neighbours; a comparison of two to six councils
MODEL_DAYS = (date(2022, 6, 30), date(2026, 6, 30))  # under the April 2021 groupings; the 2025 model


def measure_neighbours_and_compare(tracker: Tracker, rng: random.Random, count: int = 30) -> dict[str, Any]:
    """`neighbours` of random councils and `compare` of two to six random councils, each at a
    day under each model (a council a model does not list is skipped, as the CLI refuses it)."""
    codes = [a.la_code for a in current_authorities()]
    near, compared = [], []
    for n in range(count):
        day = MODEL_DAYS[n % 2]
        start = time.perf_counter()
        try:
            tracker.neighbours(rng.choice(codes), as_of=day)
            near.append(time.perf_counter() - start)
        except UserError:
            pass
        chosen = rng.sample(codes, rng.randint(2, 6))
        start = time.perf_counter()
        tracker.compare(chosen, as_of=day)
        compared.append(time.perf_counter() - start)
    return {"neighbours_p50_s": statistics.median(near), "neighbours_max_s": max(near),
            "compare_p50_s": statistics.median(compared), "compare_max_s": max(compared)}


def measure_analysis(tracker: Tracker, today: date, days: list[date]) -> dict[str, Any]:
    """`inspections` at today (every inspection counts) twice, then at a few other days."""
    times, rows = [], 0
    for day in [today, today, *days[:3]]:
        start = time.perf_counter()
        answer = tracker.inspections(as_of=day)
        times.append(time.perf_counter() - start)
        rows = max(rows, len(answer.rows))
    return {"inspections_first_s": times[0], "inspections_p50_s": statistics.median(times),
            "inspections_max_s": max(times), "inspections_rows": rows,
            **measure_neighbours_and_compare(tracker, random.Random(11))}


def analysis_verdicts(r: dict[str, Any], size: int) -> list[str]:
    if "inspections_max_s" not in r:
        return []
    worst = r["inspections_max_s"]
    goal = size >= 100_000
    found = [f"inspections (all councils, {r['inspections_rows']:,} rows): {worst * 1000:.0f} ms worst"
             + (f": {'met' if worst < INSPECTIONS_GOAL_S else 'NOT met'} (goal < 1 s)" if goal else "")]
    for name, key in (("neighbours", "neighbours_max_s"), ("compare", "compare_max_s")):
        if key in r:
            slowest = r[key]
            verdict = f": {'met' if slowest < QUERY_GOAL_S else 'NOT met'} (goal < 20 ms)" if goal else ""
            found.append(f"{name}: {slowest * 1000:.1f} ms worst{verdict}")
    return found


def analysis_section(results: dict[int, dict[str, Any]]) -> str:
    """The analysis queries' table: one row per size measured."""
    lines = ["## Analysis queries (issue 11)",
             "`Tracker.inspections(as_of=D)`: every judgement inspection of every council with its "
             "change and the caseloads at fieldwork, from the read model's rows (goal: under 1 s at "
             "100k and 1M events). Timed at today twice (every inspection counts), then at three "
             "random D; first is the first call after the start. `Tracker.neighbours` of 30 random "
             "councils and `Tracker.compare` of 30 random sets of two to six, at a day under each "
             "neighbour model (goal: under 20 ms each).", "",
             "| events | rows at today | inspections first | inspections p50 / max | neighbours p50 / max "
             "| compare p50 / max |", "|---|---|---|---|---|---|"]
    for size, r in results.items():
        if "inspections_max_s" in r:
            near = (f"{r['neighbours_p50_s'] * 1000:.1f} / {r['neighbours_max_s'] * 1000:.1f} ms"
                    if "neighbours_max_s" in r else "")
            compared = (f"{r['compare_p50_s'] * 1000:.1f} / {r['compare_max_s'] * 1000:.1f} ms"
                        if "compare_max_s" in r else "")
            lines.append(f"| {size:,} | {r['inspections_rows']:,} | {r['inspections_first_s'] * 1000:.0f} ms "
                         f"| {r['inspections_p50_s'] * 1000:.0f} / {r['inspections_max_s'] * 1000:.0f} ms "
                         f"| {near} | {compared} |")
    return "\n".join(lines) + "\n"
