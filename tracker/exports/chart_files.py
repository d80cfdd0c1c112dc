"""A council's caseload chart, or a comparison's, written as a new PNG or SVG file: what the
command line's `chart` and `compare --png` and the UI's chart export share, with the rule
that a chart with no figure to draw is refused, not written empty.

matplotlib loads only here, when a chart is drawn: other commands start fast."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tracker.errors import UserError
from tracker.exports.chart_data import caseload_chart, comparison_chart
from tracker.results import CouncilSummary
from tracker.time_point import TimePoint


def write_caseload_charts(summaries: Sequence[CouncilSummary], when: TimePoint, folder: Path | str,
                          fmt: str) -> Path:
    """One council's chart (its lines beside England's and its region's, its inspections
    marked), or several councils' lines with England's; returns the full path written."""
    from tracker.exports.charts import write_chart

    if not any(s.caseloads for s in summaries):
        names = " and ".join(s.council.name for s in summaries)
        raise UserError(f"{names} {'has' if len(summaries) == 1 else 'have'} no caseload figures "
                        f"{', '.join(when.words())}: no chart written")
    if len(summaries) == 1:
        only = summaries[0]
        return write_chart(caseload_chart(only, when), folder, fmt, "caseloads", only.council.name)
    names = "-".join(s.council.name for s in summaries)
    return write_chart(comparison_chart(summaries, when), folder, fmt, "comparison", names)
