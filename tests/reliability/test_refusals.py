"""Bad values, arguments and files: each refused with one line naming what is wrong,
exit code 2, and the store exactly as it was (on SQLite and on PostgreSQL)."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.reliability.helpers import cli, leadership, write_jsonl
from tests.reliability.refusal import as_ordinary_user, assert_refused, run, snapshot

SOURCE = ["--source-publisher", "Gazette", "--source-title", "Story"]
LEADER = ["add", "leadership-change", "Sutton", "--role", "DCS", "--change", "appointed",
          "--occurred-on", "2020", *SOURCE]
WORKFORCE = ["add", "workforce", "Sutton", "--as-at", "2020-09-30", *SOURCE]
RECORD = {"council": "Sutton", "kind": "leadership_change", **leadership("someone")}


def _jsonl(line: str) -> Callable[[Path], list[str | bytes]]:
    def make(folder: Path) -> list[str | bytes]:
        path = folder / "hostile.jsonl"
        path.write_text(line + "\n", encoding="utf-8")
        return ["import", str(path)]

    return make


def _toml(text: str) -> Callable[[Path], list[str | bytes]]:
    def make(folder: Path) -> list[str | bytes]:
        path = folder / "hostile.toml"
        path.write_text(text, encoding="utf-8")
        return ["import", str(path)]

    return make


def _bytes_named_file(folder: Path) -> list[str | bytes]:
    path = bytes(folder) + b"/events-\xff.jsonl"
    Path(path.decode(errors="surrogateescape")).write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    return ["import", path]


def _duplicate_ids(folder: Path) -> list[str | bytes]:
    first = {**RECORD, "id": "a"}
    second = {**RECORD, "id": "a", "person": "someone else"}
    retraction = {"kind": "retraction", "target": "a", "reason": "wrong"}
    return ["import", str(write_jsonl(folder / "twice.jsonl", [first, second, retraction]))]


PREFIX = '{"council": "Sutton", "kind": "leadership_change", "occurred_on": "2020", "role": "DCS", '
CASES: dict[str, tuple[Callable[[Path], list[str | bytes]], tuple[bytes, ...]]] = {
    "unknown region": (lambda _: ["councils", "--region", "Narnia"], (b"region", b"Narnia")),
    "argument not UTF-8": (lambda _: [*LEADER, "--person", b"a\xffb"], (b"UTF-8", b"\\udcff")),
    "council name not UTF-8": (lambda _: ["show", b"Sut\xffton"], (b"UTF-8",)),
    "file name not UTF-8": (_bytes_named_file, (b"UTF-8", b"events-\\udcff.jsonl")),
    "lone surrogate in JSON": (_jsonl(PREFIX + '"change": "appointed", "person": "\\ud800", '
                                      '"source": {"publisher": "a", "title": "b"}}'),
                               (b"line 1", b"person", b"surrogate")),
    "5,000-digit integer": (_jsonl(PREFIX + '"change": "appointed", "posts": ' + "9" * 5000 + "}"),
                            (b"line 1", b"digits")),
    "100,000-deep nesting": (_jsonl(PREFIX + '"change": ' + "[" * 100_000 + "]" * 100_000 + "}"),
                             (b"line 1", b"nested")),
    "TOML events are not tables": (_toml("events = [1, 2]\n"), (b"events",)),
    "TOML 100,000-deep nesting": (_toml("x = " + "[" * 100_000 + "]" * 100_000 + "\n"), (b"nested",)),
    "one id twice in a file": (_duplicate_ids, (b"line 1", b"line 2", b"'a'")),
    "source date in the future": (lambda _: [*LEADER, "--source-date", "2099-01"],
                                  (b"source.published", b"future")),
    "posts 1e300": (lambda _: ["add", "recruitment", "Sutton", "--occurred-on", "2020", *SOURCE,
                               "--posts", "1e300"], (b"posts",)),
    "caseload 1_7": (lambda _: [*WORKFORCE, "--caseload", "1_7"], (b"caseload", b"1_7")),
    "full-width digits": (lambda _: [*WORKFORCE, "--caseload", "\uff11\uff17"], (b"caseload",)),
    "full-width year": (lambda _: [*LEADER[:-6], "--occurred-on", "\uff12\uff10\uff12\uff10", *SOURCE],
                        (b"occurred_on",)),
    "joint return with no such council": (lambda _: [*WORKFORCE, "--caseload", "17", "--joint-with", "999"],
                                          (b"joint_with", b"999")),
    "recorded-by in basic form": (lambda _: ["show", "Sutton", "--recorded-by", "20261130"],
                                  (b"--recorded-by", b"20261130")),
    "as-of as a week date": (lambda _: ["councils", "--as-of", "2019-W01-1"], (b"--as-of",)),
    "as-of in basic form": (lambda _: ["councils", "--as-of", "20190101"], (b"--as-of",)),
}


@pytest.mark.parametrize("case", list(CASES))
def test_refused_in_one_line_with_nothing_written(store_url: str, tmp_path: Path, case: str) -> None:
    assert cli(store_url, *LEADER[:-4], *SOURCE[:2], "--source-title", "first").returncode == 0
    before = snapshot(store_url)
    make, words = CASES[case]
    assert_refused(run(*make(tmp_path), store=store_url), *words)
    assert snapshot(store_url) == before


def test_both_spellings_of_a_recorded_by_day_mean_the_same(store_url: str) -> None:
    assert cli(store_url, *LEADER).returncode == 0
    answers = []
    day = datetime.now(UTC).date().isoformat()  # after the event; no later than recorded times may be
    for form in (day, f"{day}T23:59:59.999999+00:00", f"{day} 23:59:59.999999Z"):
        done = cli(store_url, "show", "Sutton", "--recorded-by", form, "--json")
        assert done.returncode == 0, done.stderr
        answers.append(json.loads(done.stdout)["events"])
    assert answers[0] == answers[1] == answers[2] and len(answers[0]) == 1


def test_a_new_store_in_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        done = run("councils", store=str(folder / "new.db"), preexec_fn=as_ordinary_user)
        assert_refused(done, b"new.db", b"permission denied")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_a_full_disk_is_refused_and_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite's max_page_count makes the real database full after a few pages."""
    import sqlite3

    from tracker.cli.main import main

    store = str(tmp_path / "full.db")
    assert main(["--store", store, *LEADER]) == 0
    before = snapshot(store)
    records = [{**RECORD, "person": f"person {i} " + "x" * 2000} for i in range(200)]
    path = write_jsonl(tmp_path / "many.jsonl", records)
    connect = sqlite3.connect

    def small_disk(*args: object, **kwargs: object) -> sqlite3.Connection:
        connection = connect(*args, **kwargs)  # type: ignore[arg-type]
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages + 4}")
        return connection

    capsys.readouterr()
    with monkeypatch.context() as patch:
        patch.setattr(sqlite3, "connect", small_disk)
        assert main(["--store", store, "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "full" in err, err
    assert snapshot(store) == before
