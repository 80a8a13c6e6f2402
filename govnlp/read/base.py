"""What every reader returns: the document text plus structured tables, with offsets."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Cell:
    """One table cell; ``text[start:end]`` of the source text is its content."""

    text: str
    start: int
    end: int


@dataclass
class RawTable:
    """A table as laid out in the source (spans expanded), before any interpretation."""

    rows: list[list[Cell]]
    start: int
    end: int
    origin: str = "text"  # html | docx | pdf | text


@dataclass
class Source:
    """A read document: ``text`` is what all offsets point into."""

    text: str
    path: str | None = None
    format: str = "text"  # text | html | pdf | docx
    tables: list[RawTable] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    body_start: int = 0  # where the report begins (after crawler header / page chrome)
    hard_wrapped: bool = False  # PDF text: line breaks inside paragraphs
    warnings: list[str] = field(default_factory=list)


class TextBuilder:
    """Accumulates lines of derived text and records the offsets of table cells."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.tables: list[RawTable] = []

    def line(self, s: str) -> None:
        s = " ".join(s.split())
        if not s:
            return
        self._emit(s + "\n")

    def _emit(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)

    def table(self, grid: list[list[str]], origin: str) -> None:
        """Write ``grid`` as ``cell | cell |`` rows and keep the cell offsets."""
        grid = [[" ".join(c.split()) for c in row] for row in grid]
        grid = [row for row in grid if any(row)]
        if not grid:
            return
        start = self.length
        rows: list[list[Cell]] = []
        for row in grid:
            cells = []
            pieces = []
            pos = self.length
            for c in row:
                cells.append(Cell(c, pos, pos + len(c)))
                piece = c + " | " if c else "| "
                pieces.append(piece)
                pos += len(piece)
            self._emit("".join(pieces).rstrip(" ") + "\n")
            rows.append(cells)
        self.tables.append(RawTable(rows, start, self.length - 1, origin))

    def text(self) -> str:
        return "".join(self.parts)
