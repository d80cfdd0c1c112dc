"""Smoke: start the real app in a real terminal (tmux), press keys, read the screen.

Runs `python -m tui` on a fresh default store (so it seeds itself) at 160x50 and
at 80x24, where the overview's header must still be one line.
Skipped when tmux is missing, except on CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


SIZES = [(160, 50), (80, 24)]


@pytest.fixture(params=SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def tmux(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    width, height = request.param
    if shutil.which("tmux") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("tmux is not installed on CI; the smoke test needs it")
        pytest.skip("tmux is not installed")
    session = f"tracker-smoke-{uuid.uuid4().hex[:8]}"
    command = (
        f"env -u TRACKER_STORE -u COLUMNS -u LINES XDG_DATA_HOME={tmp_path / 'data'} TERM=xterm-256color "
        f"{sys.executable} -m tui"
    )
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", str(width), "-y", str(height), "-c", str(REPO),
         command],
        check=True,
    )
    try:
        yield session
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def screen(session: str) -> str:
    done = subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True)
    return done.stdout


def keys(session: str, *pressed: str) -> None:
    for key in pressed:
        subprocess.run(["tmux", "send-keys", "-t", session, key], check=True)
        time.sleep(0.15)


def wait_screen(session: str, *wanted: str, absent: str = "", timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        shown = screen(session)
        if all(w in shown for w in wanted) and not (absent and absent in shown):
            return shown
        if time.monotonic() > deadline:
            raise AssertionError(f"never saw {wanted} (absent {absent!r}) on screen:\n{shown}")
        time.sleep(0.2)


def size_of(session: str) -> tuple[int, int]:
    asked = ["tmux", "display-message", "-p", "-t", session, "#{window_width} #{window_height}"]
    done = subprocess.run(asked, capture_output=True, text=True, check=True)
    width, height = done.stdout.split()
    return int(width), int(height)


def test_real_app_under_tmux(tmux: str) -> None:
    width, _ = size_of(tmux)
    wide = width >= 120
    today = f"as of {date.today().isoformat()}"  # the real app, on the real clock
    # the first start loaded the national record before the UI opened: every council rated
    shown = wait_screen(tmux, today, "Barking and Dagenham", "not inspected 0", "Sources:")
    assert "Council" in shown and "Rating" in shown and "^p palette" in shown
    lines = shown.splitlines()
    header = next(i for i, line in enumerate(lines) if "Council ▲" in line)
    assert "Rating" in lines[header] and "Caseload" in lines[header]  # the whole header on one line
    assert lines[header + 1].startswith(" Barking and Dagenham")  # not a wrapped header
    assert all(len(line) <= width for line in lines)
    keys(tmux, "north east")  # one burst, as fast typing or a paste arrives: the space is filter text
    wait_screen(tmux, "north east", "Darlington", "Gateshead", absent="Barnet")
    keys(tmux, "Escape")  # to the table, the filter kept
    keys(tmux, "Escape")  # on the table: the filter cleared
    wait_screen(tmux, "Barnet")
    keys(tmux, "w", "a", "r", "w")
    shown = wait_screen(tmux, "Warwickshire", absent="Barnet")
    keys(tmux, "Enter")  # Enter in the filter opens the only match
    chart = ["━● Warwickshire", "England"] if wide else []  # stacked at 80 columns: the chart is below
    shown = wait_screen(tmux, "LA 937", "West Midlands", "Good", *chart)
    keys(tmux, "[")  # back to this council's previous event date: an earlier day than today
    wait_screen(tmux, "as of 20", absent=today)
    keys(tmux, "?")
    wait_screen(tmux, "Keys", "previous event date", *(["Retract"] if wide else []))
    keys(tmux, "Escape")  # alone: ESC then a key at once would read as alt+key
    wait_screen(tmux, "LA 937", absent="this list of every key")
    keys(tmux, "a")
    wait_screen(tmux, "Add an event", "Warwickshire", "occurred on")
    keys(tmux, "Escape")  # each Escape alone: two at once can read as alt+escape
    wait_screen(tmux, "LA 937", absent="Add an event")
    keys(tmux, "Escape")
    wait_screen(tmux, "Council ▲", absent="LA 937")
    keys(tmux, "C-q")
    deadline = time.monotonic() + 10
    while subprocess.run(["tmux", "has-session", "-t", tmux], capture_output=True).returncode == 0:
        assert time.monotonic() < deadline, f"the app did not quit on ctrl+q:\n{screen(tmux)}"
        time.sleep(0.2)
