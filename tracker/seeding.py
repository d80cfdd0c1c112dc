"""Load the bundled seed histories into a store, once."""

from __future__ import annotations

from seeds import seed_files
from tracker.importing import import_events
from tracker.records import read_event_file
from tracker.service import Tracker


def ensure_seeded(tracker: Tracker, force: bool = False) -> int:
    """Import every seed file in one transaction when the store is empty (or forced).

    Returns how many events were added; importing seeds twice adds nothing.
    """
    if not force and not tracker.is_empty():
        return 0
    return sum(
        import_events(tracker, read_event_file(path), f"seeds/{path.name}").added for path in seed_files()
    )
