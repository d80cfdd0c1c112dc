"""Argument parsing: one `add` sub-command per kind, its options read from the schema."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from typing import Any

from events.dates import iso_day, iso_moment
from events.schema import KIND_FIELDS, FieldSpec, FieldType, fields_of
from events.vocabulary import FACT_KINDS, Kind
from tracker.errors import UserError
from tracker.recorded_time import recorded_time_problem

LIST_TYPES = (FieldType.TEXT_LIST, FieldType.CODES)


def parse_day(text: str, field: str) -> date:
    """YYYY-MM-DD only (the forms the TUI and event files take too)."""
    return iso_day(text, field)


def parse_moment(text: str, field: str = "--recorded-by") -> datetime:
    """A timestamp; a bare date means the end of that day (UTC). Only a time the tracker
    could have recorded by (tracker/recorded_time.py): anything else is refused."""
    moment = iso_moment(text, field)
    problem = recorded_time_problem(moment)
    if problem is not None:
        raise UserError(f"{field}: {problem}")
    return moment


def option_name(spec: FieldSpec) -> str:
    return "--" + spec.name.replace("_", "-")


def add_field_options(parser: argparse.ArgumentParser, kind: Kind) -> None:
    for spec in fields_of(kind):
        if spec.type is FieldType.CITATION:
            group = parser.add_argument_group("source citation")
            group.add_argument("--source-publisher", help="who published the report")
            group.add_argument("--source-title", help="the report's title or headline")
            group.add_argument("--source-date", help="when the report was published")
            group.add_argument("--source-url", help="where to read it")
            continue
        names = [option_name(spec)] + ["--" + a.replace("_", "-") for a in _aliases(kind, spec)]
        help_text = spec.help.replace("%", "%%") + (" (required)" if spec.required else "")
        if spec.choices:
            help_text += f" [{', '.join(spec.choices)}]"
        if spec.type in LIST_TYPES:
            parser.add_argument(*names, dest=spec.name, action="append", help=help_text + "; repeat")
        elif spec.type is FieldType.SUPPRESSED:
            parser.add_argument(
                *names,
                dest=spec.name,
                action="append",
                metavar="FIGURE=SYMBOL",
                help=help_text + "; e.g. caseload=x; repeat",
            )
        else:
            parser.add_argument(*names, dest=spec.name, help=help_text)


def _aliases(kind: Kind, spec: FieldSpec) -> tuple[str, ...]:
    from events.schema import DATE_ALIASES

    return DATE_ALIASES.get(kind, ()) if spec.name == "occurred_on" else ()


def citation_from(args: argparse.Namespace) -> dict[str, Any] | None:
    parts = {
        "publisher": args.source_publisher,
        "title": args.source_title,
        "published": args.source_date,
        "url": args.source_url,
    }
    given = {k: v for k, v in parts.items() if v is not None}
    return given or None


def fields_from(args: argparse.Namespace, kind: Kind) -> dict[str, Any]:
    """The raw field values the user gave, keyed by schema name."""
    fields: dict[str, Any] = {}
    for spec in fields_of(kind):
        if spec.type is FieldType.CITATION:
            citation = citation_from(args)
            if citation is not None:
                fields["source"] = citation
            continue
        value = getattr(args, spec.name, None)
        if value is None:
            continue
        if spec.type is FieldType.SUPPRESSED:
            value = _pairs(spec.name, value)
        fields[spec.name] = value
    return fields


def _pairs(field: str, items: list[str]) -> dict[str, str]:
    pairs = {}
    for item in items:
        key, sep, symbol = item.partition("=")
        if not sep:
            raise UserError(f"{field}: {item!r} should be FIGURE=SYMBOL, e.g. caseload=x")
        pairs[key.strip()] = symbol.strip()
    return pairs


def correction_options(parser: argparse.ArgumentParser) -> None:
    """Every field of every kind may be corrected; which apply is checked later."""
    seen: set[str] = set()
    for kind in FACT_KINDS:
        for spec in fields_of(kind):
            if spec.name in seen:
                continue
            seen.add(spec.name)
            if spec.type is FieldType.CITATION:
                continue
            kwargs: dict[str, Any] = {"dest": spec.name, "help": argparse.SUPPRESS}
            if spec.type in LIST_TYPES or spec.type is FieldType.SUPPRESSED:
                kwargs["action"] = "append"
            parser.add_argument(option_name(spec), **kwargs)
    for name in ("publisher", "title", "date", "url"):
        parser.add_argument(f"--source-{name}", help=argparse.SUPPRESS)


def correction_fields(args: argparse.Namespace) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for kind in KIND_FIELDS:
        for spec in fields_of(kind):
            if spec.type is FieldType.CITATION:
                continue
            value = getattr(args, spec.name, None)
            if value is not None and spec.name not in changes:
                if spec.type is FieldType.SUPPRESSED:
                    value = _pairs(spec.name, value)
                changes[spec.name] = value
    return changes
