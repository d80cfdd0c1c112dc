"""Property: random mutations of valid rows never crash an importer (only a clean
UserError naming the problem) and never leave a partial import behind."""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import TODAY
from tests.tracker.importers.helpers import AS_AT, FIXTURES, HISTORY, IN_YEAR, stored_events
from tests.tracker.importers.odsfile import outcomes_workbook
from tracker.errors import UserError
from tracker.service import Tracker
from tracker.store import open_store

NASTY = st.sampled_from(
    ["", " ", "x", "low", "-1", "1e309", "nan", "99999999", "31/02/2020", "2020-13-01", "01/01/0001",
     "12/12/99", "9999", "data_unreadable", "to requires improvement", "Requires improvement to be good",
     "314 / 318", "/", "E08000016", "london corporation", "\x07bell", "ÿ", "a,b", '"', "\u202e"]
)  # fmt: skip
CELL = st.one_of(NASTY, st.text(max_size=12))


def _rows(name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((FIXTURES / name).read_text(encoding="utf-8"))))


@st.composite
def mutated_csv(draw: st.DrawFn, name: str) -> str:
    rows = _rows(name)
    for _ in range(draw(st.integers(1, 4))):
        row = rows[draw(st.integers(1, len(rows) - 1))]
        action = draw(st.sampled_from(["replace", "replace", "drop", "extra", "duplicate"]))
        column = draw(st.integers(0, len(row) - 1)) if row else 0
        if action == "replace" and row:
            row[column] = draw(CELL)
        elif action == "drop" and row:
            del row[column]
        elif action == "extra":
            row.append(draw(CELL))
        else:
            rows.append(list(row))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _check(setup: Path, mutated: Path, fmt: str | None, skip: bool) -> None:
    """Import a good file, then the mutated one: a clean error and nothing written, or success."""
    with tempfile.TemporaryDirectory() as folder:
        app = open_store(str(Path(folder) / "store.db"))
        try:
            tracker = Tracker(app, today=TODAY)
            tracker.import_file(setup)
            before = stored_events(tracker)
            try:
                report = tracker.import_file(mutated, fmt, skip_bad_rows=skip)
            except UserError as error:
                assert str(error)
                assert stored_events(tracker) == before
            else:
                assert all(problem.line >= 1 and problem.reason for problem in report.skipped)
                assert stored_events(tracker) >= before
        finally:
            app.close()


COMMON = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@COMMON
@given(text=mutated_csv("ilacs_scrape.csv"), skip=st.booleans())
def test_scrape_mutations(text: str, skip: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.csv"
        path.write_text(text, encoding="utf-8")
        _check(FIXTURES / "ilacs_scrape_bom_crlf.csv", path, "ilacs-scrape", skip)


@COMMON
@given(text=mutated_csv("csww_indicators_2017_to_2018.csv"), skip=st.booleans())
def test_workforce_mutations(text: str, skip: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.csv"
        path.write_text(text, encoding="utf-8")
        _check(FIXTURES / "csww_indicators_2017_to_2019.csv", path, "dfe-workforce", skip)


ODS_CELL = st.one_of(CELL, st.none(), st.dates(date(1850, 1, 1), date(2100, 1, 1)))


@COMMON
@given(data=st.data(), skip=st.booleans())
def test_ofsted_outcomes_mutations(data: st.DataObject, skip: bool) -> None:
    tables: list[list[list[Any]]] = [[list(r) for r in t] for t in (HISTORY, IN_YEAR, AS_AT)]
    for _ in range(data.draw(st.integers(1, 4))):
        table = tables[data.draw(st.integers(0, 2))]
        row = table[data.draw(st.integers(0, len(table) - 1))]
        row[data.draw(st.integers(0, len(row) - 1))] = data.draw(ODS_CELL)
    with tempfile.TemporaryDirectory() as folder:
        good = outcomes_workbook(Path(folder) / "good.ods", HISTORY[:1], [], [])
        path = outcomes_workbook(Path(folder) / "mutated.ods", tables[0], tables[1], tables[2])
        _check(good, path, None, skip)
