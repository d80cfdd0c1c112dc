"""Random and mutated input, fed to the real CLI: event files, published CSVs and
argument values. Whatever comes in, a command succeeds, or says what is wrong in
one line with exit code 2 and leaves the store exactly as it was; never a
traceback; every read still works afterwards (on SQLite and on PostgreSQL).

Bounded: a few dozen examples per kind of input, so the whole file runs in well
under a minute; a failure prints the example and a blob to reproduce it.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import POSTGRES_VAR, postgres_base, postgres_schema
from tests.reliability.helpers import SOURCE, streams
from tracker.application import TrackerApplication
from tracker.cli.main import main
from tracker.store import open_store

EXAMPLES = 30
EXAMPLES_ELSEWHERE = 8
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importers"
CHARS = list("=+-@\t\r\n\x00\x1b\x07\x7f\x9b\u202e\u061c\u2066\ufeff\ud800\udcff,;:\"'[]{}#.\\/ 0123456789"
             "\uff11\uff12\u0661_eE")
PIECES = ["[bold]", "\x1b[2J", "1e300", "9" * 5000, "2019-W01-1", "20190101", "2099-12-31",
          "=cmd|' /C calc'!A0"]
HOSTILE = [*CHARS, *PIECES]
TEXT = st.lists(st.one_of(st.characters(), st.sampled_from(HOSTILE)), max_size=12).map("".join)
SCALAR: st.SearchStrategy[Any] = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT,
    st.sampled_from(["2019", "2019-02", "2019-02-30", "2099-01-01", "Sutton", "319", "999", "good", "17"]),
)
JSON_VALUE = st.recursive(SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)), max_leaves=8)
KINDS = ["inspection", "focused_visit", "monitoring_visit", "restructure", "recruitment", "workforce",
         "leadership_change", "budget_pressure", "initiative", "correction", "retraction", "opened", "x"]
FIELDS = ["occurred_on", "published_on", "fieldwork_start", "fieldwork_end", "as_at", "overall", "theme",
          "status", "changes", "posts", "investment_gbp", "caseload", "fte", "joint_with", "suppressed",
          "role", "change", "person", "name", "summary", "source", "id", "council", "kind", "recorded_at",
          "target", "reason"]
GOOD = {"id": "g-1", "council": "Sutton", "kind": "leadership_change", "occurred_on": "2020", "role": "DCS",
        "change": "appointed", "person": "Ann", "source": SOURCE}


class Outcome:
    """What one CLI run did: its exit code, what it printed, and any exception."""

    def __init__(self, argv: list[str]) -> None:
        self.out, self.err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(self.out), contextlib.redirect_stderr(self.err):
            try:
                self.code = main(argv)
            except SystemExit as stop:  # argparse itself: usage, then one error line
                self.code = int(stop.code or 0)

    def check(self) -> None:
        err = self.err.getvalue()
        assert self.code in (0, 2), (self.code, err[-2000:])
        if self.code == 2:
            lines = [line for line in err.splitlines() if not line.startswith(("usage:", " "))]
            assert len(lines) == 1 and "error: " in lines[0], err[-2000:]


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """One store per backend for the module, holding a good event to correct and retract."""
    folder = tmp_path_factory.mktemp("fuzz")
    good = folder / "good.jsonl"
    good.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    found = {"sqlite": str(folder / "fuzz.db")}
    with contextlib.ExitStack() as stack:
        if os.environ.get(POSTGRES_VAR):
            found["postgresql"] = stack.enter_context(postgres_schema())
        for store in found.values():
            Outcome(["--store", store, "import", str(good)]).check()
        yield found


@pytest.fixture
def store(stores: dict[str, str], backend: str) -> str:
    if backend not in stores:
        postgres_base()  # skips without a server (fails in CI)
    return stores[backend]


READS = (["log", "--json"], ["show", "Sutton", "--json"], ["councils", "--json", "--as-of", "2020-01-01"])


def attempt(store: str, app: TrackerApplication, argv: list[str], read: int) -> None:
    """Run one command; a refusal must leave every stored row as it was; a read
    (one of three, in turn) must work afterwards."""
    before = streams(app)
    outcome = Outcome(["--store", store, *argv])
    outcome.check()
    if outcome.code != 0:
        assert streams(app) == before, f"a refused command wrote: {argv[:3]}"
    answer = Outcome(["--store", store, *READS[read]])
    assert answer.code == 0, (READS[read], answer.err.getvalue()[-2000:])


def toml(value: Any) -> str:
    """A JSON value as a TOML value (null as an empty string, which TOML lacks)."""
    if value is None:
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml(v)}" for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False)


def mutate_bytes(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """Apply (position, how many to delete, what to insert) edits, positions wrapped."""
    for position, cut, insert in edits:
        at = position % (len(data) + 1)
        data = data[:at] + insert + data[at + cut:]
    return data


EDITS = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 8), st.binary(max_size=6)), max_size=4)
RAW = "@raw@"  # a field whose value is written as one of the texts below, as the file's own syntax
JSON_RAW = ['"\\ud800"', '"a\\udcffb"', "9" * 5000, "[" * 100_000 + "]" * 100_000, "NaN", "-Infinity",
            "1e400", '{"a": 1, "a": 2}', '"\\u001b[2J"', '"\\u202e"', "-0", "1E3", '"\\u0000"']
TOML_RAW = ['"\\ud800"', "9" * 5000, "[" * 100_000 + "]" * 100_000, "nan", "-inf", "1979-05-27T07:32:00Z",
            "1979-05-27", "{a = 1}", "[1, 2]", "0x1F", '"""\nmany\nlines"""']
TOML_WHOLE = ["events = [1, 2]\n", "events = []\n", "events = [{}]\n", "events = [[]]\n",
              "sources = 1\n[[events]]\nkind = 'x'\n", "[[events]]\n" * 3,
              "[sources.a]\npublisher = 1\n[[events]]\nsource = 'a'\n",
              "x = " + "[" * 100_000 + "]" * 100_000 + "\n", "x = " + "9" * 5000 + "\n"]


def _event_file(store: str, app: TrackerApplication, folder: Path, data: st.DataObject) -> None:
    records = []
    for _ in range(data.draw(st.integers(1, 4))):
        record = dict(GOOD)
        record["id"] = data.draw(st.one_of(st.none(), st.sampled_from(["g-1", "a", "b", "319-2"]), TEXT))
        for name in data.draw(st.lists(st.sampled_from(FIELDS), max_size=4)):
            record[name] = data.draw(st.one_of(JSON_VALUE, st.just(RAW)))
        record["kind"] = data.draw(st.sampled_from([record.get("kind"), *KINDS]))
        records.append(record)
    form = data.draw(st.sampled_from(["jsonl", "toml", "toml whole"]))
    if form == "jsonl":
        ascii_only = data.draw(st.booleans())  # \\u escapes, or the characters themselves
        text = "".join(json.dumps(r, ensure_ascii=ascii_only) + "\n" for r in records)
        raw_values = JSON_RAW
    elif form == "toml":
        blocks = ["[[events]]\n" + "".join(f"{json.dumps(k)} = {toml(v)}\n" for k, v in r.items())
                  for r in records]
        text, raw_values = "\n".join(blocks), TOML_RAW
    else:
        text, raw_values = data.draw(st.sampled_from(TOML_WHOLE)), []
    while f'"{RAW}"' in text:
        text = text.replace(f'"{RAW}"', data.draw(st.sampled_from(raw_values)), 1)
    edits = data.draw(st.one_of(st.just([]), EDITS))  # as written, or bytes mutated
    raw = mutate_bytes(text.encode("utf-8", errors="surrogatepass"), edits)
    path = folder / f"fuzz.{'jsonl' if form == 'jsonl' else 'toml'}"
    path.write_bytes(raw)
    flags = data.draw(st.sampled_from([[], [], ["--dry-run"], ["--format", "toml"], ["--format", "jsonl"]]))
    attempt(store, app, ["import", str(path), *flags], data.draw(st.integers(0, 2)))


def _published_csv(store: str, app: TrackerApplication, folder: Path, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(["csww_indicators_2017_to_2018.csv", "ilacs_scrape.csv"]))
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    rows = [line.split(",") for line in lines]
    for _ in range(data.draw(st.integers(0, 5))):
        row = data.draw(st.integers(0, len(rows) - 1))
        cell = data.draw(st.integers(0, len(rows[row]) - 1))
        rows[row][cell] = data.draw(st.one_of(TEXT, st.sampled_from(["caseload_fte", "99", "", "x", "c"])))
    text = "\n".join(",".join(row) for row in rows) + "\n"
    raw = mutate_bytes(text.encode("utf-8", errors="surrogatepass"), data.draw(st.one_of(st.just([]), EDITS)))
    flags = data.draw(st.sampled_from([[], ["--skip-bad-rows"], ["--dry-run"]]))
    (folder / name).write_bytes(raw)
    attempt(store, app, ["import", str(folder / name), *flags], data.draw(st.integers(0, 2)))


ADD_FIELDS = ["--occurred-on", "--as-at", "--fieldwork-start", "--published-on", "--source-date", "--posts",
              "--caseload", "--fte", "--joint-with", "--overall", "--role", "--person", "--summary",
              "--suppressed", "--source-title", "--source-url"]


def _arguments(store: str, app: TrackerApplication, folder: Path, data: st.DataObject) -> None:
    value = data.draw(st.one_of(TEXT, st.sampled_from(HOSTILE)))
    choice = data.draw(st.integers(0, 5))
    if choice == 0:
        option = data.draw(st.sampled_from(ADD_FIELDS))
        kind = data.draw(st.sampled_from(["workforce", "recruitment", "inspection", "leadership-change"]))
        base = ["--occurred-on=2020", "--role=DCS", "--change=interim", "--source-publisher=G",
                "--source-title=T", "--caseload=17"]
        base = [b for b in base if not (kind != "leadership-change" and b.startswith(("--role", "--change")))]
        argv = ["add", kind, *base, f"{option}={value}", "--", "Sutton"]
    elif choice == 1:
        argv = ["show", "--", value]
    elif choice == 2:
        option = data.draw(st.sampled_from(["--as-of", "--known-on", "--recorded-by", "--region"]))
        argv = ["councils", f"{option}={value}"]
    elif choice == 3:
        argv = ["correct", "319-2", f"--person={value}", "--reason=fuzz"]
    elif choice == 4:
        argv = ["retract", "--reason=fuzz", "--", value]
    else:
        argv = ["import", "--", str(folder / value.replace("/", "_").replace("\x00", "_"))[:200]]
    attempt(store, app, argv, data.draw(st.integers(0, 2)))


def _line(**changes: Any) -> str:
    return json.dumps({**GOOD, "id": None, "person": "seed", **changes}, ensure_ascii=True)


# Inputs that once gave a traceback or were taken silently wrong: always tried first.
SEEDS: dict[str, list[tuple[str, bytes]]] = {
    "event files": [
        *(("toml", whole.encode()) for whole in TOML_WHOLE),
        ("jsonl", _line(person="\ud800").encode()),
        ("jsonl", _line().replace('"seed"', "9" * 5000).encode()),
        ("jsonl", _line().replace('"seed"', "[" * 100_000 + "]" * 100_000).encode()),
        ("jsonl", _line().replace('"seed"', "NaN").encode()),
        ("jsonl", (_line(id="a") + "\n" + _line(id="a", person="other")).encode()),
        ("jsonl", _line(source={**SOURCE, "published": "2099"}).encode()),
        ("jsonl", b"\xff\xfe{}"),
    ],
    "published CSVs": [("csv", b"a,a\n1,2\n"), ("csv", b"\xef\xbb\xbf\n"), ("csv", b'"unclosed\n')],
    "argument values": [],
}
SEED_ARGUMENTS = [
    ["councils", "--region=Narnia"], ["show", "--", "Sut\udcffton"], ["councils", "--recorded-by=20261130"],
    ["councils", "--as-of=2019-W01-1"], ["add", "recruitment", "--occurred-on=2020", "--posts=1e300",
                                         "--source-publisher=G", "--source-title=T", "--", "Sutton"],
    ["add", "workforce", "--as-at=2020", "--caseload=1_7", "--source-publisher=G", "--source-title=T",
     "--", "Sutton"],
    ["add", "workforce", "--as-at=2020", "--caseload=17", "--joint-with=999", "--source-publisher=G",
     "--source-title=T", "--", "Sutton"],
    ["export", "-o", "/dev/full"], ["export", "-o", "."],
]


@pytest.mark.parametrize("kind", ["event files", "published CSVs", "argument values"])
def test_random_input_is_taken_or_refused_plainly(
    store: str, backend: str, tmp_path: Path, kind: str
) -> None:
    fuzz = {"event files": _event_file, "published CSVs": _published_csv, "argument values": _arguments}[kind]
    examples = EXAMPLES if backend == "sqlite" else EXAMPLES_ELSEWHERE  # a new pool per command is slower
    app = open_store(store)
    try:
        for number, (suffix, raw) in enumerate(SEEDS[kind]):
            path = tmp_path / f"seed-{number}.{suffix}"
            path.write_bytes(raw)
            attempt(store, app, ["import", str(path)], number % len(READS))
        for number, argv in enumerate(SEED_ARGUMENTS if kind == "argument values" else []):
            attempt(store, app, argv, number % len(READS))
        settings(FUZZ, max_examples=examples)(given(data=st.data())(fuzz))(store, app, tmp_path)
    finally:
        app.close()
    for read in [*READS, ["verify"]]:
        answer = Outcome(["--store", store, *read])
        assert answer.code == 0, (read, answer.out.getvalue()[-1000:], answer.err.getvalue()[-1000:])
