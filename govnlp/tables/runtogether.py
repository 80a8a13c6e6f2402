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

MAX_CANDIDATES = 5_000
MAX_STEPS = 40_000


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


def candidates(blob: str, n: int, base: int, max_len: int = 12, sum_last: bool = False,
               info: dict | None = None) -> list[Split]:
    """Every cut of ``blob`` into ``n`` numbers (``base`` = offset of ``blob`` in the text).

    With ``sum_last`` only cuts whose last number is the sum of the others (a row total) are
    made, which keeps long rows fast.  At most ``MAX_CANDIDATES`` are returned (after at most
    ``MAX_STEPS`` steps); ``info["truncated"]`` then tells the caller the list is incomplete.
    """
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
    target: list[Decimal | None] = [None]

    steps = [0]

    def rec(a: int, k: int, acc: Decimal = Decimal(0)) -> None:
        steps[0] += 1
        if len(out) >= MAX_CANDIDATES or steps[0] > MAX_STEPS:
            return
        if k == 1:
            if valid(a, m):
                _emit(cuts + [a])
            return
        if target[0] is not None and k == 2:   # the last piece before the total
            b = tail
            if b - a >= 1 and valid(a, b):
                if acc + Decimal("".join(ch for ch, _ in atoms[a:b])) == target[0]:
                    cuts.append(a)
                    rec(b, 1)
                    cuts.pop()
            return
        for b in range(a + 1, m - k + 2):
            if b < m and atoms[b][0] == "." or atoms[b - 1][0] == ".":
                continue
            if not valid(a, b):
                if b - a > max_len + 2:
                    break
                continue
            val = Decimal("".join(ch for ch, _ in atoms[a:b]))
            if target[0] is not None and b > tail - (k - 2):
                break
            if target[0] is not None and acc + val > target[0] and val >= 0:
                break
            cuts.append(a)
            rec(b, k - 1, acc + val)
            cuts.pop()

    def _emit(starts: list[int]) -> None:
        ends = starts[1:] + [m]
        texts = ["".join(ch for ch, _ in atoms[a:b]) for a, b in zip(starts, ends)]
        spans = [(atoms[a][1], atoms[b - 1][1] + 1) for a, b in zip(starts, ends)]
        miss = sum(1 for s in spaces if 0 < s < m and s not in starts)
        out.append(Split(texts, spans, [Decimal(t) for t in texts], miss))

    tail = m
    if sum_last and n >= 2:
        for t0 in range(m - 1, n - 2, -1):   # where the total starts
            if not valid(t0, m):
                continue
            target[0] = Decimal("".join(ch for ch, _ in atoms[t0:m]))
            tail = t0
            rec(0, n)
    else:
        rec(0, n)
    if info is not None and (len(out) >= MAX_CANDIDATES or steps[0] > MAX_STEPS):
        info["truncated"] = True
    if out:
        best = min(c.space_misses for c in out)
        out = [c for c in out if c.space_misses == best]
    return out


def grouped(blob: str, base: int, groups: int, size: int) -> list[Split]:
    """Cuts of ``blob`` into ``groups`` runs of ``size`` numbers, each run ending in its total
    (the appeals row: 3 × [four results, total]).

    >>> [c.texts for c in grouped("10203120001200000", 0, 3, 5)][:1]
    [['1', '0', '2', '0', '3', '12', '0', '0', '0', '12', '0', '0', '0', '0', '0']]
    """
    pos = [i for i, ch in enumerate(blob) if ch.isdigit() or ch in "-."]
    out: list[Split] = []

    def rec(start: int, g: int, acc: list[Split]) -> None:
        if len(out) >= MAX_CANDIDATES:
            return
        if g == 1:
            for c in candidates(blob[start:], size, base + start, sum_last=True):
                out.append(_join(acc + [c]))
            return
        for k in range(size, len(pos) - size * (g - 1) + 1):
            idx = [p for p in pos if p >= start]
            if k > len(idx) - size * (g - 1):
                break
            end = idx[k - 1] + 1
            for c in candidates(blob[start:end], size, base + start, sum_last=True):
                rec(end, g - 1, acc + [c])

    rec(0, groups, [])
    return out


def _join(parts: list[Split]) -> Split:
    return Split([t for p in parts for t in p.texts], [s for p in parts for s in p.spans],
                 [x for p in parts for x in p.nums], sum(p.space_misses for p in parts))


def spread(c: Split) -> int:
    """How unequal the digit counts are (numbers of one table row tend to look alike)."""
    ls = c.lengths
    return max(ls) - min(ls)
