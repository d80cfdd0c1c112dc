"""Where events live: one setting picks SQLite (a file path, the default) or
PostgreSQL (a ``postgresql://`` URL), both through eventsourcing's own modules."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from platformdirs import user_data_dir

from tracker.application import TrackerApplication

ENV_VAR = "TRACKER_STORE"
SQLITE_LOCK_TIMEOUT_SECONDS = 10
LOCK_TIMEOUT_VAR = "TRACKER_LOCK_TIMEOUT"


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says why, plainly."""


@dataclass(frozen=True)
class StoreSetting:
    """What the user asked for, resolved: a SQLite path or a PostgreSQL URL."""

    value: str
    is_default: bool

    @property
    def is_postgres(self) -> bool:
        return self.value.startswith(("postgresql://", "postgres://"))

    def describe(self) -> str:
        if self.is_postgres:
            url = urlparse(self.value)
            host = url.hostname or "localhost"
            return f"postgresql://{url.username or ''}@{host}:{url.port or 5432}{url.path}"
        return self.value


def default_store_path() -> Path:
    return Path(user_data_dir("inspection-tracker", appauthor=False)) / "tracker.db"


def resolve_setting(explicit: str | None = None) -> StoreSetting:
    """``--store`` beats ``TRACKER_STORE`` beats the default file."""
    if explicit:
        return StoreSetting(explicit, False)
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return StoreSetting(from_env, False)
    return StoreSetting(str(default_store_path()), True)


def environment_for(setting: StoreSetting) -> dict[str, str]:
    """The eventsourcing environment variables for a store setting."""
    if setting.is_postgres:
        url = urlparse(setting.value)
        query = parse_qs(url.query)
        env = {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": unquote(url.path.lstrip("/")) or "postgres",
            "POSTGRES_HOST": url.hostname or "localhost",
            "POSTGRES_PORT": str(url.port or 5432),
            "POSTGRES_USER": unquote(url.username or ""),
            "POSTGRES_PASSWORD": unquote(url.password or ""),
            "POSTGRES_CONNECT_TIMEOUT": "10",
            # The library retries a lock timeout ten times: wait a tenth each time.
            "POSTGRES_LOCK_TIMEOUT": str(max(1, lock_timeout_seconds() // 10)),
            "POSTGRES_POOL_SIZE": "2",
        }
        if "schema" in query:
            env["POSTGRES_SCHEMA"] = query["schema"][0]
        return env
    return {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": setting.value,
        "SQLITE_LOCK_TIMEOUT": str(lock_timeout_seconds()),
    }


def lock_timeout_seconds() -> int:
    """How long one write waits for another writer's lock (env TRACKER_LOCK_TIMEOUT)."""
    text = os.environ.get(LOCK_TIMEOUT_VAR, "")
    return int(text) if text.isdigit() and int(text) > 0 else SQLITE_LOCK_TIMEOUT_SECONDS


def prepare_sqlite_file(path: str) -> bool:
    """Create the file readable and writable by its owner only; True if it was new."""
    if path == ":memory:" or path.startswith("file:"):
        return False
    file = Path(path).expanduser()
    file.parent.mkdir(parents=True, exist_ok=True)
    if file.exists():
        return False
    fd = os.open(file, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    os.close(fd)
    return True


def open_store(explicit: str | StoreSetting | None = None) -> TrackerApplication:
    """Open (and create if needed) the event store the setting names."""
    setting = explicit if isinstance(explicit, StoreSetting) else resolve_setting(explicit)
    if not setting.is_postgres:
        prepare_sqlite_file(setting.value)
    env = environment_for(setting)
    if setting.is_postgres and _postgres_tables_exist(env):
        env["CREATE_TABLE"] = "no"
    try:
        app = TrackerApplication(env=env)
    except Exception as error:  # the library raises driver-specific errors
        if not (setting.is_postgres and is_permission_error(error)):
            raise StoreError(f"cannot open store {setting.describe()}: {error}") from error
        app = _open_read_only(setting, env)
    app.setting = setting
    return app


def _postgres_tables_exist(env: dict[str, str]) -> bool:
    """True when an editor has already created the tables, type and index.

    The library would otherwise run its CREATE ... IF NOT EXISTS statements on
    every start; CREATE INDEX waits for any writer's table lock (an import in
    progress), and a read-only role may not run them at all.
    """
    import psycopg

    schema = env.get("POSTGRES_SCHEMA") or "public"
    prefix = f'"{schema}".{TrackerApplication.name.lower()}'
    try:
        with psycopg.connect(
            dbname=env["POSTGRES_DBNAME"],
            host=env["POSTGRES_HOST"],
            port=env["POSTGRES_PORT"],
            user=env["POSTGRES_USER"],
            password=env["POSTGRES_PASSWORD"],
            connect_timeout=int(env["POSTGRES_CONNECT_TIMEOUT"]),
        ) as db:
            row = db.execute(
                "SELECT to_regclass(%s) IS NOT NULL AND to_regclass(%s) IS NOT NULL"
                " AND to_regclass(%s) IS NOT NULL AND to_regtype(%s) IS NOT NULL",
                (f"{prefix}_events", f"{prefix}_snapshots", f"{prefix}_events_notification_id_idx",
                 f'"{schema}".stored_event_uuid'),
            ).fetchone()
    except psycopg.Error:
        return False  # let the library connect and report the problem in its words
    return bool(row and row[0])


def is_permission_error(error: BaseException) -> bool:
    """The database refused because of the role's privileges (or a read-only file)."""
    text = str(error).lower()
    return any(words in text for words in ("permission denied", "readonly", "read-only", "must be owner"))


def _open_read_only(setting: StoreSetting, env: dict[str, str]) -> TrackerApplication:
    """A role that may not create tables (a read-only analyst) still browses.

    The library runs CREATE TABLE IF NOT EXISTS on start, which needs CREATE on
    the schema even when the tables exist; skip it, then check they do exist.
    """
    try:
        app = TrackerApplication(env={**env, "CREATE_TABLE": "no"})
        app.recorder.max_notification_id()
    except Exception as error:
        if "does not exist" in str(error):
            raise StoreError(
                f"store {setting.describe()} has no tables yet and your role may not create them: "
                "an editor must open it once first"
            ) from error
        raise StoreError(f"cannot open store {setting.describe()}: {error}") from error
    return app
