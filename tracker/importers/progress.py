"""A rich progress bar on stderr while a file is imported (stdout stays clean for --json)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tracker.importers.summary import ImportSummary


@contextmanager
def progress_bar(console: Console, label: str) -> Iterator[Callable[[int], Callable[[int], None]]]:
    """Yields `start(total)`, which returns the per-row `advance(n)` callback."""
    columns = (
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar:

        def start(total: int) -> Callable[[int], None]:
            task = bar.add_task(label, total=total)
            return lambda n: bar.advance(task, n)

        yield start


def summary_text(report: ImportSummary) -> str:
    """The headline, then one line per skipped row and per warning."""
    lines = [f"{report.path} ({report.format}): {report.headline()}", *report.detail_lines()]
    return "\n".join(lines)
