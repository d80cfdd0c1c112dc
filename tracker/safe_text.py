"""Show text from data literally: no Rich markup, no terminal escapes, no bidi tricks.

Every string the CLI prints (values, file names, messages) and every JSON answer
goes through here, so nothing a file or a user typed can style, move or clear
the screen, or reorder what is shown.
"""

from __future__ import annotations

import json
import re
from typing import Any

from rich.console import Console
from rich.text import Text

# C0/C1 controls (but newline and tab), every Unicode bidi control (Bidi_Control:
# ALM, LRM, RLM, the embeddings, overrides and isolates), and lone surrogates
# (undecodable bytes in a file name or argument).
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI}\\ud800-\\udfff]")


def _spelled(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def visible(value: object) -> str:
    """The text with every control character spelled out as an escape."""
    text = "" if value is None else str(value)
    return _UNSAFE.sub(_spelled, text)


def one_line(value: object, limit: int | None = None) -> str:
    text = " ".join(visible(value).split())
    if limit is not None and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def literal(value: object, style: str = "") -> Text:
    """A Rich Text that never interprets markup in ``value``."""
    return Text(visible(value), style=style)


def say(console: Console, text: object) -> None:
    """Print one message as it is: no markup, emoji codes, highlighting or escapes."""
    console.print(visible(text), markup=False, highlight=False, emoji=False, soft_wrap=True)


def json_text(value: Any) -> str:
    """JSON whose strings carry controls, bidi controls and surrogates as \\u escapes:
    the same values to a parser, inert on a terminal (json escapes C0 itself)."""
    return _UNSAFE.sub(_spelled, json.dumps(value, ensure_ascii=False, indent=2))
