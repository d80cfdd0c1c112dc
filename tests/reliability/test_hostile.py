"""Hostile text: stored exactly as given or refused with a message naming the
field; never interpreted by the CLI's output (checked byte by byte)."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest

from events.errors import DomainError
from tests.conftest import TODAY
from tests.reliability.helpers import SOURCE, cli, fact_count, leadership, write_jsonl
from tracker.service import Tracker
from tracker.store import open_store

MARKUP = "[bold red]alarm[/bold red] [link=https://evil.example]click me[/link] [/]"
BIDI = "Sutton \u202eliarc\u202c council \u2066x\u2069"
SGR = re.compile(rb"\x1b\[[0-9;]*m")  # colour codes Rich itself writes when forced
REFUSED = {
    "ANSI colour": "\x1b[31mred\x1b[0m",
    "OSC 8 hyperlink": "\x1b]8;;https://evil.example\x07link\x1b]8;;\x07",
    "bell": "ring\x07",
    "C1 CSI": "\x9b31m",
    "delete": "rub\x7fout",
    "carriage return": "over\rwrite",
}
ADD = ["add", "leadership-change", "Sutton", "--role", "DCS", "--change", "appointed",
       "--occurred-on", "2020", "--source-publisher", "Gazette", "--source-title", "Story"]


def no_traceback(output: bytes) -> None:
    assert b"Traceback" not in output, output.decode(errors="replace")[-2000:]


def test_markup_and_bidi_are_stored_as_given_and_shown_literally(store_url: str) -> None:
    assert cli(store_url, *ADD, "--summary", MARKUP, "--person", MARKUP).returncode == 0
    assert cli(store_url, *ADD[:-4], "--occurred-on", "2021", "--summary", BIDI,
               "--source-publisher", MARKUP, "--source-title", BIDI).returncode == 0
    tracker = Tracker(open_store(store_url), today=TODAY)
    facts = [e["data"] for e in tracker.log("Sutton") if e["type"] == "leadership_change"]
    assert [f["summary"] for f in facts] == [MARKUP, BIDI]
    assert facts[0]["person"] == MARKUP
    assert facts[1]["source"]["publisher"] == MARKUP and facts[1]["source"]["title"] == BIDI
    tracker.app.close()

    for command in (["show", "Sutton"], ["log", "Sutton"], ["log"]):
        plain = cli(store_url, *command)
        assert plain.returncode == 0
        assert b"\x1b" not in plain.stdout, command
        assert MARKUP.encode() in plain.stdout, f"{command}: markup was interpreted"
        assert "\u202e".encode() not in plain.stdout and b"\\u202e" in plain.stdout, command
        forced = cli(store_url, *command, FORCE_COLOR="1", TERM="xterm-256color")
        unstyled = SGR.sub(b"", forced.stdout)
        assert b"\x1b" not in unstyled, f"{command}: an escape other than colour (a link?) came out"
        assert MARKUP.encode() in unstyled

    shown = cli(store_url, "show", "Sutton", "--json")
    assert b"\x1b" not in shown.stdout
    assert MARKUP in json.dumps(json.loads(shown.stdout), ensure_ascii=False)


@pytest.mark.parametrize("name", list(REFUSED))
def test_control_characters_are_refused_by_name(store_url: str, name: str) -> None:
    done = cli(store_url, *ADD, "--summary", f"before {REFUSED[name]} after")
    assert done.returncode == 2
    no_traceback(done.stderr)
    assert b"summary" in done.stderr and b"control character" in done.stderr
    assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]", done.stderr), done.stderr
    assert done.stdout == b""
    assert fact_count(store_url) == 0


def test_nul_and_escapes_in_an_import_file_are_refused(store_url: str, tmp_path: Path) -> None:
    good = {"council": "Sutton", "kind": "leadership_change", **leadership("fine")}
    bad = {"council": "Sutton", "kind": "leadership_change", **leadership("a\x00b")}
    worse = {"council": "Sutton", "kind": "leadership_change", **leadership("x", 2019),
             "summary": "\x1b[2J cleared"}
    for records, line in (([good, bad], b"line 2"), ([good, good | {"person": "2"}, worse], b"line 3")):
        done = cli(store_url, "import", str(write_jsonl(tmp_path / "bad.jsonl", records)))
        assert done.returncode == 2
        no_traceback(done.stderr)
        assert line in done.stderr and b"\x1b" not in done.stderr and b"\x00" not in done.stderr
    assert fact_count(store_url) == 0


def test_megabyte_strings_are_refused_plainly(store_url: str, tmp_path: Path) -> None:
    huge = "x" * 1_000_000
    records = [{"council": "Sutton", "kind": "leadership_change", **leadership("big"), "summary": huge}]
    done = cli(store_url, "import", str(write_jsonl(tmp_path / "huge.jsonl", records)))
    assert done.returncode == 2
    no_traceback(done.stderr)
    assert b"summary" in done.stderr and b"line 1" in done.stderr
    assert len(done.stderr) < 2000, "the message should not echo the megabyte back"
    tracker = Tracker(open_store(store_url), today=TODAY)
    with pytest.raises(DomainError, match="person: text is 1,000,000 characters"):
        tracker.add("Sutton", "leadership_change", {**leadership("big"), "person": huge})
    with pytest.raises(DomainError):
        tracker.add("Sutton", "leadership_change", {**leadership("big"), "source": {**SOURCE, "title": huge}})
    tracker.app.close()
    assert fact_count(store_url) == 0


@pytest.mark.parametrize("suffix", ["jsonl", "toml"])
def test_invalid_utf8_files_are_refused(store_url: str, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"broken.{suffix}"
    if suffix == "jsonl":
        good = json.dumps({"council": "Sutton", "kind": "leadership_change", **leadership("ok")})
        path.write_bytes(good.encode() + b"\n" + b'{"council": "Sutton \xff\xfe"}\n')
    else:
        path.write_bytes(b'[[events]]\ncouncil = "Sutton"\nkind = "leadership_change"\nperson = "\xc3\x28"\n')
    done = cli(store_url, "import", str(path))
    assert done.returncode == 2
    no_traceback(done.stderr)
    assert path.name.encode() in done.stderr
    assert b"UTF-8" in done.stderr.upper().replace(b"UTF8", b"UTF-8")
    assert fact_count(store_url) == 0


def test_sqlite_files_are_for_their_owner_only(tmp_path: Path) -> None:
    store = tmp_path / "private" / "tracker.db"
    old = os.umask(0o000)  # even a permissive umask must not widen the file
    try:
        assert cli(str(store), *ADD).returncode == 0
        assert cli(str(store), "show", "Sutton").returncode == 0
    finally:
        os.umask(old)
    made = [p for p in store.parent.iterdir() if p.name.startswith("tracker.db")]
    assert store in made
    for path in made:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, f"{path.name} is {oct(path.stat().st_mode)}"
