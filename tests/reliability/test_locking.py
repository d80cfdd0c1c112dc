"""A store whose write lock another program holds: an append waits and retries
within a bound, succeeds if the lock is let go in time, else fails plainly."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs, urlparse

from tests.reliability.helpers import cli, fact_count

ADD = ["add", "leadership-change", "Sutton", "--role", "DCS", "--change", "interim",
       "--occurred-on", "2023", "--source-publisher", "Gazette", "--source-title", "Story"]


@contextmanager
def write_lock(store: str) -> Iterator[Callable[[], None]]:
    """Hold the store's write lock, as a long transaction in another program would;
    yields a function that lets go early (from any thread)."""
    lock = threading.Lock()
    if store.startswith("postgresql://"):
        import psycopg

        schema = parse_qs(urlparse(store).query)["schema"][0]
        db: Any = psycopg.connect(store.split("?")[0])
        db.execute(f'LOCK TABLE "{schema}".inspectiontracker_events IN EXCLUSIVE MODE')
    else:
        db = sqlite3.connect(store, isolation_level=None, check_same_thread=False)
        db.execute("BEGIN IMMEDIATE")
    held = [True]

    def release() -> None:
        with lock:
            if held[0]:
                db.rollback() if not isinstance(db, sqlite3.Connection) else db.execute("ROLLBACK")
                held[0] = False

    try:
        yield release
    finally:
        release()
        db.close()


def test_a_held_lock_is_waited_for(store_url: str) -> None:
    assert cli(store_url, *ADD[:-2], "--source-title", "first").returncode == 0  # creates the tables
    with write_lock(store_url) as release:
        timer = threading.Timer(2.0, release)
        timer.start()
        started = time.monotonic()
        done = cli(store_url, *ADD, TRACKER_LOCK_TIMEOUT="1")
        waited = time.monotonic() - started
        timer.join()
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert waited >= 1.5, "the append should have waited for the lock"
    assert fact_count(store_url) == 2


def test_a_lock_held_too_long_fails_plainly(store_url: str, backend: str) -> None:
    assert cli(store_url, *ADD[:-2], "--source-title", "first").returncode == 0
    with write_lock(store_url):
        started = time.monotonic()
        done = cli(store_url, *ADD, TRACKER_LOCK_TIMEOUT="1")
        waited = time.monotonic() - started
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr
    assert b"locked by another writer" in done.stderr and b"nothing was written" in done.stderr
    assert waited < 3 + 10, f"waited {waited:.1f}s"
    assert fact_count(store_url) == 1


def test_the_lock_timeout_is_honoured_as_documented(store_url: str) -> None:
    """Three lock timeouts in all, on both backends, and the message says so truly."""
    assert cli(store_url, *ADD[:-2], "--source-title", "first").returncode == 0
    started = time.monotonic()
    idle = cli(store_url, "log", "Sutton")
    start_up = time.monotonic() - started  # a process's own start, not waiting
    assert idle.returncode == 0
    with write_lock(store_url):
        started = time.monotonic()
        done = cli(store_url, *ADD, TRACKER_LOCK_TIMEOUT="2")
        waited = time.monotonic() - started - start_up
    assert done.returncode == 2, done.stderr
    assert b"waited 6 s" in done.stderr
    assert 5.5 <= waited <= 6 + 2.5, f"a 2 s lock timeout waited {waited:.1f} s"
    assert fact_count(store_url) == 1
