"""The read model: every stream's index plus the log position it includes.

Pure: it folds decoded events and answers from its indexes; reading the store and
saving the model live in tracker/readside/live_model.py and saved_model.py.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any, NamedTuple

from tracker.readside import lookups
from tracker.readside.benchmark_index import GeoIndex
from tracker.readside.decode import BENCHMARK, COUNCIL, DAMAGED, Decoded
from tracker.readside.logged import TYPE_OF_CLASS
from tracker.readside.rows import Entry
from tracker.readside.stream_ids import ENGLAND, known_streams
from tracker.readside.stream_index import StreamIndex, recorded_key
from tracker.readside.tables import INSPECTION_FIELDS, WORKFORCE_FIELDS, View

__all__ = ["ENGLAND", "FORMAT", "Damage", "ReadModel"]

# Bump when the saved shape changes; the field lists, a stream's column names and the
# machine's byte order are part of it (columns are saved as raw arrays), so changing any
# of them rebuilds rather than reading one column's bytes as another's.
FORMAT = (f"readmodel-8:{sys.byteorder}:" + ",".join(INSPECTION_FIELDS + WORKFORCE_FIELDS) + ":"
          + ",".join(StreamIndex.__slots__))


# Council events that cite a source: facts (first-hand) and corrections (a later source).
CITING = frozenset(TYPE_OF_CLASS.values()) - {"opened", "retraction"}
Citation = tuple[Any, Any, Any]  # a source's publisher, title, published


class Damage(NamedTuple):
    """A stored event that could not be read, and why."""

    position: int
    originator: str  # its stream's id, 32 hex digits
    version: int
    topic: str
    problem: str


class ReadModel:
    """Per-council and per-geography indexes, folded from the log in order. A damaged
    event (decode.py) is never folded: it is listed, and its stream reads on without it."""

    def __init__(self) -> None:
        self.position = 0
        self.councils: dict[str, StreamIndex] = {}
        self.geos: dict[str, GeoIndex] = {}
        self.streams: dict[str, StreamIndex | GeoIndex] = {}  # originator hex -> index
        self.skipped = 0  # events of streams we never saw opened
        self.damaged: list[Damage] = []  # in log order
        # [facts, corrections, first licence given] citing each publication, first cited
        # first (tracker/sources.py): the overview's sources line reads no event. Links
        # (a URL per report) are left to ``tracker sources``: a set of them would be large.
        self.citations: dict[Citation, list[Any]] = {}
        # Where each stream was first met and each citation first made and licensed (log
        # positions): only a rebuild folded in parts needs them (split_rebuild.py), to join
        # the parts in log order. Never saved: a loaded model is never joined.
        self.opened_at: dict[str, int] = {}
        self.cited_at: dict[Citation, int] = {}
        self.licensed_at: dict[Citation, int] = {}

    def fold(self, events: Iterable[Decoded]) -> int:
        """Add decoded events (log order); returns how many were folded."""
        added = 0
        streams = self.streams
        citations = self.citations
        last_cited: dict[str, tuple[Citation, list[Any]]] = {}  # by kind: facts come in runs from one source
        newest = self.position
        for event in events:
            position, originator, version, _topic, kind, data, recorded = event
            index = streams.get(originator)
            if kind == DAMAGED:
                self._damaged(event)
                newest = max(newest, position)
                continue
            if index is None:
                index = self._open(event)
                if index is None:
                    self.skipped += 1
                    continue
            index.add(position, version, kind, data, recorded)
            if kind in CITING and (source := data.get("source")) and index.__class__ is StreamIndex:
                key = (source.get("publisher", ""), source.get("title", ""), source.get("published"))
                seen = last_cited.get(kind)  # inline: it runs for nearly every event
                if seen is not None and seen[0] == key:  # compared, not hashed: its texts are new
                    counts = seen[1]
                else:
                    found = citations.get(key)
                    if found is None:
                        found = citations[key] = [0, 0, None]
                        self.cited_at[key] = position
                    counts = found
                    last_cited[kind] = (key, counts)
                counts[kind == "correction"] += 1
                if counts[2] is None and (licence := source.get("licence")):
                    counts[2] = licence
                    self.licensed_at[key] = position
            if position > newest:
                newest = position
            added += 1
        self.position = newest  # pending rows are made before anything reads them (flush)
        return added

    def _damaged(self, event: Decoded) -> None:
        """Listed, never folded; the stream's next event keeps its columns aligned (as for
        any gap), and a stream whose opening is damaged is opened from its id."""
        position, originator, version, topic, _, data, _ = event
        self.damaged.append(Damage(position, originator, version, topic, str(data["problem"])))
        if originator not in self.streams:
            self._open_known(originator, position)

    def _open(self, event: Decoded) -> StreamIndex | GeoIndex | None:
        if event.kind != "opened":
            return self._open_known(event.originator, event.position)
        index: StreamIndex | GeoIndex
        if event.topic.startswith(COUNCIL):
            code = event.data["la_code"]
            index = self.councils[code] = StreamIndex(code, event.originator)
        elif event.topic.startswith(BENCHMARK):
            data = event.data
            index = self.geos[data["geo_code"]] = GeoIndex(data["geo_code"], event.originator,
                                                          data.get("name", ""), data.get("level", ""))
        else:
            return None
        self.streams[event.originator] = index
        self.opened_at[event.originator] = event.position
        return index

    def _open_known(self, originator: str, position: int) -> StreamIndex | GeoIndex | None:
        """A stream whose opening event is damaged, known by its id: it reads on."""
        known = known_streams().get(originator)
        if known is None:
            return None
        index: StreamIndex | GeoIndex
        if known.council:
            index = self.councils[known.code] = StreamIndex(known.code, originator)
        else:
            index = self.geos[known.code] = GeoIndex(known.code, originator, known.name, known.level)
        self.streams[originator] = index
        self.opened_at[originator] = position
        return index

    # ---- answers --------------------------------------------------------------------
    def view(self, la_code: str, recorded_by: datetime | None) -> View:
        index = self.councils.get(la_code)
        if index is None:
            index = _EMPTY
        return index.at(None if recorded_by is None else recorded_key(recorded_by))

    def rating(self, la_code: str, as_of: date, known_on: date,
               recorded_by: datetime | None) -> lookups.Rating:
        inspections, _, slack = self.view(la_code, recorded_by)
        return lookups.rating(inspections, as_of.toordinal(), known_on.toordinal(), slack)

    def inspections(self, la_code: str, as_of: date, known_on: date,
                    recorded_by: datetime | None) -> list[Entry]:
        """Every inspection that counts, oldest first."""
        inspections, _, slack = self.view(la_code, recorded_by)
        found = list(lookups.newest_first(inspections, as_of.toordinal(), known_on.toordinal(), slack))
        return found[::-1]

    def caseloads(self, la_code: str, as_of: date, known_on: date,
                  recorded_by: datetime | None) -> list[Entry]:
        _, figures, slack = self.view(la_code, recorded_by)
        return lookups.caseload_history(figures, as_of.toordinal(), known_on.toordinal(), slack)

    def latest_caseload(self, la_code: str, as_of: date, known_on: date,
                        recorded_by: datetime | None) -> Entry | None:
        _, figures, slack = self.view(la_code, recorded_by)
        return lookups.latest_caseload(figures, as_of.toordinal(), known_on.toordinal(), slack)

    def geo_figure(self, geo_code: str | None, day: int, as_of: date, known_on: date,
                   recorded_by: datetime | None) -> Entry | None:
        """The national or regional figure for the same as-at day, if the data has one."""
        index = self.geos.get(geo_code) if geo_code else None
        if index is None:
            return None
        limit = None if recorded_by is None else recorded_key(recorded_by)
        return lookups.figure_on(index.figures, day, as_of.toordinal(), known_on.toordinal(), limit)

    def event_dates(self, la_code: str | None = None) -> list[date]:
        """Sorted distinct days on which an answer may change (one council, or all): when a
        live fact happened, and when it became public."""
        chosen = self.councils.values() if la_code is None else [self.councils[la_code]] \
            if la_code in self.councils else []
        days: set[int] = set()
        for index in chosen:
            days.update(index.event_days())
        return [date.fromordinal(d) for d in sorted(days)]

    def events_of(self, la_code: str) -> int:
        index = self.councils.get(la_code)
        return len(index.positions) if index is not None else 0

    def settle(self) -> None:
        """Make the rows of facts still waiting and sort every view: when a catch-up ends."""
        for index in self.streams.values():
            index.settle()

    # ---- persistence: a header, then one packed part per stream -------------------
    def header(self) -> tuple[Any, ...]:
        return (FORMAT, self.position, self.skipped, len(self.councils), len(self.geos),
                [tuple(d) for d in self.damaged],  # marshal saves plain tuples only
                [(key, tuple(counts)) for key, counts in self.citations.items()])

    def parts(self) -> Iterator[tuple[Any, ...]]:
        """Each stream's packed state, one at a time (so a save never holds them all)."""
        for council in self.councils.values():
            yield council.pack()
        for geo in self.geos.values():
            yield geo.pack()

    @classmethod
    def restore(cls, header: tuple[Any, ...], parts: Iterator[tuple[Any, ...]]) -> ReadModel:
        if header[0] != FORMAT:
            raise ValueError(f"read model format {header[0]!r} is not {FORMAT!r}")
        model = cls()
        model.position, model.skipped, councils, geos = header[1:5]
        model.damaged = [Damage(*d) for d in header[5]]
        model.citations = {tuple(key): list(counts) for key, counts in header[6]}  # type: ignore[misc]
        for _ in range(councils):
            council = StreamIndex.unpack(next(parts))
            model.councils[council.code] = council
            model.streams[council.originator] = council
        for _ in range(geos):
            geo = GeoIndex.unpack(next(parts))
            model.geos[geo.code] = geo
            model.streams[geo.originator] = geo
        return model

    def dump(self) -> tuple[Any, ...]:
        """Everything the model answers from, decoded: equal for equal logs, however folded."""
        return (FORMAT, self.position, [c.state() for c in self.councils.values()],
                [g.state() for g in self.geos.values()], self.skipped, self.damaged,
                list(self.citations.items()))


_EMPTY = StreamIndex("", "")
