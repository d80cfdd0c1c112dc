"""The Council aggregate's thin state and the reading of it (events/council.py).

Loading an aggregate (its snapshot, then the events after it) must stay fast however
long a council's history grows, so the state holds only what the invariants need, and
all of it as strings: JSON decodes a few long strings far faster than thousands of
small objects (a council with 6,500 facts: ~1 ms), and ``str.find`` looks a key up in C.

- ``kinds``: one character per stream position (position p is character p-1): the
  fact's kind (``KIND_CODES``), or ``.`` for a position that is no fact (the Opened
  event, an amendment).
- ``status``: one character per position, a :class:`Status`.
- ``keys``: ``,key:position,`` for every live fact whose current natural key is known.
- ``first``: the same, for the first-recorded key of a fact that no longer has it in
  ``keys`` (a correction changed it, or it was retracted): ``find`` matches a fact by
  its fields as first recorded too.
- ``fixes``: ``,target:position,`` for every correction, so the application can read a
  fact and its corrections back from the store by position.
- ``unkeyed``: ``,position,`` for facts corrected by an event stored before corrections
  carried the resulting key (class_version < 3): only their first key is known here.
"""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from typing import Any

from events.errors import UnknownEvent
from events.kinds import KINDS
from events.vocabulary import Kind


def natural_key(kind: str, fields: dict[str, Any]) -> str:
    """Identity of a fact: kind, dates, source and content; not its wording."""
    material = {k: v for k, v in fields.items() if k not in ("summary", "note")}
    blob = json.dumps([kind, material], sort_keys=True, separators=(",", ":"))
    return hashlib.sha1(blob.encode()).hexdigest()[:20]


class Status(StrEnum):
    """A stream position's standing, one character in the aggregate's state."""

    NONE = "."  # not a fact: the Opened event, a correction, a retraction
    LIVE = "L"
    CORRECTED = "C"  # live, with at least one correction
    RETRACTED = "R"


# One character per kind in the state, from the registry; fixed forever (snapshots keep them).
KIND_CODES = {entry.kind.value: entry.state_code for entry in KINDS}
CODE_KINDS = {code: kind for kind, code in KIND_CODES.items()}


def packed_entry(key: str, position: int) -> str:
    return f"{key}:{position},"


def lookup(packed: str, key: str) -> int | None:
    """The position after ``key`` in a packed ``,key:position,`` string."""
    at = packed.find(f",{key}:")
    if at < 0:
        return None
    start = at + len(key) + 2
    return int(packed[start:packed.index(",", start)])


def _without(packed: str, key: str, position: int) -> str:
    return packed.replace(f",{key}:{position},", ",", 1)



class FactIndex:
    """The state's writers (called by the events' ``apply``) and readers."""

    la_code: str
    kinds: str
    status: str
    keys: str
    first: str
    fixes: str
    unkeyed: str

    # ---- applying events (the only writers of the state) -----------------------
    def _grow(self, position: int, kind: str, status: Status) -> None:
        gap = position - 1 - len(self.kinds)
        self.kinds += "." * gap + kind
        self.status += Status.NONE.value * gap + status.value

    def _set_status(self, position: int, status: Status) -> None:
        self.status = self.status[: position - 1] + status.value + self.status[position:]

    def _current_key(self, position: int) -> str | None:
        """The live fact's current key, if this aggregate knows it (each position
        appears once in ``keys``, and only ever after a ``:``)."""
        at = self.keys.find(f":{position},")
        return self.keys[self.keys.rfind(",", 0, at) + 1:at] if at >= 0 else None

    def _first_key(self, position: int) -> str | None:
        """The fact's key as first recorded (when it is not its current one)."""
        at = self.first.find(f":{position},")
        return self.first[self.first.rfind(",", 0, at) + 1:at] if at >= 0 else None

    def _amended(self, target: int, position: int) -> None:
        """A stored amendment of a position that holds no fact cannot be replayed."""
        if self.kind_of(target) is None:
            raise UnknownEvent(f"{self.la_code}-{position} amends {target}, which is not a recorded fact")
        self._grow(position, ".", Status.NONE)

    def _corrected(self, target: int, position: int, key: str | None) -> None:
        self._amended(target, position)
        self.fixes += packed_entry(str(target), position)
        self._set_status(target, Status.CORRECTED)
        old = self._current_key(target)
        if old is not None and old == key:
            return
        if old is not None:
            self.keys = _without(self.keys, old, target)
            if self._first_key(target) is None:
                self.first += packed_entry(old, target)
        if key is None:
            if f",{target}," not in self.unkeyed:
                self.unkeyed += f"{target},"
            return
        self.unkeyed = self.unkeyed.replace(f",{target},", ",", 1)
        if self._first_key(target) == key:  # corrected back to its first fields
            self.first = _without(self.first, key, target)
        self.keys += packed_entry(key, target)

    def _retracted(self, target: int, position: int) -> None:
        self._amended(target, position)
        self._set_status(target, Status.RETRACTED)
        old = self._current_key(target)
        if old is not None:
            self.keys = _without(self.keys, old, target)
            if self._first_key(target) is None:
                self.first += packed_entry(old, target)

    # ---- reading the state -------------------------------------------------------
    @property
    def is_stale(self) -> bool:
        """Loaded from a version-1 snapshot: replay the stream's events instead."""
        return bool(self.__dict__.get("stale"))

    def status_of(self, position: int) -> Status | None:
        """A position's standing; None past the end of the stream."""
        if not 0 < position <= len(self.status):
            return None
        return Status(self.status[position - 1])

    def kind_of(self, position: int) -> Kind | None:
        """The kind of the fact at a position (None: no fact there)."""
        if not 0 < position <= len(self.kinds) or self.kinds[position - 1] == ".":
            return None
        return Kind(CODE_KINDS[self.kinds[position - 1]])

    def live_facts(self, kind: Kind) -> list[int]:
        """Positions of the live (not retracted) facts of one kind, oldest first."""
        code, kinds, status = KIND_CODES[kind.value], self.kinds, self.status
        found, at = [], kinds.find(code)
        while at >= 0:
            if status[at] != Status.RETRACTED.value:
                found.append(at + 1)
            at = kinds.find(code, at + 1)
        return found

    def corrections_of(self, target: int) -> list[int]:
        """Positions of the corrections of one fact, oldest first."""
        needle, found = f",{target}:", []
        at = self.fixes.find(needle)
        while at >= 0:
            start = at + len(needle)
            found.append(int(self.fixes[start:self.fixes.index(",", start)]))
            at = self.fixes.find(needle, start)
        return found

    def has_facts(self) -> bool:
        return self.kinds.strip(".") != ""

    def unkeyed_facts(self) -> list[int]:
        """Live facts whose current key this aggregate does not know (old corrections)."""
        return [int(p) for p in self.unkeyed.strip(",").split(",") if p
                and self.status[int(p) - 1] != Status.RETRACTED.value]

    def state(self) -> tuple[str, ...]:
        """Everything the invariants read, for comparing two loads of one stream."""
        return (self.la_code, self.kinds, self.status, self.keys, self.first, self.fixes, self.unkeyed)
