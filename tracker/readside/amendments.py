"""A stream's corrections and retractions, as columns: what a view at an earlier T undoes."""

from __future__ import annotations

from array import array

CORRECTION, RETRACTION = 0, 1


class Amendments:
    """A stream's corrections and retractions in log order, with the rows they made."""

    __slots__ = ("base", "changes", "kind", "max_rec", "rec", "row", "table", "target", "version")

    def __init__(self) -> None:
        self.version, self.target, self.rec = array("i"), array("i"), array("q")
        self.kind, self.table = array("b"), array("b")
        self.changes = array("i")  # the changes' index in the stream's Values (0 for a retraction)
        self.base, self.row = array("i"), array("i")  # the row corrected and the row made (-1: none)
        self.max_rec = 0

    def columns(self) -> tuple[array[int], ...]:
        return (self.version, self.target, self.rec, self.kind, self.table, self.changes, self.base, self.row)

    def append(self, *values: int) -> None:
        for column, value in zip(self.columns(), values, strict=True):
            column.append(value)
        self.max_rec = max(self.max_rec, values[2])

    def __len__(self) -> int:
        return len(self.version)

    def pack(self) -> list[bytes]:
        return [column.tobytes() for column in self.columns()]

    def unpack(self, state: list[bytes]) -> None:
        for column, data in zip(self.columns(), state, strict=True):
            column.frombytes(data)
        if any(len(column) != len(self.version) for column in self.columns()):
            raise ValueError("read model amendments of unequal length")
        self.max_rec = max(self.rec, default=0)
