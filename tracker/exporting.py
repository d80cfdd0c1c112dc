"""Write the whole log as an event file that `tracker import` reads back exactly: every
council's stream and every benchmark's (England's and the regions' figures)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from tracker.readside.logged import LoggedEvent
from tracker.recorded_time import recorded_time_problem

BENCHMARK_FIGURE = "benchmark_figure"  # the file's kind for a benchmark stream's figure
Geographies = dict[str, tuple[str, str]]  # benchmark code -> (name, level)


def geographies(benchmarks: Iterable[dict[str, Any]]) -> Geographies:
    """Each benchmark's name and level, from ``Tracker.benchmarks()``."""
    return {b["code"]: (b["name"], b["level"]) for b in benchmarks}


def exportable(events: list[LoggedEvent],
               damaged: list[dict[str, Any]]) -> tuple[list[LoggedEvent], list[str]]:
    """The events an import can take back, and one line for each that cannot go: a damaged
    event, one recorded in the future (an import refuses it), an amendment of either."""
    skipped = [str(entry["summary"]) for entry in damaged]
    kept: list[LoggedEvent] = []
    facts: set[str] = set()
    for event in events:
        late = recorded_time_problem(event.recorded_at)
        problem = None if late is None else f"recorded at {late}"
        if problem is None and event.type in ("correction", "retraction"):
            target = f"{event.la_code}-{event.data['target']}"
            if target not in facts:
                problem = f"a {event.type} of {target}, which is not exported"
        if problem is not None:
            skipped.append(f"{event.id} (log position {event.position}): {problem}")
            continue
        if event.is_fact:
            facts.add(event.id)
        kept.append(event)
    return kept, skipped


def exported_record(event: LoggedEvent, geos: Geographies | None = None) -> dict[str, Any]:
    """One event as a file record: stored id, council (or benchmark), kind, recorded time, fields."""
    if event.type == "figure":
        name, level = (geos or {}).get(event.la_code, (event.la_code, ""))
        return {"id": event.id, "kind": BENCHMARK_FIGURE, "benchmark": event.la_code, "benchmark_name": name,
                "level": level, "recorded_at": event.recorded_at.isoformat(),
                **{k: v for k, v in event.data.items() if v not in (None, [], {})}}
    record: dict[str, Any] = {
        "id": event.id,
        "council": event.la_code,
        "kind": event.type,
        "recorded_at": event.recorded_at.isoformat(),
    }
    if event.is_fact:
        record.update({k: v for k, v in event.data.items() if v not in (None, [], {})})
    else:
        record["target"] = f"{event.la_code}-{event.data['target']}"
        record["reason"] = event.data["reason"]
        if event.type == "correction":
            record["changes"] = event.data["changes"]
            if event.data.get("source"):
                record["source"] = event.data["source"]
    return record


def exported_records(events: list[LoggedEvent], geos: Geographies | None = None) -> Iterator[dict[str, Any]]:
    """Every event but the openings, as records; a stream's first record carries its
    opening time (``opened_at``) when that differs from its own, so it round-trips."""
    opened: dict[str, datetime] = {}
    for event in events:
        if event.type == "opened":
            opened[event.la_code] = event.recorded_at
            continue
        record = exported_record(event, geos)
        start = opened.pop(event.la_code, None)
        if start is not None and start != event.recorded_at:
            record["opened_at"] = start.isoformat()
        yield record


def to_jsonl(events: list[LoggedEvent], geos: Geographies | None = None) -> str:
    records = exported_records(events, geos)
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in records)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        items = [
            f"{json.dumps(str(k), ensure_ascii=False)} = {_toml_value(v)}"
            for k, v in value.items()
            if v is not None
        ]
        return "{ " + ", ".join(items) + " }" if items else "{}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def to_toml(events: list[LoggedEvent], geos: Geographies | None = None) -> str:
    lines = ["# Exported by `tracker export`; `tracker import` reads it back.", ""]
    for record in exported_records(events, geos):
        lines.append("[[events]]")
        for key, value in record.items():
            if value is None:
                continue
            lines.append(f"{key} = {_toml_value(value)}")
        lines.append("")
    return "\n".join(lines)


def export(events: list[LoggedEvent], fmt: str, geos: Geographies | None = None) -> str:
    if fmt == "jsonl":
        return to_jsonl(events, geos)
    if fmt == "toml":
        return to_toml(events, geos)
    raise ValueError(f"format: {fmt!r} is not toml or jsonl")
