"""Read a store setting: a SQLite file path, a SQLite ``file:`` URI, or a
``postgresql://`` URL whose every part is either honoured or refused.

A URL of any other scheme (``mysql://bob:pw@host/db``) would otherwise become a
SQLite file whose name holds the password; a query parameter the tracker dropped
(``sslmode=require``) would connect in plain text without a word. Both are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says why, plainly."""


POSTGRES_SCHEMES = ("postgresql", "postgres")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
# libpq connection parameters passed to the driver as given (PostgreSQL 15 to 17).
DRIVER_PARAMETERS = frozenset({
    "sslmode", "sslrootcert", "sslcert", "sslkey", "sslpassword", "sslcrl", "sslcrldir", "sslsni",
    "sslcompression", "ssl_min_protocol_version", "ssl_max_protocol_version", "sslnegotiation",
    "sslcertmode", "requirepeer", "require_auth", "channel_binding", "gssencmode", "gsslib",
    "gssdelegation", "krbsrvname", "connect_timeout", "application_name", "fallback_application_name",
    "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout",
    "target_session_attrs", "load_balance_hosts", "options", "passfile", "service", "hostaddr",
})  # fmt: skip
IN_THE_URL = frozenset({"host", "port", "dbname", "user", "password"})
TRACKER_PARAMETERS = frozenset({"schema"})


@dataclass(frozen=True)
class PostgresTarget:
    """A ``postgresql://`` URL, checked: where to connect, as whom, and how."""

    dbname: str
    host: str
    port: int
    user: str
    password: str
    schema: str | None = None
    options: dict[str, str] = field(default_factory=dict)  # libpq parameters, for the driver

    def describe(self) -> str:
        """The URL without its password, for messages."""
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.dbname}"

    @property
    def connect_timeout(self) -> int:
        return int(self.options.get("connect_timeout", 10))


def scheme_of(value: str) -> str | None:
    match = _SCHEME.match(value)
    return match[1].lower() if match else None


def check_scheme(value: str) -> None:
    """Refuse a URL the tracker cannot open rather than take it for a file name."""
    scheme = scheme_of(value)
    if scheme is not None and scheme not in (*POSTGRES_SCHEMES, "file"):  # file: a SQLite URI
        raise StoreError(
            f"a store is a SQLite file path or a postgresql:// URL; {scheme}:// is not supported"
        )


def parse_postgres(value: str) -> PostgresTarget:
    """Every part of the URL, or a StoreError naming the part that cannot be honoured
    (the password is never repeated)."""
    try:
        url = urlsplit(value)
        port = url.port
    except ValueError as error:
        raise StoreError(f"not a PostgreSQL URL: {_without_password(str(error), value)}") from None
    if port == 0:
        raise StoreError("not a PostgreSQL URL: port 0 is out of range 1-65535")
    if url.fragment:
        raise StoreError("not a PostgreSQL URL: it has a #fragment")
    options: dict[str, str] = {}
    schema = None
    for key, text in parse_qsl(url.query, keep_blank_values=True, strict_parsing=False):
        if key in options or (key == "schema" and schema is not None):
            raise StoreError(f"store URL: parameter {key!r} is given twice")
        if key in TRACKER_PARAMETERS:
            schema = text
        elif key in DRIVER_PARAMETERS:
            options[key] = text
        elif key in IN_THE_URL:
            raise StoreError(f"store URL: give the {key} in the URL itself, not as ?{key}=")
        else:
            raise StoreError(f"store URL: unknown connection parameter {key!r}")
    if "connect_timeout" in options and not re.fullmatch(r"[1-9][0-9]{0,5}", options["connect_timeout"]):
        raise StoreError("store URL: connect_timeout must be a whole number of seconds, 1 or more")
    return PostgresTarget(
        dbname=unquote(url.path.lstrip("/")) or "postgres",
        host=url.hostname or "localhost",
        port=port or 5432,
        user=unquote(url.username or ""),
        password=unquote(url.password or ""),
        schema=schema,
        options=options,
    )


def _without_password(message: str, value: str) -> str:
    """A parser's message that might quote the URL, without the password."""
    try:
        password = urlsplit(value).password
    except ValueError:
        password = None
    return message.replace(password, "***") if password else message
