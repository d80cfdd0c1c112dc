"""`tracker` with no command: open the store, load the record on the first start
(with a progress bar, before the screen takes over), and run the app."""

from __future__ import annotations

import sys

from rich.console import Console

from tracker.safe_text import visible
from tracker.seeding import say_loaded, seed_with_progress
from tracker.service import Tracker
from tracker.store import StoreError, open_store, resolve_setting
from tui.app import TrackerApp


def empty_store_hint(store: str) -> str:
    return (
        "This store is empty.\n\nTo load the national record (Ofsted's inspection outcomes, the "
        "analysts' ILACS report scrape and the DfE workforce statistics) and the seed histories, "
        f"quit (ctrl+q) and run:\n\n    tracker --store '{store}' seed\n\nor add an event with ctrl+n."
    )


def run_app(store: str | None) -> int:
    """`tracker` with no command: open the store the setting names and run the UI."""
    try:
        setting = resolve_setting(store)
        application = open_store(setting)
    except StoreError as error:
        print(f"error: {visible(error)}", file=sys.stderr)
        return 2
    tracker = Tracker(application)
    hint, first = None, False
    if setting.is_default:  # the first start: load the record here, with a progress bar
        seeded = seed_with_progress(tracker, Console(stderr=True))
        if seeded:
            first = True
            say_loaded(Console(stderr=True), seeded, f"the new store at {setting.value}")
    elif tracker.is_empty():
        hint, first = empty_store_hint(setting.describe()), True
    try:
        TrackerApp(tracker, seed=setting.is_default, empty_hint=hint, first_run=first).run()
    finally:
        tracker.close()  # keeps the read model for a fast next start
        application.close()
    return 0
