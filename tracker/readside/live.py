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
from tracker.readside.decode import COUNCIL, RowDecoder
from tracker.readside.history import CouncilHistory
from tracker.readside.latest import last_fact
from tracker.readside.logged import LoggedEvent
from tracker.readside.model import ReadModel
from tracker.readside.persist import store_for
from tracker.readside.queries import FactView
from tracker.readside.source import RowSource
from tracker.readside.timeline import Timeline, logged

SAVE_EVERY = 1_000  # events folded since the last save before saving again


class LiveReadModel:
    """A :class:`ReadModel` bound to an application's store, safe across threads."""

    def __init__(self, app: TrackerApplication, persist: bool = True) -> None:
        self.app = app
        self.source = RowSource(app)
        self.decoder = RowDecoder(app.mapper)
        self.saver = store_for(app, self.source) if persist else None
        self.lock = threading.RLock()
        self.model: ReadModel | None = None
        self.unsaved = 0
        self.last_refresh = 0.0
        self._timelines: dict[tuple[str, datetime | None], tuple[int, Timeline]] = {}

    def ready(self) -> ReadModel:
        """The model, loaded (or rebuilt) on first use."""
        if self.model is None:
            with self.lock:
                if self.model is None:
                    loaded = self.saver.load(self.source) if self.saver is not None else None
                    if loaded is not None and loaded.position > self.source.max_position():
                        loaded = None  # the log is shorter than what we saved: another store
                    self.model = loaded or ReadModel()
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
            added = 0
            collecting = gc.isenabled()
            gc.disable()  # decoding makes many dicts and no cycles: collecting them is waste
            try:
                for batch in self.source.batches(model.position, stop=newest):
                    added += model.fold(self.decoder.decode(batch))
                    model.position = max(model.position, batch[-1][0])
            finally:
                model.settle()
                if collecting:
                    gc.enable()
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
    def events_of(self, la_code: str) -> list[LoggedEvent]:
        """Every event of one council's stream up to the model's position."""
        model = self.ready()
        index = model.councils.get(la_code)
        if index is None:
            return []
        rows = self.source.stream(index.originator, list(index.positions))
        rows = [r for r in rows if 0 < r[0] <= model.position]
        return [logged(la_code, e) for e in self.decoder.decode(rows, (COUNCIL,))]

    def read_versions(self, la_code: str, versions: list[int]) -> list[LoggedEvent]:
        """Some events of one council's stream, by version, up to the model's position."""
        model = self.ready()
        index = model.councils.get(la_code)
        if index is None or not versions:
            return []
        rows = self.source.versions(index.originator, versions, index.positions)
        rows = [r for r in rows if 0 < r[0] <= model.position]
        return [logged(la_code, e) for e in self.decoder.decode(rows, (COUNCIL,))]

    def last_fact(self, la_code: str, as_of: date, known_on: date,
                  recorded_by: datetime | None) -> FactView | None:
        """The council's fact that happened last of those that count (see latest.py)."""
        with self.lock:
            index = self.ready().councils.get(la_code)
            if index is None:
                return None
            return last_fact(index, lambda versions: self.read_versions(la_code, versions),
                             as_of, known_on, recorded_by)

    def timeline(self, la_code: str, recorded_by: datetime | None) -> Timeline:
        """The council's timeline at T, cached until its stream grows."""
        with self.lock:
            count = self.ready().events_of(la_code)
            cached = self._timelines.get((la_code, recorded_by))
            if cached is not None and cached[0] == count:
                return cached[1]
            history = CouncilHistory(la_code, self.events_of(la_code))
            built = Timeline.build(history, recorded_by)
            if len(self._timelines) > 32:
                self._timelines.clear()
            self._timelines[(la_code, recorded_by)] = (count, built)
            return built

    def all_events(self) -> Iterator[LoggedEvent]:
        """Every council event in log order, decoded in batches (for export and log)."""
        model = self.ready()
        codes = {index.originator: code for code, index in model.councils.items()}
        for batch in self.source.batches(0, stop=model.position):
            for event in self.decoder.decode(batch, (COUNCIL,)):
                code = codes.get(event.originator)
                if code is not None:
                    yield logged(code, event)
