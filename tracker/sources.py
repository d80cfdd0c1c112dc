"""Every publication a store's facts cite: who, what, which edition, under what licence,
and how many facts came from it (first-hand, or as a second source that enriched one)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tracker.readside.logged import LoggedEvent
from tracker.readside.read_model import Citation


@dataclass
class Publication:
    publisher: str
    title: str
    edition: str | None
    licence: str | None = None
    urls: set[str] = field(default_factory=set)
    facts: int = 0  # facts it was the citation of when recorded
    enriched: int = 0  # facts it added to or revised, as a later source

    def as_dict(self, links: bool = True) -> dict[str, Any]:
        """``links``: its URL (when it has one) and how many distinct ones (report links)."""
        found = {
            "publisher": self.publisher,
            "title": self.title,
            "edition": self.edition,
            "licence": self.licence,
            "url": next(iter(self.urls)) if len(self.urls) == 1 else None,
            "report_links": len(self.urls),
            "facts": self.facts,
            "enriched": self.enriched,
        }
        if not links:
            del found["url"], found["report_links"]
        return found


def publications(events: list[LoggedEvent]) -> list[Publication]:
    """Each cited publication once (publisher, title, edition), most facts first."""
    found: dict[tuple[str, str, str | None], Publication] = {}

    def cite(source: dict[str, Any] | None) -> Publication | None:
        if not source:
            return None
        key = (str(source.get("publisher", "")), str(source.get("title", "")), source.get("published"))
        publication = found.setdefault(key, Publication(*key))
        publication.licence = publication.licence or source.get("licence")
        if source.get("url"):
            publication.urls.add(str(source["url"]))
        return publication

    for event in events:
        if event.is_fact:
            cited = cite(event.data.get("source"))
            if cited:
                cited.facts += 1
        elif event.type == "correction":
            cited = cite(event.data.get("source"))
            if cited:
                cited.enriched += 1
        elif event.type not in ("opened", "retraction"):
            cite(event.data.get("source"))
    return sorted(found.values(), key=lambda p: (-(p.facts + p.enriched), p.publisher, p.title))


def from_citations(cited: Iterable[tuple[Citation, list[Any]]]) -> list[Publication]:
    """The publications of the read model's tally (first cited first), as ``publications``
    counts them from the events, without their links."""
    found: dict[tuple[str, str, str | None], Publication] = {}
    for (publisher, title, published), (facts, enriched, licence) in cited:
        key = (str(publisher), str(title), published)
        publication = found.setdefault(key, Publication(*key))
        publication.licence = publication.licence or licence
        publication.facts += facts
        publication.enriched += enriched
    return sorted(found.values(), key=lambda p: (-(p.facts + p.enriched), p.publisher, p.title))
