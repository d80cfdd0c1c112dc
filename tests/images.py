"""What the tests read back of an exported image: a PNG's size, after checking it is one."""

from __future__ import annotations

import struct


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) of PNG bytes; fails unless they start as a PNG does (signature, IHDR)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height
