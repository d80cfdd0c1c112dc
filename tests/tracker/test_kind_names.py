"""The read side names each stored event class by the word its kind's entry gives
(its map derives from the registry; this fails if that derivation breaks)."""

from __future__ import annotations

from events.council import EVENT_CLASSES
from events.kinds import CLASS_KINDS, KINDS
from tracker.readside.logged import TYPE_OF_CLASS


def test_the_read_side_names_every_kind_as_its_entry_does() -> None:
    for entry in KINDS:
        assert TYPE_OF_CLASS.get(entry.event_class) == entry.kind.value, entry.event_class
    others = ("opened", "correction", "retraction")
    facts = {name: kind for name, kind in TYPE_OF_CLASS.items() if kind not in others}
    assert facts == {name: kind.value for name, kind in CLASS_KINDS.items()}


def test_the_class_names_are_the_classes() -> None:
    assert {cls.__name__: kind for kind, cls in EVENT_CLASSES.items()} == CLASS_KINDS
