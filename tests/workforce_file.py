"""A DfE workforce file (csww_indicators format) written by a test with figures it chose:
a council, England, the council's region and every neighbour the council has under any
shipped model, some figures left blank, so a test can recompute every line itself."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from tracker.councils import by_la_code
from tracker.figure_history import FIGURES
from tracker.neighbours import models
from tracker.readside.answers import region_code

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "importers" / "csww_indicators_2017_to_2019.csv"
COLUMNS = {"caseload": "caseload_fte", "fte": "inpost_fte", "agency_rate": "agency_rate_fte",
           "vacancy_rate": "vacancy_rate_fte", "turnover_rate": "turnover_rate_fte"}
YEARS = (2018, 2019, 2020)  # published 2021-02: known at every date a model is in force
ENGLAND = "E92000001"

Values = dict[tuple[str, int], dict[str, float | None]]  # (LA number or ONS code, year) -> figures


def neighbours_of(la_code: str) -> list[str]:
    """Every council a shipped model names as one of ``la_code``'s ten."""
    found: list[str] = []
    for model in models():
        row = model.row(la_code)
        for code, _ in row.neighbours if row else ():
            if code not in found:
                found.append(code)
    return found


def _figures(rng: random.Random, blanks: bool) -> dict[str, float | None]:
    """A row's figures: a caseload always (the index keeps rows with one), others at times blank."""
    chosen: dict[str, float | None] = {"caseload": round(rng.uniform(12, 26), 1)}
    for figure in FIGURES:
        if figure != "caseload":
            top = 900.0 if figure == "fte" else 40.0
            chosen[figure] = None if blanks and rng.random() < 0.25 else round(rng.uniform(1, top), 1)
    return chosen


def write(path: Path, la_code: str, seed: int = 11) -> Values:
    """Write the file; return the figures it holds. One neighbour has no row at all in 2019."""
    rng = random.Random(seed)
    council = by_la_code(la_code)
    region = region_code(council.region) or ""
    header = FIXTURE.read_text(encoding="utf-8").splitlines()[0].split(",")
    values: Values = {}
    rows = []
    near = neighbours_of(la_code)
    for year in YEARS:
        places = [("National", ENGLAND, None), ("Regional", region, None),
                  ("Local authority", la_code, council)]
        places += [("Local authority", code, by_la_code(code)) for code in near
                   if not (year == 2019 and code == near[1])]
        for level, key, authority in places:
            figures = _figures(rng, blanks=level == "Local authority" and key != la_code)
            values[(key, year)] = figures
            row = dict.fromkeys(header, "")
            row.update({"time_period": str(year), "time_identifier": "Reporting year",
                        "geographic_level": level, "country_code": ENGLAND, "country_name": "England"})
            if level != "National":
                row.update({"region_code": region, "region_name": council.region})
            if authority is not None:
                row.update({"region_code": region_code(authority.region) or "",
                            "region_name": authority.region, "old_la_code": authority.la_code,
                            "new_la_code": authority.ons_code, "la_name": authority.name})
            for figure, column in COLUMNS.items():
                value = figures[figure]
                row[column] = "" if value is None else str(value)
            rows.append(row)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return values
