"""Exports are new, owner-only files: never through a symbolic link, never over a
file unless asked, never half-written; CSV cells never run as formulas; and file
names printed by the CLI are as inert as the data."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest

from tests.reliability.helpers import cli, write_jsonl
from tests.reliability.refusal import assert_refused, run
from tracker.errors import UserError
from tracker.spreadsheet import csv_text

ADD = ["add", "leadership-change", "Sutton", "--role", "DCS", "--change", "appointed",
       "--occurred-on", "2020", "--source-publisher", "Gazette", "--source-title", "Story"]
ESCAPES = "b\x1b[2J\x1b[31m"


@pytest.fixture
def store(tmp_path: Path) -> str:
    path = str(tmp_path / "store.db")
    assert cli(path, *ADD).returncode == 0
    return path


def test_an_export_is_a_new_owner_only_file(store: str, tmp_path: Path) -> None:
    target = tmp_path / "backup.jsonl"
    old = os.umask(0)
    try:
        done = cli(store, "export", "-o", str(target))
    finally:
        os.umask(old)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text().splitlines()[0])["council"] == "319"
    again = cli(store, "export", "-o", str(target))
    assert_refused(again, b"backup.jsonl", b"already there")
    replaced = cli(store, "export", "--format", "toml", "-o", str(target), "--overwrite")
    assert replaced.returncode == 0, replaced.stderr
    assert target.read_text().startswith("# Exported")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("overwrite", [False, True])
def test_an_export_never_follows_a_symbolic_link(store: str, tmp_path: Path, overwrite: bool) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(victim)
    dangling = tmp_path / "dangling.jsonl"
    dangling.symlink_to(tmp_path / "created-through-the-link.txt")
    flag = ["--overwrite"] if overwrite else []
    assert_refused(cli(store, "export", "-o", str(link), *flag), b"symbolic link")
    assert_refused(cli(store, "export", "-o", str(dangling), *flag), b"symbolic link")
    assert victim.read_text() == "precious\n"
    assert not (tmp_path / "created-through-the-link.txt").exists()
    assert link.is_symlink() and dangling.is_symlink()


@pytest.mark.parametrize(
    ("target", "words"),
    [("{tmp}", (b"folder",)), ("{tmp}/no/such/folder/x.jsonl", (b"no folder",)),
     ("/dev/full", (b"/dev/full",))],
)
def test_an_export_that_cannot_be_written_is_one_line(
    store: str, tmp_path: Path, target: str, words: tuple[bytes, ...]
) -> None:
    path = target.format(tmp=tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert_refused(cli(store, "export", "-o", path), *words)
    assert_refused(cli(store, "export", "-o", path, "--overwrite"), *words)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize("argv", [["export"], ["log", "--json"], ["show", "Sutton", "--json"]])
def test_output_to_a_full_standard_output_is_one_line(store: str, argv: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = run(*argv, store=store, stdout=full.fileno())
    done.stdout = b""
    assert_refused(done, b"standard output", b"disk is full")


def test_file_names_are_shown_inert(store: str, tmp_path: Path) -> None:
    """A file named with escapes (an import's, an export's) cannot clear the screen."""
    named = tmp_path / f"{ESCAPES}.jsonl"
    done = cli(store, "export", "-o", str(named))
    assert done.returncode == 0 and named.exists()
    assert b"\x1b" not in done.stderr and b"\\u001b[2J" in done.stderr
    other = str(tmp_path / "other.db")
    imported = cli(other, "import", str(named))
    assert imported.returncode == 0 and b"\x1b" not in imported.stdout + imported.stderr
    csv_named = tmp_path / f"{ESCAPES}.csv"
    csv_named.write_bytes((Path(__file__).parents[1] / "fixtures/importers/csww_indicators_2017_to_2018.csv")
                          .read_bytes())
    for argv in (["import", str(csv_named)], ["import", str(csv_named), "--json"],
                 ["import", str(tmp_path / f"{ESCAPES}-missing.toml")],
                 ["councils", ESCAPES], ["show", ESCAPES]):
        shown = cli(other, *argv, FORCE_COLOR="1", TERM="xterm-256color")
        output = shown.stdout + shown.stderr
        assert b"\x1b[2J" not in output and b"\x1b[31m" not in output, (argv, output[-500:])
        assert b"Traceback" not in output, output[-2000:]


def test_every_bidi_control_is_spelled_out(tmp_path: Path) -> None:
    store = str(tmp_path / "bidi.db")
    controls = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    assert cli(store, *ADD, "--summary", f"x{controls}y").returncode == 0
    for argv in (["show", "Sutton"], ["log", "Sutton"], ["log", "--json"]):
        done = cli(store, *argv)
        assert done.returncode == 0
        for char in controls:
            assert char.encode() not in done.stdout, (argv, hex(ord(char)))
        assert b"\\u061c" in done.stdout
    answer = json.loads(cli(store, "show", "Sutton", "--json").stdout)
    assert answer["events"][0]["summary"] == f"x{controls}y", "JSON escapes are the same value"


FORMULAS = ["=HYPERLINK(\"http://evil.example\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx",
            "\uff1d1+1"]


def test_csv_cells_never_run_as_formulas() -> None:
    text = csv_text(["name", *FORMULAS], [[value, "plain", "3.5", "", "London"] for value in FORMULAS])
    rows = list(csv.reader(io.StringIO(text, newline="")))
    for cell in [*rows[0][1:], *(row[0] for row in rows[1:])]:
        assert cell.startswith("'"), cell
    assert rows[1][1:] == ["plain", "3.5", "", "London"]


def test_the_tui_export_never_overwrites_or_follows_a_link(tmp_path: Path) -> None:
    from tui.export import write_csv

    first = write_csv(tmp_path / "councils-2026-11-23.csv", ["name"], [["=1+1"]])
    (tmp_path / "elsewhere.txt").write_text("keep\n")
    (tmp_path / "councils-2026-11-23-2.csv").symlink_to(tmp_path / "elsewhere.txt")
    second = write_csv(tmp_path / "councils-2026-11-23.csv", ["name"], [["two"]])
    assert first == tmp_path / "councils-2026-11-23.csv"
    assert second == tmp_path / "councils-2026-11-23-3.csv"
    assert first.read_bytes() == b"name\r\n'=1+1\r\n" and b"two" in second.read_bytes()
    assert (tmp_path / "elsewhere.txt").read_text() == "keep\n"
    for path in (first, second):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(UserError, match="no such folder"):
        write_csv(tmp_path / "missing" / "x.csv", ["name"], [])


def test_an_import_file_is_named_inertly_when_refused(tmp_path: Path) -> None:
    store = str(tmp_path / "refused.db")
    bad = write_jsonl(tmp_path / f"{ESCAPES}.jsonl", [{"kind": "inspection"}])
    assert_refused(cli(store, "import", str(bad)), b"\\u001b[2J", b"line 1")
