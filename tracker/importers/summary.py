"""What an import of a published file did, for the CLI's summary and --json."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tracker.importers.rows import RowProblem


@dataclass
class ImportReport:
    """Counts per outcome, every skipped row with its reason, every warning."""

    format: str
    path: str
    dry_run: bool = False
    added: int = 0  # new facts
    enriched: int = 0  # a recorded fact filled in: finer dates, unknown grades, a better citation
    corrected: int = 0  # a recorded figure or grade revised by a more authoritative source or edition
    already_present: int = 0  # nothing new in the row
    repeated: int = 0  # the same fact in another table of the same file
    unreadable: int = 0  # rows with grades the source could not read (recorded as unknown)
    skipped: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    by_council: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def written(self) -> int:
        return self.added + self.enriched + self.corrected

    def as_dict(self) -> dict[str, object]:
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
            "councils": dict(sorted(self.by_council.items())),
            "dry_run": self.dry_run,
        }

    def headline(self) -> str:
        verb = "would add" if self.dry_run else "added"
        return (
            f"{verb} {self.added}, enriched {self.enriched}, corrected {self.corrected}, "
            f"already present {self.already_present}, repeated in the file {self.repeated}, "
            f"unreadable grades {self.unreadable}, skipped {len(self.skipped)}"
        )

    def detail_lines(self) -> list[str]:
        """Every skipped row and warning, one per line, for the text summary."""
        lines = [f"skipped {p.describe()}" for p in self.skipped]
        lines += [f"warning {p.describe()}" for p in self.warnings]
        return lines
