"""Errors the CLI and TUI show to users as one plain message (exit code 2)."""

from __future__ import annotations


class UserError(Exception):
    """Bad input from the user or a file: say what is wrong, write nothing."""


class ImportRowError(UserError):
    """One event of a file is wrong; names the file and line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        where = f"{path}, line {line}" if line else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.message = message


class ReadOnlyStore(UserError):
    """The store refused a write: the user's role may only read."""
