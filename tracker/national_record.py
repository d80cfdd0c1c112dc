"""The national record the project ships: the facts its own importers read from the
sector's published files, in the project's own format, so every store can hold the
whole record from its first command without the files themselves.

Format (``tracker/data/national-record.jsonl.gz``): gzip'd JSON Lines. Per file,
a header line ``{"file": name, "format": importer, "rows": n}``, then one line per
row the importer read: its line (and sheet), the kind, the council(s) or benchmark,
the fields with their citation, and the importer's warnings. Loading applies each
file's rows through the same plan -> check -> write path as ``tracker import``
(importers/pipeline.py), so matching, enrichment and idempotency are the same.

Regenerate it from a new edition with ``python -m tracker.national_record DIR``
(DIR holding the three files; see README, "The national record").
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from events.vocabulary import Kind
from tracker.errors import UserError
from tracker.importers import PARSERS, detect_format
from tracker.importers.apply import apply_entries
from tracker.importers.pipeline import Progress
from tracker.importers.rows import Item, RowProblem
from tracker.importers.summary import ImportSummary
from tracker.service import Tracker
from tracker.shipped_files import Made, rebuild

RECORD_PATH = Path(__file__).with_name("data") / "national-record.jsonl.gz"
PUBLISHED_FILES = (
    "LA_Inspection_Outcomes_as_at_31_March_2025.ods",
    "ofsted_csc_ilacs_history.csv",
    "csww_indicators_2017_to_2024.csv",
)
"""The editions the shipped record was made from, in the order they are applied."""


@dataclass(frozen=True)
class RecordPart:
    """One published file's rows, as its importer read them."""

    file: str
    format: str
    items: list[Item]


def read_published(directory: Path, names: tuple[str, ...] = PUBLISHED_FILES) -> list[RecordPart]:
    """Parse each published file with its importer; a row it cannot read stops the build."""
    parts = []
    for name in names:
        path = directory / name
        fmt = detect_format(path)
        if fmt not in PARSERS:
            raise UserError(f"{path}: not one of the published formats the record is made from")
        entries = PARSERS[fmt](path)
        problems = [entry for entry in entries if isinstance(entry, RowProblem)]
        if problems:
            raise UserError(f"{path}: {problems[0].describe()} (the record is built from good rows only)")
        parts.append(RecordPart(name, fmt, [entry for entry in entries if isinstance(entry, Item)]))
    return parts


def _item_line(item: Item) -> dict[str, Any]:
    line: dict[str, Any] = {"line": item.line, "kind": item.kind.value, "fields": item.fields}
    for name, value in (("where", item.where), ("warnings", item.warnings), ("unreadable", item.unreadable)):
        if value:
            line[name] = value
    if item.councils:
        line["councils"] = list(item.councils)
    if item.benchmark:
        line["benchmark"] = list(item.benchmark)
    if item.identity:
        line["identity"] = list(item.identity)
    return line


def encode(parts: list[RecordPart]) -> bytes:
    """The record's bytes: the same parts give the same bytes (no timestamps inside)."""
    lines: list[str] = []
    for part in parts:
        lines.append(json.dumps({"file": part.file, "format": part.format, "rows": len(part.items)}))
        lines.extend(json.dumps(_item_line(item), sort_keys=True, ensure_ascii=False) for item in part.items)
    text = "\n".join(lines) + "\n"
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def decode(blob: bytes) -> list[RecordPart]:
    parts: list[RecordPart] = []
    for raw in gzip.decompress(blob).decode("utf-8").splitlines():
        data = json.loads(raw)
        if "file" in data:
            parts.append(RecordPart(data["file"], data["format"], []))
            continue
        parts[-1].items.append(
            Item(
                line=data["line"],
                kind=Kind(data["kind"]),
                fields=data["fields"],
                councils=tuple(data.get("councils", ())),
                benchmark=tuple(data["benchmark"]) if data.get("benchmark") else None,  # type: ignore[arg-type]
                where=data.get("where", ""),
                warnings=list(data.get("warnings", ())),
                unreadable=bool(data.get("unreadable")),
                identity=_frozen(data.get("identity", ())),
            )
        )
    return parts


def _frozen(value: Any) -> Any:
    """JSON lists back to the tuples an identity was made of (hashable again)."""
    return tuple(map(_frozen, value)) if isinstance(value, list) else value


def shipped_parts(path: Path = RECORD_PATH) -> list[RecordPart]:
    try:
        return decode(path.read_bytes())
    except (OSError, ValueError, KeyError, IndexError) as error:
        raise UserError(f"{path}: the shipped national record cannot be read ({error})") from None


def row_count(parts: list[RecordPart]) -> int:
    return sum(len(part.items) for part in parts)


def load_record(
    tracker: Tracker, parts: list[RecordPart], progress: Callable[[int], None] | None = None
) -> list[ImportSummary]:
    """Apply every part, each all or nothing, as an import of its file would."""
    reports = []
    for part in parts:
        report = ImportSummary(part.format, f"national record: {part.file}")
        advance: Progress | None = progress
        reports.append(apply_entries(tracker, report, part.items, progress=advance))
    return reports


def _made(folder: Path) -> Made:
    parts = read_published(folder)
    return encode(parts), [f"{part.file} ({part.format}): {len(part.items)} rows" for part in parts]


def _main(argv: list[str]) -> int:
    """``python -m tracker.national_record DIR [OUT]``: rebuild the shipped record."""
    return rebuild(argv, __doc__, RECORD_PATH, _made)


def iter_sources(parts: list[RecordPart]) -> Iterator[dict[str, Any]]:
    """Each part's citation (publisher, title, edition...), as its rows cite it."""
    for part in parts:
        if part.items:
            source = dict(part.items[0].fields.get("source") or {})
            source.pop("url", None)
            yield source


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
