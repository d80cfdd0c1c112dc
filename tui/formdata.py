"""Between what a form holds (strings) and what the facade takes (field values).

The same ``events.schema`` table drives the widgets, so the forms ask for
exactly the CLI's fields; validation stays in the domain (one set of rules).
"""

from __future__ import annotations

from typing import Any

from events.describe import figure_text
from events.schema import FieldSpec, FieldType, fields_of
from events.vocabulary import Kind

CITATION_PARTS = (
    ("publisher", "publisher"),
    ("title", "title"),
    ("published", "date"),
    ("url", "url"),
)
LIST_TYPES = (FieldType.TEXT_LIST, FieldType.CODES)
SELECT_TYPES = (FieldType.GRADE, FieldType.CHOICE)
MULTILINE_TYPES = (*LIST_TYPES, FieldType.SUPPRESSED)


def widget_ids(spec: FieldSpec) -> list[str]:
    """The id(s) of the widgets holding a field (a citation has four)."""
    if spec.type is FieldType.CITATION:
        return [f"f-source-{part}" for part, _ in CITATION_PARTS]
    return [f"f-{spec.name}"]


def split_list(raw: str) -> list[str]:
    """One item per line; a single line is split on commas."""
    parts = raw.splitlines() if "\n" in raw.strip() else raw.split(",")
    return [p.strip() for p in parts if p.strip()]


def split_pairs(raw: str) -> dict[str, str]:
    """``caseload=x, fte=c`` to {figure: symbol}; a malformed pair stays visible to validation."""
    pairs: dict[str, str] = {}
    for item in split_list(raw):
        key, _, symbol = item.partition("=")
        pairs[key.strip()] = symbol.strip()
    return pairs


def to_fields(kind: Kind, raw: dict[str, str | None]) -> dict[str, Any]:
    """The filled-in form as facade fields; blank fields are left out."""
    fields: dict[str, Any] = {}
    for spec in fields_of(kind):
        if spec.type is FieldType.CITATION:
            citation = {
                key: value.strip()
                for key, _ in CITATION_PARTS
                if (value := raw.get(f"f-source-{key}")) and value.strip()
            }
            if citation:
                fields["source"] = citation
            continue
        value = raw.get(f"f-{spec.name}")
        if value is None or not value.strip():
            continue
        if spec.type in LIST_TYPES:
            fields[spec.name] = split_list(value)
        elif spec.type is FieldType.SUPPRESSED:
            fields[spec.name] = split_pairs(value)
        elif spec.type is FieldType.TEXT:
            fields[spec.name] = value
        else:
            fields[spec.name] = value.strip()
    return fields


def to_raw(kind: Kind, fields: dict[str, Any]) -> dict[str, str | None]:
    """Stored field values as form strings (to prefill a correction)."""
    raw: dict[str, str | None] = {}
    for spec in fields_of(kind):
        value = fields.get(spec.name)
        if spec.type is FieldType.CITATION:
            for key, _ in CITATION_PARTS:
                raw[f"f-source-{key}"] = (value or {}).get(key, "")
        elif spec.type in SELECT_TYPES:
            raw[f"f-{spec.name}"] = value
        elif spec.type in LIST_TYPES:
            raw[f"f-{spec.name}"] = "\n".join(value or [])
        elif spec.type is FieldType.SUPPRESSED:
            raw[f"f-{spec.name}"] = ", ".join(f"{k}={v}" for k, v in (value or {}).items())
        elif spec.type is FieldType.FIGURE:
            raw[f"f-{spec.name}"] = _figure_raw(value)
        elif value is None:
            raw[f"f-{spec.name}"] = ""
        elif isinstance(value, float):
            raw[f"f-{spec.name}"] = f"{value:g}"
        else:
            raw[f"f-{spec.name}"] = str(value)
    return raw


def _figure_raw(figure: dict[str, Any] | None) -> str:
    if not figure:
        return ""
    return figure_text(figure).replace("–", "-").replace("≥", ">=").replace("≤", "<=")


def changed(kind: Kind, before: dict[str, str | None], after: dict[str, str | None]) -> dict[str, Any]:
    """The corrected fields only: those whose form text differs from the prefilled one."""
    new = to_fields(kind, after)
    changes: dict[str, Any] = {}
    for spec in fields_of(kind):
        if spec.type is FieldType.CITATION:
            continue
        key = f"f-{spec.name}"
        if (before.get(key) or "").strip() != (after.get(key) or "").strip():
            changes[spec.name] = new.get(spec.name)
    return changes


def source_changed(before: dict[str, str | None], after: dict[str, str | None]) -> bool:
    keys = [f"f-source-{key}" for key, _ in CITATION_PARTS]
    return any((before.get(k) or "").strip() != (after.get(k) or "").strip() for k in keys)


def field_of_error(field: str) -> str:
    """The form field an InvalidField names: 'caseload.low' -> 'caseload'."""
    if field.startswith("source."):
        return "source-" + field.split(".", 1)[1]
    return field.split(".", 1)[0]
