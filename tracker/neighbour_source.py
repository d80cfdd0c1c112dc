"""Make the shipped statistical neighbour file from DfE's published ones.

``python -m tracker.neighbour_source DIR [OUT]`` reads the two published files from DIR
(``sn_model_2025_wide.csv`` and ``New_Statistical_Neighbour_Groupings_April_2021.csv``)
and writes ``tracker/data/statistical-neighbours.json``: per model its citation, the day
it counts from and why, and per council its name and region as the model lists them and
its ten neighbours (LA numbers) with their closeness. The published files themselves are
never shipped; the same files always give the same bytes.

Their quirks, handled here: the 2025 file has a UTF-8 byte order mark and closeness words
with trailing spaces; the 2021 file names its columns differently (``LA num``, ``GOReg``,
``SN1``), repeats the header ``SNP`` for every closeness column, ends rows with an empty
column, and lists councils since reorganised (Dorset, Poole and Bournemouth before 2019,
Northamptonshire before 2021) in a section headed "Old SNs:".
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker.councils import UnknownCouncil, by_la_code
from tracker.errors import UserError
from tracker.neighbours import CLOSENESS, DATA_FILE
from tracker.shipped_files import Made, rebuild

OUT_PATH = Path(__file__).with_name("data") / DATA_FILE
PUBLISHER = "Department for Education"
TITLE = "Children's services statistical neighbour benchmarking tool"
URL = "https://www.gov.uk/government/publications/local-authority-interactive-tool-lait"
LICENCE = "Open Government Licence v3.0"

Row = dict[str, Any]


def _closeness(word: str, where: str) -> str:
    key = "_".join(word.split()).casefold()
    if key not in CLOSENESS:
        raise UserError(f"{where}: unknown closeness {word!r}")
    return key


def _council(code: str, where: str) -> str:
    code = code.strip()
    if not re.fullmatch(r"[0-9]{3}", code):
        raise UserError(f"{where}: {code!r} is not an LA number")
    try:
        by_la_code(code)
    except UnknownCouncil:
        raise UserError(f"{where}: no council has LA number {code}") from None
    return code


def _entry(cells: list[str], first: int, where: str, former: bool, name: str, region: str) -> Row:
    """One council's row: LA number in cells[0], neighbours from ``first`` in (code, closeness) pairs."""
    pairs = [(cells[first + 2 * i], cells[first + 2 * i + 1]) for i in range(10)]
    neighbours = [[_council(code, where), _closeness(word, where)] for code, word in pairs]
    if len({code for code, _ in neighbours}) != 10:
        raise UserError(f"{where}: the ten neighbours are not ten different councils")
    entry: Row = {"la_code": _council(cells[0], where), "listed_as": name.strip(),
                  "region_as_listed": region.strip(), "neighbours": neighbours}
    if former:
        entry["former"] = True
    return entry


def read_2025(path: Path) -> list[Row]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = [cell.strip() for cell in rows[0]]
    expected = ["old_la_code", "la_name", "region_ind", "region_name"] + [
        name for i in range(1, 11) for name in (f"SN_{i}", f"SN_{i}P")]
    if header != expected:
        raise UserError(f"{path.name}, line 1: not the 2025 model's header")
    return [_entry(cells, 4, f"{path.name}, line {n}", False, cells[1], cells[3])
            for n, cells in enumerate(rows[1:], start=2) if any(c.strip() for c in cells)]


def read_2021(path: Path) -> list[Row]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = [cell.strip() for cell in rows[0]]
    if header[:5] != ["LA num", "LA Name", "LA number", "GOInd", "GOReg"] or header[5:25] != [
            name for i in range(1, 11) for name in (f"SN{i}", "SNP")]:
        raise UserError(f"{path.name}, line 1: not the April 2021 groupings' header")
    entries, former = [], False
    for n, cells in enumerate(rows[1:], start=2):
        if not cells[0].strip():
            former = former or any(c.strip().casefold() == "old sns:" for c in cells)
            continue
        entries.append(_entry(cells, 5, f"{path.name}, line {n}", former, cells[1], cells[4]))
    return entries


MODELS: tuple[tuple[str, Callable[[Path], list[Row]], Row], ...] = (
    ("New_Statistical_Neighbour_Groupings_April_2021.csv", read_2021, {
        "key": "2021",
        "name": "the April 2021 statistical neighbour groupings",
        "edition": "April 2021",
        "in_force_from": "2021-04-01",
        "in_force_basis": "the groupings are dated April 2021: in force from 1 April 2021",
    }),
    ("sn_model_2025_wide.csv", read_2025, {
        "key": "2025",
        "name": "the 2025 statistical neighbour model",
        "edition": "2025",
        "in_force_from": "2025-12-31",
        "in_force_basis": (
            "the model is dated only by its year, 2025; its day of publication is not established "
            "here, so, as every date known only to its year counts at the end of the year (docs/"
            "time-semantics.md), it counts from 31 December 2025, by when it was surely published; "
            "until then the April 2021 groupings answer"),
    }),
)
"""Each model's published file, its reader, and what the project says about it."""


def read_published(directory: Path) -> list[Row]:
    models = []
    for name, reader, about in MODELS:
        path = directory / name
        if not path.is_file():
            raise UserError(f"{path}: not found (the statistical neighbours are made from it)")
        councils = reader(path)
        listed = {c["la_code"] for c in councils}
        for council in councils:
            missing = [code for code, _ in council["neighbours"] if code not in listed]
            if missing:
                raise UserError(f"{name}: {council['la_code']}'s neighbour {missing[0]} has no row")
        models.append({**about, "publisher": PUBLISHER, "title": TITLE, "url": URL, "licence": LICENCE,
                       "published_file": name, "councils": councils})
    return models


def encode(models: list[Row]) -> str:
    """The file's text: one council per line, so a new edition's changes read as a diff."""
    parts = []
    for model in models:
        head = json.dumps({k: v for k, v in model.items() if k != "councils"}, ensure_ascii=False)
        rows = ",\n".join(json.dumps(c, ensure_ascii=False) for c in model["councils"])
        parts.append(f'{head[:-1]}, "councils": [\n{rows}\n]}}')
    return '{"models": [\n' + ",\n".join(parts) + "\n]}\n"


def _made(folder: Path) -> Made:
    models = read_published(folder)
    lines = [f"{model['published_file']}: {len(model['councils'])} councils" for model in models]
    return encode(models).encode("utf-8"), lines


def _main(argv: list[str]) -> int:
    return rebuild(argv, __doc__, OUT_PATH, _made)


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
