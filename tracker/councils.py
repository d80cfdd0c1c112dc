"""The councils reference table: England's children's services authorities.

Every source names councils its own way: Ofsted's scrape writes "london corporation", the
DfE writes "Bristol, City of", the press writes "BCP". Importers and the CLI pass whatever
they were given to `resolve`, so one table decides which council a row is about. The table
is keyed by the DfE three-digit LA number because it survives ONS recodes (Barnsley
E08000016 -> E08000038) that would otherwise split one council's history in two.

The data is our own curated CSV (public facts) in `tracker/data/authorities.csv`; list
columns hold `;`-separated values.
"""

from __future__ import annotations

import csv
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from events.errors import InvalidField

REGIONS: tuple[str, ...] = (
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)
"""The nine English regions (ONS), the canonical spelling this project stores."""

# Ofsted joins two of the nine into one region; the other seven it spells as ONS does.
OFSTED_JOINED: tuple[str, str] = ("North East", "Yorkshire and the Humber")
OFSTED_REGIONS: tuple[str, ...] = (
    ", ".join(OFSTED_JOINED), *(region for region in REGIONS if region not in OFSTED_JOINED)
)
"""Ofsted's eight regions, as its official statistics spell them."""


@dataclass(frozen=True, slots=True)
class Authority:
    """One children's services authority, current or abolished."""

    la_code: str
    ons_code: str
    former_ons_codes: tuple[str, ...]
    ofsted_urn: str
    name: str
    aliases: tuple[str, ...]
    region: str
    ofsted_region: str
    current: bool
    successors: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.name} ({self.la_code})"


class UnknownCouncil(LookupError):
    """No council matches the text; carries the closest ones so a UI can offer them."""

    def __init__(self, text: str, suggestions: Iterable[Authority] = ()) -> None:
        self.text = text
        self.suggestions: list[Authority] = list(suggestions)
        closest = ", ".join(str(a) for a in self.suggestions) or "no close match"
        super().__init__(f"unknown council {text!r}; closest: {closest}")


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


@cache
def all_authorities() -> tuple[Authority, ...]:
    """Every authority in the table, abolished ones included (history needs them)."""
    source = resources.files("tracker").joinpath("data", "authorities.csv")
    rows = csv.DictReader(source.read_text(encoding="utf-8").splitlines())
    return tuple(
        Authority(
            la_code=row["la_code"].strip(),
            ons_code=row["ons_code"].strip(),
            former_ons_codes=_split(row["former_ons_codes"]),
            ofsted_urn=row["ofsted_urn"].strip(),
            name=row["name"].strip(),
            aliases=_split(row["aliases"]),
            region=row["region"].strip(),
            ofsted_region=row["ofsted_region"].strip(),
            current=row["current"].strip().lower() == "true",
            successors=_split(row["successors"]),
        )
        for row in rows
    )


@cache
def current_authorities() -> tuple[Authority, ...]:
    """The authorities that exist today (153 since Cumbria split in April 2023)."""
    return tuple(a for a in all_authorities() if a.current)


def by_la_code(code: str) -> Authority:
    """The authority with this DfE LA number, e.g. "937"."""
    try:
        return _la_index()[code.strip()]
    except KeyError:
        raise UnknownCouncil(code) from None


@cache
def _la_index() -> dict[str, Authority]:
    return {a.la_code: a for a in all_authorities()}


_NOISE = re.compile(
    r"\b(?:(?:london|royal|metropolitan)\s+borough\s+of|borough\s+of|city\s+of|county\s+of"
    r"|(?:county|metropolitan|borough|city|district)?\s*council|the)\b"
)


def _words(text: str) -> str:
    """Lower-case words only: '&' is 'and' and punctuation is a space."""
    text = text.casefold().replace("&", " and ")
    return " ".join(w for w in re.split(r"[^0-9a-z]+", text) if w and w != "the")


def _normalise(text: str) -> str:
    """The name key: also drops the 'city of', 'council' decorations sources add or omit."""
    return " ".join(_NOISE.sub(" ", _words(text)).split())


def _prefer_current(found: list[Authority], candidate: Authority) -> None:
    if candidate not in found:
        found.append(candidate)
        found.sort(key=lambda a: not a.current)  # stable: current ones first


@cache
def _code_index() -> dict[str, list[Authority]]:
    """LA numbers, ONS codes (current and former) and Ofsted URNs, upper-cased."""
    index: dict[str, list[Authority]] = {}
    for auth in all_authorities():
        for code in (auth.la_code, auth.ons_code, *auth.former_ons_codes, auth.ofsted_urn):
            if code:
                _prefer_current(index.setdefault(code.upper(), []), auth)
    return index


@cache
def _name_index() -> dict[str, list[Authority]]:
    """Normalised official names and aliases; a name two councils share lists current first."""
    index: dict[str, list[Authority]] = {}
    for auth in all_authorities():
        for name in (auth.name, *auth.aliases):
            key = _normalise(name)
            if key:
                _prefer_current(index.setdefault(key, []), auth)
    return index


def resolve(text: str) -> Authority:
    """The authority a code or name means; ambiguous names (Dorset) give the current one.

    Raises UnknownCouncil with up to five close matches.
    """
    found = _code_index().get(text.strip().upper()) or _name_index().get(_normalise(text))
    if found:
        return found[0]
    raise UnknownCouncil(text, _suggest(text))


def _suggest(text: str, limit: int = 5) -> list[Authority]:
    names = _name_index()
    keys = difflib.get_close_matches(_normalise(text), list(names), n=limit * 2, cutoff=0.6)
    suggestions: list[Authority] = []
    for key in keys:
        for auth in names[key]:
            if auth not in suggestions:
                suggestions.append(auth)
    return suggestions[:limit]


_REGION_CODES = {f"E1200000{i}": name for i, name in enumerate(REGIONS, start=1)}
_REGION_SPELLINGS: dict[str, str] = {
    **{_words(name): name for name in REGIONS},
    **{_words(code): name for code, name in _REGION_CODES.items()},
    "ne": "North East",
    "nw": "North West",
    "yh": "Yorkshire and the Humber",
    "yorkshire": "Yorkshire and the Humber",
    "em": "East Midlands",
    "wm": "West Midlands",
    "e": "East of England",
    "ee": "East of England",
    "east": "East of England",
    "eastern": "East of England",
    "gl": "London",
    "greater london": "London",
    "inner london": "London",
    "outer london": "London",
    "se": "South East",
    "sw": "South West",
}
_AMBIGUOUS_REGIONS = {_words(OFSTED_REGIONS[0]): OFSTED_JOINED}


def resolve_region(text: str) -> str:
    """The canonical nine-region name for any spelling, ONS code or Ofsted region.

    Ofsted's "North East, Yorkshire and the Humber" spans two regions, so it raises
    ValueError naming both; a council's own `region` settles which.
    """
    key = _words(text)
    if key in _REGION_SPELLINGS:
        return _REGION_SPELLINGS[key]
    if key in _AMBIGUOUS_REGIONS:
        choices = ", ".join(_AMBIGUOUS_REGIONS[key])
        raise ValueError(f"region {text!r} is ambiguous; choose one of: {choices}")
    raise ValueError(f"unknown region {text!r}; choose one of: {', '.join(REGIONS)}")


def check_joint_councils(fields: dict[str, Any]) -> None:
    """A joint return names councils that exist (the domain checks only the form)."""
    codes = fields.get("joint_with") or fields.get("joint-with") or []
    codes = [codes] if isinstance(codes, str) else codes
    if not isinstance(codes, (list, tuple)):
        return  # not a list at all: the domain says so
    for code in codes:
        if isinstance(code, str) and re.fullmatch(r"[0-9]{3}", code):
            try:
                by_la_code(code)
            except UnknownCouncil:
                raise InvalidField("joint_with", f"no council has LA number {code}") from None
