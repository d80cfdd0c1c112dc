"""The Council aggregate's thin state and the reading of it (events/council.py).

Loading an aggregate (its snapshot, then the events after it) must stay fast however
long a council's history grows, so the state holds only what the invariants need, and
all of it as strings: JSON decodes a few long strings far faster than thousands of
small objects (a council with 6,500 facts: ~65 KB, read and decoded in ~0.4 ms), and
``str.find`` looks a key up in C.

- ``kinds``: one character per stream position (position p is character p-1): the
  fact's kind (``KIND_CODES``), or ``.`` for a position that is no fact (the Opened
  event, an amendment).
- ``status``: one character per position, a :class:`Status`.
- ``keys``: ``KEY_WIDTH`` characters per position: the short form of the live fact's
  current natural key (:func:`short_key`), or dots (no fact, retracted, or a key this
  state does not know). Fixed width keeps a council with 6,500 facts at ~65 KB of state,
  and a key's position is its offset.
- ``first``: ``,key:position,`` (short keys) for the first-recorded key of a fact that
  no longer has it in ``keys`` (a correction changed it, or it was retracted): ``find``
  matches a fact by its fields as first recorded too.
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


KEY_WIDTH = 8
NO_KEY = "." * KEY_WIDTH
_KEY_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


def short_key(key: str) -> str:
    """A natural key as the state keeps it: its first 48 bits in eight characters. Two
    different facts of one council share one only by chance, about once in 10^10 for a
    council of 6,500 facts (a birthday bound over 2^48)."""
    number, digits = int(key[:12], 16), []
    for _ in range(KEY_WIDTH):
        number, digit = divmod(number, 64)
        digits.append(_KEY_DIGITS[digit])
    return "".join(digits)


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
    def _grow(self, position: int, kind: str, status: Status, key: str = NO_KEY) -> None:
        gap = position - 1 - len(self.kinds)
        self.kinds += "." * gap + kind
        self.status += Status.NONE.value * gap + status.value
        self.keys += NO_KEY * gap + key

    def _set_status(self, position: int, status: Status) -> None:
        self.status = self.status[: position - 1] + status.value + self.status[position:]

    def _set_key(self, position: int, key: str) -> None:
        at = KEY_WIDTH * (position - 1)
        self.keys = self.keys[:at] + key + self.keys[at + KEY_WIDTH:]

    def _current_key(self, position: int) -> str | None:
        """The live fact's current (short) key, if this aggregate knows it."""
        at = KEY_WIDTH * (position - 1)
        key = self.keys[at:at + KEY_WIDTH]
        return key if key and key != NO_KEY else None

    def holder_of(self, key: str) -> int | None:
        """The position whose current key is ``key`` (matches only at a slot's start)."""
        at = self.keys.find(key)
        while at >= 0 and at % KEY_WIDTH:
            at = self.keys.find(key, at + 1)
        return at // KEY_WIDTH + 1 if at >= 0 else None

    def _first_key(self, position: int) -> str | None:
        """The fact's key as first recorded (when it is not its current one)."""
        at = self.first.find(f":{position},")
        return self.first[self.first.rfind(",", 0, at) + 1:at] if at >= 0 else None

    def _amended(self, target: int, position: int) -> None:
        """A stored amendment of a position that holds no fact cannot be replayed."""
        if self.kind_of(target) is None:
            raise UnknownEvent(f"{self.la_code}-{position} amends {target}, which is not a recorded fact")
        self._grow(position, ".", Status.NONE)

    def _corrected(self, target: int, position: int, full_key: str | None) -> None:
        key = None if full_key is None else short_key(full_key)
        self._amended(target, position)
        self.fixes += packed_entry(str(target), position)
        self._set_status(target, Status.CORRECTED)
        old = self._current_key(target)
        if old is not None and old == key:
            return
        if old is not None:
            self._set_key(target, NO_KEY)
            if self._first_key(target) is None:
                self.first += packed_entry(old, target)
        if key is None:
            if f",{target}," not in self.unkeyed:
                self.unkeyed += f"{target},"
            return
        self.unkeyed = self.unkeyed.replace(f",{target},", ",", 1)
        if self._first_key(target) == key:  # corrected back to its first fields
            self.first = _without(self.first, key, target)
        self._set_key(target, key)

    def _retracted(self, target: int, position: int) -> None:
        self._amended(target, position)
        self._set_status(target, Status.RETRACTED)
        old = self._current_key(target)
        if old is not None:
            self._set_key(target, NO_KEY)
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
