"""Fixtures for driving the real app with Pilot against real SQLite stores.

Snapshot stability: the date is frozen by passing ``today`` into the app, the
store's recorded timestamps come from a fixed clock while seeding, and
``settle`` waits until the time bar says the answer is shown and for every worker,
then stops cursors blinking.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tests.conftest import TODAY
from tracker.seeding import load_seeds
from tracker.service import Tracker
from tracker.store import environment_for, open_store, resolve_setting
from tui.app import TrackerApp
from tui.screens.base import DataScreen
from tui.widgets.time_bar import TimeBar

SIZE = (160, 50)
SVG_TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
                      r'clip-path="url\(#terminal-(?:\w+-)?line-(\d+)\)">(.*?)</text>', re.S)
CELL_WIDTH = 12.2  # pixels per terminal cell in Textual's SVG screenshots


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Recorded timestamps from a fixed, increasing clock (one second per event)."""
    import eventsourcing.domain as domain

    ticks = itertools.count()
    start = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    monkeypatch.setattr(domain, "datetime_now_with_tzinfo", lambda: start + timedelta(seconds=next(ticks)))


@pytest.fixture
def seeded(store_path: str) -> Iterator[Tracker]:
    """A store holding the bundled seeds, with today frozen."""
    application = open_store(store_path)
    tracker = Tracker(application, today=TODAY)
    load_seeds(tracker)
    yield tracker
    application.close()


@pytest.fixture
def make_app(tmp_path: Path) -> Callable[..., TrackerApp]:
    def build(tracker: Tracker, **options: object) -> TrackerApp:
        settings: dict[str, object] = {"today": TODAY, "poll_interval": 0.2, "export_dir": tmp_path}
        settings.update(options)
        return TrackerApp(tracker, **settings)  # type: ignore[arg-type]

    return build


def quick_lock_tracker(store_path: str) -> Tracker:
    """A tracker whose SQLite writes give up after one second when another process holds the lock."""
    from tracker.application import TrackerApplication

    env = environment_for(resolve_setting(store_path)) | {"SQLITE_LOCK_TIMEOUT": "1"}
    tracker = Tracker(TrackerApplication(env=env), today=TODAY)
    tracker.retry_seconds = 1.0  # give up after one second instead of three lock timeouts
    return tracker


async def wait_for(pilot: Pilot[None], condition: Callable[[], object], timeout: float = 5.0) -> None:
    """Pause until ``condition()`` is true (workers run in threads), or fail."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await pilot.pause(0.02)


def answer_shown(app: TrackerApp) -> bool:
    """The topmost data screen (under any dialog) shows the answer for the app's time
    point: its time bar names the point and no longer carries the busy mark."""
    screens = [screen for screen in app.screen_stack if isinstance(screen, DataScreen)]
    bars = screens[-1].query(TimeBar) if screens else []  # none until the screen is composed
    if not bars:
        return False
    bar = str(bars[0].render()).rstrip()
    return app.point.label() in bar and not bar.endswith("…")


def screen_lines(app: TrackerApp) -> list[str]:
    """What the terminal shows, one string per row, one character per cell (a wide
    character is followed by a space), read from the app's own SVG screenshot."""
    width, height = app.size
    rows = [[" "] * width for _ in range(height)]
    for x, y, text in SVG_TEXT.findall(app.export_screenshot()):
        column = round(float(x) / CELL_WIDTH)
        for char in html.unescape(text).replace("\xa0", " "):
            if column < width and int(y) < height:
                rows[int(y)][column] = char
            column += cell_len(char) or 1
    return ["".join(row) for row in rows]


def notices(app: TrackerApp) -> list[str]:
    """The notifications on screen: each toast's title and message, as shown (the app
    must run with ``run_test(notifications=True)``; Textual's tests leave them out)."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


async def settle(pilot: Pilot[None]) -> None:
    """Let data screens load, then freeze what would make a snapshot flaky."""
    app = pilot.app
    assert isinstance(app, TrackerApp)
    await wait_for(pilot, lambda: answer_shown(app))
    await app.workers.wait_for_complete([w for w in app.workers if w.group != "live"])
    for widget in app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()
