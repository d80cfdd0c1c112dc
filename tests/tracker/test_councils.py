"""The councils table and name resolution.

The first half checks the table against itself and against the ONS lookup the
quality-lac-data package ships; the second half cross-checks it against the published
files in ../shared/data, which a fresh machine does not have (those tests skip).
"""

from __future__ import annotations

import csv
import dataclasses
from collections import Counter
from pathlib import Path

import pytest

from tracker.councils import (
    OFSTED_REGIONS,
    REGIONS,
    Authority,
    UnknownCouncil,
    _normalise,
    all_authorities,
    by_la_code,
    current_authorities,
    resolve,
    resolve_region,
)

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


def _data_file(name: str) -> Path:
    path = DATA / name
    if not path.is_file():
        pytest.skip(f"published data not available: {path}")
    return path


# --- the table itself -------------------------------------------------------------------


def test_153_current_authorities_and_5_abolished() -> None:
    assert len(current_authorities()) == 153
    defunct = {a.la_code: a.name for a in all_authorities() if not a.current}
    assert defunct == {
        "928": "Northamptonshire",
        "909": "Cumbria",
        "837": "Bournemouth",
        "836": "Poole",
        "835": "Dorset",
    }


def test_codes_are_unique() -> None:
    authorities = all_authorities()
    assert len({a.la_code for a in authorities}) == len(authorities)
    ons = [c for a in authorities for c in (a.ons_code, *a.former_ons_codes)]
    assert [c for c, n in Counter(ons).items() if n > 1] == []
    urns = [a.ofsted_urn for a in authorities if a.ofsted_urn]
    assert [u for u, n in Counter(urns).items() if n > 1] == []


def test_code_shapes() -> None:
    for a in all_authorities():
        assert len(a.la_code) == 3 and a.la_code.isdigit(), a
        for code in (a.ons_code, *a.former_ons_codes):
            assert len(code) == 9 and code[0] == "E" and code[1:].isdigit(), a
        assert a.ofsted_urn.isdigit() or (not a.current and a.ofsted_urn == ""), a
        assert a.name.strip() == a.name and a.name, a


def test_every_current_authority_has_an_urn() -> None:
    assert all(a.ofsted_urn for a in current_authorities())


def test_regions_are_from_the_two_vocabularies_and_agree() -> None:
    for a in all_authorities():
        assert a.region in REGIONS, a
        assert a.ofsted_region in OFSTED_REGIONS, a
        if a.region in ("North East", "Yorkshire and the Humber"):
            assert a.ofsted_region == "North East, Yorkshire and the Humber", a
        else:
            assert a.ofsted_region == a.region, a


def test_regional_counts() -> None:
    counts = Counter(a.region for a in current_authorities())
    assert counts == {
        "North East": 12,
        "North West": 24,
        "Yorkshire and the Humber": 15,
        "East Midlands": 10,
        "West Midlands": 14,
        "East of England": 11,
        "London": 33,
        "South East": 19,
        "South West": 15,
    }


def test_abolished_authorities_point_at_current_successors() -> None:
    current = {a.la_code for a in current_authorities()}
    for a in all_authorities():
        if a.current:
            assert a.successors == (), a
        else:
            assert a.successors and set(a.successors) <= current, a
    assert by_la_code("928").successors == ("940", "941")
    assert by_la_code("909").successors == ("942", "943")
    assert by_la_code("837").successors == ("839",)
    assert by_la_code("836").successors == ("839",)
    assert set(by_la_code("835").successors) == {"838", "839"}  # Christchurch went to BCP


def test_no_name_or_alias_is_shared_by_two_current_authorities() -> None:
    owners: dict[str, set[str]] = {}
    for a in current_authorities():
        for name in (a.name, *a.aliases):
            owners.setdefault(_normalise(name), set()).add(a.la_code)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_authority_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        by_la_code("937").name = "x"  # type: ignore[misc]


def test_loading_is_cached() -> None:
    assert all_authorities() is all_authorities()


def test_matches_the_ons_2021_upper_tier_lookup() -> None:
    """Every English UTLA of 2021 is a council of ours under its current or former code."""
    qlacref = pytest.importorskip("qlacref_authorities")
    utlas = {r["UTLA21CD"]: r["UTLA21NM"] for r in qlacref.records if r["UTLA21CD"][0] == "E"}
    assert len(utlas) == 152
    for code, name in utlas.items():
        assert resolve(code) is resolve(name), (code, name)


# --- resolution -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "la_code"),
    [
        ("Warwickshire", "937"),
        ("warwickshire county council", "937"),
        ("  WARWICKSHIRE  ", "937"),
        ("937", "937"),
        ("E10000031", "937"),
        ("e10000031", "937"),
        ("80576", "937"),
        ("Cumberland", "942"),
        ("Westmorland & Furness", "943"),
        ("North Northamptonshire", "940"),
        ("West Northants", "941"),
        ("london corporation", "201"),
        ("City of London", "201"),
        ("bournemouth, christchurch & poole", "839"),
        ("BCP", "839"),
        ("Newcastle", "391"),
        ("Kingston", "314"),
        ("Richmond", "318"),
        ("Durham", "840"),
        ("County Durham", "840"),
        ("Bristol", "801"),
        ("Bristol, City of", "801"),
        ("Bristol City Council", "801"),
        ("Herefordshire", "884"),
        ("Herefordshire, County of", "884"),
        ("Hull", "810"),
        ("Kingston upon Hull, City of", "810"),
        ("St Helens", "342"),
        ("St. Helens", "342"),
        ("Telford & Wrekin", "894"),
        ("Hammersmith & Fulham", "205"),
        ("Royal Borough of Greenwich", "203"),
        ("London Borough of Barnet", "302"),
        ("Bedford Borough", "822"),
        # former ONS codes
        ("E08000016", "370"),
        ("E08000038", "370"),
        ("E08000019", "373"),
        ("E10000002", "825"),
        ("E10000023", "815"),
        ("E10000027", "933"),
        # URNs of new unitaries
        ("2532287", "839"),
        ("2733698", "943"),
        # abolished authorities by name and code
        ("Northamptonshire", "928"),
        ("Cumbria", "909"),
        ("Poole", "836"),
        ("Bournemouth", "837"),
        ("E10000009", "835"),
        ("835", "835"),
    ],
)
def test_resolve(text: str, la_code: str) -> None:
    assert resolve(text).la_code == la_code


def test_ambiguous_name_resolves_to_the_current_authority() -> None:
    assert resolve("Dorset").la_code == "838"
    assert resolve("Dorset Council").la_code == "838"
    assert resolve("835").current is False


def test_unknown_council_suggests_the_closest() -> None:
    with pytest.raises(UnknownCouncil) as caught:
        resolve("Warwickshir")
    assert str(caught.value).startswith(
        "unknown council 'Warwickshir'; closest: Warwickshire (937)"
    )
    assert caught.value.suggestions[0] is by_la_code("937")
    assert all(isinstance(a, Authority) for a in caught.value.suggestions)
    assert isinstance(caught.value, LookupError)


def test_unknown_council_with_nothing_close() -> None:
    with pytest.raises(UnknownCouncil, match="no close match") as caught:
        resolve("Xyzzy")
    assert caught.value.suggestions == []


@pytest.mark.parametrize("text", ["", "council", "999", "E99999999"])
def test_nonsense_is_unknown(text: str) -> None:
    with pytest.raises(UnknownCouncil):
        resolve(text)


def test_by_la_code() -> None:
    assert by_la_code("937").name == "Warwickshire"
    assert by_la_code(" 839 ").ons_code == "E06000058"
    with pytest.raises(UnknownCouncil):
        by_la_code("E10000031")  # an ONS code is not an LA number


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Yorkshire and The Humber", "Yorkshire and the Humber"),
        ("yorkshire & the humber", "Yorkshire and the Humber"),
        ("East of England", "East of England"),
        ("East", "East of England"),
        ("E12000006", "East of England"),
        ("GL", "London"),
        ("Inner London", "London"),
        ("north west", "North West"),
        ("South West", "South West"),
    ],
)
def test_resolve_region(text: str, region: str) -> None:
    assert resolve_region(text) == region


def test_every_region_spelling_of_both_families() -> None:
    assert [resolve_region(r) for r in REGIONS] == list(REGIONS)
    for r in OFSTED_REGIONS:
        if r != "North East, Yorkshire and the Humber":
            assert resolve_region(r) == r


def test_ofsted_combined_region_is_ambiguous() -> None:
    with pytest.raises(ValueError, match=r"ambiguous; choose one of: North East, Yorkshire"):
        resolve_region("North East, Yorkshire and the Humber")
    with pytest.raises(ValueError, match="choose one of: North East"):
        resolve_region("Middle Earth")


# --- cross-checks against the published files (skipped without ../shared/data) ---------


def _same_or_successor(found: Authority, expected: Authority) -> bool:
    """A name an abolished council shares (old Dorset) resolves to its current successor."""
    return found == expected or (not expected.current and found.la_code in expected.successors)


def _aliases_resolve(cell: str, expected: Authority) -> bool:
    """Whether a list like "[BCP, Bournemouth, Christchurch & Poole]" names `expected` only.

    Its commas both separate and sit inside names, so take the longest run of pieces that
    resolves to the council, then go on from there.
    """
    if not cell.strip("[] "):
        return True
    pieces = cell.strip().strip("[]").split(",")
    start = 0
    while start < len(pieces):
        for end in range(len(pieces), start, -1):
            try:
                if resolve(",".join(pieces[start:end])) is expected:
                    start = end
                    break
            except UnknownCouncil:
                continue
        else:
            return False
    return True


def test_provider_data_lookup() -> None:
    path = _data_file("Provider_data_lookup.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    seen = set()
    for row in rows:
        a = by_la_code(row["la_code"])
        seen.add(a.la_code)
        assert a.ons_code == row["la_code_new"], row
        assert a.ofsted_urn == row["urn"], row
        assert resolve(row["urn"]) is a
        assert resolve(row["local_authority_ons_name"]) is a, row
        assert resolve(row["utla23nm"]) is a, row
        assert _aliases_resolve(row["also_known_as"], a), row
        assert resolve_region(row["region_name"]) == a.region, row
    assert {a.la_code for a in current_authorities()} <= seen


def _ods_sheet(name: str) -> list[dict[str, object]]:
    path = _data_file("LA_Inspection_Outcomes_as_at_31_March_2025.ods")
    from python_calamine import CalamineWorkbook

    table = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()
    header = [str(h) for h in table[2]]  # the header is on the sheet's third row
    return [dict(zip(header, row, strict=True)) for row in table[3:] if any(row)]


def test_ods_inspections_as_at_31_march() -> None:
    rows = _ods_sheet("Inspections_as_at_31_March")
    assert len(rows) == 153
    found = set()
    for row in rows:
        a = resolve(str(row["Local authority area code"]))
        assert resolve(str(row["Local authority name"])) is a, row
        assert a.current, row
        assert a.ofsted_region == row["Ofsted region"], row
        found.add(a.la_code)
    assert found == {a.la_code for a in current_authorities()}


def test_ods_inspection_history_statuses() -> None:
    for row in _ods_sheet("ILACS_inspection_history"):
        a = resolve(str(row["Local authority area code"]))
        assert resolve(str(row["Local authority name"])) is a, row
        assert a.current == (row["Local authority status"] == "Current"), row
        assert a.ofsted_region == row["Ofsted region"], row


def test_csww_every_council_code_and_name() -> None:
    path = _data_file("csww_indicators_2017_to_2024.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["geographic_level"] == "Local authority"]
    assert rows
    for row in rows:
        parts = zip(
            row["old_la_code"].split(" / "),
            row["new_la_code"].split(" / "),
            row["la_name"].split(" / "),
            strict=True,
        )  # joint returns such as "314 / 318" name two councils
        for la_code, ons_code, name in parts:
            a = by_la_code(la_code)
            assert resolve(ons_code) is a, row
            assert _same_or_successor(resolve(name), a), row
            assert resolve_region(row["region_name"]) == a.region, row


def test_ofsted_scrape_every_urn_and_name() -> None:
    path = _data_file("ofsted_csc_ilacs_history.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        pairs = {(r["urn"], r["local_authority"]) for r in csv.DictReader(handle)}
    councils = set()
    for urn, name in pairs:
        a = resolve(urn)
        assert resolve(name) is a, (urn, name)
        councils.add(a)
    assert councils == set(current_authorities())
