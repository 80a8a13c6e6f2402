"""Choose the split of every run-together row: row identities first (a row total), then the
table's column identities across rows, then plausibility priors.  Values whose split is not
forced are marked low-confidence (0.5); a value is never altered to satisfy an identity.
"""
from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Callable

from .crawled import Blob
from .grid import Row, VCell
from .runtogether import Split, candidates, complete_and_safe, grouped, spread
from .schema import requests_spec

HIGH, FORCED, LOW = 0.95, 0.9, 0.5
Equation = tuple[list[tuple[int, int]], list[tuple[int, int]]]   # (row, col) operands of each side


def _row_ok(key: str, c: Split) -> bool:
    """Hard row constraints."""
    n = c.nums
    if key.startswith("requests") or key in REQUEST_KEYS:
        if len(n) == 8:   # a 小计 column after 其他 or after 自然人
            return (sum(n[1:6]) == n[6] and n[0] + n[6] == n[7]) or \
                (sum(n[2:7]) == n[1] and n[0] + n[1] == n[7])
        return sum(n[:-1]) == n[-1]
    if key == "appeals":
        return all(sum(n[i:i + 4]) == n[i + 4] for i in (0, 5, 10))
    if key.endswith(("licensing", "other_services", "penalty", "enforcement", "fees")) and len(n) >= 2:
        return all(x >= 0 for i, x in enumerate(n) if i != 1)
    if key == "legacy" and len(n) >= 2:
        return n[0] <= n[1]
    return all(x >= 0 for x in n)


def _prior(key: str, c: Split, fields: list[str]) -> tuple:
    """Smaller is more plausible (a plausibility order, used only among equally valid splits)."""
    n = c.nums
    sp = spread(c)
    if key.endswith("art20_1.regulations") or key.endswith("art20_1.normative_docs"):
        if len(n) == 3:
            bad = int(n[2] < n[0]) + int(n[2] < n[1])
            if fields and fields[0].endswith("new_made"):   # 2019: made / published / total
                return (int(n[2] < n[1]), int(n[0] != n[1]), sp)
            return (bad, sp, int(n[0] < n[1]))                 # 2021: issued / repealed / in force
    if len(n) >= 2 and key.endswith(("licensing", "other_services", "penalty", "enforcement", "fees")):
        return (int(abs(n[1]) > n[0]), int(n[1] != 0), sp)
    return (c.space_misses, sp)


REQUEST_KEYS = set(requests_spec().order)


def _equations(kind: str, keys: list[str], ncols: list[int]) -> list[Equation]:
    eqs: list[Equation] = []
    if kind == "requests":
        idx = {k: i for i, k in enumerate(keys)}
        subs = [k for k in ("other.no_correction", "other.no_fee", "other.other") if k in idx]
        leaves = [k for k in keys if k.split(".")[0] in ("granted", "partial", "denied", "unable",
                                                         "not_processed")]
        leaves += subs if subs else [k for k in ("other",) if k in idx]
        for c in range(7):
            if all(k in idx for k in ("new_received", "carried_over", "results_total", "carried_forward")):
                eqs.append(([(idx["new_received"], c), (idx["carried_over"], c)],
                            [(idx["results_total"], c), (idx["carried_forward"], c)]))
            if "results_total" in idx and leaves:
                eqs.append(([(idx["results_total"], c)], [(idx[k], c) for k in leaves]))
    return eqs


def legacy_equations(parents: dict[int, list[int]], ncols: int) -> list[Equation]:
    """Parent row == sum of its listed part rows, for every value column."""
    return [([(p, c)], [(k, c) for k in kids]) for p, kids in parents.items() for c in range(ncols)]


def _score(assign: list[Split], eqs: list[Equation]) -> int:
    s = 0
    for lhs, rhs in eqs:
        if any(len(assign[r].nums) <= c for r, c in lhs + rhs):
            continue
        if sum(assign[r].nums[c] for r, c in lhs) == sum(assign[r].nums[c] for r, c in rhs):
            s += 1
    return s


def solve(blobs: list[Blob], kind: str, keys: list[str] | None = None,
          eqs: list[Equation] | None = None, warn: Callable[[str], None] | None = None) -> list[Row]:
    """Rows of value cells for run-together ``blobs`` (one per blob, in order)."""
    keys = keys or [b.key for b in blobs]
    cands: list[list[Split]] = []
    fewer: set[int] = set()
    for b, key in zip(blobs, keys):
        n = len(b.fields) if b.fields else 1 + b.extra_cols
        info: dict = {}
        group = None
        if key == "appeals" and n == 15 and complete_and_safe(b.blob, n):
            group = grouped(b.blob, b.start, 3, 5)   # when found, the full search is not needed
        if group:
            cs = group
        else:
            cs = candidates(b.blob, n, b.start, max_len=14 if b.money else 10,
                            sum_last=kind == "requests" and n == 7, info=info)
            if info.get("truncated"):
                fewer.add(len(cands))
            if key == "appeals" and n == 15:
                cs = (group if group is not None else grouped(b.blob, b.start, 3, 5)) or cs
        if kind == "requests" and not cs:
            cs = candidates(b.blob, n, b.start, max_len=10)
        ok = [c for c in cs if _row_ok(key, c)]
        cs = ok or cs
        if not cs and b.extra_cols:   # a blank later column (e.g. 历年累计) leaves fewer numbers
            cs = next(([c[0]] for k in range(n - 1, 0, -1) if (c := candidates(b.blob, k, b.start))), [])
            fewer.add(len(cands))
        cs.sort(key=lambda c, k=key, f=b.fields: _prior(k, c, f))
        cands.append(cs)
    if eqs is None:
        eqs = _equations(kind, keys, [])
    top = _joint(cands, eqs)
    rows = []
    for i, (b, key, cs, best) in enumerate(zip(blobs, keys, cands, top)):
        if not cs:
            if b.blob and warn:
                warn(f"表格行“{b.label.text if b.label else key}”的数字“{b.blob}”无法按列拆分")
            rows.append(Row(cells=[c for c in (b.label, b.unit) if c is not None], label=b.label,
                            unit=b.unit, values=[]))
            continue
        chosen = best[0]
        vals = []
        for j, (t, (s, e)) in enumerate(zip(chosen.texts, chosen.spans)):
            if i in fewer:
                conf = LOW
            elif len(cs) == 1:
                conf = HIGH
            elif all(o.texts[j] == t for o in best):
                conf = FORCED
            else:
                conf = LOW
            if j == len(chosen.texts) - 1 and b.blob.rstrip().endswith("元"):
                e = b.start + len(b.blob.rstrip())
                t = t + b.blob.rstrip()[len(b.blob.rstrip().rstrip("亿万元")):]
            vals.append(VCell(t, s, e, conf))
        if len(cs) > 1 and any(v.confidence < FORCED for v in vals) and warn:
            warn(f"表格行“{b.label.text if b.label else key}”的数字“{b.blob}”有多种拆分，取最可能者（低置信度）")
        head = [c for c in (b.label, b.unit) if c is not None]
        rows.append(Row(cells=head + vals, label=b.label, unit=b.unit, values=vals))
    return rows


def _joint(cands: list[list[Split]], eqs: list[Equation]) -> list[list[Split]]:
    """For each row, the candidates that belong to a best-scoring assignment (prior order)."""
    n = len(cands)
    if not eqs or n == 0:
        return [list(cs) for cs in cands]
    amb = [i for i in range(n) if len(cands[i]) > 1]
    base = [cs[0] if cs else None for cs in cands]
    used_rows = {r for lhs, rhs in eqs for r, _ in lhs + rhs}
    if any(base[r] is None for r in used_rows):
        eqs = [(l, r) for l, r in eqs if all(base[x] is not None for x, _ in l + r)]
    amb = [i for i in amb if i in used_rows]
    total = 1
    for i in amb:
        total *= len(cands[i])
    # An equation on unambiguous rows only scores the same in every assignment: count it once.
    amb_set = set(amb)
    var = [e for e in eqs if any(r in amb_set for r, _ in e[0] + e[1])]
    const = _score(base, [e for e in eqs if not any(r in amb_set for r, _ in e[0] + e[1])])
    tops: dict[int, list[Split]] = {}
    if total <= 4_000:
        best, winners = -1, []
        for combo in itertools.product(*[range(len(cands[i])) for i in amb]):
            assign = list(base)
            for i, k in zip(amb, combo):
                assign[i] = cands[i][k]
            s = const + _score(assign, var)
            if s > best:
                best, winners = s, [combo]
            elif s == best:
                winners.append(combo)
        for pos, i in enumerate(amb):
            ks = sorted({w[pos] for w in winners})
            tops[i] = [cands[i][k] for k in ks]
    else:
        assign = list(base)
        for _ in range(3):
            for i in amb:
                scores = []
                for c in cands[i]:
                    assign[i] = c
                    scores.append(const + _score(assign, var))
                m = max(scores)
                tops[i] = [c for c, s in zip(cands[i], scores) if s == m]
                assign[i] = tops[i][0]
    return [tops.get(i, list(cs)) for i, cs in enumerate(cands)]
