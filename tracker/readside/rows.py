"""Columns for the read model: rows as arrays, each row's field values as one JSON text.

Why: at a million events, ~270,000 kept facts as Python tuples and dicts cost about
1 KB each and seconds to load; as arrays and one buffer of JSON they cost about 200
bytes and load as a few memory copies. A row keeps its happened and known days (the
rules of events/timing.py), version and recorded time (microseconds, UTC) and its
source's date in arrays, which the searches read; its
fields are JSON in the table's :class:`Values`, decoded only for the rows an answer
shows, as the ``(happened, known, version, recorded, fields)`` entries folds and views
read. Rows are made in batches, mostly in C (orjson, map): the hot path of a rebuild.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from itertools import accumulate, repeat
from operator import itemgetter, le, sub
from typing import Any, NamedTuple

import orjson

from events.dates import PartialDate
from events.timing import DAY, happened_day, known_day, source_date, span


class Entry(NamedTuple):
    """A kept fact as answers show it: its days (ordinals), version, recorded time
    (microseconds, UTC) and fields."""

    happened: int
    known: int
    version: int
    recorded: int
    fields: dict[str, Any]


@lru_cache(maxsize=200_000)
def day(text: str) -> int:
    """The ordinal of the day a partial date counts on (its period's end)."""
    return PartialDate.parse(text).end().toordinal()


@lru_cache(maxsize=65_536)
def _second(prefix: str) -> int:
    """'YYYY-MM-DDTHH:MM:SS' as microseconds (cached: recordings come many a second)."""
    whole = (date.fromisoformat(prefix[:10]).toordinal() * 24 + int(prefix[11:13])) * 3600
    return (whole + int(prefix[14:16]) * 60 + int(prefix[17:19])) * 1_000_000


class _Seconds(dict[str, int]):
    """'YYYY-MM-DDTHH:MM:SS' -> whole seconds, filled on first use: a hit is a lookup in C (a
    rebuild asks twice an event). Emptied when full, so it never grows past its size."""

    def __missing__(self, prefix: str) -> int:
        if len(self) >= 65_536:
            self.clear()
        found = self[prefix] = _second(prefix) // 1_000_000
        return found


whole_seconds = _Seconds().__getitem__  # raises, as _second does, for text that is no time


def micros(text: str) -> int:
    """Fixed-width UTC text ('YYYY-MM-DDTHH:MM:SS.ffffff+00:00') as microseconds: sorts alike."""
    return _second(text[:19]) + int(text[20:26])


def moment_micros(moment: datetime) -> int:
    """A recorded-by T in the same unit (naive times are UTC, as the library writes them)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    utc = moment.astimezone(UTC)
    seconds = (utc.toordinal() * 24 + utc.hour) * 3600 + utc.minute * 60 + utc.second
    return seconds * 1_000_000 + utc.microsecond


_CANONICAL = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")


class _Canonical(dict[str | None, int]):
    """Date text -> its span (events/timing.py) when the text is in canonical form ('2021',
    '2021-11', '2021-11-03'), else 0: two canonical texts are equal iff their spans are."""

    def __missing__(self, text: str | None) -> int:
        found = self[text] = span(text) if text and _CANONICAL.fullmatch(text) else 0
        return found


canonical = _Canonical().__getitem__


def source_span(source: Any) -> int:
    """The span of a citation's own date (0: none)."""
    return span(source_date(source))


class Values:
    """JSON texts in one buffer, numbered from 0: value i spans ends[i] to ends[i + 1]."""

    __slots__ = ("blob", "ends")

    def __init__(self) -> None:
        self.blob: bytes | bytearray = b""
        self.ends = array("I", [0])

    def __len__(self) -> int:
        return len(self.ends) - 1

    def append(self, value: Any) -> int:
        return self.extend([value])

    def extend(self, values: Sequence[Any]) -> int:
        """Many values at once (in C); returns the first one's number."""
        blob = self.blob
        if blob.__class__ is bytes:
            blob = self.blob = bytearray(blob)
        texts = list(map(orjson.dumps, values))
        first = len(self.ends) - 1
        self.ends.extend(accumulate(map(len, texts), initial=len(blob)))
        self.ends.pop(first)  # accumulate's initial value: the old end, already there
        blob += b"".join(texts)  # type: ignore[operator]
        return first

    def get(self, index: int) -> Any:
        ends = self.ends
        return orjson.loads(self.blob[ends[index]:ends[index + 1]])

    def pack(self) -> tuple[bytes, bytes]:
        return bytes(self.blob), self.ends.tobytes()

    def unpack(self, state: Sequence[bytes]) -> None:
        self.blob = state[0]
        self.ends = array("I")
        self.ends.frombytes(state[1])
        if not self.ends or self.ends[-1] != len(self.blob):
            raise ValueError("read model values do not fill their buffer")


@lru_cache(maxsize=8)
def _positions(fields: tuple[str, ...]) -> dict[str, int]:
    """Each field's place in a row's values (a stream makes two tables: made once, not each time)."""
    return {name: i for i, name in enumerate(fields)}


class RowTable:
    """Kept facts of one kind (inspections, or workforce figures): key columns as arrays,
    row i's field values as JSON text i of its own :class:`Values`."""

    __slots__ = ("fields", "h", "k", "needs", "occ", "ok", "position", "rec", "slack", "src", "v",
                 "values")

    def __init__(self, fields: tuple[str, ...], needs: str | None = None) -> None:
        self.fields = fields
        self.position = _positions(fields)  # shared by every table of these fields: never changed
        self.values = Values()
        self.needs = needs  # a field that must be truthy for the row to count (the caseload)
        self.h, self.k, self.v, self.rec = array("i"), array("i"), array("i"), array("q")
        self.ok = array("b")  # 1: the row counts (its needed field is set)
        self.occ = array("i")  # occurred_on's span if canonical (canonical()), else 0: its text, told apart
        self.src = array("i")  # the span of its source's date (source.published): when it was reported
        self.slack = 0  # how far a row's known day may precede its happened day

    def __len__(self) -> int:
        return len(self.v)

    def pick(self, data: dict[str, Any]) -> tuple[Any, ...]:
        """A fact's values for this table's fields, in order (missing ones null)."""
        return tuple(map(data.get, self.fields))

    def append(self, version: int, recorded: int, data: dict[str, Any], src: int | None = None) -> int:
        """A fact's row from its event data (``src``: its source's date span, if not in data)."""
        return self.extend([version], [recorded], [self.pick(data)],
                           [source_span(data.get("source")) if src is None else src])

    def _column(self, picked: list[tuple[Any, ...]], name: str) -> Iterator[Any]:
        at = self.position.get(name)
        return repeat(None, len(picked)) if at is None else map(itemgetter(at), picked)

    def extend(self, versions: list[int], recorded: list[int], picked: list[tuple[Any, ...]],
               sources: list[int]) -> int:
        """Rows for many facts at once (each picked: its values in field order; each source:
        its citation's date span), mostly in C. Returns the first new row's number."""
        first = self.values.extend(picked)
        occurred = list(self._column(picked, "occurred_on"))
        occ = list(map(span, occurred))
        published = list(map(span, self._column(picked, "published_on")))
        ended = map(span, self._column(picked, "fieldwork_end"))
        # a precise date is its own day (most rows): the rules' other cases only when needed
        happened = [o >> 2 if o & 3 == DAY else happened_day(o, p)
                    for o, p in zip(occ, published, strict=True)]
        known_days = [p >> 2 if p & 3 == DAY else known_day(p, e, o, c)
                      for p, e, o, c in zip(published, ended, occ, sources, strict=True)]
        self.occ.extend(map(canonical, occurred))
        self.src.extend(sources)
        self.h.extend(happened)
        self.k.extend(known_days)
        self.v.extend(versions)
        self.rec.extend(recorded)
        if self.needs is None:
            self.ok.frombytes(b"\x01" * len(picked))
        else:
            self.ok.extend([1 if x else 0 for x in map(itemgetter(self.position[self.needs]), picked)])
        self.slack = max(self.slack, *map(sub, happened, known_days))
        return first

    def patch(self, row: int, changes: dict[str, Any]) -> int:
        """A new row: ``row`` with a correction's changes to fields this table keeps, or to
        the source (whose date decides when it was known)."""
        values = self.values.get(row)
        position = self.position
        for name, value in changes.items():
            if name in position:
                values[position[name]] = value
        src = source_span(changes["source"]) if "source" in changes else self.src[row]
        return self.extend([self.v[row]], [self.rec[row]], [tuple(values)], [src])

    def changed_by(self, changes: dict[str, Any]) -> bool:
        """Whether a correction changes anything this table keeps."""
        return "source" in changes or any(name in self.position for name in changes)

    def key(self, row: int) -> tuple[int, int, int]:
        """Rows supersede one another in (happened, known, version) order."""
        return self.h[row], self.k[row], self.v[row]

    def fields_of(self, row: int) -> dict[str, Any]:
        return dict(zip(self.fields, self.values.get(row), strict=True))

    def value(self, row: int, field: str) -> Any:
        """One field of a row, decoded."""
        return self.values.get(row)[self.position[field]]

    def entry(self, row: int) -> Entry:
        return self.entry_of(row, self.values.get(row))

    def entry_of(self, row: int, values: Sequence[Any]) -> Entry:
        """A row's entry from its values already decoded."""
        return Entry(self.h[row], self.k[row], self.v[row], self.rec[row],
                     dict(zip(self.fields, values, strict=True)))

    # ---- persistence: arrays as bytes (same machine: the format names the byte order)
    def columns(self) -> tuple[array[int], ...]:
        return self.h, self.k, self.v, self.rec, self.ok, self.occ, self.src

    def pack(self) -> tuple[Any, ...]:
        return (self.slack, *(column.tobytes() for column in self.columns()), self.values.pack())

    def unpack(self, state: Sequence[Any]) -> None:
        self.slack = state[0]
        columns = self.columns()
        for column, data in zip(columns, state[1:-1], strict=True):
            column.frombytes(data)
        self.values.unpack(state[-1])
        if len(self.values) != len(self.v) or any(len(col) != len(self.v) for col in columns):
            raise ValueError("read model columns of unequal length")


ORIGIN = date(1900, 1, 1).toordinal()  # the earliest day a partial date can be (events/dates.py)
DAY_BITS = 22  # days since ORIGIN up to the year 9999 fit
LOW = (1 << DAY_BITS) - 1


def day_key(happened: int, known: int) -> int:
    """(happened, known) as one integer with the same order, so searches run in C."""
    return ((happened - ORIGIN) << DAY_BITS) | (known - ORIGIN)


def happened_by(day_: int) -> int:
    """The largest key of anything that happened by a day: bisect_right bound."""
    return ((day_ - ORIGIN) << DAY_BITS) | LOW


class Rows:
    """A sorted view: rows of a table in (happened, known, version) order, beside their
    (happened, known) keys so binary searches need no Python key function.

    A bulk of new rows (a rebuild) is appended as it comes and sorted once, by
    ``settle()``, before anything reads the view."""

    __slots__ = ("keys", "order", "table", "unsorted")

    def __init__(self, table: RowTable, order: array[int] | None = None) -> None:
        self.table = table
        if order is None:  # a new stream's (the common case): nothing to key
            self.order, self.keys = array("i"), array("q")
        else:
            self.order = order
            self.keys = array("q", [day_key(table.h[r], table.k[r]) for r in order])
        self.unsorted = False

    def __len__(self) -> int:
        return len(self.order)

    def place(self, row: int) -> None:
        table, order, keys = self.table, self.order, self.keys
        key = day_key(table.h[row], table.k[row])
        if self.unsorted or not keys or keys[-1] < key:
            i = len(keys)
        else:
            i = bisect_right(keys, key)
            versions, version = table.v, table.v[row]
            while i > 0 and keys[i - 1] == key and versions[order[i - 1]] > version:
                i -= 1  # equal days: by version
        keys.insert(i, key)
        order.insert(i, row)

    def place_new(self, rows: list[int]) -> None:
        """Rows of facts newer than any here (higher versions), in version order."""
        if len(rows) < 8 and not self.unsorted:
            for row in rows:
                self.place(row)
            return
        h, k = self.table.h, self.table.k
        keys = [day_key(h[r], k[r]) for r in rows]
        if not self.unsorted and not ((not self.keys or self.keys[-1] <= keys[0])
                                      and all(map(le, keys, keys[1:]))):
            self.unsorted = True  # ties keep version order: these versions are the newest
        self.order.extend(rows)
        self.keys.extend(keys)

    def settle(self) -> None:
        """Sort what bulk appends left unsorted (one sort, in C)."""
        if self.unsorted:
            versions = self.table.v
            ranked = sorted(zip(self.keys, map(versions.__getitem__, self.order), self.order, strict=True))
            self.order = array("i", map(itemgetter(2), ranked))
            self.keys = array("q", map(itemgetter(0), ranked))
            self.unsorted = False

    def drop(self, row: int) -> None:
        table, order, keys = self.table, self.order, self.keys
        if self.unsorted:
            if row in order:
                i = order.index(row)
                del keys[i]
                del order[i]
            return
        key = day_key(table.h[row], table.k[row])
        i = bisect_left(keys, key)
        while i < len(keys) and keys[i] == key:
            if order[i] == row:
                del keys[i]
                del order[i]
                return
            i += 1

    def entries(self) -> list[Entry]:
        self.settle()
        return [self.table.entry(r) for r in self.order]

    @classmethod
    def sorted(cls, table: RowTable, rows: Iterable[int]) -> Rows:
        return cls(table, array("i", sorted(rows, key=table.key)))


def row_names(table: RowTable) -> list[tuple[int, int]]:
    """Each row as (version, edition): 0 for the fact as recorded, 1.. for its corrections."""
    editions: dict[int, int] = {}
    found = []
    for version in table.v:
        edition = editions[version] = editions.get(version, -1) + 1
        found.append((version, edition))
    return found


def rows_state(rows: Rows, names: list[tuple[int, int]] | None = None) -> tuple[Any, ...]:
    """A view's rows decoded and named, not numbered: equal for equal logs (tests, verify)."""
    table = rows.table
    named = names or [(r, 0) for r in range(len(table))]
    return (table.slack, [named[r] for r in rows.order],
            sorted((named[r], table.entry(r), table.ok[r], table.src[r]) for r in range(len(table))))
