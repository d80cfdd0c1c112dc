"""The command every shipped derived file is rebuilt by (``python -m tracker.X DIR [OUT]``):
read the published files in DIR, write the project's own file, say what it holds."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from tracker.errors import UserError

Made = tuple[bytes, list[str]]  # the file's bytes, and one line per part it was made from


def rebuild(argv: list[str], usage: str | None, default_out: Path, make: Callable[[Path], Made]) -> int:
    """Run one rebuild; a published file that cannot be read is one line and exit 2."""
    if not argv or argv[0] in ("-h", "--help"):
        print(usage)
        return 0 if argv else 2
    out = Path(argv[1]) if len(argv) > 1 else default_out
    try:
        blob, lines = make(Path(argv[0]))
    except UserError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    out.write_bytes(blob)
    for line in lines:
        print(line)
    print(f"wrote {out} ({len(blob):,} bytes)")
    return 0
