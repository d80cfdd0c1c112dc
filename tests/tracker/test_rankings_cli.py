"""`tracker councils --sort KEY [--desc]` on the seeds and the national record, through the real
CLI: the order, the ranking fields in --json, the table's columns, and bad keys refused."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.conftest import TODAY
from tracker.cli.main import main
from tracker.seeding import seed_store
from tracker.service import Tracker
from tracker.store import open_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = str(tmp_path_factory.mktemp("ranked") / "tracker.db")
    app = open_store(path)
    seed_store(Tracker(app, today=TODAY))
    app.close()
    yield path


def run(capsys: pytest.CaptureFixture[str], store: str, *argv: str) -> tuple[int, str, str]:
    code = main(["--store", store, "councils", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def rows(capsys: pytest.CaptureFixture[str], store: str, *argv: str) -> list[dict[str, Any]]:
    code, out, err = run(capsys, store, *argv, "--json")
    assert (code, err) == (0, ""), err
    return list(json.loads(out))


def test_sort_by_caseload_highest_first(capsys: pytest.CaptureFixture[str], store: str) -> None:
    found = rows(capsys, store, "--sort", "caseload", "--desc", "--as-of", "2025-06-30")
    loads = [r["ranking"]["caseload"] for r in found]
    known = [v for v in loads if v is not None]
    assert len(found) == 153 and len(known) > 140
    assert loads[: len(known)] == sorted(known, reverse=True)  # the valueless last
    for a, b in pairwise(found):  # ties by name
        if a["ranking"]["caseload"] == b["ranking"]["caseload"] is not None:
            assert a["council"]["name"].casefold() < b["council"]["name"].casefold()
    top = found[0]
    assert top["ranking"]["caseload"] == top["caseload"]["value"] and top["ranking"]["caseload_quartile"] == 4
    assert top["ranking"]["caseload_as_at"] == "2024-09-30"
    # the change is the latest figure less the one for 30 September a year and two years before
    cambridgeshire = next(r for r in found if r["council"]["name"] == "Cambridgeshire")
    assert main(["--store", store, "show", "Cambridgeshire", "--as-of", "2025-06-30", "--json"]) == 0
    shown = json.loads(capsys.readouterr()[0])
    figures = {c["as_at"]: c["value"] for c in shown["caseloads"]}
    ranking = cambridgeshire["ranking"]
    assert ranking["caseload_change_1y"] == round(figures["2024-09-30"] - figures["2023-09-30"], 2)
    assert ranking["caseload_change_2y"] == round(figures["2024-09-30"] - figures["2022-09-30"], 2)


def test_quartiles_are_among_all_councils_whatever_the_region(
    capsys: pytest.CaptureFixture[str], store: str
) -> None:
    everyone = {r["council"]["la_code"]: r["ranking"] for r in rows(capsys, store)}
    london = rows(capsys, store, "--region", "London", "--sort", "since-inspection")
    assert london and all(r["ranking"] == everyone[r["council"]["la_code"]] for r in london)
    months = [r["ranking"]["months_since_inspection"] for r in london]
    assert months == sorted(months)  # every London council has a judgement today
    counts = [sum(1 for r in everyone.values() if r["caseload_quartile"] == q) for q in (1, 2, 3, 4)]
    assert sum(counts) == sum(1 for r in everyone.values() if r["caseload"] is not None)
    assert max(counts) - min(counts) <= 4  # four quarters, ties aside


def test_the_table_names_the_ranking_and_shows_its_columns(
    capsys: pytest.CaptureFixture[str], store: str
) -> None:
    code, out, err = run(capsys, store, "--sort", "caseload-change", "--desc", "--region", "London")
    assert (code, err) == (0, "")
    assert "ranked by caseload change over one year, highest first" in " ".join(out.split())
    assert "±1y▼" in out and "Q" in out and "months" in out
    code, out, _ = run(capsys, store, "--sort", "caseload-change-2y", "--region", "London")
    assert "±2y▲" in out and "lowest first" in " ".join(out.split())


@pytest.mark.parametrize(("argv", "message"), [
    (["--sort", "vacancies"], "--sort: 'vacancies' is not a ranking (one of caseload, "),
    (["--desc"], "--desc: give --sort KEY too"),
])
def test_bad_sort_options_are_refused(
    capsys: pytest.CaptureFixture[str], store: str, argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, store, *argv)
    assert code == 2 and out == "" and message in err and len(err.strip().splitlines()) == 1


def test_at_80_columns_nothing_is_cut(capsys: pytest.CaptureFixture[str], store: str) -> None:
    """A pipe is 80 columns wide: the region gives way, no council's word and no header is cut."""
    code, out, _ = run(capsys, store, "--sort", "since-inspection", "--desc")
    assert code == 0 and "…" not in out and "region" not in out.splitlines()[1]
    assert all(len(line) <= 80 for line in out.splitlines())
    names = [r["council"]["name"] for r in rows(capsys, store)]
    words = set(out.split())
    assert all(word in words for name in names for word in name.split()), "a council's name was cut"
    assert {"caseload", "Q", "±1y", "±2y", "months▼"} <= words


@pytest.mark.parametrize("width", [80, 90, 95, 96, 100, 119, 120, 160, 200])
def test_no_header_or_name_is_cut_at_any_width(
    capsys: pytest.CaptureFixture[str], store: str, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    for key in ("caseload", "since-inspection"):
        code, out, _ = run(capsys, store, "--sort", key, "--desc")
        assert code == 0 and "…" not in out and all(len(line) <= width for line in out.splitlines())
        header = set(out.splitlines()[2].split())
        assert {"LA", "council", "overall", "since", "Q", "±1y", "±2y"} <= header, header
        assert ("caseload▼" if key == "caseload" else "months▼") in header
        assert ("region" in header) == (width >= 96)


def test_the_ranked_table_exports_as_csv_and_xlsx_in_the_same_order(
        capsys: pytest.CaptureFixture[str], store: str, tmp_path: Path) -> None:
    asked = ("--sort", "caseload-change", "--desc", "--region", "London", "--as-of", "2025-06-30")
    expected = rows(capsys, store, *asked)
    code, out, err = run(capsys, store, *asked, "--csv", "--out", str(tmp_path))
    assert (code, err) == (0, "")
    lines = list(csv.reader(io.StringIO(Path(out.strip()).read_text(encoding="utf-8-sig"))))
    assert lines[0][:3] == ["Councils", "as of 2025-06-30", "known on 2025-06-30"]
    header, body = lines[1], lines[2:]
    assert [r[1] for r in body] == [r["council"]["name"] for r in expected]
    quartile, change = header.index("Caseload quartile"), header.index("Caseload change over 1 year")
    for row, want in zip(body, expected, strict=True):
        quarter = want["ranking"]["caseload_quartile"]
        assert row[quartile] == ("" if quarter is None else str(quarter))
        assert (float(row[change]) if row[change] else None) == want["ranking"]["caseload_change_1y"]
    code, out, err = run(capsys, store, *asked, "--xlsx", "--out", str(tmp_path))
    sheet = openpyxl.load_workbook(out.strip())["Councils"]
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    top = next(i for i, row in enumerate(cells) if row[0] == "LA number")
    assert [row[1] for row in cells[top + 1:]] == [r["council"]["name"] for r in expected]
