"""The read model kept live: load the saved one, catch up through the log, save again.

``refresh`` is what a long-running process polls: when nothing is new it costs one
``MAX(rowid)`` query. SQLite has no push subscriptions in eventsourcing 9.5, so the TUI
polls it about once a second to see other processes' appends.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator
from datetime import date, datetime

from tracker.application import TrackerApplication
from tracker.readside.decode import DAMAGED, Decoded, RowDecoder
from tracker.readside.last_event import last_fact
from tracker.readside.logged import LoggedEvent
from tracker.readside.read_model import Damage, ReadModel
from tracker.readside.replay import CouncilHistory, FactView
from tracker.readside.row_source import RowSource
from tracker.readside.saved_model import store_for
from tracker.readside.split_rebuild import fold_split, worth_splitting
from tracker.readside.timeline import Timeline, logged
from tracker.readside.timeline_page import timeline_page

SAVE_EVERY = 1_000  # events folded since the last save before saving again
# After loading or folding this many events, the model's objects are moved out of the
# garbage collector's sight (gc.freeze): they live as long as the process, and a full
# collection walking the model's large tables took 20-35 ms at a million events, landing
# inside whichever query happened to be running (the all-council query's worst case).
FREEZE_AFTER = 10_000



def _freeze() -> None:
    """Collect what is garbage now, then keep every surviving object out of later walks."""
    gc.collect()
    gc.freeze()


class LiveReadModel:
    """A :class:`ReadModel` bound to an application's store, safe across threads."""

    def __init__(self, app: TrackerApplication, persist: bool = True) -> None:
        self.app = app
        self.source = RowSource(app)
        self.decoder = RowDecoder(app.mapper)  # folding: checks what the index reads
        self.reader = RowDecoder(app.mapper, full=True)  # reading back to show: checks all
        self.saver = store_for(app, self.source) if persist else None
        self.lock = threading.RLock()
        self.model: ReadModel | None = None
        self.unsaved = 0
        self.last_refresh = 0.0
        self._timelines: dict[tuple[str, datetime | None], tuple[int, Timeline]] = {}
        # Damage met reading streams back (a saved model may have folded an event before
        # it was damaged): by position, beside what the model itself found.
        self.met: dict[int, Damage] = {}

    def ready(self) -> ReadModel:
        """The model, loaded (or rebuilt) on first use."""
        if self.model is None:
            with self.lock:
                if self.model is None:
                    loaded = self.saver.load(self.source) if self.saver is not None else None
                    if loaded is not None and loaded.position > self.source.max_position():
                        loaded = None  # the log is shorter than what we saved: another store
                    self.model = loaded or ReadModel()
                    if loaded is not None:
                        _freeze()
        return self.model

    def refresh(self) -> int:
        """Fold every event after our position; returns how many were new."""
        with self.lock:
            model = self.ready()
            self.last_refresh = time.monotonic()
            newest = self.source.max_position()
            if newest == model.position:
                return 0
            if newest < model.position:  # store replaced under us: start again
                self.model = model = ReadModel()
                self._timelines.clear()
                self.met.clear()
            added = 0
            collecting = gc.isenabled()
            gc.disable()  # decoding makes many dicts and no cycles: collecting them is waste
            try:
                if worth_splitting(model, self.source, newest - model.position):
                    added = fold_split(model, self.source, self.decoder, newest)
                    model.position = max(model.position, newest)
                for batch in self.source.batches(model.position, stop=newest):
                    added += model.fold(self.decoder.decode(batch))
                    model.position = max(model.position, batch[-1][0])
            finally:
                model.settle()
                if collecting:
                    gc.enable()
            if added >= FREEZE_AFTER:
                _freeze()
            self.unsaved += added
            if self.unsaved >= SAVE_EVERY:
                self.save()
            return added

    def save(self) -> bool:
        with self.lock:
            if self.saver is None or self.model is None:
                return False
            saved = self.saver.save(self.model, self.source)
            if saved:
                self.unsaved = 0
            return saved

    def close(self) -> None:
        with self.lock:
            if self.unsaved:
                self.save()
            self.source.close()

    # ---- full events, read back per council -----------------------------------------
    def _sound(self, decoded: Iterator[Decoded]) -> Iterator[Decoded]:
        """The events that read; damaged ones are noted (``damage``) and left out."""
        for event in decoded:
            if event.kind == DAMAGED:
                self.met.setdefault(event.position, Damage(event.position, event.originator, event.version,
                                                           event.topic, str(event.data["problem"])))
            else:
                yield event

    def events_of(self, la_code: str) -> list[LoggedEvent]:
        """Every event of one council's stream up to the model's position."""
        model = self.ready()
        index = model.councils.get(la_code)
        if index is None:
            return []
        rows = self.source.stream(index.originator, list(index.positions))
        rows = [r for r in rows if 0 < r[0] <= model.position]
        return [logged(la_code, e) for e in self._sound(self.reader.decode(rows))]

    def read_versions(self, la_code: str, versions: list[int]) -> list[LoggedEvent]:
        """Some events of one council's stream, by version, up to the model's position."""
        model = self.ready()
        index = model.councils.get(la_code)
        if index is None or not versions:
            return []
        rows = self.source.versions(index.originator, versions, index.positions)
        rows = [r for r in rows if 0 < r[0] <= model.position]
        return [logged(la_code, e) for e in self._sound(self.reader.decode(rows))]

    def damage(self, la_code: str | None = None) -> list[Damage]:
        """Damaged events (of one council, or anywhere), in log order: what the model
        found folding, and what reading streams back found since."""
        with self.lock:
            model = self.ready()
            found = {d.position: d for d in (*model.damaged, *self.met.values())}
            if la_code is not None:
                index = model.councils.get(la_code)
                wanted = index.originator if index is not None else None
                found = {p: d for p, d in found.items() if d.originator == wanted}
            return [found[p] for p in sorted(found)]

    def last_fact(self, la_code: str, as_of: date, known_on: date,
                  recorded_by: datetime | None) -> FactView | None:
        """The council's fact that happened last of those that count (see last_event.py)."""
        with self.lock:
            index = self.ready().councils.get(la_code)
            if index is None:
                return None
            return last_fact(index, lambda versions: self.read_versions(la_code, versions),
                             as_of, known_on, recorded_by)

    def timeline_page(self, la_code: str, as_of: date, known_on: date, recorded_by: datetime | None,
                      count: int) -> tuple[Timeline, bool]:
        """The last page of the council's timeline, read by version (timeline_page.py)."""
        with self.lock:
            index = self.ready().councils.get(la_code)
            if index is None:
                return Timeline(CouncilHistory(la_code), recorded_by), True
            return timeline_page(index, lambda versions: self.read_versions(la_code, versions),
                                 as_of, known_on, recorded_by, count)

    def timeline(self, la_code: str, recorded_by: datetime | None) -> Timeline:
        """The council's timeline at T, cached until its stream grows."""
        with self.lock:
            count = self.ready().events_of(la_code)
            cached = self._timelines.get((la_code, recorded_by))
            if cached is not None and cached[0] == count:
                return cached[1]
            history = CouncilHistory(la_code, self.events_of(la_code))
            index = self.ready().councils.get(la_code)
            days = None
            # now, and with every event of the stream read (none found damaged since it was
            # folded), the index's days are the timeline's: no date is parsed again
            if recorded_by is None and index is not None and not self.damage(la_code):
                index.settle()
                days = index.days
            built = Timeline.build(history, recorded_by, days)
            if len(self._timelines) > 32:
                self._timelines.clear()
            self._timelines[(la_code, recorded_by)] = (count, built)
            return built

    def all_events(self, benchmarks: bool = False) -> Iterator[LoggedEvent]:
        """Every council event in log order, decoded in batches (for export and log); with
        ``benchmarks``, England's and the regions' figures too (their ``la_code`` is the
        geography's code). Damaged events are left out and noted (``damage``)."""
        model = self.ready()
        codes = {index.originator: code for code, index in model.councils.items()}
        if benchmarks:
            codes.update({index.originator: code for code, index in model.geos.items()})
        for batch in self.source.batches(0, stop=model.position):
            for event in self._sound(self.reader.decode(batch)):
                code = codes.get(event.originator)
                if code is not None:
                    yield logged(code, event)
