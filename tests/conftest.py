"""Shared fixtures: a real SQLite store file per test (PostgreSQL when configured)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tracker.service import Tracker
from tracker.store import open_store

TODAY = date(2026, 11, 23)
REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture
def store_path(tmp_path: Path) -> str:
    return str(tmp_path / "tracker.db")


@pytest.fixture
def tracker(store_path: str) -> Iterator[Tracker]:
    """A tracker on a fresh SQLite file, with a fixed 'today'."""
    app = open_store(store_path)
    yield Tracker(app, today=TODAY)
    app.close()


@pytest.fixture
def shared_data() -> Path:
    """../shared/data beside the project; tests using it skip when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present on this machine")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _no_ambient_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Never let a test touch the user's real default store."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if "TRACKER_STORE" in os.environ:
        monkeypatch.delenv("TRACKER_STORE")
