"""What a stored event must look like for the read side to fold and show it.

A damaged event (a flipped byte, a field its class does not have, a value of the wrong
type) must not reach the folds, timelines and summaries, which trust their input. The
checks are structural only: every field its class declares and no other, each of the
type the class declares, dates that parse, grades and frameworks the vocabulary knows,
figures that are numbers. They never re-apply the domain's rules (a rule tightened later
must not turn old, sound events into damage).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from eventsourcing.utils import get_topic

from events.benchmark import Benchmark, benchmark_id
from events.council import EVENT_CLASSES, Council, council_id
from events.schema import DATED_BY_PUBLICATION, FieldSpec, FieldType, fields_of
from events.vocabulary import Framework, Grade, Kind
from tracker.readside.rows import day
from tracker.readside.tables import INSPECTION_FIELDS, WORKFORCE_FIELDS

Check = Callable[[Any], bool]
Compiled = Callable[[dict[str, Any]], str | None]  # the first unsound field's name, or None
ENVELOPE = frozenset({"originator_id", "originator_version", "timestamp", "originator_topic"})
GRADES = frozenset(g.value for g in Grade)
FRAMEWORKS = frozenset(f.value for f in Framework)
_FIGURE_KEYS = frozenset({"value", "low", "high", "text"})


_DATES: set[str] = set()  # date texts seen to parse (few: the checks look here first)


def _parses(text: str) -> bool:
    try:
        day(text)
    except Exception:  # any text the dates module refuses
        return False
    if len(_DATES) < 200_000:
        _DATES.add(text)
    return True


# Each check is statements about ``v`` that ``return name`` when it is unsound (a TypeError,
# say from joining a list holding a number, or a KeyError, a field missing, also means so).
# They are compiled into one function per event class: a rebuild runs them for every
# event, so no call per field.
_TEXT = ("if type(v) is not str: return name",)
_DATE = ("if type(v) is not str or (v not in DATES and not parses(v)): return name",)
_NUMBER = ("if type(v) is not int and type(v) is not float: return name",)
_GRADE = ("if type(v) is not str or v not in GRADES: return name",)
_FRAMEWORK = ("if type(v) is not str or v not in FRAMEWORKS: return name",)
_TEXTS = ("if type(v) is not list: return name", "join(v)")
_TEXT_TABLE = ("if type(v) is not dict: return name", "join(v)", "join(v.values())")
_TABLE = ("if type(v) is not dict: return name",)
# A citation: text values (its keys are text: JSON's always are), and its own date one the
# folds can read (when it was reported). Every citing event's is checked: the folds tally them.
_CITATION = ("if type(v) is not dict: return name", "join(v.values())",
             "x = v.get('published')",
             "if x and x not in DATES and not parses(x): return name")
_FIGURE = (  # {"value": x} or {"low": a, "high": b} (one side may be missing), maybe a "text"
    "if type(v) is not dict or not v.keys() <= FIGURE_KEYS: return name",
    "if 'value' in v:",
    "    x = v['value']",
    "    if type(x) is not float and type(x) is not int: return name",
    "else:",
    "    x, y = v.get('low'), v.get('high')",
    "    if x is None and y is None: return name",
    "    if x is not None and type(x) is not float and type(x) is not int: return name",
    "    if y is not None and type(y) is not float and type(y) is not int: return name",
    "x = v.get('text')",
    "if x is not None and type(x) is not str: return name",
)
_POSITION = ("if type(v) is not int or v < 1: return name",)
_CHANGES = ("if not is_changes(v): return name",)
_ANY: tuple[str, ...] = ()

_BY_TYPE: dict[FieldType, tuple[str, ...]] = {
    FieldType.DATE: _DATE,
    FieldType.TEXT: _TEXT,
    FieldType.TEXT_LIST: _TEXTS,
    FieldType.GRADE: _GRADE,
    FieldType.CHOICE: _TEXT,
    FieldType.COUNT: _NUMBER,
    FieldType.MONEY: _NUMBER,
    FieldType.FIGURE: _FIGURE,
    FieldType.NUMBER: _NUMBER,
    FieldType.CITATION: _CITATION,
    FieldType.CODES: _TEXTS,
    FieldType.SUPPRESSED: _TEXT_TABLE,
}
_BY_ANNOTATION: dict[str, tuple[str, ...]] = {
    "str": _TEXT,
    "int": _NUMBER,
    "float": _NUMBER,
    "dict[str, str]": _TEXT_TABLE,
    "dict[str, Any]": _TABLE,
    "list[str]": _TEXTS,
}


def optional(check: tuple[str, ...]) -> tuple[str, ...]:
    return ("if v is not None:", *("    " + line for line in check)) if check else check


_TEXT_TABLES = (_CITATION, optional(_CITATION), _TEXT_TABLE)  # tables whose values are texts


def _by_spec(spec: FieldSpec) -> tuple[str, ...]:
    check = _FRAMEWORK if spec.name == "framework" else _BY_TYPE[spec.type]
    if spec.type in (FieldType.TEXT_LIST, FieldType.CODES, FieldType.SUPPRESSED):
        return check  # stored as [] or {} when empty, never None
    return check if spec.required else optional(check)


def _by_annotation(annotation: str) -> tuple[str, ...]:
    """The check for a declared type ('str | None', 'dict[str, Any]', ...); anything
    this table does not know is only required to be present."""
    base, _, rest = annotation.partition(" | ")
    check = _BY_ANNOTATION.get(base, _ANY)
    return optional(check) if rest == "None" else check


def compile_checks(checks: list[tuple[str, tuple[str, ...]]], fields: frozenset[str] | None = None,
                   exact: bool = True) -> Compiled:
    """One function checking an event's data: exactly ``fields`` (default: the checked
    ones; '' if not, when ``exact``), then each (field, check) in order (the first
    unsound field's name)."""
    body = ["def check(d):", "    if exact and d.keys() != FIELDS: return ''", "    name = None", "    try:"]
    for name, lines in checks:
        body.append(f"        name = {name!r}")
        body.append(f"        v = d[{name!r}]")
        body.extend("        " + line for line in lines)
    body += ["    except (TypeError, KeyError):", "        return name", "    return None"]
    scope: dict[str, Any] = {"exact": exact, "FIELDS": fields or frozenset(name for name, _ in checks),
                             "parses": _parses, "DATES": _DATES, "GRADES": GRADES, "FRAMEWORKS": FRAMEWORKS,
                             "join": "".join, "FIGURE_KEYS": _FIGURE_KEYS, "is_changes": is_changes}
    exec(compile("\n".join(body), f"<checks of {len(checks)} fields>", "exec"), scope)
    compiled: Compiled = scope["check"]
    return compiled


def _one_field(name: str, checks: list[tuple[str, ...]]) -> Check:
    """A correction's changed value: sound if any kind that has the field would take it."""
    compiled = [compile_checks([(name, lines)], exact=False) for lines in checks]
    return lambda value: any(check({name: value}) is None for check in compiled)


def _change_checks() -> dict[str, Check]:
    found: dict[str, list[tuple[str, ...]]] = {}
    for kind in EVENT_CLASSES:
        for spec in fields_of(kind):
            found.setdefault(spec.name, []).append(_by_spec(spec))
    return {name: _one_field(name, checks) for name, checks in found.items()}


_CHANGES_BY_NAME: dict[str, Check] = {}


def is_changes(value: Any) -> bool:
    """A correction's changes: at least one, each a field some kind has, each sound."""
    if type(value) is not dict or not value:
        return False
    if not _CHANGES_BY_NAME:
        _CHANGES_BY_NAME.update(_change_checks())
    for name, changed in value.items():
        check = _CHANGES_BY_NAME.get(name)
        if check is None or not check(changed):
            return False
    return True


@dataclasses.dataclass(frozen=True)
class Shape:
    """One event class's fields and the compiled checks of their values: ``check`` of
    exactly its fields, every one (what is shown reads them all), ``fold_check`` of the
    fields the index folds only (a rebuild runs it for every event: no more than it must)."""

    name: str
    fields: frozenset[str]
    check: Compiled  # None when sound; '' when the fields are not exactly the class's
    fold_check: Compiled
    texts: frozenset[str] = frozenset()  # fields holding a table of texts (a citation, say)

    def problem(self, data: dict[str, Any]) -> str | None:
        """Why ``data`` is not a sound event of this class, or None."""
        bad = self.check(data)
        if bad is None:
            return None
        keys = data.keys()
        if bad == "":
            extra, missing = sorted(keys - self.fields), sorted(self.fields - keys)
            if extra:
                return f"field {extra[0]!r} is not a field of {self.name}"
            return f"field {missing[0]!r} of {self.name} is missing"
        value = data[bad]
        if bad in self.texts and type(value) is dict:
            for key, item in value.items():
                if type(item) is not str:
                    return f"field {bad!r} of {self.name}: its {key!r} holds {_brief(item)}, not text"
            published = value.get("published")
            if published and not _parses(published):
                return f"field {bad!r} of {self.name}: its 'published' holds {_brief(published)}, not a date"
        return f"field {bad!r} of {self.name} holds {_brief(value)}: not what it declares"


def _brief(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _shape(cls: type, specs: Mapping[str, FieldSpec],
           extra: Mapping[str, tuple[str, ...]] | None = None) -> Shape:
    fields = [f for f in dataclasses.fields(cls) if f.name not in ENVELOPE]  # type: ignore[arg-type]
    checks = []
    for f in fields:
        spec = specs.get(f.name)
        if extra and f.name in extra:
            check = extra[f.name]
        elif spec is not None:
            check = _by_spec(spec)
        else:
            check = _by_annotation(str(f.type))
        checks.append((f.name, check))
    folded = [(name, check) for name, check in checks if name in _folded(cls)]
    names = frozenset(f.name for f in fields)  # a rebuild leaves the other fields to the read-back
    texts = frozenset(name for name, check in checks if check in _TEXT_TABLES)
    return Shape(cls.__qualname__, names, compile_checks(checks), compile_checks(folded, exact=False), texts)


def _folded(cls: type) -> frozenset[str]:
    """The fields the index reads of an event of this class (stream_index.py, read_model.py):
    its days' dates, a kept fact's row fields, and the source every citing event is tallied
    by (a field of a class that lacks it is never checked)."""
    kind = getattr(cls, "kind", None)
    if kind is Kind.INSPECTION:
        return frozenset({*INSPECTION_FIELDS, "source"})
    if kind is Kind.WORKFORCE or cls is Benchmark.FigureRecorded:
        return frozenset(WORKFORCE_FIELDS)
    if kind is not None:
        return frozenset({"occurred_on", "published_on", "source"})
    return frozenset({"target", "changes", "la_code", "geo_code", "name", "level", "source"})


def _specs(kind: Kind) -> dict[str, FieldSpec]:
    """A kind's fields as stored: an inspection or visit known only by its publication
    has no occurred_on (events/validation.py), so there it may be None."""
    specs = {s.name: s for s in fields_of(kind)}
    if kind in DATED_BY_PUBLICATION:
        specs["occurred_on"] = dataclasses.replace(specs["occurred_on"], required=False)
    return specs


@lru_cache(maxsize=1)
def shapes() -> dict[str, Shape]:
    """Every event class the read side folds, by its stored topic."""
    found = {get_topic(cls): _shape(cls, _specs(kind)) for kind, cls in EVENT_CLASSES.items()}
    amendment = {"target": _POSITION, "changes": _CHANGES}
    cited = {**amendment, "source": optional(_CITATION)}  # a correction may cite a later source
    found[get_topic(Council.Corrected)] = _shape(Council.Corrected, {}, cited)
    found[get_topic(Council.Retracted)] = _shape(Council.Retracted, {}, amendment)
    found[get_topic(Council.Opened)] = _shape(Council.Opened, {})
    found[get_topic(Benchmark.Opened)] = _shape(Benchmark.Opened, {})
    workforce = {s.name: s for s in fields_of(Kind.WORKFORCE)}
    found[get_topic(Benchmark.FigureRecorded)] = _shape(Benchmark.FigureRecorded, workforce)
    return found


def opening_problem(topic: str, originator: str, data: dict[str, Any]) -> str | None:
    """An Opened event must name the stream it opens: its id is made from that name."""
    if topic == get_topic(Council.Opened):
        if council_id(data["la_code"]).hex != originator:
            return f"opens stream {originator} as council {data['la_code']!r}, whose stream is another"
    elif topic == get_topic(Benchmark.Opened) and benchmark_id(data["geo_code"]).hex != originator:
        return f"opens stream {originator} as benchmark {data['geo_code']!r}, whose stream is another"
    return None
