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
from math import comb

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
    chars = "".join([ch for ch, _ in atoms])   # atoms[a:b] as text is chars[a:b]
    offsets = [off for _, off in atoms]
    if m == n and n <= 1000:   # one character per number: the only cut (same checks, same order)
        return _one_per_number(chars, offsets, max_len, sum_last)
    valid_at: dict[tuple[int, int], bool] = {}   # (a, b) -> valid(a, b); pure for this blob
    value_at: dict[tuple[int, int], Decimal] = {}

    def valid(a: int, b: int) -> bool:
        key = (a, b)
        ok = valid_at.get(key)
        if ok is None:
            ok = valid_at[key] = _valid_number(chars[a:b], max_len)
        return ok

    def value(a: int, b: int) -> Decimal:
        key = (a, b)
        v = value_at.get(key)
        if v is None:
            v = value_at[key] = Decimal(chars[a:b])
        return v

    ends_from: dict[int, list[int]] = {}

    def ends_after(a: int) -> list[int]:
        """The ends b (< m) the search may cut the number starting at ``a`` at, in order: no
        '.' at either side of the cut, a valid number, and nothing past the first invalid
        piece longer than ``max_len + 2`` (where the scan stops)."""
        bs = ends_from.get(a)
        if bs is None:
            bs = ends_from[a] = []
            for b in range(a + 1, m):
                if chars[b] == "." or chars[b - 1] == ".":
                    continue
                if not valid(a, b):
                    if b - a > max_len + 2:
                        break
                    continue
                bs.append(b)
        return bs

    cuts: list[int] = []
    target: Decimal | None = None
    steps = 0

    def rec(a: int, k: int, acc: Decimal = Decimal(0)) -> None:
        nonlocal steps
        steps += 1
        if len(out) >= MAX_CANDIDATES or steps > MAX_STEPS:
            return
        if k == 1:
            if valid(a, m):
                _emit(cuts + [a])
            return
        if target is not None and k == 2:   # the last piece before the total
            b = tail
            if b - a >= 1 and valid(a, b):
                if acc + value(a, b) == target:
                    cuts.append(a)
                    rec(b, 1)
                    cuts.pop()
            return
        if target is None:   # every cut is tried: take the ends from the list made once per a
            stop = m - k + 2
            for b in ends_after(a):
                if b >= stop:
                    break
                value(a, b)   # converted as the search always did (acc itself is unused here)
                cuts.append(a)
                rec(b, k - 1, acc)
                cuts.pop()
            return
        for b in range(a + 1, m - k + 2):
            if b < m and chars[b] == "." or chars[b - 1] == ".":
                continue
            if not valid(a, b):
                if b - a > max_len + 2:
                    break
                continue
            val = value(a, b)
            if b > tail - (k - 2):
                break
            if acc + val > target and val >= 0:
                break
            cuts.append(a)
            rec(b, k - 1, acc + val)
            cuts.pop()

    def _emit(starts: list[int]) -> None:
        ends = starts[1:] + [m]
        texts = [chars[a:b] for a, b in zip(starts, ends)]
        spans = [(offsets[a], offsets[b - 1] + 1) for a, b in zip(starts, ends)]
        cut_at = set(starts)
        miss = sum(1 for s in spaces if 0 < s < m and s not in cut_at)
        out.append(Split(texts, spans, [value(a, b) for a, b in zip(starts, ends)], miss))

    tail = m
    if sum_last and n >= 2:
        for t0 in range(m - 1, n - 2, -1):   # where the total starts
            if not valid(t0, m):
                continue
            target = value(t0, m)
            tail = t0
            rec(0, n)
    else:
        rec(0, n)
    if info is not None and (len(out) >= MAX_CANDIDATES or steps > MAX_STEPS):
        info["truncated"] = True
    if out:
        best = min(c.space_misses for c in out)
        out = [c for c in out if c.space_misses == best]
    return out


_DIGIT = {str(i): Decimal(i) for i in range(10)}   # Decimal("7") for the ASCII digits


def _one_per_number(chars: str, offsets: list[int], max_len: int, sum_last: bool) -> list[Split]:
    """:func:`candidates` when there are exactly as many characters as numbers.

    The search then has one branch, taken here without recursion: the same validity checks
    and the same ``Decimal`` conversions in the same order (so an unreadable digit raises
    exactly where the search would), and the same pruning on a row total.  A one-character
    piece is a valid number iff it is not '-' or '.' and ``max_len >= 1``.
    """
    if max_len < 1:
        return []
    n = len(chars)
    vals: list[Decimal] = []
    if sum_last and n >= 2:
        if chars[-1] in "-.":
            return []
        target = _DIGIT[chars[-1]] if chars[-1] in _DIGIT else Decimal(chars[-1])
        acc = Decimal(0)
        for i in range(n - 2):
            if chars[i + 1] == "." or chars[i] in "-.":
                return []
            val = _DIGIT[chars[i]] if chars[i] in _DIGIT else Decimal(chars[i])
            if acc + val > target and val >= 0:
                return []
            acc = acc + val
            vals.append(val)
        if chars[n - 2] in "-.":
            return []
        val = _DIGIT[chars[n - 2]] if chars[n - 2] in _DIGIT else Decimal(chars[n - 2])
        if acc + val != target:
            return []
        vals += (val, target)
    else:
        for i in range(n - 1):
            if chars[i + 1] == "." or chars[i] in "-.":
                return []
            vals.append(_DIGIT[chars[i]] if chars[i] in _DIGIT else Decimal(chars[i]))
        if chars[-1] in "-.":
            return []
        vals.append(_DIGIT[chars[-1]] if chars[-1] in _DIGIT else Decimal(chars[-1]))
    # every inner space stands at a cut, so no space falls inside a number
    return [Split(list(chars), [(o, o + 1) for o in offsets], vals, 0)]


def complete_and_safe(blob: str, n: int) -> bool:
    """True when :func:`candidates` of ``blob`` into ``n`` numbers (no ``sum_last``) can
    neither be truncated nor raise, so a caller that may not need its list can skip it.

    The search visits at most C(m, n-1) nodes and yields at most C(m-1, n-1) cuts (m atoms:
    at depth j the cut positions, less their index, are a multiset of j values in 0..m-n);
    only ASCII digits, '-' and '.' make numbers that ``Decimal`` always reads.
    """
    m = 0
    for ch in blob:
        if ch.isdigit() or ch in "-.":
            if ch not in "0123456789-.":
                return False
            m += 1
    if n <= 0 or m < n:
        return True
    return comb(m, n - 1) <= MAX_STEPS and comb(m - 1, n - 1) < MAX_CANDIDATES


def _valid_number(s: str, max_len: int) -> bool:
    """``s`` (digits, '-', '.') is one number: a leading '-' only, at most one inner '.', no
    more than ``max_len`` integer digits, no leading zero."""
    if "-" in s[1:] or s in ("-", "") or s.startswith(".") or s.endswith(".") or s.count(".") > 1:
        return False
    digits = s.lstrip("-")
    if len(digits.split(".")[0]) > max_len:
        return False
    return not (len(digits) > 1 and digits[0] == "0" and digits[1] != ".")


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
