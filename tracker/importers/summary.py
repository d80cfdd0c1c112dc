"""What an import did (or, on a dry run, would do): one summary for event files and
published files alike, for the CLI's text and --json (docs/json-contract.md)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import Enum

from tracker.importers.rows import RowProblem


class Outcome(Enum):
    """What one planned write does to the store."""

    ADDED = "added"  # a new fact (or benchmark figure)
    ENRICHED = "enriched"  # a recorded fact filled in: finer dates, unknown grades, a better citation
    CORRECTED = "corrected"  # a recorded value revised: a better source or edition, a file's correction
    RETRACTED = "retracted"  # a file's retraction
    ALREADY_PRESENT = "already_present"  # nothing new
    REPEATED = "repeated"  # the same fact again in another table of the same file

    @property
    def writes(self) -> bool:
        return self in (Outcome.ADDED, Outcome.ENRICHED, Outcome.CORRECTED, Outcome.RETRACTED)


@dataclass
class ImportSummary:
    """Counts per outcome, every skipped row with its reason, every warning with its line."""

    format: str
    path: str
    dry_run: bool = False
    is_event_file: bool = False  # an event file (TOML, JSON Lines): its own JSON shape
    counts: Counter[Outcome] = field(default_factory=Counter)
    unreadable: int = 0  # rows with grades the source could not read (recorded as unknown)
    skipped: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    by_council: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def fresh(self) -> ImportSummary:
        """An empty summary of the same import (each retry starts again)."""
        return ImportSummary(self.format, self.path, self.dry_run, self.is_event_file)

    def count(self, outcome: Outcome, council: str | None = None) -> None:
        self.counts[outcome] += 1
        if council is not None and outcome.writes:
            self.by_council[council] += 1

    @property
    def added(self) -> int:
        return self.counts[Outcome.ADDED]

    @property
    def enriched(self) -> int:
        return self.counts[Outcome.ENRICHED]

    @property
    def corrected(self) -> int:
        return self.counts[Outcome.CORRECTED]

    @property
    def retracted(self) -> int:
        return self.counts[Outcome.RETRACTED]

    @property
    def already_present(self) -> int:
        return self.counts[Outcome.ALREADY_PRESENT]

    @property
    def repeated(self) -> int:
        return self.counts[Outcome.REPEATED]

    @property
    def written(self) -> int:
        return sum(n for outcome, n in self.counts.items() if outcome.writes)

    def as_dict(self) -> dict[str, object]:
        """The JSON contract: an event file's summary, or a published file's."""
        councils = dict(sorted(self.by_council.items()))
        if self.is_event_file:
            return {
                "added": self.added,
                "enriched": self.enriched,
                "already_present": self.already_present,
                "corrected": self.corrected,
                "retracted": self.retracted,
                "councils": councils,
                "dry_run": self.dry_run,
                "warnings": [{"line": p.line, "warning": p.reason} for p in self.warnings],
            }
        return {
            "format": self.format,
            "file": self.path,
            "added": self.added,
            "enriched": self.enriched,
            "corrected": self.corrected,
            "already_present": self.already_present,
            "repeated": self.repeated,
            "unreadable": self.unreadable,
            "skipped": [{"row": p.describe(), "line": p.line, "reason": p.reason} for p in self.skipped],
            "warnings": [{"row": p.describe(), "line": p.line, "warning": p.reason} for p in self.warnings],
            "councils": councils,
            "dry_run": self.dry_run,
        }

    def headline(self) -> str:
        verb = "would add" if self.dry_run else "added"
        if self.is_event_file:
            return (f"{verb} {self.added}, enriched {self.enriched}, corrected {self.corrected}, "
                    f"retracted {self.retracted}, already present {self.already_present}")
        return (
            f"{verb} {self.added}, enriched {self.enriched}, corrected {self.corrected}, "
            f"already present {self.already_present}, repeated in the file {self.repeated}, "
            f"unreadable grades {self.unreadable}, skipped {len(self.skipped)}"
        )

    def detail_lines(self) -> list[str]:
        """Every skipped row and warning, one per line, for the text summary."""
        if self.is_event_file:
            return [f"warning line {p.line}: {p.reason}" for p in self.warnings]
        lines = [f"skipped {p.describe()}" for p in self.skipped]
        lines += [f"warning {p.describe()}" for p in self.warnings]
        return lines
