"""What every command gets: the opened tracker, consoles, and the store setting."""

from __future__ import annotations

import json
import sys
from argparse import Namespace
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from rich.console import Console

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

    def done(self, payload: dict[str, Any], text: str) -> int:
        """Print a command's result: JSON with --json, else one plain line."""
        if getattr(self.args, "json", False):
            print_json(payload)
        else:
            self.out.print(text, markup=False, highlight=False)
        return 0


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")
