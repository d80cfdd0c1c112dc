"""What the export keys and commands do: pick the table or chart on screen, write it in a
thread worker, and name the file (or the error) in a notice.

Apart from app.py, which only routes keys to it; the file writers are tui/export.py.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.errors import UserError
from tracker.safe_text import visible
from tui import export
from tui.messages import ExportFinished
from tui.screens.base import DataScreen

if TYPE_CHECKING:
    from tui.app import TrackerApp


class Exporter:
    """The app's exports, into its export folder."""

    def __init__(self, app: TrackerApp) -> None:
        self.app = app

    def _table_screen(self) -> DataScreen[Any] | None:
        """The screen whose table an export writes, when its answer is on screen in full."""
        screen = self.app.screen
        if not isinstance(screen, DataScreen):
            self.app.notify("nothing to export here", severity="warning")
            return None
        if screen.dirty:  # a part of the answer (or an older time point's) is all it shows
            self.app.notify("still reading: export once the screen is up to date", severity="warning")
            return None
        return screen

    def csv(self) -> None:
        """The table on screen as CSV."""
        screen = self._table_screen()
        if screen is None:
            return
        headers, rows = screen.export_table()
        name = f"{screen.council_code or 'councils'}-{self.app.point.stem()}.csv"
        self._write(partial(export.write_csv, self.app.export_dir / name, headers, rows), len(rows))

    def xlsx(self) -> None:
        """The table on screen as an Excel workbook."""
        screen = self._table_screen()
        if screen is None:
            return
        headers, rows = screen.export_table()
        point = self.app.point
        path = self.app.export_dir / f"{screen.council_code or 'councils'}-{point.stem()}.xlsx"
        title = screen.sub_title or screen.title or "Table"
        self._write(partial(export.write_xlsx, path, title, headers, rows, point), len(rows))

    def chart(self, fmt: str) -> None:
        """The chart on screen as PNG or SVG: a council's (or a comparison's) caseloads, or
        Caseloads and ratings' caseload against outcome."""
        app, screen = self.app, self.app.screen
        drawn = screen.chart_file() if isinstance(screen, DataScreen) else None
        codes = screen.chart_councils() if isinstance(screen, DataScreen) else []
        if drawn is None and codes:
            drawn = partial(app.backend.write_chart, codes, app.point)  # reads and draws in the worker
        if drawn is None:
            app.notify("no chart on this screen: open a council, a comparison or Caseloads and ratings",
                       severity="warning")
            return
        self._write(partial(drawn, fmt, app.export_dir))

    def _write(self, write: Callable[[], Path], rows: int | None = None) -> None:
        """``write`` run in a thread worker (``rows``: the table's; None: a chart)."""
        self.app.run_worker(partial(self._written, write, rows), thread=True, group="export",
                            exit_on_error=False)

    def _written(self, write: Callable[[], Path], rows: int | None) -> None:
        """In a worker: one export's writing, then its outcome posted to the app."""
        try:
            written = write()
        except (OSError, UserError) as error:
            self.app.post_message(ExportFinished(None, rows, visible(error)))
        else:
            self.app.post_message(ExportFinished(written, rows))

    def finished(self, message: ExportFinished) -> None:
        """The notice: the file and its rows, or why it was not written."""
        if message.error is not None:
            self.app.notify(f"export failed: {message.error}", severity="error", markup=False)
        else:
            what = "the chart" if message.rows is None else f"{message.rows} rows"
            self.app.notify(f"exported {what} to {visible(message.path)}", title="Export", markup=False)
