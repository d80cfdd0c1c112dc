"""A child process for the reliability tests (run as a script, never imported by pytest).

    worker.py append STORE WORKER COUNT SHARED OWN GO_FILE   append COUNT facts, half
        to council SHARED and half to OWN, once GO_FILE exists; prints the new ids
    worker.py project STORE CODE...                          prints what a reader sees
    worker.py save-model STORE                               saves the read model over
        and over until killed (for the crash test)
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from eventsourcing.persistence import IntegrityError

from tests.conftest import TODAY
from tests.reliability.helpers import leadership, projections
from tracker.service import Tracker
from tracker.store import open_store


def append(store: str, name: str, count: int, shared: str, own: str, go: str) -> dict[str, Any]:
    """Returns the ids given and how many saves lost a race (and were retried)."""
    tracker = Tracker(open_store(store), today=TODAY)
    conflicts = 0
    save = tracker.save

    def counting_save(*aggregates: Any) -> None:
        nonlocal conflicts
        try:
            save(*aggregates)
        except IntegrityError:
            conflicts += 1
            raise

    tracker.save = counting_save  # type: ignore[method-assign]
    while not Path(go).exists():  # start together: the point is contention
        time.sleep(0.005)
    ids = []
    for i in range(count):
        council = shared if i % 2 == 0 else own
        ids.append(tracker.add(council, "leadership_change", leadership(f"{name}-{i}")))
    tracker.app.close()
    return {"ids": ids, "conflicts": conflicts}


def save_model_forever(store: str) -> None:
    from tracker.readside.live_model import LiveReadModel

    app = open_store(store)
    live = LiveReadModel(app)
    live.refresh()
    print("ready", flush=True)
    while True:
        live.save()


def main(argv: list[str]) -> None:
    mode, store, *rest = argv
    if mode == "append":
        name, count, shared, own, go = rest
        print(json.dumps(append(store, name, int(count), shared, own, go)))
    elif mode == "project":
        tracker = Tracker(open_store(store), today=TODAY)
        print(json.dumps(projections(tracker, rest)))
    elif mode == "save-model":
        save_model_forever(store)
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])
