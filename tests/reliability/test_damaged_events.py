"""One damaged stored event stays in its corner: every other council reads as before,
the damaged one says which event it cannot read, `verify` lists it, and `export` writes
everything else and says what it skipped."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TODAY, fresh_store
from tests.reliability.helpers import cli, leadership, write_jsonl
from tests.reliability.tamper import drop_saved_model, edit_state, flip_byte, set_topic
from tracker.service import Tracker
from tracker.store import open_store


def _wrong_date(state: dict[str, Any]) -> None:
    state["occurred_on"] = "2p20"  # one bit of '0' flipped: still JSON, not a date


def _extra_field(state: dict[str, Any]) -> None:
    state["smuggled"] = "not a field of this event"


def _wrong_type(state: dict[str, Any]) -> None:
    state["person"] = 42  # a field no index reads: found when the event is read back


DAMAGES: dict[str, Callable[[str, int], None]] = {
    "flipped byte": lambda store, position: flip_byte(store, position),
    "unknown topic": lambda store, position: set_topic(store, position, "events.council:Council.Unheard"),
    "wrong value": lambda store, position: edit_state(store, position, _wrong_date),
    "extra field": lambda store, position: edit_state(store, position, _extra_field),
    "wrong type": lambda store, position: edit_state(store, position, _wrong_type),
}
READ_BACK_ONLY = {"wrong type", "extra field"}  # a rebuild checks only what it folds


NEW_FACT = ("--occurred-on", "2024", "--role", "DCS", "--change", "appointed", "--source-publisher", "p",
            "--source-title", "t")


def history(store: str, tmp_path: Path) -> int:
    """Three facts each for Warwickshire and Sutton, a correction of Warwickshire's third;
    returns the log position of Warwickshire's second fact (937-3), the one damaged."""
    records: list[dict[str, Any]] = [
        {"id": f"x{code}{i}", "council": code, "kind": "leadership_change",
         **leadership(f"{code}-{i}", 2018 + i)}
        for code in ("937", "319") for i in range(3)
    ]
    records.append({"kind": "correction", "target": "x9372", "changes": {"person": "renamed"},
                    "reason": "typo"})
    assert cli(store, "import", str(write_jsonl(tmp_path / "h.jsonl", records))).returncode == 0
    log = json.loads(cli(store, "log", "--json").stdout)
    (position,) = [e["position"] for e in log if e["id"] == "937-3"]
    return int(position)


def saved_model(store: str) -> None:
    tracker = Tracker(open_store(store), today=TODAY)
    tracker.refresh()
    assert tracker.read_model.save()
    tracker.app.close()


@pytest.mark.parametrize("saved", [False, True], ids=["rebuilt", "saved model"])
@pytest.mark.parametrize("damage", list(DAMAGES))
def test_one_damaged_event_is_isolated(store_url: str, backend: str, tmp_path: Path, damage: str,
                                       saved: bool) -> None:
    position = history(store_url, tmp_path)
    sutton = json.loads(cli(store_url, "show", "319", "--json").stdout)
    sutton_log = json.loads(cli(store_url, "log", "319", "--json").stdout)
    drop_saved_model(store_url)
    if saved:  # the model was saved while the event was sound: the damage comes after
        saved_model(store_url)
    DAMAGES[damage](store_url, position)
    if not saved:
        drop_saved_model(store_url)

    done = cli(store_url, "show", "Sutton", "--json")
    assert done.returncode == 0 and json.loads(done.stdout) == sutton, done.stderr

    done = cli(store_url, "show", "Warwickshire", "--json")
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    (found,) = shown["damaged"]
    assert (found["id"], found["position"]) == ("937-3", position)
    assert found["problem"]
    assert "937-3" not in [e["id"] for e in shown["events"]]
    assert [e["fields"]["person"] for e in shown["events"]] == ["937-0", "renamed"]

    done = cli(store_url, "show", "Warwickshire")
    assert done.returncode == 0 and b"Traceback" not in done.stderr
    text = done.stdout.decode()
    assert "damaged" in text and "937-3" in text and f"log position {position}" in text, text

    done = cli(store_url, "councils", "--json")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 153
    if not saved and damage not in READ_BACK_ONLY:  # else only `show`, `log`, `export` read it
        assert b"937-3" in done.stderr and f"log position {position}".encode() in done.stderr

    done = cli(store_url, "log", "319", "--json")
    assert done.returncode == 0 and json.loads(done.stdout) == sutton_log
    done = cli(store_url, "log", "--json")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 8 and f"log position {position}".encode() in done.stderr

    done = cli(store_url, "verify")
    assert done.returncode == 1, done.stdout
    assert f"log position {position}".encode() in done.stdout and b"council 937" in done.stdout
    if damage == "extra field":
        assert b"smuggled" in done.stdout

    exported = tmp_path / "out.jsonl"
    done = cli(store_url, "export", "--output", str(exported))
    assert done.returncode == 1, done.stderr
    assert b"skipped" in done.stderr and f"log position {position}".encode() in done.stderr
    with fresh_store(backend, tmp_path) as copy:
        done = cli(copy, "import", str(exported))
        assert done.returncode == 0, done.stderr
        assert json.loads(cli(copy, "show", "Sutton", "--json").stdout)["events"] == sutton["events"]


def test_a_write_to_a_council_with_a_damaged_event_is_refused_plainly(store_url: str, tmp_path: Path) -> None:
    position = history(store_url, tmp_path)
    flip_byte(store_url, position)
    done = cli(store_url, "add", "leadership-change", "Warwickshire", *NEW_FACT)
    assert done.returncode == 2, done.stdout + done.stderr
    assert b"Traceback" not in done.stderr and b"verify" in done.stderr
    done = cli(store_url, "add", "leadership-change", "Sutton", *NEW_FACT)
    assert done.returncode == 0, done.stderr
