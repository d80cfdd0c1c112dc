"""England's and the regions' workforce figures (Benchmark streams), indexed like a
council's caseloads: the national and regional lines beside every council's figures."""

from __future__ import annotations

from array import array
from typing import Any

from tracker.readside.rows import Rows, micros, rows_state
from tracker.readside.tables import workforce_table


class GeoIndex:
    """England's or a region's workforce figures (Benchmark streams), sorted by as-at day."""

    __slots__ = ("code", "figures", "level", "name", "originator", "positions")

    def __init__(self, code: str, originator: str, name: str = "", level: str = "") -> None:
        self.code = code
        self.originator = originator
        self.name = name
        self.level = level
        self.figures = Rows(workforce_table())
        self.positions = array("q")

    def add(self, position: int, version: int, kind: str, data: dict[str, Any], recorded: str) -> None:
        self.positions.append(position)
        if kind == "figure" and data.get("caseload"):
            self.figures.place(self.figures.table.append(version, micros(recorded), data))

    def settle(self) -> None:
        """Figures are placed as they come: nothing waits."""

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
