"""Teams on PostgreSQL: an analyst's read-only role browses (CLI and the Tracker
facade) and is refused plainly when it tries to write; an editor role appends."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.conftest import READER_VAR, TODAY, postgres_base, postgres_schema, with_schema
from tests.reliability.helpers import SOURCE, cli, fact_count, leadership, write_jsonl
from tracker.errors import ReadOnlyStore
from tracker.service import Tracker
from tracker.store import StoreError, open_store

ADD = ["add", "leadership-change", "Sutton", "--role", "DCS", "--change", "departed",
       "--occurred-on", "2022", "--source-publisher", "Gazette", "--source-title", "Story"]


def reader_url(editor_url: str) -> str:
    schema = parse_qs(urlparse(editor_url).query)["schema"][0]
    return with_schema(postgres_base(READER_VAR), schema)


@pytest.fixture
def shared_store(postgres_url: str) -> str:
    """A team's store: an editor has opened it and recorded two facts."""
    tracker = Tracker(open_store(postgres_url), today=TODAY)
    tracker.add("Sutton", "leadership_change", leadership("first editor fact", 2020))
    tracker.add("Swindon", "leadership_change", leadership("second editor fact", 2021))
    tracker.app.close()
    return postgres_url


def test_reader_browses_with_the_cli(shared_store: str) -> None:
    reader = reader_url(shared_store)
    for command in (["show", "Sutton", "--json"], ["councils"], ["log", "--json"], ["verify"]):
        done = cli(reader, *command)
        assert done.returncode == 0, (command, done.stderr.decode(errors="replace"))
    assert b"second editor fact" in cli(reader, "log", "--json").stdout


def test_reader_append_fails_plainly(shared_store: str, tmp_path: Path) -> None:
    reader = reader_url(shared_store)
    before = fact_count(shared_store)
    done = cli(reader, *ADD)
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr
    assert b"read-only" in done.stderr and b"editor" in done.stderr
    records = [{"council": "Sutton", "kind": "leadership_change", **leadership("by import")}]
    imported = cli(reader, "import", str(write_jsonl(tmp_path / "one.jsonl", records)))
    assert imported.returncode == 2 and b"read-only" in imported.stderr
    assert b"Traceback" not in imported.stderr
    assert fact_count(shared_store) == before


def test_reader_through_the_facade(shared_store: str) -> None:
    tracker = Tracker(open_store(reader_url(shared_store)), today=TODAY)
    assert [e["data"].get("person") for e in tracker.log("Swindon")][-1] == "second editor fact"
    assert len(tracker.councils()) >= 150
    with pytest.raises(ReadOnlyStore, match="read-only"):
        tracker.add("Sutton", "leadership_change", leadership("sneaky"))
    with pytest.raises(ReadOnlyStore):
        tracker.retract("319-2", "not allowed")
    tracker.app.close()


def test_editor_appends(shared_store: str) -> None:
    done = cli(shared_store, *ADD, "--json")
    assert done.returncode == 0, done.stderr
    assert b'"319-3"' in done.stdout
    assert b"departed" in cli(reader_url(shared_store), "log", "Sutton", "--json").stdout


def test_reader_on_a_store_no_editor_has_opened(postgres_url: str) -> None:
    with pytest.raises(StoreError, match="an editor must open it once first"):
        open_store(reader_url(postgres_url))
    done = cli(reader_url(postgres_url), "councils")
    assert done.returncode == 2 and b"editor must open it" in done.stderr and b"Traceback" not in done.stderr


def test_two_schemas_never_share_a_saved_read_model(postgres_url: str) -> None:
    """Same council, same position, different facts: each store must answer from its own."""
    with postgres_schema() as other_url:
        grades = {postgres_url: "good", other_url: "inadequate"}
        for url, grade in grades.items():
            tracker = Tracker(open_store(url), today=TODAY)
            tracker.add("Sutton", "inspection", {"occurred_on": "2019-01-07", "published_on": "2019-02-19",
                                                 "overall": grade, "source": SOURCE})
            tracker.refresh()
            tracker.read_model.save()
            tracker.app.close()
        for url, grade in grades.items():
            fresh = Tracker(open_store(url), today=TODAY)
            assert fresh.show("Sutton")["rating"]["overall"] == grade
            fresh.app.close()
