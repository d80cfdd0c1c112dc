"""A saved read model answers only for the log it was folded from, on both backends:
two stores with the same streams and versions but different facts never share one."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import psycopg
from psycopg import sql

from tests.conftest import TODAY, fresh_store, postgres_base
from tracker.readside.saved_model import TABLE
from tracker.service import Tracker
from tracker.store import open_store

Maker = Callable[..., dict[str, Any]]


def _schema(url: str) -> str:
    return parse_qs(urlparse(url).query)["schema"][0]


def _record(url: str, grade: str, inspection: Maker) -> int:
    """One store: Sutton opened and inspected (same stream, same versions), model saved."""
    tracker = Tracker(open_store(url), today=TODAY)
    tracker.add("Sutton", "inspection", inspection("2019-01-07", "2019-02-19", grade))
    tracker.refresh()
    assert tracker.read_model.save()
    position = tracker.read_model.ready().position
    tracker.app.close()
    return position


def _copy_saved_model(backend: str, source: str, target: str) -> None:
    """Put one store's saved model where the other store looks for its own."""
    if backend == "sqlite":
        shutil.copyfile(source + ".readmodel", target + ".readmodel")
        return
    with psycopg.connect(postgres_base(), autocommit=True) as db:
        mine, theirs = sql.Identifier(_schema(source), TABLE), sql.Identifier(_schema(target), TABLE)
        db.execute(sql.SQL("DELETE FROM {}").format(theirs))
        db.execute(sql.SQL("INSERT INTO {} SELECT * FROM {}").format(theirs, mine))


def test_a_saved_model_is_refused_by_a_store_with_other_facts_at_the_same_position(
    backend: str, store_url: str, tmp_path: Path, inspection: Maker
) -> None:
    with fresh_store(backend, tmp_path) as other:
        assert _record(store_url, "good", inspection) == _record(other, "inadequate", inspection) == 2
        resumed = Tracker(open_store(store_url), today=TODAY)
        assert resumed.read_model.ready().position == 2  # its own model: loaded, not rebuilt
        resumed.app.close()

        _copy_saved_model(backend, store_url, other)
        reader = Tracker(open_store(other), today=TODAY)
        assert reader.read_model.ready().position == 0  # the fingerprint differs: rebuilt
        assert reader.show("Sutton")["rating"]["overall"] == "inadequate"
        reader.app.close()


def test_the_postgres_model_lives_in_the_store_schema(postgres_url: str, inspection: Maker) -> None:
    _record(postgres_url, "good", inspection)
    with psycopg.connect(postgres_base()) as db:
        here = db.execute("SELECT to_regclass(%s)", (f'"{_schema(postgres_url)}".{TABLE}',)).fetchone()
        public = db.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = %s",
                            (TABLE,)).fetchone()
    assert here is not None and here[0] is not None
    assert public == (0,)
