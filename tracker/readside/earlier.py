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
from collections.abc import Iterator
from typing import Any

from tracker.readside.amendments import RETRACTION, Amendments
from tracker.readside.rows import Rows, Values, source_span
from tracker.readside.tables import INSPECTIONS, WORKFORCE, View, inspection_table, workforce_table

Tables = dict[int, Rows]  # a stream's current sorted rows, by table (tables.py)


def view_at(tables: Tables, amends: Amendments, changes: Values, recorded_by: int) -> View:
    """A stream's rows as the tracker held them at T (``changes``: its corrections' changes,
    numbered as ``amends.changes`` says)."""
    insp, work = tables[INSPECTIONS], tables[WORKFORCE]
    slack = max(insp.table.slack, work.table.slack)
    if amends.max_rec <= recorded_by:
        return View(_recorded_by(insp, recorded_by), _recorded_by(work, recorded_by), slack)
    return _walked(tables, amends, recorded_by) or _patched_afresh(tables, amends, changes, recorded_by)


def _recorded_by(rows: Rows, recorded_by: int) -> Rows:
    rec = rows.table.rec
    return Rows(rows.table, array("i", [r for r in rows.order if rec[r] <= recorded_by]))


def _originals(tables: Tables, recorded_by: int) -> dict[int, tuple[int, int]]:
    """version -> (table, row) of each fact first recorded by T."""
    found: dict[int, tuple[int, int]] = {}
    for table, rows in tables.items():
        versions, rec = rows.table.v, rows.table.rec
        first: set[int] = set()
        for row, version in enumerate(versions):
            if version not in first:  # later rows of a version are its corrections
                first.add(version)
                if rec[row] <= recorded_by:
                    found[version] = (table, row)
    return found


def _corrections_by(a: Amendments, recorded_by: int, retracted: set[int]) -> Iterator[tuple[int, int]]:
    """(index, target) of each correction recorded by T, in log order; the targets of
    retractions recorded by T are added to ``retracted`` as the walk passes them."""
    for i in range(len(a)):
        if a.rec[i] > recorded_by:
            continue
        if a.kind[i] == RETRACTION:
            retracted.add(a.target[i])
        else:
            yield i, a.target[i]


def _walked(tables: Tables, a: Amendments, recorded_by: int) -> View | None:
    current = _originals(tables, recorded_by)
    retracted: set[int] = set()
    for i, target in _corrections_by(a, recorded_by, retracted):
        if a.row[i] >= 0 and target in current:
            if current[target][1] != a.base[i]:
                return None  # this correction patched another row in the fold
            current[target] = (a.table[i], a.row[i])
    insp, work = tables[INSPECTIONS].table, tables[WORKFORCE].table
    inspections = (row for version, (table, row) in current.items()
                   if table == INSPECTIONS and version not in retracted)
    figures = (row for version, (table, row) in current.items()
               if table == WORKFORCE and version not in retracted and work.ok[row])
    return View(Rows.sorted(insp, inspections), Rows.sorted(work, figures), max(insp.slack, work.slack))


def _patched_afresh(tables: Tables, a: Amendments, values: Values, recorded_by: int) -> View:
    """Fields patched in order of the log, into new tables (rare: out-of-order stamps)."""
    current: dict[int, tuple[int, int, dict[str, Any], int]] = {}
    for version, (table, row) in _originals(tables, recorded_by).items():
        kept = tables[table].table
        current[version] = (table, kept.rec[row], kept.fields_of(row), kept.src[row])
    retracted: set[int] = set()
    for i, target in _corrections_by(a, recorded_by, retracted):
        if target in current:
            table, rec, fields, src = current[target]
            names = tables[table].table.fields
            changes = values.get(a.changes[i]) if a.changes[i] >= 0 else {}
            src = source_span(changes["source"]) if "source" in changes else src
            fields = {**fields, **{k: v for k, v in changes.items() if k in names}}
            current[target] = (table, rec, fields, src)
    insp = Rows(inspection_table())
    work = Rows(workforce_table())
    for version, (table, rec, fields, src) in current.items():
        if version not in retracted:
            made = insp if table == INSPECTIONS else work
            row = made.table.append(version, rec, fields, src)
            if made.table.ok[row]:
                made.place(row)
    return View(insp, work, max(insp.table.slack, work.table.slack))
