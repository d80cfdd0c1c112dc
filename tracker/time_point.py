"""The three times every view, answer and export stands at: as of D, known on K, recorded by T.

Why one value: the UI steps it, the exports name their files and headers after it, and
both must mean the same by "known on the same day" and "everything recorded".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class TimePoint:
    """As of D; known on K (None: the same day as D); recorded by T (None: everything recorded)."""

    as_of: date
    known_on: date | None = None
    recorded_by: datetime | None = None

    @property
    def known(self) -> date:
        return self.known_on or self.as_of

    def at(self, day: date) -> TimePoint:
        """The same point moved to another date (a separate known-on date stays put)."""
        return replace(self, as_of=day)

    def label(self) -> str:
        """One line for a screen: "as of 2025-03-31 · known on 2025-03-31"."""
        text = f"as of {self.as_of.isoformat()} · known on {self.known.isoformat()}"
        if self.recorded_by is not None:
            text += f" · recorded by {self.recorded_by.isoformat(timespec='seconds')}"
        return text

    def words(self) -> list[str]:
        """For a file's header: ["as of 2025-03-31", "known on 2025-03-31"(, "recorded by ...")]."""
        said = [f"as of {self.as_of.isoformat()}", f"known on {self.known.isoformat()}"]
        if self.recorded_by is not None:
            said.append(f"recorded by {self.recorded_by.isoformat()}")
        return said

    def stem(self) -> str:
        """The time point in a file name: the as-of date, and the others when given."""
        parts = [self.as_of.isoformat()]
        if self.known != self.as_of:
            parts.append(f"known-{self.known.isoformat()}")
        if self.recorded_by is not None:
            parts.append(f"recorded-{self.recorded_by.strftime('%Y-%m-%dT%H%M%S')}")
        return "-".join(parts)
