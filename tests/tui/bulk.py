"""A realistic-size store for the TUI's tests and redraw measurement: every
council gets inspections, visits and yearly caseload figures (made up, seeded)."""

from __future__ import annotations

import random

from events.vocabulary import Kind
from tracker.councils import current_authorities
from tracker.service import Tracker

GRADES = ("outstanding", "good", "requires_improvement", "inadequate")
SOURCE = {"publisher": "Test fixture", "title": "Made-up figures for load tests"}


def fill(tracker: Tracker, years: range = range(2013, 2026), seed: int = 7) -> int:
    """Record a plausible history for all 153 councils; returns how many events."""
    rng = random.Random(seed)
    count = 0
    for authority in current_authorities():
        council = tracker.load(authority.la_code)
        for year in years:
            caseload = round(rng.uniform(12, 28), 1)
            council.record(
                Kind.WORKFORCE,
                {"occurred_on": f"{year}-09-30", "source": SOURCE, "caseload": caseload, "fte": 300},
                tracker.today,
            )
            count += 1
            if year % 3 == rng.randrange(3):
                grades = {a: rng.choice(GRADES) for a in ("overall", "impact_of_leaders",
                          "help_and_protection", "children_in_care", "care_leavers")}
                month = rng.randrange(1, 12)
                council.record(
                    Kind.INSPECTION,
                    {"occurred_on": f"{year}-{month:02d}-03", "fieldwork_end": f"{year}-{month:02d}-14",
                     "published_on": f"{year}-{month + 1:02d}-20", "framework": "ilacs_standard",
                     "source": SOURCE, **grades},
                    tracker.today,
                )
                count += 1
            if rng.random() < 0.5:
                council.record(
                    Kind.FOCUSED_VISIT,
                    {"occurred_on": f"{year}-{rng.randrange(1, 13):02d}", "source": SOURCE,
                     "theme": "Children in need of help and protection"},
                    tracker.today,
                )
                count += 1
        tracker.save(council)
    return count

