"""A store setting is honoured in full or refused: other schemes, bad ports and hosts,
URL parameters the tracker cannot pass on; the PostgreSQL ones (TLS above all) reach
the driver, and a wrong password says so."""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.conftest import postgres_base
from tests.reliability.helpers import cli
from tests.reliability.refusal import assert_refused, run
from tracker.store import open_store

ADD = ["add", "leadership-change", "Sutton", "--role", "DCS", "--change", "appointed",
       "--occurred-on", "2020", "--source-publisher", "Gazette", "--source-title", "Story"]
REFUSED_URLS = {
    "mysql://bob:pw-secret@db.example/tracker": (b"mysql://", b"not supported"),
    "sqlite:///tmp/x.db": (b"sqlite://",),
    "postgresql://bob:pw-secret@db.example:99999/tracker": (b"port",),
    "postgresql://bob:pw-secret@db.example:abc/tracker": (b"port", b"abc"),
    "postgresql://bob:pw-secret@[::1/tracker": (b"IPv6",),
    "postgresql://bob:pw-secret@db.example/tracker?sslmod=require": (b"sslmod",),
    "postgresql://bob:pw-secret@db.example/tracker?sslmode=require&sslmode=disable": (b"twice",),
    "postgresql://bob:pw-secret@db.example/tracker?host=elsewhere": (b"host",),
    "postgresql://bob:pw-secret@db.example/tracker?connect_timeout=soon": (b"connect_timeout",),
}


@pytest.mark.parametrize("url", list(REFUSED_URLS))
def test_a_setting_that_cannot_be_honoured_is_refused(url: str, tmp_path: Path) -> None:
    """Refused before anything is opened or created; the password is never repeated."""
    done = run("councils", store=url, cwd=tmp_path)
    line = assert_refused(done, *REFUSED_URLS[url])
    assert "pw-secret" not in line
    assert list(tmp_path.iterdir()) == [], "nothing may be created for a refused setting"
    from_env = run("councils", cwd=tmp_path, TRACKER_STORE=url)
    assert_refused(from_env, *REFUSED_URLS[url])


def _with(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(**changes))


def test_tls_required_by_the_url_is_required_of_the_server(postgres_url: str) -> None:
    """The test server has no TLS: `sslmode=require` must fail to connect, plainly."""
    done = cli(f"{postgres_url}&sslmode=require", *ADD)
    line = assert_refused(done, b"SSL")
    assert "require" in line.lower() or "support" in line.lower()
    assert cli(f"{postgres_url}&sslmode=disable", *ADD).returncode == 0


def test_url_parameters_reach_every_connection_of_the_pool(postgres_url: str) -> None:
    import psycopg

    name = f"tracker-test-{uuid.uuid4().hex[:8]}"
    app = open_store(f"{postgres_url}&application_name={name}&sslmode=disable&connect_timeout=3")
    try:
        assert app.recorder.max_notification_id() in (None, 0)
        with psycopg.connect(postgres_base()) as db:
            row = db.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s",
                             (name,)).fetchone()
        assert row is not None and row[0] >= 1, "the pool's connections did not carry the URL's parameters"
    finally:
        app.close()


def test_a_sqlite_uri_is_still_a_store(tmp_path: Path) -> None:
    assert cli(f"file://{tmp_path}/uri.db", *ADD).returncode == 0
    assert (tmp_path / "uri.db").exists()


def test_a_wrong_password_says_so_at_once(postgres_url: str) -> None:
    parts = urlsplit(postgres_url)
    wrong = _with(postgres_url, netloc=f"{parts.username}:not-the-password@{parts.hostname}:{parts.port}")
    started = time.monotonic()
    done = cli(wrong, "councils")
    line = assert_refused(done, b"password authentication failed")
    assert "not-the-password" not in line
    assert time.monotonic() - started < 8, "it should not wait for the pool's timeout"


def test_a_server_that_is_not_there_says_so(tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    done = run("councils", store=f"postgresql://bob:pw@127.0.0.1:{port}/tracker", cwd=tmp_path)
    assert_refused(done, b"cannot connect", str(port).encode())
    assert os.listdir(tmp_path) == []
