"""Synthetic but realistic histories for the 153 councils, written fast.

Each council's events go through the real aggregate (validation, natural keys,
corrections and retractions checked), then straight to the library's recorder in big
batches, with a snapshot per council at the end so appends never replay the stream.
Kinds follow the source reports: inspections every ~3 years, yearly workforce figures
(the DfE's 30 September returns), visits between judgements, restructures, recruitment
drives, leadership changes, the odd correction and retraction. With more events than
real years allow, the same mix is packed denser (more events per year).
"""

from __future__ import annotations

import contextlib
import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from events.benchmark import Benchmark
from events.council import Council
from events.errors import InvalidField
from events.judgements import judgements_of
from events.vocabulary import Kind
from tracker.application import TrackerApplication
from tracker.councils import REGIONS, current_authorities

TODAY = date(2026, 11, 23)
FIRST_YEAR = 1950
GRADES = ("outstanding", "good", "requires_improvement", "inadequate")
GRADE_NAMES = ("overall", "impact_of_leaders", "help_and_protection", "children_in_care", "care_leavers")
OFSTED = {"publisher": "Ofsted", "title": "Inspection of children's services"}
DFE = {"publisher": "Department for Education", "title": "Children's social work workforce"}
PRESS = {"publisher": "Community Care", "title": "Council news"}
# kind -> weight per council-year (inspections every ~3 years, workforce yearly)
MIX: dict[Kind, float] = {
    Kind.INSPECTION: 0.33, Kind.WORKFORCE: 1.0, Kind.FOCUSED_VISIT: 0.4, Kind.MONITORING_VISIT: 0.6,
    Kind.RESTRUCTURE: 0.3, Kind.RECRUITMENT: 0.5, Kind.LEADERSHIP_CHANGE: 0.4,
    Kind.BUDGET_PRESSURE: 0.3, Kind.INITIATIVE: 0.3,
}


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(max(1, (end - start).days)))


def fact(rng: random.Random, kind: Kind, when: date, serial: int) -> dict[str, Any]:
    """Fields of one fact that happened on a day (published a little later)."""
    published = min(TODAY, when + timedelta(days=rng.randrange(20, 120)))
    common: dict[str, Any] = {"occurred_on": when.isoformat(), "source": PRESS}
    if kind is Kind.INSPECTION:
        end = when + timedelta(days=rng.randrange(5, 15))
        graded = {name: rng.choice(GRADES) for name in GRADE_NAMES}
        judged = judgements_of("ilacs_standard", when)  # only the judgements it had then
        return {**common, "source": OFSTED, "framework": "ilacs_standard",
                "fieldwork_end": min(end, TODAY).isoformat(), "published_on": published.isoformat(),
                **{name: grade if name in judged else None for name, grade in graded.items()}}
    if kind is Kind.WORKFORCE:  # the DfE's 30 September return, published the next February
        as_at = date(when.year if when >= date(when.year, 9, 30) else when.year - 1, 9, 30)
        out = min(TODAY, as_at + timedelta(days=rng.randrange(120, 160)))
        return {**common, "occurred_on": as_at.isoformat(), "source": DFE, "published_on": out.isoformat(),
                "caseload": round(rng.uniform(12, 26), 1), "fte": round(rng.uniform(80, 600), 1),
                "agency_rate": round(rng.uniform(3, 30), 1), "vacancy_rate": round(rng.uniform(5, 30), 1)}
    if kind is Kind.FOCUSED_VISIT:
        return {**common, "source": OFSTED, "theme": "front door", "findings": ["thresholds applied well"],
                "areas_to_improve": ["supervision"]}
    if kind is Kind.MONITORING_VISIT:
        return {**common, "source": OFSTED, "theme": "children in need", "findings": ["progress made"]}
    if kind is Kind.RESTRUCTURE:
        return {**common, "status": rng.choice(("announced", "delayed", "completed")),
                "changes": "locality teams merged"}
    if kind is Kind.RECRUITMENT:
        return {**common, "posts": rng.randrange(5, 80), "investment_gbp": rng.randrange(1, 50) * 100_000,
                "roles": ["social worker"], "routes": ["apprenticeships"]}
    if kind is Kind.LEADERSHIP_CHANGE:
        return {**common, "role": "director of children's services",
                "change": rng.choice(("appointed", "interim", "departed")), "person": f"Person {serial}"}
    if kind is Kind.BUDGET_PRESSURE:
        return {**common, "description": "placements overspend", "amount_gbp": rng.randrange(1, 90) * 100_000}
    return {**common, "name": f"Family hubs {serial}", "description": "early help pilot", "funded_by": "DfE"}


def council_history(la_code: str, count: int, rng: random.Random, stamp: datetime) -> Council:
    """One council's aggregate with `count` events (its Opened event included)."""
    council = Council.open(la_code, timestamp=stamp)
    kinds, weights = list(MIX), list(MIX.values())
    years = max(3, min(TODAY.year - FIRST_YEAR, round(count / sum(weights))))
    start = date(TODAY.year - years, 1, 1)
    days = sorted(_day(rng, start, TODAY) for _ in range(count - 1))
    live: list[int] = []
    facts: dict[int, dict[str, Any]] = {}  # the fields as recorded: the aggregate keeps none
    tick = timedelta(milliseconds=1)
    for serial, when in enumerate(days):
        stamp += tick
        roll = rng.random()
        if roll < 0.02 and live:
            target = rng.choice(live)
            change = ({"caseload": round(rng.uniform(12, 26), 1)} if council.kind_of(target) is Kind.WORKFORCE
                      else {"summary": f"corrected {serial}"})
            with contextlib.suppress(InvalidField):  # a revision that happens to change nothing
                council.correct(target, change, "figure revised", TODAY, timestamp=stamp,
                                current=facts[target])
                facts[target] = {**facts[target], **council.pending_events[-1].changes}  # type: ignore[attr-defined]
                continue
        if roll < 0.025 and live:
            target = live.pop(rng.randrange(len(live)))
            council.retract(target, "duplicate report", timestamp=stamp)
            continue
        kind = rng.choices(kinds, weights)[0]
        fields = fact(rng, kind, when, serial)
        fields["source"] = {**fields["source"], "url": f"https://example.org/{la_code}/{serial}"}
        council.record(kind, fields, TODAY, timestamp=stamp)
        live.append(council.version)
        facts[council.version] = {k: v for k, v in council.pending_events[-1].__dict__.items()
                                  if k not in ("originator_id", "originator_version", "timestamp")}
    return council


def benchmarks(app: TrackerApplication, rng: random.Random, stamp: datetime) -> int:
    """England's and each region's yearly caseload, as the DfE file has them."""
    geos = [("E92000001", "England", "national")] + [
        (f"E1200000{i}", name, "regional") for i, name in enumerate(REGIONS, start=1)
    ]
    written = 0
    for code, name, level in geos:
        geo = Benchmark.open(code, name, level)
        for year in range(FIRST_YEAR, TODAY.year):
            geo.record({"occurred_on": f"{year}-09-30", "published_on": f"{year + 1}-02-27", "source": DFE,
                        "caseload": round(rng.uniform(15, 19), 1)}, TODAY, timestamp=stamp)
        written += len(geo.pending_events)
        app.save(geo)
    return written


def generate(app: TrackerApplication, total: int, seed: int = 7, batch: int = 50_000) -> int:
    """Write about `total` events over the current councils; returns how many were written."""
    rng = random.Random(seed)
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    written = benchmarks(app, rng, stamp)
    authorities = list(current_authorities())
    per_council = max(2, (total - written) // len(authorities))
    pending: list[Any] = []
    assert app.snapshots is not None
    snapshot_class: Any = getattr(Council, "Snapshot", None) or app.snapshot_class
    for authority in authorities:
        council = council_history(authority.la_code, per_council, rng, stamp)
        stamp += timedelta(seconds=1)
        pending.extend(app.mapper.to_stored_event(e) for e in council.collect_events())
        app.snapshots.put([snapshot_class.take(council)])
        if len(pending) >= batch:
            app.recorder.insert_events(pending)
            written += len(pending)
            pending = []
    if pending:
        app.recorder.insert_events(pending)
        written += len(pending)
    return written
