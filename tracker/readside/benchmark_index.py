"""England's and the regions' workforce figures (Benchmark streams), indexed like a
council's caseloads: the national and regional lines beside every council's figures."""

from __future__ import annotations

from array import array
from typing import Any

from tracker.readside.rows import Rows, micros, rows_state, source_span
from tracker.readside.tables import WORKFORCE_FIELDS, workforce_table


class GeoIndex:
    """England's or a region's workforce figures (Benchmark streams), sorted by as-at day.

    A figure's values are picked as it is folded and its row made with the others when the
    figures are next read (a row at a time costs five times as much)."""

    __slots__ = ("code", "level", "name", "originator", "pending", "positions", "sorted")

    def __init__(self, code: str, originator: str, name: str = "", level: str = "") -> None:
        self.code = code
        self.originator = originator
        self.name = name
        self.level = level
        self.sorted = Rows(workforce_table())
        self.positions = array("q")
        self.pending: list[tuple[int, int, tuple[Any, ...], int]] = []  # version, recorded, values, source

    @property
    def figures(self) -> Rows:
        """The figures in as-at order, every one folded so far."""
        if self.pending:
            self.settle()
        return self.sorted

    def add(self, position: int, version: int, kind: str, data: dict[str, Any], recorded: str) -> None:
        self.positions.append(position)
        if kind == "figure" and data.get("caseload"):
            values = tuple(map(data.get, WORKFORCE_FIELDS))
            self.pending.append((version, micros(recorded), values, source_span(data.get("source"))))

    def settle(self) -> None:
        """Make the waiting figures rows, in one go, and sort them in."""
        if not self.pending:
            return
        pending, self.pending = self.pending, []
        rows = self.sorted
        first = rows.table.extend(*map(list, zip(*pending, strict=True)))
        rows.place_new(list(range(first, first + len(pending))))
        rows.settle()

    def pack(self) -> tuple[Any, ...]:
        table = self.figures.table
        return (self.code, self.originator, self.name, self.level, self.positions.tobytes(),
                table.pack(), self.figures.order.tobytes(), self.figures.keys.tobytes())

    @classmethod
    def unpack(cls, state: tuple[Any, ...]) -> GeoIndex:
        index = cls(state[0], state[1], state[2], state[3])
        index.positions.frombytes(state[4])
        index.figures.table.unpack(state[5])
        index.figures.order.frombytes(state[6])
        index.figures.keys.frombytes(state[7])
        if len(index.figures.keys) != len(index.figures.order):
            raise ValueError("read model keys and order of unequal length")
        return index

    def state(self) -> tuple[Any, ...]:
        return (self.code, self.originator, self.name, self.level, self.positions.tobytes(),
                rows_state(self.figures))
