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
            "POSTGRES_LOCK_TIMEOUT": "10",
            "POSTGRES_POOL_SIZE": "2",
        }
        if "schema" in query:
            env["POSTGRES_SCHEMA"] = query["schema"][0]
        return env
    return {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": setting.value,
        "SQLITE_LOCK_TIMEOUT": str(SQLITE_LOCK_TIMEOUT_SECONDS),
    }


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
    try:
        app = TrackerApplication(env=environment_for(setting))
    except Exception as error:  # the library raises driver-specific errors
        raise StoreError(f"cannot open store {setting.describe()}: {error}") from error
    app.setting = setting
    return app
