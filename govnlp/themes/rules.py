"""Cue rules for sentence themes, read from ``cues.yaml`` (rules as data).

Each label's score is a noisy-or of the weights of its matching cues, times ``(1 - w)`` for each
matching negative cue.  Section priors and the theme of the sub-heading above a sentence enter the
same noisy-or with weights below the threshold: they lean, they do not decide.  See cues.yaml.
"""
from __future__ import annotations

import re
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
            cues.append((k, re.compile(e["pattern"]), float(e["weight"]),
                         frozenset(e.get("sections") or ()), bool(e.get("heading", False)),
                         bool(e.get("negative", False))))
    priors = {kind: {LABELS.index(l): float(w) for l, w in d.items()}
              for kind, d in (raw.get("section_priors") or {}).items()}
    heads = [(LABELS.index(l), re.compile(p)) for l, p in (raw.get("heading_cues") or {}).items()]
    return {"threshold": float(raw.get("threshold", 0.5)), "cues": cues, "priors": priors,
            "heading_cues": heads, "heading_weight": float(raw.get("heading_weight", 0.9)),
            "subheading_prior": float(raw.get("subheading_prior", 0.4))}


def rule_scores(units: Sequence[Unit], path: str | None = None) -> np.ndarray:
    """An (n, 8) array of rule scores in [0, 1], in :data:`LABELS` order.

    >>> from govnlp.themes.labels import Unit, LABELS
    >>> s = rule_scores([Unit("三是政策解读形式单一。", "problems")])[0]
    >>> sorted(LABELS[k] for k in range(8) if s[k] >= 0.5)
    ['policy_interpretation', 'problems_improvements']
    """
    r = load_rules(path)
    out = np.zeros((len(units), len(LABELS)))
    sub_prior = None            # theme scores of the sub-heading currently in force
    last_section = None
    for i, u in enumerate(units):
        keep = np.ones(len(LABELS))          # Π(1 - w) over positive evidence
        neg = np.ones(len(LABELS))
        for k, pat, w, sections, heading_only, negative in r["cues"]:
            if sections and u.section not in sections:
                continue
            if heading_only and not u.heading:
                continue
            if pat.search(u.text):
                if negative:
                    neg[k] *= 1 - w
                else:
                    keep[k] *= 1 - w
        if u.section != last_section:
            sub_prior, last_section = None, u.section
        head = u.heading or _is_subheading(u)
        if head:
            for k, pat in r["heading_cues"]:
                if pat.search(u.text):
                    keep[k] *= 1 - r["heading_weight"]
            sub_prior = None
        if not head:
            for k, w in r["priors"].get(u.section, {}).items():
                keep[k] *= 1 - w
            if sub_prior is not None:
                keep[:OTHER] *= 1 - r["subheading_prior"] * sub_prior[:OTHER]
        out[i] = (1 - keep) * neg
        if head and not u.heading:
            sub_prior = out[i].copy()
    return out


_SUBHEAD = re.compile(r"^(\(?[一二三四五六七八九十]{1,3}[)、]|[0-9]{1,2}[、.])")


def _is_subheading(u: Unit) -> bool:
    """A short numbered line such as "(四)政府信息公开平台建设情况" (not "一是…" list items)."""
    t = u.text.strip()
    return len(t) <= 25 and bool(_SUBHEAD.match(t))
