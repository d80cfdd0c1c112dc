"""The shipped statistical neighbour file against DfE's published ones (skipped without
../shared/data): the file is what its command makes, and every council's ten neighbours,
as ``Tracker.neighbours`` answers them on a real store, are the published row's."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from tracker.neighbour_source import OUT_PATH, _main
from tracker.neighbours import models
from tracker.service import Tracker

Ten = list[tuple[str, str]]  # (LA number, closeness as published, stripped and case-folded)
IN_FORCE = {"2021": date(2022, 6, 1), "2025": date(2026, 1, 1)}  # a day each model answers for


def _published_2025(data: Path) -> dict[str, Ten]:
    with (data / "sn_model_2025_wide.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {r["old_la_code"]: [(r[f"SN_{i}"], r[f"SN_{i}P"].strip().casefold()) for i in range(1, 11)]
            for r in rows}


def _published_2021(data: Path) -> tuple[dict[str, Ten], dict[str, Ten]]:
    """The main section, and the "Old SNs:" section of councils since reorganised."""
    path = data / "New_Statistical_Neighbour_Groupings_April_2021.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    main: dict[str, Ten] = {}
    old: dict[str, Ten] = {}
    section = main
    for row in rows[1:]:
        if not row[0]:
            section = old if "Old SNs:" in row else section
            continue
        section[row[0]] = [(row[5 + 2 * i], row[6 + 2 * i].strip().casefold()) for i in range(10)]
    return main, old


def test_the_shipped_file_is_what_its_command_makes(shared_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "made.json"
    assert _main([str(shared_data), str(out)]) == 0
    assert out.read_bytes() == OUT_PATH.read_bytes(), (
        "the shipped statistical neighbours are stale: "
        "run `python -m tracker.neighbour_source ../shared/data`")


@pytest.mark.parametrize("key", ["2021", "2025"])
def test_every_councils_ten_are_the_published_rows(shared_data: Path, tracker: Tracker, key: str) -> None:
    published = _published_2021(shared_data)[0] if key == "2021" else _published_2025(shared_data)
    assert len(published) == (152 if key == "2021" else 153)
    wrong = []
    for la_code, ten in published.items():
        answer = tracker.neighbours(la_code, as_of=IN_FORCE[key])
        assert answer.model.key == key
        got = [(n.council.la_code, n.closeness_label.casefold()) for n in answer.neighbours]
        if got != ten:
            wrong.append((la_code, got, ten))
    assert wrong == []


def test_the_old_section_is_kept_as_former_rows(shared_data: Path) -> None:
    """Councils since reorganised keep their published rows, marked former: no day under the
    model finds them (they had ceased by 1 April 2021), but the record is whole."""
    old = _published_2021(shared_data)[1]
    assert sorted(old) == ["835", "836", "837", "928"]
    model = next(m for m in models() if m.key == "2021")
    for la_code, ten in old.items():
        row = model.row(la_code)
        assert row is not None and row.former
        assert [(code, closeness.replace("_", " ")) for code, closeness in row.neighbours] == ten
    assert not any(r.former for code, r in model.rows.items() if code not in old)


def test_names_and_regions_are_kept_as_listed(shared_data: Path) -> None:
    model = next(m for m in models() if m.key == "2021")
    row = model.row("201")
    assert row is not None and (row.listed_as, row.region_as_listed) == ("City of London", "London (Inner)")
    assert model.listed_name("909") == "Cumbria"
