"""`tracker seed`: the national record and the seeds into any store, idempotently,
saying what it loaded; the record keeps every date at the precision a source gave."""

from __future__ import annotations

import json

import pytest

from tracker.cli.main import main
from tracker.national_record import row_count, shipped_parts
from tracker.service import Tracker


def test_seed_loads_the_record_into_any_store_once(
    store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--store", store_url, "seed", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["seed_events"] > 30 and first["added"] > 2000
    assert [part["file"] for part in first["record"]] == [part.file for part in shipped_parts()]
    outcomes = sum(p["added"] + p["enriched"] + p["already_present"] + p["repeated"] + p["corrected"]
                   for p in first["record"])
    assert outcomes >= row_count(shipped_parts())  # every row did something (joint returns: two)
    assert main(["--store", store_url, "seed", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["added"] == 0 and again["seed_events"] == 0
    assert main(["--store", store_url, "councils", "--json"]) == 0
    rated = [row for row in json.loads(capsys.readouterr().out) if row["rating"]]
    assert len(rated) == 153


def test_seed_says_what_it_loaded(store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", store_url, "seed"]) == 0
    out = capsys.readouterr().out
    assert "the national record and the seeds" in out
    assert "Ofsted, Local authority inspection outcomes as at 31 March 2025 (edition 2025-09-25)" in out
    assert "Department for Education" in out and "seeds (the five source reports)" in out


def test_a_report_known_by_its_publication_never_dates_its_fieldwork(backend_tracker: Tracker) -> None:
    """Warwickshire's 2017 inspection (a seed, "2017") meets the scrape's report of
    14 July 2017: it gains that publication date, never "2017-07" as a fieldwork date."""
    from tracker.national_record import load_record
    from tracker.seeding import load_seeds

    load_seeds(backend_tracker)
    load_record(backend_tracker, shipped_parts())
    events = backend_tracker.show("Warwickshire")["events"]
    sif = [e["fields"] for e in events if e["kind"] == "inspection" and e["fields"]["framework"] == "sif"]
    assert [(f["occurred_on"], f["published_on"]) for f in sif] == [("2017", "2017-07-14")]
    assert "publication" not in (sif[0]["note"] or "")
