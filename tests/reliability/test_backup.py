"""`tracker export` then `tracker import` into an empty store reproduces every
projection exactly: every council's and every benchmark's answers, on each backend and
across them (SQLite <-> PostgreSQL); importing the export again adds nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BACKENDS, REPO, TODAY, fresh_store
from tests.reliability.helpers import cli, import_records, leadership, projections, write_jsonl
from tracker.councils import current_authorities
from tracker.seeding import load_seeds
from tracker.service import Tracker
from tracker.store import open_store

EVERY_COUNCIL = tuple(a.la_code for a in current_authorities())
WORKFORCE = REPO / "tests" / "fixtures" / "importers"  # England's and London's figures, two editions


def build_history(store: str, tmp_path: Path) -> None:
    """Seeds (inspections, visits, caseloads), two editions of the DfE workforce file
    (council figures, revisions, England's and London's benchmarks), an import with a
    correction and a retraction, hostile-looking text, and a correction made later by hand."""
    tracker = Tracker(open_store(store), today=TODAY)
    assert load_seeds(tracker) > 0
    tracker.app.close()
    for edition in ("csww_indicators_2017_to_2018.csv", "csww_indicators_2017_to_2019.csv"):
        done = cli(store, "import", str(WORKFORCE / edition))
        assert done.returncode == 0, done.stderr
    records = import_records("b", 30)
    assert cli(store, "import", str(write_jsonl(tmp_path / "b.jsonl", records))).returncode == 0
    tracker = Tracker(open_store(store), today=TODAY)
    odd = tracker.add("Sutton", "leadership_change",
                      {**leadership("[b]x[/b] \u202eevil"), "summary": "é ✓ 漢字 [link=x]y[/link]"})
    tracker.correct(odd, {"person": "renamed"}, "a later fix")
    tracker.app.close()


def answers(tracker: Tracker) -> dict[str, Any]:
    """Every council's answers (now and in the past), every benchmark's figures, and the
    log stream by stream: an import writes council by council, so the whole log's
    interleaving (its positions) may differ; every stream, id, time and field may not."""
    found = projections(tracker, EVERY_COUNCIL)
    found["log"] = by_stream(found["log"])
    found["benchmarks"] = tracker.benchmarks()
    found["national"] = tracker.national()
    found["caseloads"] = {code: tracker.caseload_history(code) for code in EVERY_COUNCIL}
    return found


def records(exported: bytes) -> list[bytes]:
    """An export's records, in a canonical order (JSON lines or TOML tables)."""
    parts = exported.split(b"[[events]]") if b"[[events]]" in exported else exported.split(b"\n")
    return sorted(part.strip() for part in parts if part.strip())


def by_stream(log: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    streams: dict[str, list[dict[str, Any]]] = {}
    for entry in log:
        streams.setdefault(entry["council"], []).append({k: v for k, v in entry.items() if k != "position"})
    return streams


@pytest.mark.parametrize("target", BACKENDS)
@pytest.mark.parametrize("fmt", ["jsonl", "toml"])
def test_export_import_reproduces_every_projection(
    store_url: str, backend: str, target: str, fmt: str, tmp_path: Path
) -> None:
    if fmt == "toml" and target != backend:
        pytest.skip("one format across backends is enough")
    build_history(store_url, tmp_path)
    exported = tmp_path / f"all.{fmt}"
    done = cli(store_url, "export", "--format", fmt, "--output", str(exported))
    assert done.returncode == 0, done.stderr
    with fresh_store(target, tmp_path) as copy:
        done = cli(copy, "import", str(exported))
        assert done.returncode == 0, done.stderr
        original = Tracker(open_store(store_url), today=TODAY)
        restored = Tracker(open_store(copy), today=TODAY)
        want, got = answers(original), answers(restored)
        assert sum(map(len, want["log"].values())) > 60
        assert {b["code"] for b in want["benchmarks"]} == {"E92000001", "E12000007"}
        assert want["national"]["england_caseload"] is not None
        warwickshire = [c for c in want["caseloads"]["937"] if c["national"]]
        assert warwickshire, "Warwickshire's figures are read beside England's"
        for key in want:
            assert got[key] == want[key], f"{key} differs after {backend} -> {target} ({fmt})"
        again = cli(copy, "export", "--format", fmt)
        assert records(again.stdout) == records(exported.read_bytes()), "exporting the copy differs"
        twice = cli(copy, "import", str(exported), "--json")
        assert twice.returncode == 0, twice.stderr
        summary = json.loads(twice.stdout)
        assert summary["added"] == summary["corrected"] == summary["retracted"] == 0, summary
        assert answers(Tracker(restored.app, today=TODAY)) == got, "importing the export again changed it"
        original.app.close()
        restored.app.close()
