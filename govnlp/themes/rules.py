"""Cue rules for sentence themes, read from ``cues.yaml`` (rules as data).

Each label's score is a noisy-or of the weights of its matching cues, times ``(1 - w)`` for each
matching negative cue.  Section priors and the theme of the sub-heading above a sentence enter the
same noisy-or with weights below the threshold: they lean, they do not decide.  See cues.yaml.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from .keyhash import KeyIndex
from .labels import LABELS, OTHER, Unit

CUES_PATH = Path(__file__).with_name("cues.yaml")


@lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> dict:
    """The compiled rule set (cached): cues per label, section priors, heading cues."""
    import yaml
    raw = yaml.safe_load(Path(path or CUES_PATH).read_text(encoding="utf-8"))
    cues = []
    for label, entries in raw["labels"].items():
        k = LABELS.index(label)
        for e in entries:
            if e.get("weight", 0) <= 0:
                continue
            cues.append((k, re.compile(e["pattern"], re.M), float(e["weight"]),
                         frozenset(e.get("sections") or ()), bool(e.get("heading", False)),
                         bool(e.get("negative", False))))
    priors = {kind: {LABELS.index(l): float(w) for l, w in d.items()}
              for kind, d in (raw.get("section_priors") or {}).items()}
    heads = [(LABELS.index(l), re.compile(p)) for l, p in (raw.get("heading_cues") or {}).items()]
    return {"threshold": float(raw.get("threshold", 0.5)), "cues": cues, "priors": priors,
            "heading_cues": heads, "heading_weight": float(raw.get("heading_weight", 0.9)),
            "subheading_prior": float(raw.get("subheading_prior", 0.4))}


def rule_scores(units: Sequence[Unit], path: str | None = None) -> np.ndarray:
    """An (n, 8) array of rule scores in [0, 1], in :data:`LABELS` order, for the sentences of
    one report in reading order (sub-heading priors run forward within a section).

    A cue (and a heading cue) matches a sentence when ``pat.search(sentence)`` does; which ones do
    is found for all cues at once by their trigger strings (:func:`_cue_rows`).

    >>> from govnlp.themes.labels import Unit, LABELS
    >>> s = rule_scores([Unit("三是政策解读形式单一。", "problems")])[0]
    >>> sorted(LABELS[k] for k in range(8) if s[k] >= 0.5)
    ['policy_interpretation', 'problems_improvements']
    """
    r = load_rules(path)
    n = len(units)
    out = np.zeros((n, len(LABELS)))
    if not n:
        return out
    texts = [u.text.replace("\n", " ") for u in units]
    joined = "\n".join(texts)
    kind_list = [u.section for u in units]
    kinds = np.array(kind_list)
    head_list = [u.heading for u in units]
    sub_list = [not h and _is_subheading(u) for u, h in zip(units, head_list)]
    subhead = np.array(sub_list, bool)
    head = np.array(head_list, bool) | subhead
    head_list = head.tolist()
    plan = _plan(path)
    cue_ids, rows = _cue_rows(plan, joined, texts)
    real = cue_ids < plan.ncues                       # the rest are heading cues
    keep, neg = _noisy_or(plan, cue_ids[real], rows[real], kind_list, head_list, n)
    hc, hr = cue_ids[~real] - plan.ncues, rows[~real]
    on_head = head[hr]
    keep[hr[on_head], plan.head_label[hc[on_head]]] *= 1 - r["heading_weight"]
    body = ~head
    for kind, pri in r["priors"].items():
        m = body & (kinds == kind)
        for k, w in pri.items():
            keep[m, k] *= 1 - w
    out[head] = (1 - keep[head]) * neg[head]
    # the sub-heading in force: the last one above, within the same section, no heading between
    ref = [-1] * n
    cur, last_kind = -1, None
    for i, (kind, h, sh) in enumerate(zip(kinds.tolist(), head_list, sub_list)):
        if kind != last_kind or (h and not sh):
            cur, last_kind = -1, kind
        if sh:
            cur = i
        elif not h:
            ref[i] = cur
    ref = np.array(ref)
    m = ref >= 0
    keep[m, :OTHER] *= 1 - r["subheading_prior"] * out[ref[m], :OTHER]
    out[body] = (1 - keep[body]) * neg[body]
    return out


# -- trigger plan: which cues can match which sentences, found in one vectorised pass ----------
#
# Every cue is reduced (once, from its parsed pattern) to *triggers*: a set of plain strings one of
# which every match of the cue contains.  Where a top-level alternative of the cue is a small finite
# set of strings (no anchors, classes of a few characters, bounded repeats), those strings are the
# triggers and each is also *sufficient*: a sentence holding it matches.  All triggers of all cues
# are found in a report at once with numpy (first two characters looked up in a sorted key array,
# the rest compared column by column); a sentence holding a sufficient trigger is a hit, one holding
# only necessary triggers is confirmed with ``pat.search(sentence)`` — the definition of a hit.  A
# cue that yields no triggers is searched as before (:func:`_hits`).

try:
    from re import _constants as _C, _parser as _P
except ImportError:                              # Python 3.10
    import sre_constants as _C                   # type: ignore[no-redef]
    import sre_parse as _P                       # type: ignore[no-redef]

_LIMIT = 256          # largest string set a piece of a pattern is expanded to


def _items(p) -> list:
    return list(p.data) if hasattr(p, "data") else list(p)


def _cat(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    if a is None or b is None:
        return None
    out = {x + y for x in a for y in b}
    return out if len(out) <= _LIMIT else None


def _lang(items: list) -> set[str] | None:
    """All strings the op sequence matches, when that is a small finite set of plain strings; else
    None (categories such as ``\\d``, negated classes, anchors, lookarounds, unbounded repeats…)."""
    out: set[str] | None = {""}
    for op, av in items:
        out = _cat(out, _lang_op(op, av))
        if out is None:
            return None
    return out


def _lang_op(op, av) -> set[str] | None:
    if op is _C.LITERAL:
        return {chr(av)}
    if op is _C.IN:
        chars: set[str] = set()
        for o, a in av:
            if o is _C.LITERAL:
                chars.add(chr(a))
            elif o is _C.RANGE and a[1] - a[0] < 64:
                chars.update(map(chr, range(a[0], a[1] + 1)))
            else:
                return None
        return chars
    if op is _C.SUBPATTERN:
        _group, add_flags, del_flags, p = av
        return None if add_flags or del_flags else _lang(_items(p))
    if op is _C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            s = _lang(_items(alt))
            if s is None:
                return None
            out |= s
        return out if len(out) <= _LIMIT else None
    if op is _C.MAX_REPEAT or op is _C.MIN_REPEAT:
        lo, hi, item = av
        if hi > 8:
            return None
        s = _lang(_items(item))
        if s is None:
            return None
        out, cur = set(), {""}
        for k in range(hi + 1):
            if k >= lo:
                out |= cur
            if k < hi:
                cur = _cat(cur, s)
                if cur is None:
                    return None
        return out if len(out) <= _LIMIT else None
    return None


def _better(best: set[str] | None, s: set[str] | None) -> set[str] | None:
    """The more selective of two trigger sets (longer shortest string, then fewer strings)."""
    if not s or "" in s:
        return best
    if best is None:
        return s
    return s if (min(map(len, s)), -len(s)) > (min(map(len, best)), -len(best)) else best


def _rep_lang(op, av) -> set[str] | None:
    """The language of one repetition of a repeat that matches at least once (else None)."""
    if op in _REPEATS and av[0] >= 1:
        return _lang(_items(av[2]))
    return None


def _runs(items: list) -> list[set[str]]:
    """The finite languages of the contiguous runs of ops (a repeat that matches at least once may
    end a run with its first repetition, or start one with its last), without the empty string."""
    out: list[set[str]] = []
    for a in range(len(items)):
        starts: list[tuple[set[str], int]] = [({""}, a)]
        r = _rep_lang(*items[a])
        if r is not None:
            starts.append((r, a + 1))
            out.append(r)
        for acc, b0 in starts:
            cur: set[str] | None = acc
            for b in range(b0, len(items)):
                s = _lang_op(*items[b])
                if s is None:
                    r = _rep_lang(*items[b])
                    if r is not None:
                        end = _cat(cur, r)
                        if end is not None:
                            out.append(end)
                    break
                cur = _cat(cur, s)
                if cur is None:
                    break
                out.append(cur)
    return [x for x in out if x and "" not in x]


def _need(items: list) -> set[str] | None:
    """A set of non-empty strings one of which every match of the op sequence contains (None when
    none is found): the best of the finite languages of its runs of ops and of what its groups,
    alternations and repeats (at least once) need."""
    whole = _lang(items)
    if whole is not None and "" not in whole:
        return whole
    best = None
    for run in _runs(items):
        best = _better(best, run)
    for op, av in items:
        best = _better(best, _need_op(op, av))
    return best


def _need_op(op, av) -> set[str] | None:
    if op is _C.SUBPATTERN:
        _group, add_flags, del_flags, p = av
        return None if add_flags or del_flags else _need(_items(p))
    if op is _C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            s = _need(_items(alt))
            if not s:
                return None
            out |= s
        return out
    if (op is _C.MAX_REPEAT or op is _C.MIN_REPEAT) and av[0] >= 1:
        return _need(_items(av[2]))
    return None


def _sufficient(items: list) -> set[str]:
    """Strings whose presence alone makes the op sequence match: the languages of its finite
    top-level alternatives."""
    whole = _lang(items)
    if whole is not None:
        return whole
    if len(items) == 1:
        op, av = items[0]
        if op is _C.BRANCH:
            return set().union(*(_sufficient(_items(alt)) for alt in av[1]))
        if op is _C.SUBPATTERN and not av[1] and not av[2]:
            return _sufficient(_items(av[3]))
    return set()


def _groups(items: list) -> list[set[str]] | None:
    """Trigger sets of an op sequence, every one of which a match must hit (one string of each):
    one set for a finite language or an alternation, else the best run and what each op needs,
    less the sets another one implies (each of its strings holds one of theirs)."""
    whole = _lang(items)
    if whole is not None and "" not in whole:
        return [whole]
    if len(items) == 1:
        op, av = items[0]
        if op is _C.SUBPATTERN and not av[1] and not av[2]:
            return _groups(_items(av[3]))
        need = _need(items)
        return [need] if need else None
    cands = [_need(items)] + _runs(items) + [_lang_op(op, av) or _need_op(op, av) for op, av in items]
    out: list[set[str]] = []
    for s in cands:
        if s and "" not in s and s not in out:
            out.append(s)
    keep = list(out)
    for g in out:               # h implies g when each string of h holds one of g: g adds nothing
        if any(h is not g and all(any(x in y for x in g) for y in h) for h in keep):
            keep = [h for h in keep if h is not g]
    return keep or None


def _triggers(pat: re.Pattern) -> tuple[list[set[str]], set[str]] | None:
    """(trigger sets that every match hits, the triggers among them whose presence alone is a
    match) of a cue, or None: search it plainly."""
    if pat.flags & (re.IGNORECASE | re.LOCALE):
        return None
    items = _items(_P.parse(pat.pattern, pat.flags))
    if any(op is _C.GROUPREF or op is _C.GROUPREF_EXISTS for op, _ in _walk(items)):
        return None
    groups = _groups(items)
    if not groups:
        return None
    for g in groups:
        if any("\n" in t or t == "" for t in g):
            return None
    return groups, (groups[0] & _sufficient(items) if len(groups) == 1 else set())


_REPEATS = tuple(getattr(_C, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(_C, name))


def _walk(items: list):
    """Every op of a parsed pattern, nested ones included."""
    for op, av in items:
        yield op, av
        if op is _C.SUBPATTERN:
            yield from _walk(_items(av[3]))
        elif op is _C.BRANCH:
            for alt in av[1]:
                yield from _walk(_items(alt))
        elif op in _REPEATS:
            yield from _walk(_items(av[2]))
        elif op is _C.ASSERT or op is _C.ASSERT_NOT:
            yield from _walk(_items(av[1]))
        elif op is getattr(_C, "ATOMIC_GROUP", None):
            yield from _walk(_items(av))
        elif op is _C.GROUPREF_EXISTS:
            for sub in av[1:]:
                if sub is not None:
                    yield from _walk(_items(sub))


def _uniq(a: np.ndarray) -> np.ndarray:
    """Sorted distinct values (np.unique without its overhead)."""
    if a.size < 2:
        return a
    a = np.sort(a)
    keep = np.empty(a.size, bool)
    keep[0] = True
    np.not_equal(a[1:], a[:-1], out=keep[1:])
    return a[keep]


class _Plan:
    """The cues of a rule set as arrays: triggers by their first two characters (or their only one),
    trigger → (cue, trigger set, sufficient), and per cue its label, log(1 - w), negative flag and
    filters."""

    def __init__(self, cues: list, heading_cues: list) -> None:
        self.ncues = len(cues)
        self.head_label = np.array([k for k, _ in heading_cues], np.int64)
        self.pats = [c[1] for c in cues] + [p for _, p in heading_cues]
        self.label = np.array([c[0] for c in cues], np.int64)
        self.lw = np.array([float(np.log1p(-c[2])) if c[2] < 1 else -50.0 for c in cues])
        self.negative = np.array([c[5] for c in cues], bool)
        self.sections = [c[3] for c in cues]
        self.heading_only = [c[4] for c in cues]
        self.filtered = np.array([bool(c[3]) or c[4] for c in cues], bool)
        self.scan: list[int] = []                       # cues searched the plain way
        ngroups = [0] * len(self.pats)
        tids: dict[str, int] = {}
        by_trig: list[list[tuple[int, int, bool]]] = []
        for ci, pat in enumerate(self.pats):
            tr = _triggers(pat)
            if tr is None:
                self.scan.append(ci)
                continue
            groups, suff = tr
            ngroups[ci] = len(groups)
            for gi, g in enumerate(groups):
                for t in sorted(g):
                    if t not in tids:
                        tids[t] = len(tids)
                        by_trig.append([])
                    by_trig[tids[t]].append((ci, gi, t in suff))
        self.G = max(ngroups + [1])
        self.ngroups = np.array(ngroups, np.int64)
        trig = list(tids)
        # trigger → (cue, group, sufficient), CSR
        self.tcnt = np.array([len(x) for x in by_trig], np.int64)
        self.tptr = np.concatenate([[0], np.cumsum(self.tcnt)[:-1]]).astype(np.int64)
        flat = [x for xs in by_trig for x in xs]
        self.tcue = np.array([c for c, _, _ in flat], np.int64)
        self.tgrp = np.array([g for _, g, _ in flat], np.int64)
        self.tsuff = np.array([s for _, _, s in flat], bool)
        # triggers by the key of their first (up to) three characters: one perfect hash of the
        # keys, key → triggers (CSR); characters after the third are compared column by column
        singles = [(t, i) for t, i in tids.items() if len(t) == 1]
        self.singles = [(ord(t), i) for t, i in singles] if len(singles) <= 8 else []
        self.key1 = not self.singles and bool(singles)    # one-character keys in the hash
        by_key: dict[int, list[int]] = {}
        for t, i in sorted(tids.items(), key=lambda x: x[1]):
            if len(t) > 1 or self.key1:
                by_key.setdefault(_key(t[:3]), []).append(i)
        items = sorted(by_key.items())
        self.ix = KeyIndex([k for k, _ in items])
        self.kcnt = np.array([len(ids) for _, ids in items], np.int64)
        self.kptr = np.concatenate([[0], np.cumsum(self.kcnt)[:-1]]).astype(np.int64)
        self.ktrig = np.array([i for _, ids in items for i in ids], np.int64)
        self.kmulti = bool((self.kcnt != 1).any())
        self.lmax = max((len(t) for t in trig), default=3)
        tch = np.full((max(len(trig), 1), max(self.lmax, 3)), -1, np.int64)
        for t, i in tids.items():
            tch[i, :len(t)] = [ord(ch) for ch in t]
        self.tail = tch[:, 3:]                          # characters after the first three
        self.tail_cols = np.arange(3, self.lmax, dtype=np.int64)
        self.has_tail = np.array([len(t) > 3 for t in trig], bool)


_TAG1 = np.int64(-2 ** 62)       # tags keep keys of 1, 2 and 3 characters apart (bits 63 and 62)
_TAG2 = np.int64(-2 ** 63)


def _key(t: str) -> int:
    """Exact int64 key of a string of 1 to 3 characters (21 bits each, tagged by length)."""
    k = 0
    for ch in t:
        k = (k << 21) | ord(ch)
    return k | int(_TAG1) if len(t) == 1 else k | int(_TAG2) if len(t) == 2 else k


@lru_cache(maxsize=4)
def _plan(path: str | None = None) -> _Plan:
    r = load_rules(path)
    return _Plan(r["cues"], r["heading_cues"])


def _expand(cnt: np.ndarray) -> np.ndarray:
    """0..cnt[i]-1 for every i, concatenated."""
    total = int(cnt.sum())
    return np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(cnt) - cnt, cnt)


def _cue_rows(plan: _Plan, joined: str, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(cue, sentence) of every cue match, sorted by cue then sentence; the same pairs as
    ``pat.search(texts[i])`` over every cue and sentence."""
    n = len(texts)
    cp = np.frombuffer(joined.encode("utf-32-le"), np.uint32).astype(np.int64)
    N = len(cp)
    # keys of the 2- and 3-character strings at every position (and of single characters when
    # there are many one-character triggers), looked up at once
    q = [((cp[:-1] << 21) | cp[1:]) | _TAG2, (cp[:-2] << 42) | (cp[1:-1] << 21) | cp[2:]]
    if plan.key1:
        q.insert(0, cp | _TAG1)
    at, ki = plan.ix.find(np.concatenate(q))       # at ascending: segment by segment
    if plan.key1:
        i1, i2 = np.searchsorted(at, [N, 2 * N - 1])
        pos = np.concatenate([at[:i1], at[i1:i2] - N, at[i2:] - (2 * N - 1)])
    else:
        i2 = np.searchsorted(at, max(N - 1, 0))
        pos = np.concatenate([at[:i2], at[i2:] - max(N - 1, 0)])
    if plan.kmulti:
        cnt = plan.kcnt[ki]
        pos = np.repeat(pos, cnt)
        tid = plan.ktrig[np.repeat(plan.kptr[ki], cnt) + _expand(cnt)]
    else:
        tid = plan.ktrig[plan.kptr[ki]]
    long_ = np.flatnonzero(plan.has_tail[tid])
    if long_.size:
        tail = plan.tail[tid[long_]]
        cpp = np.concatenate([cp, np.full(plan.lmax, -2, np.int64)])
        bad = ~((cpp[pos[long_, None] + plan.tail_cols] == tail) | (tail == -1)).all(1)
        if bad.any():
            keep = np.ones(len(pos), bool)
            keep[long_[bad]] = False
            pos, tid = pos[keep], tid[keep]
    pos_parts, tid_parts = [pos], [tid]
    for ch, i in plan.singles:
        P = np.flatnonzero(cp == ch)
        pos_parts.append(P)
        tid_parts.append(np.full(P.size, i, np.int64))
    hits = np.zeros(0, np.int64)
    extra: list[int] = []
    pos = np.concatenate(pos_parts) if len(pos_parts) > 1 else pos_parts[0]
    if pos.size:
        tid = np.concatenate(tid_parts) if len(tid_parts) > 1 else tid_parts[0]
        # sentence of each position: texts are joined by one "\n" each
        bounds = np.cumsum(np.fromiter(map(len, texts), np.int64, n) + 1)
        row = np.searchsorted(bounds, pos, side="right")
        cnt = plan.tcnt[tid]
        j = np.repeat(plan.tptr[tid], cnt) + _expand(cnt)
        key = plan.tcue[j] * n + np.repeat(row, cnt)
        suff = plan.tsuff[j]
        hits = _uniq(key[suff])
        if not suff.all():
            G = plan.G
            k3 = _uniq(key[~suff] * G + plan.tgrp[j[~suff]])
            k = k3 // G
            first = np.empty(k.size, bool)
            if k.size:
                first[0] = True
                np.not_equal(k[1:], k[:-1], out=first[1:])
            starts_ = np.flatnonzero(first)
            kk = k[starts_]
            ngot = np.diff(np.append(starts_, k.size))
            cand = kk[ngot == plan.ngroups[kk // n]]
            if cand.size:
                hit_set = set(hits.tolist())
                pats = plan.pats
                for c_i in cand.tolist():
                    if c_i not in hit_set:
                        c, i = divmod(c_i, n)
                        if pats[c].search(texts[i]):
                            extra.append(c_i)
    if plan.scan:
        starts, ends, p = [], [], 0
        for t in texts:
            starts.append(p)
            ends.append(p + len(t))
            p += len(t) + 1
        for c in plan.scan:
            extra += [c * n + i for i in _hits(plan.pats[c], joined, texts, starts, ends)]
    if extra:
        hits = _uniq(np.concatenate([hits, np.array(extra, np.int64)]))
    return hits // n, hits % n


def _noisy_or(plan: _Plan, cue: np.ndarray, row: np.ndarray, kind_list: list[str],
              head_list: list[bool], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Π(1 - w) over the matching positive cues and over the negative cues, (n, 8) each; the cues
    of a cell multiply in cue order (one ``bincount`` of log(1 - w), as before)."""
    L = len(LABELS)
    f = np.flatnonzero(plan.filtered[cue])
    if f.size:
        drop = [j for j, c, i in zip(f.tolist(), cue[f].tolist(), row[f].tolist())
                if (plan.sections[c] and kind_list[i] not in plan.sections[c])
                or (plan.heading_only[c] and not head_list[i])]
        if drop:
            m = np.ones(len(cue), bool)
            m[drop] = False
            cue, row = cue[m], row[m]
    cells = row * L + plan.label[cue]
    logs = plan.lw[cue]
    ng = plan.negative[cue]
    keep = np.exp(np.bincount(cells[~ng], logs[~ng], minlength=n * L)).reshape(n, L)
    neg = np.exp(np.bincount(cells[ng], logs[ng], minlength=n * L)).reshape(n, L)
    return keep, neg


def _hits(pat: re.Pattern, joined: str, texts: list[str], starts: list[int], ends: list[int]) -> set[int]:
    """Indices of the sentences in which ``pat`` matches."""
    rows: set[int] = set()
    search, pos, end = pat.search, 0, len(joined)
    while pos <= end:
        m = search(joined, pos)
        if m is None:
            break
        i = bisect_right(starts, m.start()) - 1
        if m.end() <= ends[i]:
            rows.add(i)
        else:                                  # ran across a boundary: check each sentence touched
            j = bisect_right(starts, m.end()) - 1
            rows.update(x for x in range(i, j + 1) if pat.search(texts[x]))
        pos = ends[i] + 1                      # one hit per sentence is enough: go to the next
    return rows


_SUBHEAD = re.compile(r"^(\(?[一二三四五六七八九十]{1,3}[)、]|[0-9]{1,2}[、.])")


def _is_subheading(u: Unit) -> bool:
    """A short numbered line such as "(四)政府信息公开平台建设情况" (not "一是…" list items)."""
    t = u.text.strip()
    return len(t) <= 25 and bool(_SUBHEAD.match(t))
