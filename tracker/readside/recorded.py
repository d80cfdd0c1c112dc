"""A stream's view at an earlier recorded-by T, rebuilt from its rows without replay.

Facts recorded after T drop out; amendments recorded after T are undone. When every
amendment was recorded by T, that is a filter of the current view (patched rows keep
their original's recorded time). Otherwise the rows and amendments are walked: each
correction recorded by T reuses the row the fold made for it, provided it patched the
same row then; if not (amendments stored out of recorded order, e.g. an import of old
timestamps), the fields are patched afresh into a small table of their own.
"""

from __future__ import annotations

from array import array
from typing import Any

from tracker.readside.columns import Rows, source_span
from tracker.readside.index import StreamIndex, View, inspection_table, workforce_table

RETRACTION = 1


def view_at(index: StreamIndex, recorded_by: int) -> View:
    if index.amends.max_rec <= recorded_by:
        return (_recorded_by(index.insp, recorded_by), _recorded_by(index.work, recorded_by),
                max(index.insp.table.slack, index.work.table.slack))
    return _walked(index, recorded_by) or _patched_afresh(index, recorded_by)


def _recorded_by(rows: Rows, recorded_by: int) -> Rows:
    rec = rows.table.rec
    return Rows(rows.table, array("i", [r for r in rows.order if rec[r] <= recorded_by]))


def _originals(index: StreamIndex, recorded_by: int) -> dict[int, tuple[int, int]]:
    """version -> (table, row) of each fact first recorded by T."""
    found: dict[int, tuple[int, int]] = {}
    for table, rows in ((1, index.insp), (2, index.work)):
        versions, rec = rows.table.v, rows.table.rec
        first: set[int] = set()
        for row, version in enumerate(versions):
            if version not in first:  # later rows of a version are its corrections
                first.add(version)
                if rec[row] <= recorded_by:
                    found[version] = (table, row)
    return found


def _walked(index: StreamIndex, recorded_by: int) -> View | None:
    current = _originals(index, recorded_by)
    retracted: set[int] = set()
    a = index.amends
    for i in range(len(a)):
        if a.rec[i] > recorded_by:
            continue
        target = a.target[i]
        if a.kind[i] == RETRACTION:
            retracted.add(target)
        elif a.row[i] >= 0 and target in current:
            if current[target][1] != a.base[i]:
                return None  # this correction patched another row in the fold
            current[target] = (a.table[i], a.row[i])
    insp = (row for version, (table, row) in current.items() if table == 1 and version not in retracted)
    ok = index.work.table.ok
    work = (row for version, (table, row) in current.items()
            if table == 2 and version not in retracted and ok[row])
    return (Rows.sorted(index.insp.table, insp), Rows.sorted(index.work.table, work),
            max(index.insp.table.slack, index.work.table.slack))


def _patched_afresh(index: StreamIndex, recorded_by: int) -> View:
    """Fields patched in order of the log, into new tables (rare: out-of-order stamps)."""
    current: dict[int, tuple[int, int, dict[str, Any], int]] = {}
    for version, (table, row) in _originals(index, recorded_by).items():
        kept = index.rows(table).table
        current[version] = (table, kept.rec[row], kept.fields_of(row), kept.src[row])
    retracted: set[int] = set()
    a = index.amends
    for i in range(len(a)):
        if a.rec[i] > recorded_by:
            continue
        target = a.target[i]
        if a.kind[i] == RETRACTION:
            retracted.add(target)
        elif target in current:
            table, rec, fields, src = current[target]
            names = index.rows(table).table.fields
            changes = index.changes.get(a.changes[i]) if a.changes[i] >= 0 else {}
            src = source_span(changes["source"]) if "source" in changes else src
            fields = {**fields, **{k: v for k, v in changes.items() if k in names}}
            current[target] = (table, rec, fields, src)
    insp = Rows(inspection_table())
    work = Rows(workforce_table())
    for version, (table, rec, fields, src) in current.items():
        if version not in retracted:
            made = insp if table == 1 else work
            row = made.table.append(version, rec, fields, src)
            if made.table.ok[row]:
                made.place(row)
    return insp, work, max(insp.table.slack, work.table.slack)
