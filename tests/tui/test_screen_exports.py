"""The UI's exports beyond CSV, driven with Pilot through the command palette: the table on
screen as an Excel workbook (read back with openpyxl), and the caseload chart of the council
or comparison on screen as PNG (a valid image of the report size) and SVG, never over an
earlier file; a screen with no chart says so and writes nothing. On the Caseloads and ratings
screen the chart of caseload against outcome goes the same way, and the notice names the file;
at a date with nothing to draw it is refused with a notice and nothing is written."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl

from tests.images import png_size
from tracker.outcomes import outcome_table
from tracker.service import Tracker
from tracker.time_point import TimePoint
from tui.app import TrackerApp
from tui.screens.caseloads_ratings import CaseloadsRatingsScreen
from tui.screens.comparison import ComparisonScreen
from tui.screens.council import CouncilScreen
from tui.screens.overview import OverviewScreen

from .conftest import notices, wait_for
from .test_palette_and_help import SIZE, palette, ready


def exporting_app(make_app: Callable[..., TrackerApp], seeded: Tracker,
                  tmp_path: Path) -> tuple[TrackerApp, Path]:
    """The app on the seeded store, exporting into a new, empty folder."""
    out = tmp_path / "exports"
    out.mkdir()
    return make_app(seeded, export_dir=out), out


async def test_the_overview_table_goes_to_a_workbook(
    seeded: Tracker, make_app: Callable[..., TrackerApp], tmp_path: Path
) -> None:
    app = make_app(seeded, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, ready(app))
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        await palette(pilot, app, "Export table to Excel")
        written = tmp_path / "councils-2026-11-23.xlsx"
        await wait_for(pilot, written.exists, timeout=10)
        sheet = openpyxl.load_workbook(written).worksheets[0]
        cells = [[c.value for c in row] for row in sheet.iter_rows()]
        top = next(i for i, row in enumerate(cells) if row[0] == "la_code")
        body = cells[top + 1:]
        assert len(body) == len(screen.shown) == 153
        assert [row[1] for row in body] == [r.name for r in screen.shown]
        assert "Sources" in openpyxl.load_workbook(written).sheetnames


async def test_an_export_at_a_known_on_date_names_it_as_the_command_line_does(
    seeded: Tracker, make_app: Callable[..., TrackerApp], tmp_path: Path
) -> None:
    """Two exports of one as-of date, known on different days, are never taken for one
    another: the file name says the known-on date (tracker/time_point.py's stem)."""
    app, out = exporting_app(make_app, seeded, tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(pilot, ready(app))
        app.point = TimePoint(date(2024, 3, 31), date(2024, 1, 1))
        await wait_for(pilot, ready(app))
        await pilot.press("ctrl+e")
        await palette(pilot, app, "Export table to Excel")
        stem = "councils-2024-03-31-known-2024-01-01"
        await wait_for(pilot, lambda: (out / f"{stem}.csv").exists() and (out / f"{stem}.xlsx").exists(),
                       timeout=10)
        assert sorted(path.name for path in out.iterdir()) == [f"{stem}.csv", f"{stem}.xlsx"]
        sheet = openpyxl.load_workbook(out / f"{stem}.xlsx").worksheets[0]
        said = " ".join(str(c.value) for row in sheet.iter_rows(max_row=3) for c in row if c.value)
        assert "as of 2024-03-31" in said and "known on 2024-01-01" in said


async def test_a_table_filtered_to_nothing_is_named_as_a_table_of_no_rows(
    seeded: Tracker, make_app: Callable[..., TrackerApp], tmp_path: Path
) -> None:
    """Its notice once read "exported the chart": no rows was taken for a chart's export."""
    app, out = exporting_app(make_app, seeded, tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(pilot, ready(app))
        await pilot.press(*"zzzz")  # no council
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        await wait_for(pilot, lambda: not screen.shown)
        await pilot.press("ctrl+e")
        written = out / "councils-2026-11-23.csv"
        await wait_for(pilot, lambda: any(f"exported 0 rows to {written}" in n for n in notices(app)))
        lines = written.read_text(encoding="utf-8").splitlines()
        assert len(lines) == 1 and lines[0].startswith("la_code,Council,")  # the header alone
        assert not any("the chart" in n for n in notices(app))


async def test_the_chart_on_screen_goes_to_png_and_svg_never_over_another(
    seeded: Tracker, make_app: Callable[..., TrackerApp], tmp_path: Path
) -> None:
    app, out = exporting_app(make_app, seeded, tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(pilot, ready(app))
        await palette(pilot, app, "Export chart as PNG")  # the overview has no chart
        await wait_for(pilot, lambda: any("no chart on this screen" in n for n in notices(app)))
        assert list(out.iterdir()) == []
        app.open_council("937")
        await wait_for(pilot, lambda: isinstance(app.screen, CouncilScreen) and ready(app)(), timeout=10)
        for _ in range(2):
            await palette(pilot, app, "Export chart as PNG")
            await pilot.pause(0.3)
        first = out / "caseloads-warwickshire-2026-11-23.png"
        second = out / "caseloads-warwickshire-2026-11-23-2.png"
        await wait_for(pilot, lambda: first.exists() and second.exists(), timeout=20)
        assert png_size(first.read_bytes()) == (1200, 675)
        app.open_comparison(["937", "319"])
        await wait_for(pilot, lambda: isinstance(app.screen, ComparisonScreen) and ready(app)(), timeout=10)
        await palette(pilot, app, "Export chart as SVG")
        svg = out / "comparison-warwickshire-sutton-2026-11-23.svg"
        await wait_for(pilot, svg.exists, timeout=20)
        assert ET.parse(svg).getroot().tag.endswith("svg")
        text = svg.read_text(encoding="utf-8")  # matplotlib names each drawn string in a comment
        assert "Caseloads: Warwickshire, Sutton, as of 2026-11-23" in text  # the title names both


async def test_the_caseloads_and_ratings_chart_goes_to_png_and_svg_and_says_where(
    seeded: Tracker, make_app: Callable[..., TrackerApp], tmp_path: Path
) -> None:
    app, out = exporting_app(make_app, seeded, tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(pilot, ready(app))
        await pilot.press("ctrl+k")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseloadsRatingsScreen) and ready(app)(),
                       timeout=15)
        await palette(pilot, app, "Export chart as PNG")
        png = out / "outcomes-by-caseload-2026-11-23.png"
        await wait_for(pilot, png.exists, timeout=20)
        assert png_size(png.read_bytes()) == (1200, 675)
        await wait_for(pilot, lambda: any(f"exported the chart to {png}" in n for n in notices(app)))
        await palette(pilot, app, "Export chart as SVG")
        svg = out / "outcomes-by-caseload-2026-11-23.svg"
        await wait_for(pilot, svg.exists, timeout=20)
        assert ET.parse(svg).getroot().tag.endswith("svg")
        counted = outcome_table(seeded.inspections(app.point.as_of, app.point.known).rows)
        text = svg.read_text(encoding="utf-8")
        assert "as of 2026-11-23, known on 2026-11-23" in text
        drawn = sum(int(n) for n in re.findall(r"\((\d+) inspections?\)", text))
        assert drawn == counted.counted > 0  # every inspection the table counts, in the legend
        await wait_for(pilot, lambda: any(f"exported the chart to {svg}" in n for n in notices(app)))
        assert sorted(p.name for p in out.iterdir()) == [png.name, svg.name]

        screen = app.screen
        assert isinstance(screen, CaseloadsRatingsScreen)
        early = date(2005, 3, 31)  # before any inspection with an outcome and a caseload
        app.go_to(early)
        await wait_for(pilot, lambda: ready(app)() and getattr(screen.shown_at, "as_of", None) == early,
                       timeout=15)
        await palette(pilot, app, "Export chart as PNG")
        await wait_for(pilot, lambda: any("export failed: no inspection with an outcome" in n
                                          and "no chart written" in n for n in notices(app)), timeout=20)
        assert sorted(p.name for p in out.iterdir()) == [png.name, svg.name]  # nothing more written
