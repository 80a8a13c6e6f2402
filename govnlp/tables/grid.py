"""From ``|``-flattened text to table rows: cells with offsets, broken rows joined,
one-cell-per-line layouts regrouped, and each row split into (parents, label, unit, values).

>>> rows = pipe_rows("规章 | 0 | 0 | 0 |\\n(六)其他处理 |\\n| 1 | 2 | |", 0)
>>> [(r.label.text, [v.text for v in r.values], r.broken) for r in rows]
[('规章', ['0', '0', '0'], False), ('(六)其他处理', ['1', '2', ''], True)]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .values import is_blank, is_number, is_unit


@dataclass
class VCell:
    """A cell with its offsets into ``doc.text`` and how sure we are of its reading."""

    text: str
    start: int
    end: int
    confidence: float = 1.0


@dataclass
class Row:
    cells: list[VCell]
    label: VCell | None = None
    parents: list[str] = field(default_factory=list)
    unit: VCell | None = None
    values: list[VCell] = field(default_factory=list)
    broken: bool = False


def _kind(c: VCell) -> str:
    return _kind_of(c.text)


@lru_cache(maxsize=4096)
def _kind_of(text: str) -> str:
    if is_blank(text):
        return "blank"
    if is_number(text):
        return "num"
    if is_unit(text):
        return "unit"
    return "text"


def split_line(text: str, a: int, b: int) -> list[VCell]:
    """The cells of one ``|`` line ``text[a:b]``: the piece after a final ``|`` is no cell, nor
    (in a line with two or more pipes) the empty piece before a leading ``|``."""
    cells: list[VCell] = []
    pos = a
    line = text[a:b]
    pieces = line.split("|")
    if line.rstrip().endswith("|"):
        pieces.pop()
    skip_first = line.lstrip().startswith("|") and line.count("|") >= 2
    for p in pieces:
        s = p.strip()
        off = pos if s == p else pos + (len(p) - len(p.lstrip()))
        cells.append(VCell(s, off, off + len(s)))
        pos += len(p) + 1
    if skip_first:   # (then there are at least two pieces)
        del cells[0]
    return cells


_MD_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?$")


def _lines(text: str, a: int, b: int) -> list[tuple[list[VCell], bool]]:
    out = []
    pos = a
    while pos < b:
        nl = text.find("\n", pos, b)
        end = b if nl < 0 else nl
        if text[pos:end].strip() and not _MD_RULE.match(text[pos:end]):
            out.append((split_line(text, pos, end), text[pos:end].lstrip().startswith("|")))
        pos = end + 1
    return out


def _finish(row: Row) -> Row:
    """Split a row's cells into parents, label, unit and value cells."""
    cells = row.cells
    kinds = [_kind(c) for c in cells]
    first_val = next((i for i, k in enumerate(kinds) if k in ("num",) or
                      (k == "blank" and any(kk == "text" or kk == "unit" for kk in kinds[:i]))), len(cells))
    texts = [i for i in range(first_val) if kinds[i] == "text"]
    if texts:
        row.label = cells[texts[-1]]
        row.parents = [cells[i].text for i in texts[:-1]]
    units = [i for i in range(first_val) if kinds[i] == "unit"]
    if units:
        row.unit = cells[units[-1]]
    row.values = cells[first_val:] if (row.label or row.unit) else [c for c in cells if _kind(c) != "text"]
    return row


def pipe_rows(text: str, a: int, b: int | None = None) -> list[Row]:
    """Rows of the ``|`` block ``text[a:b]`` (see module docstring)."""
    b = len(text) if b is None else b
    lines = _lines(text, a, b)
    if not lines:
        return []
    single = sum(1 for ln, _ in lines if len(ln) <= 1)
    if single >= 0.6 * len(lines) and len(lines) >= 6:
        return _regroup([c for ln, _ in lines for c in ln])
    rows: list[Row] = []
    for cells, lead in lines:
        if not cells:
            continue
        kinds = [_kind(c) for c in cells]
        continuation = (rows and "text" not in kinds and "unit" not in kinds and lead
                        and rows[-1].label is not None and "num" in kinds
                        and sum(_kind(c) == "text" for c in rows[-1].cells) <= 3)
        if continuation:
            prev = rows[-1]
            base = prev.cells
            while base and _kind(base[-1]) == "blank" and base[-1] is not prev.label:
                base = base[:-1]
            rows[-1] = _finish(Row(cells=base + cells, broken=True))
        else:
            rows.append(_finish(Row(cells=cells)))
    return rows


def _regroup(cells: list[VCell]) -> list[Row]:
    """One cell per line (seed 004): a new row starts at every label cell."""
    rows: list[Row] = []
    cur: list[VCell] = []
    for c in cells:
        if _kind(c) == "text" and c.text not in ("——", "—"):
            if cur:
                rows.append(_finish(Row(cells=cur)))
            cur = [c]
        else:
            cur.append(c)
    if cur:
        rows.append(_finish(Row(cells=cur)))
    return rows


def raw_rows(table) -> list[Row]:
    """Rows of a reader's ``RawTable`` (HTML/DOCX/PDF), spans already expanded."""
    return [_finish(Row(cells=[VCell(c.text, c.start, c.end) for c in r])) for r in table.rows]
