"""Damage a store behind the library's back, as a bad disk, a bad tool or an old bug
would: rewrite one stored row, or throw away the saved read model."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlparse

from tracker.store import open_store

READ_MODEL_TABLE = "tracker_read_model_parts"


def _schema(store: str) -> str:
    return parse_qs(urlparse(store).query)["schema"][0]


def run_sql(store: str, statement: str, *params: Any) -> None:
    """Run SQL against the events table ({table}; {pos} is the log position column)."""
    if store.startswith("postgresql://"):
        import psycopg

        sql = statement.format(table=f'"{_schema(store)}".inspectiontracker_events', pos="notification_id")
        with psycopg.connect(store.split("?")[0], autocommit=True) as db:
            db.execute(sql.replace("?", "%s"), params)  # type: ignore[arg-type]
    else:
        import sqlite3

        with sqlite3.connect(store) as db:
            db.execute(statement.format(table="stored_events", pos="rowid"), params)


def stored_row(store: str, position: int) -> tuple[str, bytes]:
    """The topic and state bytes stored at a log position."""
    app = open_store(store)
    try:
        (row,) = app.recorder.select_notifications(start=position, limit=1)
        return row.topic, bytes(row.state)
    finally:
        app.close()


def set_state(store: str, position: int, state: bytes) -> None:
    run_sql(store, "UPDATE {table} SET state = ? WHERE {pos} = ?", state, position)


def set_topic(store: str, position: int, topic: str) -> None:
    run_sql(store, "UPDATE {table} SET topic = ? WHERE {pos} = ?", topic, position)


def edit_state(store: str, position: int, change: Callable[[dict[str, Any]], None]) -> None:
    """Load the stored JSON state at a position, change it in place, store it again."""
    state = json.loads(stored_row(store, position)[1])
    change(state)
    set_state(store, position, json.dumps(state).encode())


def set_recorded_time(store: str, position: int, stamp: str) -> None:
    """Write a recorded time straight into a stored event (as the library spells it)."""

    def change(state: dict[str, Any]) -> None:
        state["timestamp"]["_data_"] = stamp

    edit_state(store, position, change)


def flip_byte(store: str, position: int, offset: int = 0, bit: int = 1) -> None:
    state = bytearray(stored_row(store, position)[1])
    state[offset] ^= bit
    set_state(store, position, bytes(state))


def drop_saved_model(store: str) -> None:
    """Throw away the read model saved beside the store, so the next reader rebuilds."""
    if store.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(store.split("?")[0], autocommit=True) as db:
            db.execute(f'DROP TABLE IF EXISTS "{_schema(store)}".{READ_MODEL_TABLE}')
    elif os.path.exists(store + ".readmodel"):
        os.unlink(store + ".readmodel")
