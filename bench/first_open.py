"""How long a council screen's first open takes on a synthetic store (issue 14).

    python -m bench.first_open --sizes 100000 --data-dir /tmp/bench

For each size it opens the store as the UI does (the overview first, so the read model
is loaded), then opens the councils with the longest streams, each for the first time:
``Backend.council`` (what the council screen's worker asks the tracker for) and then the
timeline rows the screen's worker draws from it (tui/widgets/timeline.py: the page the
cursor lands on, at 100 columns, without a terminal). Times are wall-clock medians and
maxima in milliseconds. Stores are made by bench/synth.py, once per size, under --data-dir.

    python -m bench.first_open --app --sizes 1000000 --data-dir /tmp/bench

With --app it runs the real app headless (160x50, driven as a user would): app start to
the overview painted, then Enter on the council with the longest stream to its screen
painted, while the overview's other workers (the sources line) run as they do for a user:
when the card and chart arrive (from the index), when the first screen is painted with
the timeline's last page (read by version), and when the whole timeline is.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console

from bench import synth
from tracker.service import Tracker
from tracker.store import open_store
from tracker.time_point import TimePoint
from tui.backend import Backend
from tui.widgets.timeline import PREDRAWN, DrawnRows, entries

WIDTH = 100
POLL = 0.02  # seconds between looks at the app (a tighter loop takes the GIL from its workers)


def _sound_fact(fact: Any) -> Any:
    """synth.fact, with the care leavers judgement absent before 2023 (the domain's rule;
    a store made before the rule still reads)."""
    def made(rng: Any, kind: Any, when: date, serial: int) -> dict[str, Any]:
        fields: dict[str, Any] = fact(rng, kind, when, serial)
        if "care_leavers" in fields and when < date(2023, 1, 1):
            fields["care_leavers"] = None
        return fields
    return made


def ensure_store(size: int, data_dir: Path) -> Path:
    path = data_dir / f"synthetic-{size}.db"
    if not path.exists():
        part = Path(f"{path}.part")
        part.unlink(missing_ok=True)
        synth.fact = _sound_fact(synth.fact)  # type: ignore[assignment]
        app = open_store(str(part))
        synth.generate(app, size)
        app.close()
        for suffix in ("", "-wal", "-shm"):
            made = Path(f"{part}{suffix}")
            if made.exists():
                made.rename(Path(f"{path}{suffix}"))
    return path


def draw_timeline(backend_view: Any, as_of: date, console: Console) -> int:
    """The timeline rows the council screen's worker draws (the page the cursor lands on;
    the rest are drawn when scrolled to), counted."""
    rows = entries(backend_view, as_of)
    drawn = DrawnRows(rows, WIDTH, console, {})
    for index in range(max(0, len(rows) - PREDRAWN), len(rows)):
        drawn.row(index)
    return len(rows)


def measure(size: int, data_dir: Path, councils: int) -> dict[str, Any]:
    path = ensure_store(size, data_dir)
    app = open_store(str(path))
    tracker = Tracker(app)
    backend = Backend(tracker)
    point = TimePoint(tracker.today)
    console = Console(width=WIDTH, file=open("/dev/null", "w"))  # noqa: SIM115
    started = time.perf_counter()
    backend.overview(point)
    overview_ms = (time.perf_counter() - started) * 1000
    model = tracker.read_model.ready()
    longest = sorted(model.councils, key=lambda code: -len(model.councils[code].positions))[:councils]
    opens, draws, rows = [], [], []
    for code in longest:
        started = time.perf_counter()
        view = backend.council(code, point)
        opened = time.perf_counter()
        rows.append(draw_timeline(view, point.as_of, console))
        done = time.perf_counter()
        opens.append((opened - started) * 1000)
        draws.append((done - opened) * 1000)
    backend.close()
    tracker.close()
    app.close()
    return {
        "size": size,
        "overview_ms": round(overview_ms),
        "stream_events": [len(model.councils[c].positions) for c in longest],
        "timeline_rows": rows,
        "council_ms": {"median": round(statistics.median(opens)), "max": round(max(opens))},
        "draw_rows_ms": {"median": round(statistics.median(draws)), "max": round(max(draws))},
    }


async def open_in_app(path: Path, councils: int) -> dict[str, Any]:
    """App start to overview painted; Enter on the overview to the council screen painted."""
    from tui.app import TrackerApp
    from tui.screens.council import CouncilScreen
    from tui.screens.overview import OverviewScreen
    from tui.widgets.row_table import RowTable

    app_store = open_store(str(path))
    tracker = Tracker(app_store)
    app = TrackerApp(tracker, poll_interval=0)
    opens: list[float] = []
    firsts: list[float] = []
    pages: list[float] = []
    # when the screen took its first part, and when its first timeline page was painted
    # (the polling below may lag them: a worker decoding the stream holds the interpreter)
    marks: dict[str, float] = {}
    shown = CouncilScreen.apply

    def timed_apply(screen: CouncilScreen, point: Any, data: Any) -> None:
        marks.setdefault("card", time.perf_counter())
        shown(screen, point, data)
        if data[1] is not None and "page" not in marks:
            screen._compositor.render_update(full=True)  # the first screen with its timeline page
            marks["page"] = time.perf_counter()

    CouncilScreen.apply = timed_apply  # type: ignore[method-assign,assignment]
    started = time.perf_counter()
    async with app.run_test(size=(160, 50)) as pilot:
        while not isinstance(app.screen, OverviewScreen) or app.screen.dirty:
            await asyncio.sleep(POLL)
        app.screen._compositor.render_update(full=True)
        overview_ms = (time.perf_counter() - started) * 1000
        model = tracker.read_model.ready()
        longest = sorted(model.councils, key=lambda code: -len(model.councils[code].positions))
        for code in longest[:councils]:
            table = app.screen.query_one("#councils", RowTable)
            table.cursor_row = table.keys.index(code)
            await pilot.pause()
            marks.clear()
            started = time.perf_counter()
            await pilot.press("enter")
            while not isinstance(app.screen, CouncilScreen) or app.screen.view is None:
                await asyncio.sleep(POLL)
            app.screen._compositor.render_update(full=True)  # card and chart, from the index
            firsts.append((marks["card"] - started) * 1000)
            while app.screen.dirty:
                await asyncio.sleep(POLL)
            app.screen._compositor.render_update(full=True)  # the frame the user sees
            opens.append((time.perf_counter() - started) * 1000)
            pages.append((marks["page"] - started) * 1000)
            await pilot.press("escape")
            while not isinstance(app.screen, OverviewScreen):
                await asyncio.sleep(POLL)
    tracker.close()
    app_store.close()
    return {"overview_painted_ms": round(overview_ms),
            "enter_to_card_and_chart_applied_ms": [round(t) for t in firsts],
            "enter_to_first_screen_painted_ms": [round(t) for t in pages],
            "enter_to_council_painted_ms": [round(t) for t in opens]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000", help="comma-separated event counts")
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/tracker-bench"))
    parser.add_argument("--councils", type=int, default=5, help="how many councils to open")
    parser.add_argument("--app", action="store_true", help="in the real app: Enter to screen painted")
    args = parser.parse_args(argv)
    args.data_dir.mkdir(parents=True, exist_ok=True)
    for size in (int(s) for s in args.sizes.split(",")):
        if args.app:
            found = asyncio.run(open_in_app(ensure_store(size, args.data_dir), args.councils))
            print(json.dumps({"size": size, **found}), flush=True)
        else:
            print(json.dumps(measure(size, args.data_dir, args.councils)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
