"""Every error of a filled-in form at once, before anything is written.

The domain validates an event field by field and stops at the first wrong one;
a form should say everything wrong in one go, each message beside its field. This
runs the domain's own per-field parsers (``events.validation``) over every field,
then, when each field is right on its own, the rules between fields (dates in order,
judgements that existed), so the form never disagrees with ``tracker add``.
Pure: no storage, safe on the UI thread.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from events.dates import PartialDate
from events.errors import InvalidField
from events.schema import DATED_BY_PUBLICATION, FieldSpec, FieldType, fields_of
from events.validation import parse_value, validate_fact
from events.vocabulary import Kind
from tui.formdata import CITATION_PARTS, field_of_error, to_fields

REQUIRED_CITATION = ("publisher", "title")


def form_errors(kind: Kind, raw: dict[str, str | None], today: date) -> dict[str, str]:
    """Messages by form field name (``caseload``, ``source-publisher``); empty when the
    entries are fit to send."""
    fields = to_fields(kind, raw)
    errors: dict[str, str] = {}
    for spec in fields_of(kind):
        if spec.type is FieldType.CITATION:
            errors |= _citation_errors(spec, fields.get("source") or {})
            continue
        value = fields.get(spec.name)
        try:
            parsed = parse_value(spec, value)
        except InvalidField as error:
            errors[field_of_error(error.field)] = error.message
            continue
        if spec.required and parsed in (None, "", []) and not _dated_by_publication(kind, spec.name, fields):
            errors[spec.name] = "is required"
        elif spec.type is FieldType.DATE and parsed and PartialDate.parse(parsed).start() > today:
            errors[spec.name] = f"{parsed} is in the future"
    if not errors:
        try:
            validate_fact(kind, fields, today)
        except InvalidField as error:
            errors[field_of_error(error.field)] = error.message
    return errors


def _citation_errors(spec: FieldSpec, source: dict[str, Any]) -> dict[str, str]:
    """Each part of the citation on its own: both missing parts named at once."""
    errors = {f"source-{key}": "is required" for key in REQUIRED_CITATION if not source.get(key)}
    for key, _ in CITATION_PARTS:
        if key in source and f"source-{key}" not in errors:
            try:
                parse_value(spec, {"publisher": "-", "title": "-", key: source[key]})
            except InvalidField as error:
                errors[field_of_error(error.field)] = error.message
    return errors


def _dated_by_publication(kind: Kind, name: str, fields: dict[str, Any]) -> bool:
    """An inspection or visit known only by its publication needs no occurred_on."""
    return name == "occurred_on" and kind in DATED_BY_PUBLICATION and bool(fields.get("published_on"))
