"""Layering: the domain and the application never load textual (the CLI stays
fast and the core usable headless); the TUI talks to the tracker through the facade."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import events
import tracker

REPO = Path(__file__).resolve().parents[2]


def run_python(script: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", script]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)


def modules(package: object) -> list[str]:
    path = package.__path__  # type: ignore[attr-defined]
    prefix = package.__name__ + "."  # type: ignore[attr-defined]
    return [m.name for m in pkgutil.walk_packages(path, prefix) if not m.name.endswith("__main__")]


def test_importing_every_core_module_never_loads_textual() -> None:
    names = modules(events) + modules(tracker)
    assert "tracker.service" in names and "events.council" in names
    script = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'textual_plotext', 'tui'))\n"
        "print(','.join(bad))\n"
    )
    done = run_python(script)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_the_check_can_fail() -> None:
    """The same probe sees textual when a module does load it."""
    script = "import sys, tui.app\nprint('textual' in sys.modules)"
    done = run_python(script)
    assert done.stdout.strip() == "True", done.stderr


def test_tui_reaches_the_tracker_only_through_the_facade() -> None:
    """tui/ may import the facade, its typed results and answers (results, neighbour_answer,
    figure_history, comparison, inspection_answer), pure counts and rankings over them (outcomes,
    rankings) and its plain helpers (store, seeding, councils, errors, safe_text, recorded_time,
    likely_duplicates, time_point, palette, and for exports private_files and spreadsheet); never
    the read side, views or the CLI (entry.py dispatches to the CLI)."""
    allowed = {"tracker.service", "tracker.results", "tracker.store", "tracker.seeding", "tracker.councils",
               "tracker.errors", "tracker.safe_text", "tracker.application", "tracker.recorded_time",
               "tracker.likely_duplicates", "tracker.time_point", "tracker.palette",
               "tracker.private_files", "tracker.spreadsheet",
               "tracker.neighbour_answer", "tracker.figure_history", "tracker.comparison",
               "tracker.inspection_answer", "tracker.outcomes", "tracker.rankings",
               # the export writers, over plain values (the same files as the command line's)
               "tracker.exports.files", "tracker.exports.table", "tracker.exports.xlsx_file",
               "tracker.exports.chart_files", "tracker.exports.outcome_chart"}
    found: set[str] = set()
    for path in (REPO / "tui").rglob("*.py"):
        if path.name == "entry.py":  # the console script hands commands to the CLI
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tracker"):
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("tracker"))
    assert found and found <= allowed, found - allowed
