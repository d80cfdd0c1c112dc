"""Write the whole log as an event file that `tracker import` reads back exactly."""

from __future__ import annotations

import json
from typing import Any

from tracker.readside.logged import LoggedEvent


def exported_record(event: LoggedEvent) -> dict[str, Any]:
    """One event as a file record: stored id, council, kind, recorded time, fields."""
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


def to_jsonl(events: list[LoggedEvent]) -> str:
    return "".join(
        json.dumps(exported_record(e), ensure_ascii=False, sort_keys=False) + "\n"
        for e in events
        if e.type != "opened"
    )


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


def to_toml(events: list[LoggedEvent]) -> str:
    lines = ["# Exported by `tracker export`; `tracker import` reads it back.", ""]
    for event in events:
        if event.type == "opened":
            continue
        lines.append("[[events]]")
        for key, value in exported_record(event).items():
            if value is None:
                continue
            lines.append(f"{key} = {_toml_value(value)}")
        lines.append("")
    return "\n".join(lines)


def export(events: list[LoggedEvent], fmt: str) -> str:
    if fmt == "jsonl":
        return to_jsonl(events)
    if fmt == "toml":
        return to_toml(events)
    raise ValueError(f"format: {fmt!r} is not toml or jsonl")
