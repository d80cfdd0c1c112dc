"""The form's likely-duplicate warning: which event it looks like, in the form's words
("save anyway", never the command line's --force), from the error's parts, never by
rewording the command line's sentence."""

from __future__ import annotations

import pytest

from events.vocabulary import Kind
from tracker.likely_duplicates import LikelyDuplicate
from tracker.service import Tracker
from tui.dialogs.saving import LooksRecorded, duplicate_hint

ENTRIES = ("Swindon", "focused_visit", {"f-occurred_on": "2024-03"})


def real_duplicate(tracker: Tracker) -> tuple[str, LikelyDuplicate]:
    """A visit recorded from Ofsted, then the same visit from the trade press."""
    first = tracker.add("Swindon", "focused_visit", {
        "occurred_on": "2024-03-05", "theme": "Front door",
        "source": {"publisher": "Ofsted", "title": "Focused visit letter"}})
    with pytest.raises(LikelyDuplicate) as caught:
        tracker.add("Swindon", "focused_visit", {
            "occurred_on": "2024-03", "theme": "Front door services",
            "source": {"publisher": "CYP Now", "title": "Visit praises front door"}})
    return first, caught.value


def test_the_warning_names_the_event_and_offers_save_anyway(tracker: Tracker) -> None:
    first, error = real_duplicate(tracker)
    hint = duplicate_hint(LooksRecorded(error, ENTRIES))
    assert hint.startswith(f"this looks like {first}, a focused visit with compatible dates")
    assert hint.endswith("or, if it is another, save anyway") and "--force" not in hint


def test_the_errors_parts_word_the_warning_whatever_its_sentence(tracker: Tracker) -> None:
    first, error = real_duplicate(tracker)
    error.args = ("the command line's own sentence, or use --force",)
    vars(error).update(event_id=first, kind=Kind.FOCUSED_VISIT)  # the parts the error carries
    hint = duplicate_hint(LooksRecorded(error, ENTRIES))
    assert hint == (f"this looks like {first}, a focused visit with compatible dates: correct {first} "
                    "to add what you know, or, if it is another, save anyway")


def test_a_correction_is_never_offered_save_anyway(tracker: Tracker) -> None:
    first, error = real_duplicate(tracker)
    hint = duplicate_hint(LooksRecorded(error, None))
    assert hint == f"this looks like {first}, a focused visit with compatible dates: correct {first} instead"
