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

    Each cue is searched once over all sentences joined by newlines (patterns are compiled with
    ``re.M``, so ``^``/``$`` anchor at sentence bounds); a match that runs across a sentence
    boundary is re-checked inside the sentences it touches.

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
    starts, ends, pos = [], [], 0
    for t in texts:
        starts.append(pos)
        ends.append(pos + len(t))
        pos += len(t) + 1
    kind_list = [u.section for u in units]
    kinds = np.array(kind_list)
    subhead = np.fromiter((not u.heading and _is_subheading(u) for u in units), bool, n)
    head = np.fromiter((u.heading for u in units), bool, n) | subhead
    head_list = head.tolist()
    L = len(LABELS)
    cells: list[int] = []                     # flat (row, label) cells and log(1 - w) of each hit
    logs: list[float] = []
    neg_cells: list[int] = []
    neg_logs: list[float] = []
    for k, pat, w, sections, heading_only, negative in r["cues"]:
        rows = _hits(pat, joined, texts, starts, ends)
        if not rows:
            continue
        if sections:
            rows = [i for i in rows if kind_list[i] in sections]
        if heading_only:
            rows = [i for i in rows if head_list[i]]
        lw = float(np.log1p(-w)) if w < 1 else -50.0
        if negative:
            neg_cells += [i * L + k for i in rows]
            neg_logs += [lw] * len(rows)
        else:
            cells += [i * L + k for i in rows]
            logs += [lw] * len(rows)
    keep = np.exp(np.bincount(np.array(cells, np.int64), np.array(logs), minlength=n * L)).reshape(n, L)
    neg = np.exp(np.bincount(np.array(neg_cells, np.int64), np.array(neg_logs), minlength=n * L)).reshape(n, L)
    hw = 1 - r["heading_weight"]
    for i in np.flatnonzero(head):
        for k, pat in r["heading_cues"]:
            if pat.search(texts[i]):
                keep[i, k] *= hw
    body = ~head
    for kind, pri in r["priors"].items():
        m = body & (kinds == kind)
        for k, w in pri.items():
            keep[m, k] *= 1 - w
    out[head] = (1 - keep[head]) * neg[head]
    # the sub-heading in force: the last one above, within the same section, no heading between
    ref = np.full(n, -1)
    cur, last_kind = -1, None
    for i in range(n):
        if kinds[i] != last_kind or (head[i] and not subhead[i]):
            cur, last_kind = -1, kinds[i]
        if subhead[i]:
            cur = i
        elif not head[i]:
            ref[i] = cur
    m = ref >= 0
    keep[m, :OTHER] *= 1 - r["subheading_prior"] * out[ref[m], :OTHER]
    out[body] = (1 - keep[body]) * neg[body]
    return out


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
