"""Where events live: one setting picks SQLite (a file path, the default) or
PostgreSQL (a ``postgresql://`` URL), both through eventsourcing's own modules
(PostgreSQL's with the small changes in postgres_driver.py)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from tracker.application import TrackerApplication
from tracker.private_files import prepare_sqlite_file
from tracker.store_url import (
    POSTGRES_SCHEMES,
    PostgresTarget,
    StoreError,
    check_scheme,
    parse_postgres,
    scheme_of,
)

ENV_VAR = "TRACKER_STORE"
SQLITE_LOCK_TIMEOUT_SECONDS = 10
LOCK_TIMEOUT_VAR = "TRACKER_LOCK_TIMEOUT"
__all__ = ["StoreError", "StoreSetting", "open_store", "prepare_sqlite_file", "resolve_setting"]


@dataclass(frozen=True)
class StoreSetting:
    """What the user asked for, resolved: a SQLite path or a PostgreSQL URL.

    Checked when made: an unknown scheme, a bad port or host, or a URL parameter
    that cannot be honoured is a StoreError, before anything is opened or created.
    """

    value: str
    is_default: bool

    def __post_init__(self) -> None:
        check_scheme(self.value)
        if self.is_postgres:
            parse_postgres(self.value)

    @property
    def is_postgres(self) -> bool:
        return scheme_of(self.value) in POSTGRES_SCHEMES

    @property
    def postgres(self) -> PostgresTarget:
        return parse_postgres(self.value)

    def describe(self) -> str:
        return self.postgres.describe() if self.is_postgres else self.value


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
        from tracker.postgres_driver import OPTIONS_VAR, TOPIC

        target = setting.postgres
        env = {
            "PERSISTENCE_MODULE": TOPIC,
            "POSTGRES_DBNAME": target.dbname,
            "POSTGRES_HOST": target.host,
            "POSTGRES_PORT": str(target.port),
            "POSTGRES_USER": target.user,
            "POSTGRES_PASSWORD": target.password,
            "POSTGRES_CONNECT_TIMEOUT": str(target.connect_timeout),
            # One wait per attempt: the tracker retries, for three lock timeouts in all.
            "POSTGRES_LOCK_TIMEOUT": str(lock_timeout_seconds()),
            "POSTGRES_POOL_SIZE": "2",
            OPTIONS_VAR: json.dumps(driver_options(target)),
        }
        if target.schema is not None:
            env["POSTGRES_SCHEMA"] = target.schema
        return env
    return {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": setting.value,
        "SQLITE_LOCK_TIMEOUT": str(lock_timeout_seconds()),
    }


def driver_options(target: PostgresTarget) -> dict[str, str]:
    """The URL's libpq parameters, with a connect timeout unless it gives one."""
    return {"connect_timeout": str(target.connect_timeout), **target.options}


def lock_timeout_seconds() -> int:
    """How long one write waits for another writer's lock (env TRACKER_LOCK_TIMEOUT)."""
    text = os.environ.get(LOCK_TIMEOUT_VAR, "")
    return int(text) if text.isdigit() and int(text) > 0 else SQLITE_LOCK_TIMEOUT_SECONDS


def open_store(explicit: str | StoreSetting | None = None) -> TrackerApplication:
    """Open (and create if needed) the event store the setting names."""
    setting = explicit if isinstance(explicit, StoreSetting) else resolve_setting(explicit)
    if not setting.is_postgres:
        prepare_sqlite_file(setting.value)
    env = environment_for(setting)
    if setting.is_postgres and _postgres_tables_exist(env, setting.describe()):
        env["CREATE_TABLE"] = "no"
    try:
        app = TrackerApplication(env=env)
    except Exception as error:  # the library raises driver-specific errors
        if not (setting.is_postgres and is_permission_error(error)):
            raise StoreError(f"cannot open store {setting.describe()}: {error}") from error
        app = _open_read_only(setting, env)
    app.setting = setting
    return app


def one_line_reason(error: BaseException) -> str:
    """The driver's reason, on one line, without its 'connection failed:' preamble."""
    text = " ".join(str(error).split())
    return text.removeprefix("connection failed: ") or type(error).__name__


def _postgres_tables_exist(env: dict[str, str], describe: str) -> bool:
    """True when an editor has already created the tables, type and index.

    The library would otherwise run its CREATE ... IF NOT EXISTS statements on
    every start; CREATE INDEX waits for any writer's table lock (an import in
    progress), and a read-only role may not run them at all.
    """
    import psycopg

    from tracker.postgres_driver import OPTIONS_VAR

    schema = env.get("POSTGRES_SCHEMA") or "public"
    prefix = f'"{schema}".{TrackerApplication.name.lower()}'
    try:
        db = psycopg.connect(
            dbname=env["POSTGRES_DBNAME"],
            host=env["POSTGRES_HOST"],
            port=env["POSTGRES_PORT"],
            user=env["POSTGRES_USER"],
            password=env["POSTGRES_PASSWORD"],
            **json.loads(env[OPTIONS_VAR]),
        )
    except psycopg.Error as error:  # no server, a wrong password, TLS required but absent...
        raise StoreError(f"cannot connect to {describe}: {one_line_reason(error)}") from None
    try:
        with db:
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
