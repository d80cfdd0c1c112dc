"""Which fields each kind of event carries: one table that the CLI options,
the TUI forms, the importers and the validator all read, so they never drift.

The table itself is the registry of kinds (``events.kinds``); this module is
the view of it every reader uses.
"""

from __future__ import annotations

from events.fieldspec import COMMON_FIELDS, FIGURE_FIELDS, SUPPRESSION_SYMBOLS, FieldSpec, FieldType
from events.kinds import KINDS
from events.vocabulary import Kind

KIND_FIELDS: dict[Kind, tuple[FieldSpec, ...]] = {e.kind: e.fields for e in KINDS}


def fields_of(kind: Kind) -> tuple[FieldSpec, ...]:
    """Every field an event of this kind may carry, common ones first."""
    return COMMON_FIELDS + KIND_FIELDS[kind]


def spec_of(kind: Kind, name: str) -> FieldSpec | None:
    for spec in fields_of(kind):
        if spec.name == name:
            return spec
    return None


# Kinds that may be known only by their publication: they happened on or before it.
DATED_BY_PUBLICATION = tuple(e.kind for e in KINDS if e.dated_by_publication)

# Words users type for the common date, by kind (also accepted by importers).
DATE_ALIASES: dict[Kind, tuple[str, ...]] = {e.kind: e.date_aliases for e in KINDS if e.date_aliases}

__all__ = [
    "COMMON_FIELDS",
    "DATED_BY_PUBLICATION",
    "DATE_ALIASES",
    "FIGURE_FIELDS",
    "KIND_FIELDS",
    "SUPPRESSION_SYMBOLS",
    "FieldSpec",
    "FieldType",
    "fields_of",
    "spec_of",
]
