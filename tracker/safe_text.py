"""Show text from data literally: no Rich markup, no terminal escapes, no bidi tricks."""

from __future__ import annotations

import re

from rich.text import Text

# C0/C1 controls (but newline and tab), and Unicode bidi controls.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(value: object) -> str:
    """The text with every control character spelled out as an escape."""
    text = "" if value is None else str(value)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def one_line(value: object, limit: int | None = None) -> str:
    text = " ".join(visible(value).split())
    if limit is not None and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def literal(value: object, style: str = "") -> Text:
    """A Rich Text that never interprets markup in ``value``."""
    return Text(visible(value), style=style)
