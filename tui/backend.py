"""The TUI's only door to the tracker: the ``Tracker`` facade behind a lock.

Every method here blocks on storage, so the app calls them from thread
workers only. Nothing here imports textual: the rows it returns are plain
values, shaped once for the table, the strip and the council screen.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from events.dates import end_of
from events.timing import happened_on, when_text
from events.vocabulary import SUB_JUDGEMENTS, Kind
from tracker.comparison import Comparison
from tracker.councils import Authority, resolve
from tracker.errors import UserError
from tracker.figure_history import FigureHistory
from tracker.inspection_answer import InspectionsAnswer
from tracker.neighbour_answer import NeighboursAnswer
from tracker.rankings import standings
from tracker.results import CouncilSummary, Figure, Standing
from tracker.service import Tracker
from tracker.time_point import TimePoint

NOTICE_LIMIT = 500  # name at most this many new events in a live notice


def shown_day(text: str | None) -> date | None:
    """The day a shown date counts on ("by 2017-07-14": on or before that day); None if none."""
    text = text.removeprefix("by ") if text else None
    return end_of(text) if text and text != "?" else None


def happened(event: dict[str, Any]) -> date:
    """The day a fact (a ``show`` event entry) has surely happened by."""
    return happened_on(event["occurred_on"], event["published_on"])


def caseload_text(entry: dict[str, Any] | None) -> str:
    """17, 24–26, ≥20 or ≤15: a range is never shown as one invented number."""
    from events.figures import caseload_text as words  # the domain's one wording

    return words(entry)


def caseload_point(entry: dict[str, Any]) -> float:
    """The number a chart plots for a ``show`` caseload entry (tracker/results.py's Figure)."""
    return Figure(entry.get("value"), entry.get("low"), entry.get("high")).point


@dataclass(frozen=True)
class OverviewRow:
    """One council on the overview at the current time point."""

    la_code: str
    name: str
    region: str
    rated: bool  # an inspection counts (it may have no overall grade)
    overall: str | None
    since: str  # when the rating that counts was published (or ended, or started)
    subs: tuple[str | None, ...]
    caseload: str
    caseloads: tuple[float, ...]
    last_date: str
    last_summary: str
    quartile: int | None = None  # the rankings (tracker/rankings.py): caseload quartile,
    change_1y: float | None = None  # caseload change over one and two years,
    change_2y: float | None = None
    months: int | None = None  # whole months since the judgement that counts


@dataclass
class CouncilView:
    """What the council screen shows at the current time point."""

    shown: dict[str, Any]
    amendments: list[dict[str, Any]] = field(default_factory=list)
    inspections: list[tuple[date, str | None]] = field(default_factory=list)
    lines: dict[str, list[tuple[date, float]]] = field(default_factory=dict)
    figure: str = "caseload"  # which workforce figure the chart shows (tracker/figure_history.py)
    title: str = "Caseload per social worker"
    points: list[tuple[date, float]] = field(default_factory=list)  # the council's own figures
    complete: bool = True  # False: the timeline holds only its last page (or none), the rest is read next


@dataclass(frozen=True)
class NeighbourView:
    """The council screen's neighbours: the ten under the model in force (None, with the
    reason, when there is none) and the chart's neighbour-average line for its figure."""

    answer: NeighboursAnswer | None
    reason: str
    line: list[tuple[date, float]]


def overview_row(found: CouncilSummary, standing: Standing | None = None) -> OverviewRow:
    """One council's summary (``Tracker.overview``) and its standing among all, for the table."""
    council, rating, latest, last = found.council, found.rating, found.caseload, found.last_event
    return OverviewRow(
        la_code=council.la_code,
        name=council.name,
        region=council.region,
        rated=rating is not None,
        overall=rating.overall if rating else None,
        since=(rating.since if rating else None) or "",
        subs=tuple(rating.grade(a) if rating else None for a in SUB_JUDGEMENTS),
        caseload=caseload_text(latest.as_json() if latest else None),
        caseloads=tuple(c.figure.point for c in found.caseloads),
        last_date=when_text(last.occurred_on, last.published_on) if last else "",
        last_summary=last.summary if last else "",
        quartile=standing.quartile if standing else None,
        change_1y=standing.change_1y if standing else None,
        change_2y=standing.change_2y if standing else None,
        months=standing.months_since_inspection if standing else None,
    )


def damage_notice(damaged: list[dict[str, Any]]) -> str:
    """One line naming damaged stored events (``Tracker.damaged``, ``show``'s "damaged"):
    which, where, and what to run; '' when there are none."""
    if not damaged:
        return ""
    named = "; ".join(entry["summary"] for entry in damaged[:3])
    more = f"; and {len(damaged) - 3} more" if len(damaged) > 3 else ""
    many = len(damaged) > 1
    return (f"{len(damaged)} damaged event{'s' if many else ''} cannot be read and "
            f"{'are' if many else 'is'} left out: {named}{more}. Run `tracker verify`.")


class Backend:
    """Thread-safe, blocking access to one store; knows which new events were ours."""

    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self._lock = threading.RLock()
        self._pending: list[str] = []  # la codes of events other writers added
        self._own: set[str] = set()
        self._dates: dict[str | None, list[date]] = {}
        self._publications: list[dict[str, Any]] | None = None
        self._busy = threading.Condition()
        self._active = 0
        self._started = False
        self.closed = False

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Count calls in flight, so ``close`` can wait for them before the store closes."""
        with self._busy:
            if self.closed:
                raise RuntimeError("the tracker UI is closing")
            self._active += 1
        try:
            yield
        finally:
            with self._busy:
                self._active -= 1
                self._busy.notify_all()

    def close(self, timeout: float = 15.0) -> bool:
        """Refuse new calls and wait for running ones; True when none is left."""
        with self._busy:
            self.closed = True
            return self._busy.wait_for(lambda: self._active == 0, timeout)

    @property
    def today(self) -> date:
        return self.tracker.today

    # ---- reads ---------------------------------------------------------------
    def _catch_up(self) -> None:
        """Fold new events into the read model, remembering the ones others wrote."""
        added = self.tracker.refresh()
        if not added:
            self._started = True
            return
        self._dates.clear()
        self._publications = None
        if not self._started:  # what the store held when we opened it is nobody's news
            self._started = True
            return
        for event_id in self.tracker.recent_event_ids(min(added, NOTICE_LIMIT)):
            la_code, version = event_id.rsplit("-", 1)
            if version != "1" and event_id not in self._own:  # version 1: a stream opening
                self._pending.append(la_code)

    def poll(self) -> list[str]:
        """Names of councils with events other writers added since the last poll."""
        with self._guard(), self._lock:
            self._catch_up()
            codes, self._pending = self._pending, []
        return [by_code(code).name for code in codes]

    def overview(self, point: TimePoint) -> list[OverviewRow]:
        """Every council's rating and caseloads at the time point (fast: indexed answers)."""
        with self._guard(), self._lock:
            self._catch_up()
            # one query for all councils; their last events come in a second step (last_events)
            found = self.tracker.overview(point.as_of, point.known, point.recorded_by, last_events=False)
        ranks = standings(found)  # quartiles need every council
        return [overview_row(council, ranks.get(council.council.la_code)) for council in found.councils]

    def damage_notice(self, la_code: str | None = None) -> str:
        """One line naming the stored events that cannot be read (of one council, or
        anywhere), which every answer leaves out; '' when there are none."""
        with self._guard(), self._lock:
            self._catch_up()  # so appends by others are noticed as such, not folded silently
            return damage_notice(self.tracker.damaged(la_code))

    def last_events(self, point: TimePoint) -> dict[str, tuple[str, str]]:
        """Each council's last event at the time point (from the index, a few reads each)."""
        with self._guard(), self._lock:
            found = self.tracker.last_events(point.as_of, point.known, point.recorded_by)
        return {code: (when_text(e["occurred_on"], e["published_on"]), e["summary"]) if e else ("", "")
                for code, e in found.items()}

    def council(self, la_code: str, point: TimePoint, figure: str = "caseload") -> CouncilView:
        """The council screen's whole answer in one go (the screen asks in parts)."""
        with self._guard(), self._lock:
            return self.council_timeline(la_code, point, self.council_head(la_code, point, figure))

    def _history(self, la_code: str, point: TimePoint, figure: str, neighbours: bool) -> FigureHistory:
        return self.tracker.figure_history(la_code, figure, point.as_of, point.known, point.recorded_by,
                                           neighbours=neighbours)

    def compare(self, la_codes: list[str], point: TimePoint) -> Comparison:
        """The councils side by side at the time point (tracker/comparison.py), from the index."""
        with self._guard(), self._lock:
            self._catch_up()
            return self.tracker.compare(la_codes, point.as_of, point.known, point.recorded_by)

    def write_chart(self, la_codes: list[str], point: TimePoint, fmt: str, folder: Path) -> Path:
        """The caseload chart of one council, or of several side by side, as a new PNG or SVG
        file in ``folder`` (tracker/exports/chart_files.py); returns the path written."""
        from tracker.exports.chart_files import write_caseload_charts  # matplotlib loads only here

        with self._guard(), self._lock:
            self._catch_up()
            found = [self.tracker.summary(code, point.as_of, point.known, point.recorded_by)
                     for code in la_codes]
        return write_caseload_charts(found, point, folder, fmt)

    def neighbours(self, la_code: str, point: TimePoint, figure: str = "caseload") -> NeighbourView:
        """The ten neighbours under the model in force at the time point, and the mean of
        their ``figure`` at the council's as-at dates (from the index: milliseconds)."""
        with self._guard(), self._lock:
            try:
                answer: NeighboursAnswer | None = self.tracker.neighbours(
                    la_code, point.as_of, point.known, point.recorded_by)
                reason = ""
            except UserError as error:
                answer, reason = None, str(error)
            history = self._history(la_code, point, figure, neighbours=True)
        line = [(p.day, p.neighbours) for p in history.points if p.neighbours is not None]
        return NeighbourView(answer, reason, line)

    def council_head(self, la_code: str, point: TimePoint, figure: str = "caseload") -> CouncilView:
        """What the index alone knows of a council (rating card, caseloads, the chart's lines
        and marks): the first screen, drawn before its stream is read for the timeline."""
        with self._guard(), self._lock:
            self._catch_up()
            found = self.tracker.summary(la_code, point.as_of, point.known, point.recorded_by)
            history = self._history(la_code, point, figure, neighbours=False)
        shown = {**found.as_json(), "caseloads": [c.as_json() for c in found.caseloads],
                 "events": [], "retracted": []}
        inspections = [(judged.happened, judged.overall) for judged in found.inspections]
        return chart_view(CouncilView(shown, [], inspections, complete=False), history)

    def council_page(self, la_code: str, point: TimePoint, head: CouncilView, count: int) -> CouncilView:
        """``head`` with the last ``count`` events that count and their amendments, read by
        version (tracker/readside/timeline_page.py): the screen the cursor lands on, in
        milliseconds however long the history; ``complete`` when that is all of it."""
        with self._guard(), self._lock:
            self._catch_up()
            page = self.tracker.timeline_page(la_code, point.as_of, point.known, point.recorded_by, count)
        return replace(head, shown=page.shown, amendments=page.amendments, complete=page.whole)

    def council_timeline(self, la_code: str, point: TimePoint, view: CouncilView) -> CouncilView:
        """``view`` with the council's whole timeline: its stream read and folded (cached
        until the stream grows)."""
        with self._guard(), self._lock:
            self._catch_up()
            shown = self.tracker.show(la_code, point.as_of, point.known, point.recorded_by)
            amendments = self.tracker.amendments(la_code, point.recorded_by)
        return replace(view, shown=shown, amendments=amendments, complete=True)

    def inspections(self, point: TimePoint) -> InspectionsAnswer:
        """Every judgement inspection at the time point with its caseloads (the index alone)."""
        with self._guard(), self._lock:
            self._catch_up()
            return self.tracker.inspections(point.as_of, point.known, point.recorded_by)

    def publications(self) -> list[dict[str, Any]]:
        """The publications the store cites (``tracker sources``), kept until events arrive.
        Counting them reads every stored event (tens of seconds at a million), so it runs
        outside the backend's lock: the overview and council screens never wait for it."""
        with self._guard():
            with self._lock:
                self._catch_up()
                if self._publications is not None:
                    return self._publications
            found = self.tracker.publications()
            with self._lock:
                self._publications = found
            return found

    def event_dates(self, la_code: str | None = None) -> list[date]:
        """Every date on which a view can change (happened, published), sorted: from the
        read side's index, so it never reads whole streams."""
        with self._guard(), self._lock:
            self._catch_up()
            cached = self._dates.get(la_code)
            if cached is not None:
                return cached
            self._dates[la_code] = dates = self.tracker.event_dates(la_code)
            return dates

    # ---- writes --------------------------------------------------------------
    def add(self, council: str, kind: Kind, fields: dict[str, Any], force: bool = False) -> str:
        """``force``: the user confirmed it is not the likely duplicate the tracker named."""
        with self._guard():
            return self._own_write(self.tracker.add(council, kind, fields, force=force))

    def correct(
        self, event_id: str, changes: dict[str, Any], reason: str, source: dict[str, Any] | None
    ) -> str:
        with self._guard():
            return self._own_write(self.tracker.correct(event_id, changes, reason, source))

    def retract(self, event_id: str, reason: str) -> str:
        with self._guard():
            return self._own_write(self.tracker.retract(event_id, reason))

    def _own_write(self, event_id: str) -> str:
        self._own.add(event_id)
        self._own.add(event_id.split("-")[0] + "-1")  # a stream's Opened event
        with self._lock:
            self._catch_up()
        return event_id

    def seed(self) -> int:
        from tracker.seeding import ensure_seeded

        with self._guard(), self._lock:
            report = ensure_seeded(self.tracker)
            self.tracker.refresh()
            self._dates.clear()
            self._publications = None
        return report.added if report else 0


def chart_view(view: CouncilView, history: FigureHistory) -> CouncilView:
    """The view with its chart's figure: the council's points, England's and the region's lines."""
    view.figure, view.title = history.figure, history.title
    view.points = [(p.day, p.value) for p in history.points]
    series: dict[str, list[tuple[date, float]]] = {"national": [], "regional": []}
    for p in history.points:
        for name, value in (("national", p.national), ("regional", p.regional)):
            if value is not None:
                series[name].append((p.day, value))
    view.lines = {name: points for name, points in series.items() if points}
    return view


def by_code(code: str) -> Authority:
    return resolve(code)
