"""Shared fixtures: a real SQLite store file per test, and ``backend`` /
``store_url`` / ``backend_tracker``: every storage test runs on SQLite and on a
real PostgreSQL server (a fresh schema per test; see scripts/postgres.sh)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tracker.service import Tracker
from tracker.store import open_store

BACKENDS = ("sqlite", "postgresql")
POSTGRES_VAR = "TRACKER_TEST_POSTGRES"  # an editor role's URL; the role owns the database
READER_VAR = "TRACKER_TEST_POSTGRES_READER"  # a read-only role's URL on the same database

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


def postgres_base(var: str = POSTGRES_VAR) -> str:
    """The server's URL; skips locally when there is none, fails in CI."""
    url = os.environ.get(var)
    if url:
        return url
    message = f"{var} is not set: run `eval \"$(scripts/postgres.sh)\"` first"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must test PostgreSQL: {message}")
    pytest.skip(message)


def with_schema(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}schema={schema}"


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A fresh, empty schema on the test server, readable by the reader role; dropped after."""
    import psycopg
    from psycopg import sql

    base = postgres_base()
    name = f"t_{uuid.uuid4().hex[:16]}"
    schema = sql.Identifier(name)
    reader = urlparse(os.environ.get(READER_VAR, "")).username
    with psycopg.connect(base, autocommit=True) as db:
        db.execute(sql.SQL("CREATE SCHEMA {}").format(schema))
        if reader:
            role = sql.Identifier(reader)
            db.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema, role))
            grant = "ALTER DEFAULT PRIVILEGES IN SCHEMA {} GRANT SELECT ON TABLES TO {}"
            db.execute(sql.SQL(grant).format(schema, role))
    try:
        yield with_schema(base, name)
    finally:
        with psycopg.connect(base, autocommit=True) as db:
            db.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(schema))


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL store (its own schema) for this test."""
    with postgres_schema() as url:
        yield url


def fresh_store(backend: str, directory: Path) -> AbstractContextManager[str]:
    """Another empty store on the backend, for tests that need several."""
    if backend == "postgresql":
        return postgres_schema()
    return nullcontext(str(directory / f"store-{uuid.uuid4().hex[:8]}.db"))


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty store on the backend: a SQLite file or a PostgreSQL schema."""
    if backend == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    return str(tmp_path / "store.db")


@pytest.fixture
def backend_tracker(store_url: str) -> Iterator[Tracker]:
    """A tracker on a fresh store of each backend, with a fixed 'today'."""
    app = open_store(store_url)
    yield Tracker(app, today=TODAY)
    app.close()
