"""A recorded time must be one the tracker could have recorded: from 2000-01-01 to a day
after now. Anything else is refused where it comes in (an event file, `--recorded-by`),
and a stored one that slipped in earlier can no longer stop any read."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import fresh_store
from tests.reliability.helpers import SOURCE, cli, leadership, streams, write_jsonl
from tests.reliability.tamper import drop_saved_model, set_recorded_time

EXTREMES = ("0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00")
NEXT_WEEK = (datetime.now(UTC) + timedelta(days=7)).isoformat()
REFUSED = (*EXTREMES, "1999-12-31T23:59:59+00:00", NEXT_WEEK)


def record(council: str, person: str, recorded_at: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"council": council, "kind": "leadership_change", **leadership(person)}
    if recorded_at is not None:
        found["recorded_at"] = recorded_at
    return found


def toml_file(path: Path, records: list[dict[str, Any]]) -> Path:
    lines = []
    for item in records:
        lines.append("[[events]]")
        for key, value in item.items():
            if key == "source":
                value = "{ " + ", ".join(f"{k} = {json.dumps(v)}" for k, v in SOURCE.items()) + " }"
                lines.append(f"source = {value}")
            else:
                lines.append(f"{key} = {json.dumps(value)}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def one_line(stderr: bytes) -> str:
    lines = stderr.decode().strip().splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in lines[0]
    return lines[0]


@pytest.mark.parametrize("fmt", ["jsonl", "toml"])
@pytest.mark.parametrize("stamp", REFUSED)
def test_an_event_file_with_an_impossible_recorded_time_is_refused(
    store_url: str, tmp_path: Path, stamp: str, fmt: str
) -> None:
    records = [record("937", "fine", "2024-05-01T10:00:00+00:00"), record("319", "odd", stamp)]
    path = write_jsonl(tmp_path / "e.jsonl", records) if fmt == "jsonl" else \
        toml_file(tmp_path / "e.toml", records)
    done = cli(store_url, "import", str(path))
    assert done.returncode == 2, done.stdout + done.stderr
    line = one_line(done.stderr)
    assert "line" in line and "recorded_at" in line, line
    if fmt == "jsonl":
        assert "line 2" in line
    assert streams(store_url) == {}, "an import is all or nothing"


def test_a_recorded_time_within_the_range_is_kept(store_url: str, tmp_path: Path) -> None:
    early = "2000-01-01T00:00:00+00:00"
    now = datetime.now(UTC).isoformat()
    done = cli(store_url, "import", str(write_jsonl(tmp_path / "e.jsonl",
                                                   [record("937", "a", early), record("937", "b", now)])))
    assert done.returncode == 0, done.stderr
    log = json.loads(cli(store_url, "log", "937", "--json").stdout)
    assert [datetime.fromisoformat(e["recorded_at"]) for e in log[1:]] == [
        datetime.fromisoformat(early), datetime.fromisoformat(now)]


@pytest.mark.parametrize("command", [("show", "937"), ("councils",)])
@pytest.mark.parametrize("stamp", [*EXTREMES, "1999-12-31", "2999-01-01T00:00:00+00:00"])
def test_recorded_by_outside_the_range_is_refused(store_url: str, command: tuple[str, ...],
                                                  stamp: str) -> None:
    done = cli(store_url, *command, "--recorded-by", stamp)
    assert done.returncode == 2, done.stdout + done.stderr
    line = one_line(done.stderr)
    assert line.startswith("error: --recorded-by:"), line
    today = datetime.now(UTC).date().isoformat()
    assert cli(store_url, *command, "--recorded-by", today).returncode == 0


@pytest.mark.parametrize("stamp", [*EXTREMES, "1999-12-31T23:59:59+00:00"])
def test_reads_survive_any_stored_recorded_time(store_url: str, backend: str, tmp_path: Path,
                                                stamp: str) -> None:
    records = [record(code, f"{code}-{i}") for code in ("937", "319") for i in range(3)]
    assert cli(store_url, "import", str(write_jsonl(tmp_path / "e.jsonl", records))).returncode == 0
    log = json.loads(cli(store_url, "log", "--json").stdout)
    (position,) = [e["position"] for e in log if e["id"] == "937-3"]
    sutton = json.loads(cli(store_url, "show", "319", "--json").stdout)
    set_recorded_time(store_url, position, stamp)
    drop_saved_model(store_url)

    done = cli(store_url, "show", "319", "--json")
    assert done.returncode == 0 and json.loads(done.stdout) == sutton, done.stderr
    done = cli(store_url, "show", "937", "--json")
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert [d["id"] for d in shown["damaged"]] == ["937-3"]
    assert shown["damaged"][0]["position"] == position
    assert [e["id"] for e in shown["events"]] == ["937-2", "937-4"]
    councils = cli(store_url, "councils", "--json")
    assert councils.returncode == 0 and len(json.loads(councils.stdout)) == 153, councils.stderr
    done = cli(store_url, "log")
    assert done.returncode == 0 and b"Traceback" not in done.stderr
    assert f"log position {position}".encode() in done.stderr
    exported = tmp_path / "out.jsonl"
    done = cli(store_url, "export", "--output", str(exported))
    assert done.returncode == 1 and f"log position {position}".encode() in done.stderr, done.stderr
    with fresh_store(backend, tmp_path) as copy:
        assert cli(copy, "import", str(exported)).returncode == 0
    done = cli(store_url, "verify")
    assert done.returncode == 1 and f"log position {position}".encode() in done.stdout, done.stdout
    assert b"Traceback" not in done.stderr
