"""Split run-together digit strings (crawled table cells without separators) into cells.

A stretch such as ``640020470`` must hold seven numbers; every way of cutting it is a
candidate (no leading zeros, a ``-`` starts a number, a space is a likely boundary).
Callers filter the candidates with identities and priors.

>>> [c.texts for c in candidates("640020470", 7, 0) if c.nums[:6] and sum(c.nums[:6]) == c.nums[6]]
[['64', '0', '0', '2', '0', '4', '70']]
>>> [c.texts for c in candidates("230 000023", 7, 0) if sum(c.nums[:6]) == c.nums[6]]
[['23', '0', '0', '0', '0', '0', '23']]
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

MAX_CANDIDATES = 200_000


@dataclass
class Split:
    texts: list[str]
    spans: list[tuple[int, int]]   # absolute offsets of each number
    nums: list[Decimal]
    space_misses: int              # spaces that fall inside a number (less plausible)

    @property
    def lengths(self) -> list[int]:
        return [len(t.lstrip("-").split(".")[0]) for t in self.texts]


def _atoms(blob: str, base: int) -> tuple[list[tuple[str, int]], set[int]]:
    """Characters that make up numbers (digits, '-', '.', trailing unit kept apart), and the
    indices (into the atom list) before which a space stood."""
    atoms: list[tuple[str, int]] = []
    spaces: set[int] = set()
    for i, ch in enumerate(blob):
        if ch.isspace():
            spaces.add(len(atoms))
        elif ch.isdigit() or ch in "-.":
            atoms.append((ch, base + i))
    return atoms, spaces


def candidates(blob: str, n: int, base: int, max_len: int = 12) -> list[Split]:
    """Every cut of ``blob`` into ``n`` numbers (``base`` = offset of ``blob`` in the text)."""
    atoms, spaces = _atoms(blob, base)
    m = len(atoms)
    out: list[Split] = []
    if n <= 0 or m < n:
        return out

    def valid(a: int, b: int) -> bool:
        s = "".join(ch for ch, _ in atoms[a:b])
        if "-" in s[1:] or s in ("-", "") or s.startswith(".") or s.endswith(".") or s.count(".") > 1:
            return False
        digits = s.lstrip("-")
        if len(digits.split(".")[0]) > max_len:
            return False
        return not (len(digits) > 1 and digits[0] == "0" and digits[1] != ".")

    cuts: list[int] = []

    def rec(a: int, k: int) -> None:
        if len(out) >= MAX_CANDIDATES:
            return
        if k == 1:
            if valid(a, m):
                _emit(cuts + [a])
            return
        for b in range(a + 1, m - k + 2):
            if b < m and atoms[b][0] == "." or atoms[b - 1][0] == ".":
                continue
            if not valid(a, b):
                if b - a > max_len + 2:
                    break
                continue
            cuts.append(a)
            rec(b, k - 1)
            cuts.pop()

    def _emit(starts: list[int]) -> None:
        ends = starts[1:] + [m]
        texts = ["".join(ch for ch, _ in atoms[a:b]) for a, b in zip(starts, ends)]
        spans = [(atoms[a][1], atoms[b - 1][1] + 1) for a, b in zip(starts, ends)]
        miss = sum(1 for s in spaces if 0 < s < m and s not in starts)
        out.append(Split(texts, spans, [Decimal(t) for t in texts], miss))

    rec(0, n)
    if out:
        best = min(c.space_misses for c in out)
        out = [c for c in out if c.space_misses == best]
    return out


def spread(c: Split) -> int:
    """How unequal the digit counts are (numbers of one table row tend to look alike)."""
    ls = c.lengths
    return max(ls) - min(ls)
