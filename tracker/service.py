"""The facade the CLI and the TUI call: plain values in, plain values out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from events.council import Council, council_id
from events.kinds import parse_kind
from events.vocabulary import Kind
from tracker import rankings
from tracker.comparison import Comparison, compare
from tracker.councils import (
    Authority,
    all_authorities,
    by_la_code,
    check_joint_councils,
    current_authorities,
    resolve,
)
from tracker.errors import UserError
from tracker.event_ids import parse_event_id
from tracker.figure_history import FigureHistory, check_figure, figure_history, neighbours_in_force
from tracker.importers import PUBLISHED_FORMATS, detect_format, import_published
from tracker.importers.pipeline import Progress
from tracker.importers.summary import ImportSummary
from tracker.importing import import_file
from tracker.inspection_answer import InspectionsAnswer, sources_of
from tracker.likely_duplicates import refuse_likely_duplicate
from tracker.neighbour_answer import NeighboursAnswer, neighbours_answer
from tracker.neighbours import model_for
from tracker.ranking_answer import councils_at
from tracker.readside import answers
from tracker.readside.inspection_rows import inspection_rows
from tracker.readside.lanes import GeoDays, lane
from tracker.readside.logged import LoggedEvent
from tracker.readside.uncollected import uncollected
from tracker.results import CouncilSummary, Overview, Ranking, TimelinePage
from tracker.views import damage_json, log_entries
from tracker.write_batch import WriteBatch
from tracker.writer import Writer


class Tracker(Writer):
    """Commands return event ids; queries return JSON-ready dicts."""

    # ---- commands -------------------------------------------------------
    def add(
        self, council: str, kind: str | Kind, fields: dict[str, Any], force: bool = False
    ) -> str:
        """Record one fact on a council's stream; returns its event id.

        An inspection or visit whose dates fit one already recorded is refused
        (it is most likely the same one, from another source: correct that one
        instead) unless ``force`` says it really is another.
        """
        authority = resolve(council)
        kind = kind if isinstance(kind, Kind) else parse_kind(kind)
        check_joint_councils(fields)

        def record() -> tuple[Council, int]:
            batch = WriteBatch(self)
            aggregate = batch.council(authority.la_code)
            if not force:
                refuse_likely_duplicate(batch, aggregate, kind, fields)
            first = aggregate.created_on if aggregate.pending_events else None
            return aggregate, batch.record(aggregate, kind, fields, self.today, timestamp=first)

        return self._written(authority.la_code, record)

    def correct(
        self,
        event_id: str,
        changes: dict[str, Any],
        reason: str,
        source: dict[str, Any] | None = None,
    ) -> str:
        la_code, target = parse_event_id(event_id)
        check_joint_councils(changes)
        return self._amended(la_code, event_id, lambda aggregate: WriteBatch(self).correct(
            aggregate, target, changes, reason, self.today, source))

    def retract(self, event_id: str, reason: str) -> str:
        la_code, target = parse_event_id(event_id)
        return self._amended(la_code, event_id, lambda aggregate: aggregate.retract(target, reason))

    def _amended(self, la_code: str, event_id: str, amend: Callable[[Council], int]) -> str:
        """``amend`` made to the council holding ``event_id``, which must exist (see _written)."""

        def amended() -> tuple[Council, int]:
            aggregate = self.existing(la_code, event_id)
            return aggregate, amend(aggregate)

        return self._written(la_code, amended)

    def _written(self, la_code: str, write: Callable[[], tuple[Council, int]]) -> str:
        """What ``write`` appends to a council it loads, saved in one transaction and written
        again from the start when another writer took the position; the new event's id."""

        def attempt() -> str:
            aggregate, version = write()
            self.save(aggregate)
            return f"{la_code}-{version}"

        return self.retrying(attempt)

    def import_file(
        self,
        path: Path,
        fmt: str | None = None,
        dry_run: bool = False,
        skip_bad_rows: bool = False,
        progress: Callable[[int], Progress] | None = None,
    ) -> ImportSummary:
        """Import an event file (TOML, JSON Lines) or a published file (Ofsted, DfE, the
        scrape), all or nothing; ``skip_bad_rows`` (published files only) imports the good
        rows and lists the others. ``progress(total)`` returns the per-row callback."""
        fmt = fmt or detect_format(path)
        if fmt in PUBLISHED_FORMATS:
            return import_published(self, path, fmt, dry_run, skip_bad_rows, progress)
        if skip_bad_rows:
            raise UserError(
                "--skip-bad-rows is for published files; an event file is imported all or nothing"
            )
        return import_file(self, path, fmt, dry_run)

    # ---- queries --------------------------------------------------------
    def refresh(self) -> int:
        """Catch the read model up with the log; returns how many events were new."""
        return self.read_model.refresh()

    def show(
        self,
        council: str,
        as_of: date | None = None,
        known_on: date | None = None,
        recorded_by: datetime | None = None,
    ) -> dict[str, Any]:
        authority = resolve(council)
        self.refresh()
        as_of, known_on = self.times(as_of, known_on)
        return answers.show(self.read_model, authority, (as_of, known_on, recorded_by))

    def timeline_page(self, council: str, as_of: date | None = None, known_on: date | None = None,
                      recorded_by: datetime | None = None, count: int = 100) -> TimelinePage:
        """``show`` for the last ``count`` facts that count, read by version: a long
        history's first screen, in milliseconds however long the stream."""
        authority = resolve(council)
        self.refresh()
        as_of, known_on = self.times(as_of, known_on)
        return answers.page(self.read_model, authority, (as_of, known_on, recorded_by), count)

    def councils(self, *args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        """``councils --json``: ``ranking``'s answer (same arguments) as JSON."""
        return self.ranking(*args, **kwargs).as_json()

    def ranking(
        self,
        as_of: date | None = None,
        known_on: date | None = None,
        recorded_by: datetime | None = None,
        region: str | None = None,
        sort: str | None = None,
        descending: bool = False,
    ) -> Ranking:
        """Each current council with its ranking numbers (quartiles among all councils,
        whatever the region), in name order or ranked by ``sort``."""
        self.refresh()
        as_of, known_on = self.times(as_of, known_on)
        authorities: list[Authority] = sorted(current_authorities(), key=lambda a: a.name)
        wanted = None
        if region:
            from tracker.councils import resolve_region

            try:
                wanted = resolve_region(region)
            except ValueError as error:
                raise UserError(str(error)) from None
        times = (as_of, known_on, recorded_by)
        found, earlier = councils_at(self.read_model, authorities, times)
        return rankings.ranking(found, wanted, sort, descending, lambda la, at: earlier.get((la, at)))

    def overview(
        self,
        as_of: date | None = None,
        known_on: date | None = None,
        recorded_by: datetime | None = None,
        last_events: bool = True,
    ) -> Overview:
        """Every current council at D, K and T, in name order: its rating, its caseload
        history beside England's and its region's, and (``last_events``) its last event.
        One catch-up with the store for all of them (a round trip on PostgreSQL)."""
        self.refresh()
        as_of, known_on = self.times(as_of, known_on)
        authorities = sorted(current_authorities(), key=lambda a: a.name)
        return answers.overview(self.read_model, authorities, (as_of, known_on, recorded_by), last_events)

    def summary(
        self,
        council: str,
        as_of: date | None = None,
        known_on: date | None = None,
        recorded_by: datetime | None = None,
    ) -> CouncilSummary:
        """One council's rating, caseload history (beside England's and its region's) and
        inspections that count, from the index alone: no read of its stream."""
        authority = resolve(council)
        self.refresh()
        as_of, known_on = self.times(as_of, known_on)
        return answers.council(self.read_model, authority, (as_of, known_on, recorded_by))

    def neighbours(
        self,
        council: str,
        as_of: date | None = None,
        known_on: date | None = None,
        recorded_by: datetime | None = None,
    ) -> NeighboursAnswer:
        """A council's ten statistical neighbours under the model in force on D (published by
        K), each with its rating and latest caseload: the overview's answer for just those
        ten (abolished ones too), from the index, with one catch-up with the store."""
        authority = resolve(council)
        as_of, known_on = self.times(as_of, known_on)
        model, row = model_for(authority, as_of, known_on)
        self.refresh()
        ten = [by_la_code(code) for code, _ in row.neighbours]
        found = answers.overview(self.read_model, ten, (as_of, known_on, recorded_by), last_events=False,
                                 history=False)  # each one's latest caseload: no history walked
        return neighbours_answer(authority, model, row, found)

    def compare(
        self,
        councils: list[str],
        as_of: date | None = None,
        known_on: date | None = None,
        recorded_by: datetime | None = None,
    ) -> Comparison:
        """Two to six councils side by side (tracker/comparison.py): one catch-up with the
        store, then each council's summary from the index."""
        self.refresh()
        as_of, known_on = self.times(as_of, known_on)
        times = (as_of, known_on, recorded_by)
        with self.read_model.lock, uncollected():  # a few thousand lists and tuples, no cycles
            model = self.read_model.ready()  # England's and the regions' figures: walked once for all
            geos = GeoDays(model, times)
            return compare(lambda code: lane(model, by_la_code(code), times, geos),
                           councils, as_of, known_on, recorded_by)

    def inspections(
        self,
        as_of: date | None = None,
        known_on: date | None = None,
        recorded_by: datetime | None = None,
    ) -> InspectionsAnswer:
        """Every judgement inspection that counts at D, K and T (abolished councils too), with
        the change from the one before and the caseloads at fieldwork: from the index alone."""
        self.refresh()
        as_of, known_on = self.times(as_of, known_on)
        authorities = sorted(all_authorities(), key=lambda a: (a.name, a.la_code))
        with self.read_model.lock:
            times = (as_of, known_on, recorded_by)
            rows = tuple(inspection_rows(self.read_model.ready(), authorities, times))
        return InspectionsAnswer(as_of, known_on, recorded_by, rows, sources_of(rows))

    def amendments(self, council: str, recorded_by: datetime | None = None) -> list[dict[str, Any]]:
        """A council's corrections and retractions recorded by T, as ``log`` lines."""
        authority = resolve(council)
        self.refresh()
        return answers.amendments(self.read_model, authority, recorded_by)

    def last_events(
        self,
        as_of: date | None = None,
        known_on: date | None = None,
        recorded_by: datetime | None = None,
    ) -> dict[str, dict[str, Any] | None]:
        """Each current council's last event that counts (its timeline's last entry), by LA
        code: read from the index and a few events, never whole streams."""
        self.refresh()
        as_of, known_on = self.times(as_of, known_on)
        authorities = list(current_authorities())
        return answers.last_events(self.read_model, authorities, (as_of, known_on, recorded_by))

    def national(
        self,
        as_of: date | None = None,
        known_on: date | None = None,
        recorded_by: datetime | None = None,
        since: date | None = None,
    ) -> dict[str, Any]:
        """Councils per grade, councils that moved since a date (default a year before D),
        caseloads by grade."""
        self.refresh()
        as_of, known_on = self.times(as_of, known_on)
        authorities = list(current_authorities())
        return answers.national(self.read_model, authorities, (as_of, known_on, recorded_by), since)

    def caseload_history(
        self,
        council: str,
        as_of: date | None = None,
        known_on: date | None = None,
        recorded_by: datetime | None = None,
    ) -> list[dict[str, Any]]:
        """A council's caseload figures by as-at date, each with England's and its region's."""
        authority = resolve(council)
        self.refresh()
        as_of, known_on = self.times(as_of, known_on)
        return answers.caseloads(self.read_model, authority, (as_of, known_on, recorded_by))

    def figure_history(
        self,
        council: str,
        figure: str = "caseload",
        as_of: date | None = None,
        known_on: date | None = None,
        recorded_by: datetime | None = None,
        neighbours: bool = True,
    ) -> FigureHistory:
        """A council's ``figure`` (caseload, agency_rate, vacancy_rate, turnover_rate, fte) by
        as-at date, beside England's, its region's and (``neighbours``) the mean of its ten
        statistical neighbours' under the model in force on D: from the index, no replay."""
        authority = resolve(council)
        check_figure(figure)
        self.refresh()
        as_of, known_on = self.times(as_of, known_on)
        ten = neighbours_in_force(authority, as_of, known_on) if neighbours else ()
        return figure_history(self.read_model, authority, figure, (as_of, known_on, recorded_by), ten)

    def event_dates(self, council: str | None = None) -> list[date]:
        """Sorted distinct days on which an answer may change: something happened, or an
        inspection or figure was published (for stepping through time)."""
        self.refresh()
        la_code = resolve(council).la_code if council is not None else None
        return self.read_model.ready().event_dates(la_code)

    def close(self) -> None:
        """Save the read model if it changed; the store stays open (the caller owns it)."""
        self.read_model.close()

    def log(self, council: str | None = None) -> list[dict[str, Any]]:
        self.refresh()
        if council is None:
            return log_entries(list(self.read_model.all_events()))
        return log_entries(self.read_model.events_of(resolve(council).la_code))

    def all_events(self, benchmarks: bool = False) -> list[LoggedEvent]:
        """Every readable stored event of every council (and with ``benchmarks``, of
        England's and the regions' streams), in log order."""
        self.refresh()
        return list(self.read_model.all_events(benchmarks))

    def damaged(self, council: str | None = None) -> list[dict[str, Any]]:
        """Stored events that cannot be read (of one council, or anywhere), in log order:
        left out of every answer, named here. ``tracker verify`` says more."""
        self.refresh()
        la_code = resolve(council).la_code if council is not None else None
        return [damage_json(d) for d in self.read_model.damage(la_code)]

    def benchmarks(
        self,
        as_of: date | None = None,
        known_on: date | None = None,
        recorded_by: datetime | None = None,
    ) -> list[dict[str, Any]]:
        """England's and each region's caseload figures that count, by geography code."""
        self.refresh()
        as_of, known_on = self.times(as_of, known_on)
        return answers.benchmarks(self.read_model, (as_of, known_on, recorded_by))

    def publications(self) -> list[dict[str, Any]]:
        """Every publication the store's facts cite, most facts first, with how many facts
        cite it (``tracker sources`` lists their links too, reading every event)."""
        from tracker.sources import from_citations

        self.refresh()  # the read model's tally: no stored event is read again
        return [p.as_dict(links=False) for p in from_citations(self.read_model.ready().citations.items())]

    def times(self, as_of: date | None, known_on: date | None) -> tuple[date, date]:
        """D defaults to today, K to D."""
        as_of = as_of or self.today
        return as_of, known_on or as_of

    def is_empty(self) -> bool:
        return not self.app.recorder.max_notification_id()

    def recent_event_ids(self, count: int) -> list[str]:
        """Ids of the newest ``count`` council events in the log, cheaply (the TUI's live notices)."""
        newest = self.app.recorder.max_notification_id() or 0
        if count <= 0 or not newest:
            return []
        notes = self.app.recorder.select_notifications(start=max(1, newest - count + 1), limit=count)
        codes = {str(council_id(a.la_code)): a.la_code for a in current_authorities()}
        return [
            f"{codes[str(n.originator_id)]}-{n.originator_version}"
            for n in notes
            if str(n.originator_id) in codes
        ]
