"""Turn raw field values into the canonical stored form, or say which field is wrong.

Canonical forms are plain JSON values so stored events decode fast and stay
readable by the stock library: dates are partial ISO strings, a figure is
``{"value": x}`` or ``{"low": a, "high": b}`` (one side may be missing for a
bound) with an optional ``"text"`` as the report worded it.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from events.dates import PartialDate
from events.errors import InvalidField
from events.judgements import absent_judgements, settle_judgements, why_absent
from events.schema import (
    DATE_ALIASES,
    DATED_BY_PUBLICATION,
    FIGURE_FIELDS,
    SUPPRESSION_SYMBOLS,
    FieldSpec,
    FieldType,
    fields_of,
)
from events.vocabulary import Grade, Kind

MAX_TEXT = 20_000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# A number as text: ASCII digits, an optional fraction, optionally negative (refused
# as such); not 1e300, 1_7, full-width or other scripts' digits that float() takes.
_NUMBER_TEXT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
MAX_WHOLE = 10**12  # a count or a sum of pounds beyond this is a typing slip
_GRADE_WORDS = {g.value: g for g in Grade} | {
    "requires improvement": Grade.REQUIRES_IMPROVEMENT,
    "requires improvement to be good": Grade.REQUIRES_IMPROVEMENT,
    "ri": Grade.REQUIRES_IMPROVEMENT,
}
_LA_CODE = re.compile(r"^\d{3}$")


def check_text(field: str, value: Any) -> str:
    """Accept any printable text, stored as given; refuse control characters."""
    if not isinstance(value, str):
        raise InvalidField(field, f"expected text, got {type(value).__name__}")
    if len(value) > MAX_TEXT:
        raise InvalidField(field, f"text is {len(value):,} characters; at most {MAX_TEXT:,}")
    bad = _CONTROL.search(value) or _SURROGATE.search(value)
    if bad:
        what = "control character" if _CONTROL.match(bad.group()) else "lone surrogate (not text)"
        raise InvalidField(field, f"{what} U+{ord(bad.group()):04X} at offset {bad.start()}")
    return value


def parse_grade(field: str, value: Any) -> str | None:
    """A grade word (any common spelling) to its stored value; blank means absent."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidField(field, f"expected a grade, got {value!r}")
    word = " ".join(value.strip().lower().replace("_", " ").replace("-", " ").split())
    if word in ("", "none", "absent", "null"):
        return None
    grade = _GRADE_WORDS.get(word) or _GRADE_WORDS.get(word.replace(" ", "_"))
    if grade is None:
        choices = ", ".join(g.value for g in Grade)
        raise InvalidField(field, f"{value!r} is not a grade ({choices}, or blank for none)")
    return grade.value


def _number(field: str, value: Any, maximum: float | None) -> float:
    if isinstance(value, bool):
        raise InvalidField(field, f"expected a number, got {value!r}")
    if isinstance(value, str) and not _NUMBER_TEXT.fullmatch(value.strip()):
        raise InvalidField(field, f"{value!r} is not a number (digits 0-9, e.g. 17 or 17.5)")
    try:
        number = float(value)
    except OverflowError:  # an integer too long for a float
        raise InvalidField(field, f"is implausible (over {maximum or MAX_WHOLE:g})") from None
    except (TypeError, ValueError):
        raise InvalidField(field, f"{value!r} is not a number") from None
    if math.isnan(number) or math.isinf(number):
        raise InvalidField(field, f"{value!r} is not a number")
    if number < 0:
        raise InvalidField(field, f"{value!r} is negative")
    if maximum is not None and number > maximum:
        raise InvalidField(field, f"{value!r} is implausible (over {maximum:g})")
    return number


def _whole(field: str, value: Any, maximum: float | None) -> int:
    number = _number(field, value, maximum or MAX_WHOLE)
    if number != int(number):
        raise InvalidField(field, f"{value!r} is not a whole number")
    return int(number)


_RANGE = re.compile(r"^\s*([0-9.]+)\s*(?:-|–|to)\s*([0-9.]+)\s*$")
_BOUND = re.compile(r"^\s*(<=|>=|<|>|under|over|at least|at most)\s*([0-9.]+)\s*$")


def parse_figure(field: str, value: Any, maximum: float | None) -> dict[str, Any] | None:
    """``17``, ``"24-26"``, ``">=20"``, or a stored dict, to the canonical figure."""
    if value is None or value == "":
        return None
    if isinstance(value, dict):
        unknown = set(value) - {"value", "low", "high", "text"}
        if unknown:
            raise InvalidField(field, f"unknown keys {sorted(unknown)} (value, low, high, text)")
        figure: dict[str, Any] = {}
        if value.get("value") is not None:
            figure["value"] = _number(field, value["value"], maximum)
        for side in ("low", "high"):
            if value.get(side) is not None:
                figure[side] = _number(f"{field}.{side}", value[side], maximum)
        if "value" in figure and ("low" in figure or "high" in figure):
            raise InvalidField(field, "give a value or a range, not both")
        if not figure:
            raise InvalidField(field, "a figure needs a value, a low or a high")
        if "low" in figure and "high" in figure and figure["low"] > figure["high"]:
            raise InvalidField(field, "low is above high")
        if value.get("text"):
            figure["text"] = check_text(f"{field}.text", value["text"])
        return figure
    if isinstance(value, str):
        text = value.strip()
        ranged = _RANGE.match(text)
        if ranged:
            return parse_figure(field, {"low": ranged[1], "high": ranged[2]}, maximum)
        bound = _BOUND.match(text)
        if bound:
            side = "high" if bound[1] in ("<", "<=", "under", "at most") else "low"
            return parse_figure(field, {side: bound[2]}, maximum)
        return {"value": _number(field, text, maximum)}
    return {"value": _number(field, value, maximum)}


def parse_citation(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise InvalidField("source", "expected publisher, title and optionally date, url and licence")
    unknown = set(value) - {"publisher", "title", "published", "url", "licence"}
    if unknown:
        raise InvalidField("source", f"unknown keys {sorted(unknown)}")
    citation: dict[str, str] = {}
    for key in ("publisher", "title"):
        text = value.get(key)
        if not text or not str(text).strip():
            raise InvalidField(f"source.{key}", "is required")
        citation[key] = check_text(f"source.{key}", str(text))
    if value.get("published"):
        citation["published"] = PartialDate.parse(str(value["published"]), "source.published").iso()
    if value.get("url"):
        citation["url"] = check_text("source.url", str(value["url"]))
    if value.get("licence"):
        citation["licence"] = check_text("source.licence", str(value["licence"]))
    return citation


def _text_list(field: str, value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise InvalidField(field, "expected a list of texts")
    return [check_text(field, item) for item in value if item != ""]


def _codes(field: str, value: Any) -> list[str]:
    codes = _text_list(field, value)
    for code in codes:
        if not _LA_CODE.match(code):
            raise InvalidField(field, f"{code!r} is not a three-digit LA number")
    return codes


def _suppressed(field: str, value: Any) -> dict[str, str]:
    if not value:
        return {}
    if not isinstance(value, dict):
        raise InvalidField(field, "expected {figure: symbol}")
    out: dict[str, str] = {}
    for key, symbol in value.items():
        if key not in FIGURE_FIELDS:
            raise InvalidField(field, f"{key!r} is not a figure ({', '.join(FIGURE_FIELDS)})")
        if symbol not in SUPPRESSION_SYMBOLS:
            raise InvalidField(f"{field}.{key}", f"{symbol!r} is not a suppression symbol")
        out[key] = symbol
    return out


def parse_value(spec: FieldSpec, value: Any) -> Any:
    """One field's raw value to its canonical stored form."""
    name, kind = spec.name, spec.type
    if kind is FieldType.DATE:
        if value is None or value == "":
            return None
        if isinstance(value, date):
            return PartialDate.of(value).iso()
        return PartialDate.parse(str(value), name).iso()
    if kind is FieldType.TEXT:
        return None if value is None or value == "" else check_text(name, value)
    if kind is FieldType.TEXT_LIST:
        return _text_list(name, value)
    if kind is FieldType.GRADE:
        return parse_grade(name, value)
    if kind is FieldType.CHOICE:
        if value is None or value == "":
            return None
        word = str(value).strip().lower().replace("-", "_").replace(" ", "_")
        if word not in spec.choices:
            raise InvalidField(name, f"{value!r} is not one of {', '.join(spec.choices)}")
        return word
    if kind in (FieldType.COUNT, FieldType.MONEY):
        if value is None or value == "":
            return None
        if isinstance(value, str):
            value = value.replace(",", "").replace("£", "").strip()
        return _whole(name, value, spec.maximum)
    if kind is FieldType.NUMBER:
        return None if value is None or value == "" else _number(name, value, spec.maximum)
    if kind is FieldType.FIGURE:
        return parse_figure(name, value, spec.maximum)
    if kind is FieldType.CITATION:
        return parse_citation(value)
    if kind is FieldType.CODES:
        return _codes(name, value)
    if kind is FieldType.SUPPRESSED:
        return _suppressed(name, value)
    raise AssertionError(kind)  # pragma: no cover


def normalise_names(kind: Kind, raw: dict[str, Any]) -> dict[str, Any]:
    """Accept dashes for underscores and the kind's date alias (fieldwork_start, as_at)."""
    out: dict[str, Any] = {}
    aliases = DATE_ALIASES.get(kind, ())
    for key, value in raw.items():
        name = key.replace("-", "_")
        if name in aliases:
            name = "occurred_on"
        if name in out:
            raise InvalidField(name, "given twice")
        out[name] = value
    return out


def validate_fact(
    kind: Kind, raw: dict[str, Any], today: date, dropped: list[str] | None = None, judged: bool = True
) -> dict[str, Any]:
    """All fields of a fact, canonical and checked together, or InvalidField.

    An inspection's grade for a judgement it did not have (events/judgements.py) is
    refused; a source's, with ``dropped`` given, is left out instead and its reason
    appended there (an import reports it). A judgement it had but not given is unknown.
    ``judged=False`` keeps the grades as given: a backup restores facts exactly as
    they were recorded, even those recorded before the rule.
    """
    given = normalise_names(kind, raw)
    specs = {spec.name: spec for spec in fields_of(kind)}
    unknown = sorted(set(given) - set(specs))
    if unknown:
        raise InvalidField(unknown[0], f"not a field of {kind.value} ({', '.join(specs)})")
    fields: dict[str, Any] = {}
    for name, spec in specs.items():
        value = parse_value(spec, given.get(name))
        if spec.required and value in (None, "", []) and not _dated_by_publication(kind, name, given):
            raise InvalidField(name, "is required")
        fields[name] = value
    check_dates(fields, today)
    if kind is Kind.INSPECTION and judged:
        absent = absent_judgements(fields)
        if absent and dropped is None:
            raise InvalidField(absent[0], why_absent(absent[0], fields))
        if dropped is not None:
            dropped.extend(f"{name}: {why_absent(name, fields)}; not recorded" for name in absent)
        fields = settle_judgements(fields)
    if kind is Kind.WORKFORCE:
        figures = [fields[f] for f in FIGURE_FIELDS] + [fields["caseload_target"]]
        if not any(f is not None for f in figures) and not fields["suppressed"]:
            raise InvalidField("caseload", "a workforce event needs at least one figure")
    return fields


def _dated_by_publication(kind: Kind, name: str, given: dict[str, Any]) -> bool:
    """An inspection or visit known only by its publication needs no occurred_on:
    it happened on or before published_on (never dated by it)."""
    published = given.get("published_on")
    return name == "occurred_on" and kind in DATED_BY_PUBLICATION and published not in (None, "")


def check_dates(fields: dict[str, Any], today: date) -> None:
    """No date in the future; fieldwork end and publication not before the start."""
    if not fields.get("occurred_on"):
        if fields.get("fieldwork_end"):
            raise InvalidField("occurred_on", "is required when fieldwork_end is given")
        if PartialDate.parse(fields["published_on"], "published_on").start() > today:
            raise InvalidField("published_on", f"{fields['published_on']} is in the future")
        return
    occurred = PartialDate.parse(fields["occurred_on"], "occurred_on")
    for name in ("occurred_on", "fieldwork_end", "published_on"):
        if fields.get(name) and PartialDate.parse(fields[name], name).start() > today:
            raise InvalidField(name, f"{fields[name]} is in the future")
    cited = (fields.get("source") or {}).get("published")
    if cited and PartialDate.parse(cited, "source.published").start() > today:
        raise InvalidField("source.published", f"{cited} is in the future")
    for name in ("fieldwork_end", "published_on"):
        if fields.get(name) and PartialDate.parse(fields[name], name).end() < occurred.start():
            raise InvalidField(name, f"{fields[name]} is before occurred_on {fields['occurred_on']}")
    end, published = fields.get("fieldwork_end"), fields.get("published_on")
    if end and published and PartialDate.parse(published).end() < PartialDate.parse(end).start():
        raise InvalidField("published_on", f"{published} is before fieldwork_end {end}")
