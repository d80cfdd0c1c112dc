"""Read event files (TOML or JSON Lines) into plain records, naming the line of
any error. Validation of the fields themselves is the domain's job."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tracker.recorded_time import recorded_time_problem
from tracker.safe_text import visible

_ENVELOPE_KEYS = {"id", "council", "kind", "recorded_at", "opened_at"}
_AMENDMENT_KEYS = {"target", "changes", "reason"}
BENCHMARK_FIGURE = "benchmark_figure"
_BENCHMARK_KEYS = {"benchmark", "benchmark_name", "level"}


class FileFormatError(ValueError):
    """A file that cannot be read as events; the message names the line."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        where = f"{path}, line {line}" if line else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.message = message


@dataclass
class FileEvent:
    """One event as written in a file, before the domain validates it."""

    line: int
    kind: str
    council: str | None = None
    id: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    target: str | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    reason: str | None = None
    recorded_at: datetime | None = None
    opened_at: datetime | None = None  # an exported stream's opening, when not recorded_at
    field_lines: dict[str, int] = field(default_factory=dict)
    benchmark: str | None = None  # a benchmark figure's geography (ONS code), name and level
    benchmark_name: str | None = None
    level: str | None = None

    def line_of(self, field_name: str | None) -> int:
        """The line that holds a field, else the event's first line."""
        if field_name is None:
            return self.line
        return self.field_lines.get(field_name.split(".")[0], self.line)


def read_event_file(path: Path, fmt: str | None = None) -> list[FileEvent]:
    """Parse a TOML or JSON Lines event file; the format is sniffed when not given."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FileFormatError(str(path), None, f"cannot read: {error.strerror}") from None
    return parse_event_bytes(raw, str(path), fmt)


def parse_event_bytes(raw: bytes, name: str, fmt: str | None = None) -> list[FileEvent]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise FileFormatError(name, line, f"not UTF-8 (byte {error.start})") from None
    if not text.strip():
        raise FileFormatError(name, None, "the file is empty")
    fmt = fmt or sniff_format(text)
    if fmt == "jsonl":
        return _parse_jsonl(text, name)
    if fmt == "toml":
        return _parse_toml(text, name)
    raise FileFormatError(name, None, f"unknown format {fmt!r} (toml, jsonl)")


def sniff_format(text: str) -> str:
    return "jsonl" if text.lstrip().startswith("{") else "toml"


def _parse_jsonl(text: str, name: str) -> list[FileEvent]:
    events = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        data = _json_line(line, number, name)
        if not isinstance(data, dict):
            raise FileFormatError(name, number, "each line must be a JSON object")
        _refuse_surrogates(data, number, name)
        events.append(_record(data, number, name, {}))
    return unique_ids(events, name)


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are all different (else the last would win silently)."""
    data = dict(pairs)
    if len(data) != len(pairs):
        twice = next(key for key, _ in pairs if sum(1 for k, _ in pairs if k == key) > 1)
        raise ValueError(f"key {visible(twice)!r} appears twice in one object")
    return data


def _not_a_number(word: str) -> Any:
    raise ValueError(f"{word} is not a number in JSON")


def _json_line(line: str, number: int, name: str) -> Any:
    """One line as JSON, or a one-line reason: bad syntax, a duplicate key, NaN, an
    integer longer than Python converts (4,300 digits), or nesting too deep to read."""
    try:
        return json.loads(line, object_pairs_hook=_json_object, parse_constant=_not_a_number)
    except json.JSONDecodeError as error:
        raise FileFormatError(name, number, f"not JSON: {error.msg}") from None
    except RecursionError:
        raise FileFormatError(name, number, "not read: nested too deeply") from None
    except ValueError as error:
        reason = str(error).split(";")[0].replace("for integer string conversion", "of digits")
        raise FileFormatError(name, number, f"not read: {reason}") from None


def _refuse_surrogates(data: dict[str, Any], line: int, name: str) -> None:
    """A \\ud800-style escape without its pair is no character: it could be neither
    stored nor shown, so the line is refused, naming the field that holds it."""
    for key, value in data.items():
        pending: list[Any] = [key, value]
        while pending:
            item = pending.pop()
            if isinstance(item, dict):
                pending.extend(item)
                pending.extend(item.values())
            elif isinstance(item, list):
                pending.extend(item)
            elif isinstance(item, str) and _SURROGATE.search(item):
                reason = "a lone surrogate (half a UTF-16 pair) is not text"
                raise FileFormatError(name, line, f"{visible(key)}: {reason}")


def unique_ids(events: list[FileEvent], name: str) -> list[FileEvent]:
    """Refuse one id on two events of a file: which one would a retraction mean?"""
    seen: dict[str, int] = {}
    for event in events:
        if event.id is None:
            continue
        if event.id in seen:
            raise FileFormatError(
                name, event.line, f"id {visible(event.id)!r} is also the id of line {seen[event.id]}"
            )
        seen[event.id] = event.line
    return events


_SURROGATE = re.compile("[\ud800-\udfff]")
_EVENT_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*events[ \t]*\]\]", re.MULTILINE)
_KEY = re.compile(r"^[ \t]*([A-Za-z0-9_-]+)[ \t]*=", re.MULTILINE)


def _parse_toml(text: str, name: str) -> list[FileEvent]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        raise FileFormatError(name, int(match[1]) if match else None, str(error)) from None
    except RecursionError:
        raise FileFormatError(name, None, "not read: nested too deeply") from None
    except ValueError as error:  # an integer longer than Python converts
        reason = str(error).split(";")[0].replace("for integer string conversion", "of digits")
        raise FileFormatError(name, None, f"not read: {reason}") from None
    unknown = set(data) - {"sources", "events"}
    if unknown:
        raise FileFormatError(name, None, f"unknown top-level keys {sorted(unknown)}")
    sources = data.get("sources", {})
    if not isinstance(sources, dict):
        raise FileFormatError(name, None, "[sources] must be a table of citations")
    entries = data.get("events", [])
    if not isinstance(entries, list) or not entries:
        raise FileFormatError(name, None, "no [[events]] in the file")
    if not all(isinstance(entry, dict) for entry in entries):
        raise FileFormatError(name, None, "events: each must be an [[events]] table, not a value")
    headers = list(_EVENT_HEADER.finditer(text))
    events = []
    for index, entry in enumerate(entries):
        line = text.count("\n", 0, headers[index].start()) + 1 if index < len(headers) else 0
        event = _record(entry, line, name, sources)
        if index < len(headers):
            end = headers[index + 1].start() if index + 1 < len(headers) else len(text)
            event.field_lines = _key_lines(text, headers[index].end(), end, line)
        events.append(event)
    return unique_ids(events, name)


def _key_lines(text: str, start: int, end: int, first_line: int) -> dict[str, int]:
    """The line of each ``key =`` inside one [[events]] block, for error messages."""
    lines: dict[str, int] = {}
    for match in _KEY.finditer(text, start, end):
        key = match[1].replace("-", "_")
        lines.setdefault(key, first_line + text.count("\n", start, match.start()))
    return lines


def _record(data: dict[str, Any], line: int, name: str, sources: dict[str, Any]) -> FileEvent:
    kind = data.get("kind")
    if not isinstance(kind, str) or not kind:
        raise FileFormatError(name, line, "kind: is required")
    kind = kind.replace("-", "_")
    amendment = kind in ("correction", "retraction")
    envelope = _ENVELOPE_KEYS | (_AMENDMENT_KEYS if amendment else set())
    if kind == BENCHMARK_FIGURE:
        envelope = envelope | _BENCHMARK_KEYS
    fields = {k: v for k, v in data.items() if k not in envelope}
    source = fields.get("source")
    if isinstance(source, str):
        if source not in sources:
            raise FileFormatError(name, line, f"source: no [sources.{source}] in the file")
        fields["source"] = sources[source]
    recorded_at = opened_at = None
    if data.get("recorded_at") is not None:
        recorded_at = _timestamp(data["recorded_at"], line, name)
    if data.get("opened_at") is not None:
        opened_at = _timestamp(data["opened_at"], line, name, "opened_at")
    event = FileEvent(
        line=line,
        kind=kind,
        council=_optional_text(data, "council", line, name),
        id=_optional_text(data, "id", line, name),
        recorded_at=recorded_at,
        opened_at=opened_at,
    )
    if kind == BENCHMARK_FIGURE:
        event.benchmark = _optional_text(data, "benchmark", line, name)
        if not event.benchmark:
            raise FileFormatError(name, line, "benchmark: is required (the ONS code of England or a region)")
        event.benchmark_name = _optional_text(data, "benchmark_name", line, name)
        event.level = _optional_text(data, "level", line, name)
    if amendment:
        event.target = _optional_text(data, "target", line, name)
        if not event.target:
            raise FileFormatError(name, line, "target: is required")
        event.reason = _optional_text(data, "reason", line, name)
        changes = data.get("changes", {})
        if not isinstance(changes, dict):
            raise FileFormatError(name, line, "changes: must be a table of field = value")
        event.changes = changes
        if kind == "correction" and "source" in fields:
            event.fields = {"source": fields["source"]}
        elif set(fields) - {"source"}:
            extra = sorted(set(fields) - {"source"})
            raise FileFormatError(name, line, f"{extra[0]}: not a field of {kind}")
    else:
        event.fields = fields
    return event


def _optional_text(data: dict[str, Any], key: str, line: int, name: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise FileFormatError(name, line, f"{key}: expected text")
    return value


def _timestamp(value: Any, line: int, name: str, key: str = "recorded_at") -> datetime:
    """A recorded time: ISO with a zone, within what the tracker can have recorded."""
    if isinstance(value, datetime):
        stamp = value
    else:
        try:
            stamp = datetime.fromisoformat(str(value))
        except ValueError:
            raise FileFormatError(name, line, f"{key}: {value!r} is not a timestamp") from None
    if stamp.tzinfo is None:
        raise FileFormatError(name, line, f"{key}: needs a time zone (e.g. +00:00)")
    problem = recorded_time_problem(stamp)
    if problem is not None:
        raise FileFormatError(name, line, f"{key}: {problem}")
    return stamp
