"""Charts you can read: the legend on a row of its own, a y axis that spans the
figures, the widget's whole height used, words when there is no figure, and one
scale for every sparkline on the overview."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tracker.service import Tracker
from tui.app import TrackerApp
from tui.backend import caseload_point
from tui.present import BARS, sparkline
from tui.screens.council import CouncilScreen
from tui.screens.overview import OverviewScreen
from tui.widgets.caseload_chart import CaseloadChart

from .conftest import wait_for

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "importers" / "csww_indicators_2017_to_2019.csv"
TICK = re.compile(r"^\s*(\d+(?:\.\d+)?)┤")


@pytest.fixture
def with_england(seeded: Tracker) -> Iterator[Tracker]:
    """The seeds plus the DfE's figures for 2017 to 2019: England's line on the chart."""
    seeded.import_file(FIXTURE)
    yield seeded


async def open_council(pilot: Pilot[None], app: TrackerApp, code: str) -> CaseloadChart:
    app.open_council(code)
    await wait_for(pilot, lambda: isinstance(app.screen, CouncilScreen) and not app.screen.dirty)
    await pilot.pause()
    return app.screen.query_one(CaseloadChart)


def chart_lines(chart: CaseloadChart) -> list[str]:
    rendered = chart.render()
    return rendered.plain.split("\n")  # type: ignore[union-attr]


async def test_the_legend_has_its_own_row_and_the_axis_spans_the_figures(
    with_england: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(with_england, poll_interval=0)
    async with app.run_test(size=(160, 48)) as pilot:
        chart = await open_council(pilot, app, "937")
        lines = chart_lines(chart)
        assert "Warwickshire" in lines[0] and "England" in lines[0]  # the legend, above the plot
        plot = lines[1:]
        assert not any(word in line for line in plot for word in ("England", "national", "regional",
                                                                 "council", "Warwickshire"))
        assert any("RI" in line for line in plot) and any("▼ now" in line for line in plot)
        ticks = [float(m[1]) for line in plot if (m := TICK.match(line))]
        view = app.screen.view  # type: ignore[attr-defined]
        figures = [caseload_point(c) for c in view.shown["caseloads"]]
        figures += [v for series in view.lines.values() for _, v in series]
        assert min(ticks) > 0 and min(ticks) <= min(figures)  # not 0 to the maximum
        spread = max(figures) - min(figures)
        assert max(figures) <= max(ticks) <= max(figures) + 0.3 * spread + 2
        # the whole height: one text row per row of the widget, more than the old fixed 15
        assert len(lines) == chart.size.height > 15


async def test_no_figures_at_the_date_says_so(
    with_england: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(with_england, poll_interval=0)
    async with app.run_test(size=(160, 48)) as pilot:
        app.go_to(date(2015, 6, 30))
        chart = await open_council(pilot, app, "937")
        text = "\n".join(chart_lines(chart))
        assert "No caseload figures for Warwickshire by 2015-06-30" in text
        assert "┤" not in text  # no empty axis


def test_sparklines_share_one_scale() -> None:
    assert sparkline([19.3, 19.6]) == "▁█"  # each on its own range: a jump out of nothing
    flat = sparkline([19.3, 19.6], scale=(10.0, 30.0))
    assert len(set(flat)) == 1 or abs(BARS.index(flat[0]) - BARS.index(flat[1])) <= 1


async def test_the_overviews_sparklines_share_one_scale_and_say_it(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    for as_at, caseload in (("2022-09-30", "19.3"), ("2023-09-30", "19.6"), ("2023-09-30", "12")):
        council = "Sutton" if caseload != "12" else "Swindon"
        seeded.add(council, "workforce", {"as_at": as_at, "caseload": caseload,
                                          "source": {"publisher": "DfE", "title": "Workforce"}})
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen) and not app.screen.dirty)
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        assert screen.scale == (12.0, 25.0)  # Warwickshire's 2018 range, 24-26, at its middle
        assert "Trend 12–25" in screen.header_line()  # the scale, in whole cases (outward)
        sutton = next(r for r in screen.shown if r.name == "Sutton")
        line = "".join(s.text for s in screen.strips[sutton.la_code])
        bars = [c for c in line if c in BARS]
        assert len(bars) == 2 and abs(BARS.index(bars[0]) - BARS.index(bars[1])) <= 1  # not ▁█
