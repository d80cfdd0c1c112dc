"""The store is its owner's alone: folders the tracker creates are 0700 whatever the
umask, and a store file others could read is tightened to its owner on the next open."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.reliability.helpers import cli
from tests.reliability.refusal import run

ADD = ["add", "leadership-change", "Sutton", "--role", "DCS", "--change", "appointed",
       "--occurred-on", "2020", "--source-publisher", "Gazette", "--source-title", "Story"]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextmanager
def umask(value: int) -> Iterator[None]:
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


def test_a_store_readable_by_others_is_tightened(tmp_path: Path) -> None:
    store = tmp_path / "shared.db"
    assert cli(str(store), *ADD).returncode == 0
    held = sqlite3.connect(store)  # keeps the -wal and -shm files there while we look
    held.execute("SELECT count(*) FROM sqlite_master").fetchone()
    try:
        siblings = [p for p in tmp_path.iterdir() if p.name.startswith("shared.db")]
        assert {p.name for p in siblings} >= {"shared.db", "shared.db-wal", "shared.db-shm"}
        for path in siblings:
            path.chmod(0o664)
        store.chmod(0o640)
        done = cli(str(store), "log", "Sutton")
        assert done.returncode == 0, done.stderr
        for path in siblings:
            assert mode(path) == 0o600, f"{path.name} is {oct(mode(path))}"
    finally:
        held.close()


def test_tightening_never_widens(tmp_path: Path) -> None:
    store = tmp_path / "archive.db"
    assert cli(str(store), *ADD).returncode == 0
    store.chmod(0o444)
    cli(str(store), "log", "Sutton")
    assert mode(store) == 0o400


def test_the_data_folder_is_created_owner_only(tmp_path: Path) -> None:
    data = tmp_path / "xdg"
    with umask(0):
        done = run("log", "Sutton", XDG_DATA_HOME=str(data))
    assert done.returncode == 0, done.stderr
    folder = data / "inspection-tracker"
    assert (folder / "tracker.db").exists()
    assert mode(folder) == 0o700 and mode(data) == 0o700
    assert mode(folder / "tracker.db") == 0o600


def test_folders_made_for_a_new_store_are_owner_only(tmp_path: Path) -> None:
    store = tmp_path / "a" / "b" / "tracker.db"
    with umask(0o002):
        assert cli(str(store), *ADD).returncode == 0
    assert mode(tmp_path / "a") == 0o700 and mode(tmp_path / "a" / "b") == 0o700
    assert mode(store) == 0o600
