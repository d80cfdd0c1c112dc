"""One inspection, many sources: find the fact a row describes, and merge the two.

Matching: same council, same kind, and dates compatible within their precision.
An inspection whose fieldwork starts inside another's fieldwork (start to end) is
that one.
Overlapping publication dates match (a report is published once); two different
days of publication never do; otherwise the dates it happened must overlap
("2021" holds "2021-11-03").
Two known, different frameworks (SIF and ILACS) are never the same inspection.

Merging is field by field and symmetric, so importing sources in any order ends
in the same fields: a finer date beats a coarser one, a real grade beats
"unknown" or none (between those two the more authoritative source decides
whether the judgement existed), a known framework beats "unknown"; on a tie the more
authoritative source wins (official statistics, then the report scrape, then
anything else; a newer edition of the same publication beats an older one).
Workforce figures are taken whole from the more authoritative source (the DfE's
newest edition), the other side filling only what it lacks.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from events.dates import PartialDate
from events.judgements import ALL_GRADE_FIELDS, framework_family, started_on
from events.schema import FIGURE_FIELDS
from events.vocabulary import GRADED, Framework, Kind

OFFICIAL_PUBLISHERS = ("ofsted", "department for education")
SCRAPE_PUBLISHER = "ILACS scrape (data-to-insight)"
DATE_FIELDS = ("occurred_on", "fieldwork_end", "published_on")
GRADE_FIELDS = ALL_GRADE_FIELDS
_GRADES = {g.value for g in GRADED}
_KNOWN_FRAMEWORKS = {f.value for f in Framework} - {Framework.UNKNOWN.value}
WORKFORCE_FIGURES = (*FIGURE_FIELDS, "caseload_target")

Rank = tuple[int, str, str]
MATCHED_KINDS = (Kind.INSPECTION, Kind.FOCUSED_VISIT, Kind.MONITORING_VISIT)
"""Kinds whose one happening is often reported by several sources."""


def rank(source: dict[str, Any] | None) -> Rank:
    """How authoritative a citation is: (tier, edition date, title), larger wins."""
    if not source:
        return (0, "", "")
    publisher = str(source.get("publisher", "")).strip().lower()
    tier = 3 if publisher in OFFICIAL_PUBLISHERS else 2 if publisher == SCRAPE_PUBLISHER.lower() else 1
    published = source.get("published")
    edition = PartialDate.parse(published).end().isoformat() if published else ""
    return (tier, edition, str(source.get("title", "")))


def _overlap(a: str | None, b: str | None) -> bool:
    """Two partial dates that could be the same day: one's period holds the other's."""
    if not a or not b:
        return False
    first, second = PartialDate.parse(a), PartialDate.parse(b)
    return first.start() <= second.end() and second.start() <= first.end()


def compatible(kind: Kind, old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Whether two facts of one council and one kind describe the same happening."""
    if kind is Kind.INSPECTION:
        families = {_family(old), _family(new)} - {Framework.UNKNOWN.value}
        if len(families) == 2:
            return False  # a SIF and an ILACS inspection are never one (standard vs short may be)
    if kind is Kind.WORKFORCE:
        return bool(old["occurred_on"] == new["occurred_on"])
    if _overlap(old.get("published_on"), new.get("published_on")):
        return True
    if _is_day(old.get("published_on")) and _is_day(new.get("published_on")):
        return False  # two reports published on different days are two inspections
    if not old.get("occurred_on") or not new.get("occurred_on"):
        return _before_publication(old, new) or _before_publication(new, old)
    if _starts_within(old, new) or _starts_within(new, old):
        return True
    return _overlap(old["occurred_on"], new["occurred_on"])


def _starts_within(fact: dict[str, Any], other: dict[str, Any]) -> bool:
    """The other one's fieldwork starts inside this one's fieldwork (start to end)."""
    end = fact.get("fieldwork_end")
    if not end:
        return False
    start = PartialDate.parse(other["occurred_on"])
    began, ended = PartialDate.parse(fact["occurred_on"]), PartialDate.parse(end)
    return began.start() <= start.end() and start.start() <= ended.end()


REPORT_WITHIN = timedelta(days=183)
"""How long after fieldwork began a report comes out, at the most (weeks, in practice)."""


def _before_publication(dated: dict[str, Any], undated: dict[str, Any]) -> bool:
    """A fact known only by its publication matches one whose period could end the
    half-year before that publication (it happened on or before it)."""
    if undated.get("occurred_on") or not undated.get("published_on") or not dated.get("occurred_on"):
        return False
    published = PartialDate.parse(undated["published_on"])
    occurred = PartialDate.parse(dated["occurred_on"])
    return occurred.start() <= published.end() and occurred.end() >= published.start() - REPORT_WITHIN


def _family(fields: dict[str, Any]) -> str:
    """SIF or ILACS (short and standard alike), or what else the framework is."""
    family = framework_family(fields.get("framework"), started_on(fields))
    return Framework.ILACS_STANDARD.value if family == Framework.ILACS_SHORT.value else family


def _is_day(value: str | None) -> bool:
    return bool(value) and PartialDate.parse(str(value)).day is not None


def find_match(candidates: Mapping[int, dict[str, Any]], kind: Kind, fields: dict[str, Any]) -> int | None:
    """The recorded fact this one describes, among the live facts of its council and kind
    (position -> fields: at least its dates and framework); the closest when several could be."""
    best: tuple[tuple[bool, bool, int], int] | None = None
    for version, old in candidates.items():
        if not compatible(kind, old, fields):
            continue
        score = (
            old.get("published_on") == fields.get("published_on") is not None,
            old.get("occurred_on") == fields.get("occurred_on") is not None,
            -int(version),
        )
        if best is None or score > best[0]:
            best = (score, int(version))
    return best[1] if best else None


def _text(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _quality(name: str, value: Any) -> int:
    if value in (None, "", [], {}):
        return 0
    if name in DATE_FIELDS:
        return {"year": 1, "month": 2, "day": 3}[PartialDate.parse(value).precision.value]
    if name in GRADE_FIELDS:  # unknown or absent: the more authoritative source decides which
        return 1 if value in _GRADES else 0
    if name == "framework":
        return 2 if value in _KNOWN_FRAMEWORKS else 1
    return 1


def _pick(name: str, old: Any, new: Any, old_rank: Rank, new_rank: Rank) -> Any:
    old_key = (_quality(name, old), old_rank, _text(old))
    new_key = (_quality(name, new), new_rank, _text(new))
    return new if new_key > old_key else old


def merge(kind: Kind, old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The fields both sources together support (order-independent), canonical in, canonical out."""
    old_rank, new_rank = rank(old.get("source")), rank(new.get("source"))
    if kind is Kind.WORKFORCE:
        return _merge_workforce(old, new, old_rank, new_rank)
    merged: dict[str, Any] = {}
    for name in {*old, *new}:
        if name in ("source", "note"):
            continue
        merged[name] = _pick(name, old.get(name), new.get(name), old_rank, new_rank)
    merged["source"] = new["source"] if new_rank > old_rank else old["source"]
    merged["note"] = _note(old, new, merged, old_rank, new_rank)
    return merged


def _note(
    old: dict[str, Any], new: dict[str, Any], merged: dict[str, Any], old_rank: Rank, new_rank: Rank
) -> Any:
    """A note explains how a date was read, so it follows the side whose date won."""
    if old.get("occurred_on") != new.get("occurred_on"):
        return new.get("note") if merged.get("occurred_on") == new.get("occurred_on") else old.get("note")
    return _pick("note", old.get("note"), new.get("note"), old_rank, new_rank)


def _merge_workforce(
    old: dict[str, Any], new: dict[str, Any], old_rank: Rank, new_rank: Rank
) -> dict[str, Any]:
    if all(old.get(name) == new.get(name) for name in (*WORKFORCE_FIGURES, "suppressed")):
        return old  # the same figures again: a newer edition adds only what changed
    winner, loser = (new, old) if new_rank > old_rank else (old, new)
    merged = dict(winner)
    suppressed: dict[str, str] = {}
    for name in WORKFORCE_FIGURES:
        side = winner if winner.get(name) is not None or name in winner.get("suppressed", {}) else loser
        merged[name] = side.get(name)
        if name in side.get("suppressed", {}):
            suppressed[name] = side["suppressed"][name]
    merged["suppressed"] = suppressed
    for name in ("joint_with", "summary", "published_on"):
        merged[name] = winner.get(name) or loser.get(name)
    merged["note"] = winner.get("note") or loser.get("note")
    return merged


def changed(old: dict[str, Any], merged: dict[str, Any]) -> dict[str, Any]:
    """The fields a correction must carry to turn old into merged."""
    return {name: value for name, value in merged.items() if old.get(name) != value}


def is_revision(kind: Kind, old: dict[str, Any], changes: dict[str, Any]) -> bool:
    """True when a known value is replaced (a correction), not only filled in (an enrichment)."""
    for name, value in changes.items():
        before = old.get(name)
        if name in ("source", "note", "summary", "suppressed") or _quality(name, before) == 0:
            continue
        if name in GRADE_FIELDS and before not in _GRADES:
            continue
        if name == "framework" and before not in _KNOWN_FRAMEWORKS:
            continue
        if name in DATE_FIELDS and _overlap(before, value) and _quality(name, value) > _quality(name, before):
            continue
        if name in DATE_FIELDS and _quality(name, before) < 3 and kind is not Kind.WORKFORCE:
            continue  # an estimated (month or year) date replaced by the day it really was
        return True
    return False


def conflicts(
    old: dict[str, Any], new: dict[str, Any], merged: dict[str, Any], event_id: str
) -> tuple[str, ...]:
    """Two sources giving different real grades for one judgement (or frameworks for one
    inspection): say which was kept and why; the more authoritative source decides."""
    found = []
    for name in (*GRADE_FIELDS, "framework"):
        known = _KNOWN_FRAMEWORKS if name == "framework" else _GRADES
        if old.get(name) in known and new.get(name) in known and old[name] != new[name]:
            dropped = new[name] if merged.get(name) == old[name] else old[name]
            found.append(
                f"{name}: sources disagree on {event_id} ({old[name]} / {new[name]}); "
                f"kept {merged.get(name)} from the more authoritative source, not {dropped}"
            )
    return tuple(found)
