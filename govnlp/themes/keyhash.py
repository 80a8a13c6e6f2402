"""A static perfect hash of int64 keys for vectorised lookups with small tables.

``KeyIndex(keys).lookup(q)`` gives, for every query key, its position in ``keys`` or -1, with a
fixed number of numpy operations (no probing loop) and tables of about 2 bytes per slot at a
load of one half, so that a report's lookups stay in cache (the pipeline runs other stages
between two reports).  Hash and displace: a key's bucket picks one of 256 multipliers, which
picks its slot; the multipliers of each bucket are chosen at build time so that no two keys
share a slot.  A query is confirmed by comparing it with the key stored for its slot.
"""
from __future__ import annotations

import numpy as np

_SEEDS = 256


def _multipliers(n: int) -> np.ndarray:
    out, x = [], 0x9E3779B97F4A7C15
    for _ in range(n):
        out.append(x | 1)
        x = (x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
    return np.array(out, np.uint64)


_MULTS = _multipliers(_SEEDS + 1)          # [0] picks the bucket, [1:] the slot


class KeyIndex:
    """Position of int64 keys in a fixed array of distinct keys, or -1."""

    def __init__(self, keys) -> None:
        self.keys = np.asarray(keys, np.int64)
        n = len(self.keys)
        if len(np.unique(self.keys)) != n:
            raise ValueError("KeyIndex keys must be distinct")
        ku = self.keys.view(np.uint64)
        bbits = max(0, (max(n, 1) // 4).bit_length())
        self.bshift = np.uint64(64 - bbits) if bbits else None
        bucket = ((ku * _MULTS[0]) >> self.bshift).astype(np.int64) if bbits else np.zeros(n, np.int64)
        nb = 1 << bbits
        members = [[] for _ in range(nb)]
        for i, b in enumerate(bucket.tolist()):
            members[b].append(i)
        mbits = max(4, (2 * max(n, 1) - 1).bit_length())
        while True:                                   # grow the table until every bucket fits
            seed = self._place(ku, members, mbits)
            if seed is not None:
                break
            mbits += 1
        self.seed = seed
        self.mshift = np.uint64(64 - mbits)
        self.slot_mults = _MULTS[1:]
        slots = self._slots(ku)
        self.index = np.full(1 << mbits, -1, np.int16 if n < 2 ** 15 else np.int32 if n < 2 ** 31 else np.int64)
        self.index[slots] = np.arange(n)

    def _place(self, ku: np.ndarray, members: list[list[int]], mbits: int):
        shift = np.uint64(64 - mbits)
        free = np.ones(1 << mbits, bool)
        seed = np.zeros(len(members), np.uint8)
        for b in sorted(range(len(members)), key=lambda b: -len(members[b])):
            ids = members[b]
            if not ids:
                continue
            cand = ((ku[ids][:, None] * _MULTS[None, 1:]) >> shift).astype(np.int64)   # (k, seeds)
            ok = free[cand].all(0)
            if len(ids) > 1:
                srt = np.sort(cand, axis=0)
                ok &= (srt[1:] != srt[:-1]).all(0)
            good = np.flatnonzero(ok)
            if not good.size:
                return None
            s = int(good[0])
            seed[b] = s
            free[cand[:, s]] = False
        return seed

    # (small integer tables are widened to intp before they index: numpy indexes with intp fastest)
    def _cands(self, qu: np.ndarray) -> np.ndarray:
        """The one key position each query can be (-1: none)."""
        if self.bshift is None:
            s = np.full(len(qu), self.seed[0], np.intp)
        else:
            s = self.seed[((qu * _MULTS[0]) >> self.bshift).astype(np.intp)].astype(np.intp)
        slot = ((qu * self.slot_mults[s]) >> self.mshift).astype(np.intp)
        return self.index[slot].astype(np.intp)

    def _slots(self, qu: np.ndarray) -> np.ndarray:
        if self.bshift is None:
            s = np.full(len(qu), self.seed[0], np.intp)
        else:
            s = self.seed[((qu * _MULTS[0]) >> self.bshift).astype(np.intp)].astype(np.intp)
        return ((qu * self.slot_mults[s]) >> self.mshift).astype(np.intp)

    def lookup(self, q: np.ndarray) -> np.ndarray:
        """Position in ``keys`` of every query key (int64), -1 where it is not one of them."""
        q = np.asarray(q, np.int64)
        if not len(self.keys):
            return np.full(len(q), -1, np.intp)
        cand = self._cands(q.view(np.uint64))
        return np.where(self.keys[cand] == q, cand, -1)   # an empty slot (-1) reads the last key

    def find(self, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(positions in ``q`` of keys in the index, their positions in ``keys``)."""
        q = np.asarray(q, np.int64)
        if not len(self.keys):
            return np.zeros(0, np.intp), np.zeros(0, np.intp)
        cand = self._cands(q.view(np.uint64))
        at = np.flatnonzero(self.keys[cand] == q)
        return at, cand[at]
