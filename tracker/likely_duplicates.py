"""A fact that looks like one already recorded from another source (events/matching.py's
rules, the read side's candidates): refused with its id, unless the user says it is another.

Its own module: the CLI, the forms and the importers all word the same refusal.
"""

from __future__ import annotations

from typing import Any

from events.council import Council
from events.matching import MATCHED_KINDS
from events.validation import validate_fact
from events.vocabulary import Kind
from tracker.errors import UserError
from tracker.write_batch import WriteBatch


class LikelyDuplicate(UserError):
    """The fact looks like one already recorded from another source: ``event_id`` (its
    id) of ``kind``; the words are the CLI's, a screen may word it from the attributes."""

    def __init__(self, event_id: str, kind: Kind) -> None:
        super().__init__(
            f"this looks like {event_id}, {_with_article(kind.value.replace('_', ' '))} with compatible "
            f"dates: correct {event_id} to add what you know, or use --force if it is another"
        )
        self.event_id = event_id
        self.kind = kind


def refuse_likely_duplicate(
    batch: WriteBatch, aggregate: Council, kind: Kind, fields: dict[str, Any]
) -> None:
    today = batch.tracker.today
    if kind not in MATCHED_KINDS or batch.find(aggregate, kind, fields) is not None:
        return  # an exact duplicate gets the domain's own message
    match = batch.match(aggregate, kind, validate_fact(kind, fields, today))
    if match is not None:
        raise LikelyDuplicate(f"{aggregate.la_code}-{match}", kind)


def _with_article(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"
