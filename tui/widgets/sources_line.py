"""Where the overview's data comes from, and how current it is: each publisher's
latest edition, the ones with most facts first, as many as fit the line."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual.app import RenderResult
from textual.widgets import Static

from tracker.safe_text import one_line

SHORT = {
    "Department for Education": "DfE",
    "ILACS scrape (data-to-insight)": "ILACS report scrape",
}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def edition_words(edition: str | None) -> str:
    """2025-09-25 -> "25 Sep 2025", 2025-02 -> "Feb 2025", 2024 -> "2024"."""
    if not edition:
        return "undated"
    parts = edition.split("-")
    try:
        if len(parts) == 3:
            day = date.fromisoformat(edition)
            return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return edition


def latest_by_publisher(publications: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    """(publisher, latest edition), the publishers with most facts first."""
    facts: dict[str, int] = {}
    latest: dict[str, str | None] = {}
    for publication in publications:
        name = str(publication.get("publisher") or "unknown publisher")
        cited = int(publication.get("facts") or 0) + int(publication.get("enriched") or 0)
        facts[name] = facts.get(name, 0) + cited
        edition = publication.get("edition")
        if name not in latest or (edition or "") > (latest[name] or ""):
            latest[name] = edition
    return [(name, latest[name]) for name in sorted(facts, key=lambda n: (-facts[n], n))]


class SourcesLine(Static):
    """"Sources: DfE Feb 2025 · Ofsted 25 Sep 2025 · … (tracker sources lists all)"."""

    found: list[tuple[str, str | None]] | None = None

    def show(self, publications: list[dict[str, Any]]) -> None:
        self.found = latest_by_publisher(publications)
        self.refresh()

    def render(self) -> RenderResult:
        if not self.found:
            return Text(" Sources: none recorded yet", style="dim")
        width = self.size.width or 80
        line = Text(" Sources: ", style="bold")
        for index, (publisher, edition) in enumerate(self.found):
            part = Text.assemble(
                (one_line(SHORT.get(publisher, publisher), 28), "bold"), " ", edition_words(edition)
            )
            rest = len(self.found) - index - 1
            room = width - line.cell_len - (3 if index else 0) - (len(f" · +{rest} more") if rest else 0)
            if index and part.cell_len > room:
                line.append(f" · +{len(self.found) - index} more", style="dim")
                break
            line.append(" · " if index else "")
            line.append_text(part)
        for tail in ("  (tracker sources lists all)", "  (tracker sources)"):
            if line.cell_len + len(tail) <= width:
                line.append(tail, style="dim")
                break
        line.no_wrap, line.overflow = True, "ellipsis"
        return line
