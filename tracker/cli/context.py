"""What every command gets: the opened tracker, consoles, and the store setting."""

from __future__ import annotations

import os
import sys
from argparse import Namespace
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from rich.console import Console

from tracker.errors import UserError
from tracker.private_files import reason
from tracker.safe_text import json_text, say
from tracker.seeding import say_loaded, seed_with_progress
from tracker.service import Tracker
from tracker.store import StoreSetting, open_store, resolve_setting


@dataclass
class Context:
    """Opens the store lazily so `--help` and argument errors never touch it."""

    args: Namespace
    out: Console
    err: Console

    @cached_property
    def setting(self) -> StoreSetting:
        return resolve_setting(self.args.store)

    @cached_property
    def tracker(self) -> Tracker:
        tracker = Tracker(open_store(self.setting))
        if self.setting.is_default:
            seeded = seed_with_progress(tracker, self.err)
            if seeded:
                say_loaded(self.err, seeded, f"the new store at {self.setting.value}")
        return tracker

    def close(self) -> None:
        """Close the store if this command opened it (a PostgreSQL pool, SQLite connections)."""
        tracker = self.__dict__.get("tracker")
        if tracker is not None:
            tracker.app.close()

    def done(self, payload: dict[str, Any], text: str) -> int:
        """Print a command's result: JSON with --json, else one plain line."""
        if getattr(self.args, "json", False):
            print_json(payload)
        else:
            say(self.out, text)
        return 0


def print_json(value: Any) -> None:
    write_stdout(json_text(value) + "\n")


def write_stdout(text: str) -> None:
    """Write straight to the descriptor, so a full disk or closed pipe is one error
    now rather than a second one when Python flushes at exit."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # captured in-process: not a real file
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    view = memoryview(text.encode("utf-8"))
    try:
        while view:
            view = view[os.write(fd, view):]
    except OSError as error:
        raise UserError(f"cannot write to standard output: {reason(error)}") from None

