"""docs/architecture.md's module map names every module of events/, tracker/ and tui/,
one line each, and no module that is gone: the map a newcomer reads stays true."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("events", "tracker", "tui")
MAP_LINE = re.compile(r"^((?:events|tracker|tui)/\S+\.py)  +\S")


def mapped_modules(text: str) -> list[str]:
    """The module paths the map's lines start with (a path, two spaces, what it holds)."""
    section = text.split("## Module map", 1)[1].split("\n## ", 1)[0]
    return [m[1] for line in section.splitlines() if (m := MAP_LINE.match(line))]


def test_every_module_has_one_line_in_the_map() -> None:
    listed = mapped_modules((ROOT / "docs" / "architecture.md").read_text())
    modules = sorted(str(p.relative_to(ROOT)) for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))
    assert len(listed) == len(set(listed)), "a module is listed twice"
    assert sorted(listed) == modules


def test_a_line_without_what_the_module_holds_is_not_counted() -> None:
    text = "## Module map\n```\nevents/dates.py  Dates at a precision\nevents/council.py\n```\n## Next\n"
    assert mapped_modules(text) == ["events/dates.py"]
