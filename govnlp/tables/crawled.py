"""Crawled table text whose cells run together (``行政处罚1282行政强制42``): find the row
labels in order and cut out each row's stretch of digits (split later by :mod:`.solve`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .grid import VCell
from .schema import appeals_order, fold, load_rules, proactive_spec, requests_spec

_GAP = r"[\s\"'“”‘’()（），,、:：]*"
_NUM_BEFORE = re.compile(r"(?:\d|[一二三四五六七八九十]+)\s*[.、．]\s*$|\(\s*[一二三四五六七八九十]+\s*\)\s*$")
_LEAD = re.compile(r"[\s\"'“”‘’()（），,、:：]*(-?[\d\s.\-]*\d(?:\s*(?:亿元|万元|元))?)")
_UNIT = r"(?:万元|人次|条|件|次|篇|个|人|元)"


@dataclass
class Blob:
    """One table row in run-together text: its label and the digits that follow it."""

    key: str
    fields: list[str]
    blob: str
    start: int
    label: VCell | None = None
    unit: VCell | None = None
    money: set[str] = field(default_factory=set)
    extra_cols: int = 0          # pre-2019: value columns after the reporting year


@lru_cache(maxsize=1024)
def label_pattern(core: str) -> str:
    """Regex for a folded label in normalized text, tolerant of spaces and punctuation."""
    return _GAP.join(re.escape(ch) for ch in core)


def _digits_after(text: str, norm: str, a: int, b: int) -> tuple[str, int]:
    m = _LEAD.match(norm, a, b)
    if not m:
        return "", a
    return text[m.start(1):m.end(1)], m.start(1)


def _find(norm: str, pats: list[str], a: int, b: int) -> re.Match | None:
    best = None
    for p in pats:
        m = _compiled(p).search(norm, a, b)
        if m and (best is None or m.start() < best.start()):
            best = m
    return best


@lru_cache(maxsize=1024)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _label_start(norm: str, s: int, floor: int) -> int:
    m = _NUM_BEFORE.search(norm, max(floor, s - 6), s)
    return m.start() if m else s


def _rows(text: str, norm: str, a: int, b: int,
          specs: list[tuple[str, list[str], list[str], set[str]]]) -> list[Blob]:
    """Find each spec's label in order; the digits right after it are the row's cells."""
    found: list[tuple[str, list[str], set[str], int, int]] = []
    cur = a
    for key, pats, fids, money in specs:
        m = _find(norm, pats, cur, b)
        if not m:
            continue
        found.append((key, fids, money, _label_start(norm, m.start(), cur), m.end()))
        cur = m.end()
    out = []
    for i, (key, fids, money, ls, le) in enumerate(found):
        nxt = found[i + 1][3] if i + 1 < len(found) else b
        blob, start = _digits_after(text, norm, le, nxt)
        out.append(Blob(key, fids, blob, start, VCell(text[ls:le], ls, le), money=money))
    return out


def template_of(norm_region: str) -> str | None:
    """'2021' / '2019' from the header words of a proactive table, else None."""
    f = fold(norm_region)
    score = {t: sum(1 for w in words if w in f)
             for t, words in load_rules()["template_headers"].items() if t != "pre2019"}
    best = max(score, key=score.get)
    return best if score[best] else None


def proactive_blobs(text: str, norm: str, a: int, b: int, template: str) -> list[Blob]:
    specs = []
    for r in proactive_spec(template):
        pats = [label_pattern(x) for x in sorted(r.labels, key=len, reverse=True)]
        specs.append((r.fields[0].rsplit(".", 1)[0], ["|".join(pats)], r.fields, r.money))
    return _rows(text, norm, a, b, specs)


def requests_blobs(text: str, norm: str, a: int, b: int, columns: list[str] | None = None) -> list[Blob]:
    spec = requests_spec()
    columns = columns or spec.columns
    specs = []
    for key in spec.order:
        core = spec.rows[key]
        pat = label_pattern(core)
        if len(core) <= 3 and key.count(".") >= 1:
            pat = r"\d\s*[.、．]\s*" + pat
        specs.append((key, [pat], [f"requests.{key}.{c}" for c in columns], set()))
    return _rows(text, norm, a, b, specs)


def appeals_blob(text: str, norm: str, a: int, b: int) -> list[Blob]:
    m = re.compile(r"\d").search(norm, a, b)
    if not m:
        return []
    blob, start = _digits_after(text, norm, m.start(), b)
    return [Blob("appeals", appeals_order(), blob, start)]


_LEGACY_ROW = re.compile(r"((?:[^\d\s]|\d\s*[、.．](?=\D))(?:[^\d]|\d\s*[、.．](?=\D))*?)\s*(" + _UNIT +
                         r")\s*(?=-?\d)")


def legacy_blobs(text: str, norm: str, a: int, b: int) -> list[Blob]:
    """Rows ``label unit digits`` of a pre-2019 table; labels are matched later."""
    head = re.compile(r"(?:指标名称|统计指标)\s*(?:计量)?单位").search(norm, a, b)
    start = head.end() if head else a
    word = re.compile(r"\s*(?:" + "|".join(load_rules()["legacy_value_headers"]) + ")")
    cols = 0
    while (m := word.match(norm, start, b)):
        start, cols = m.end(), cols + 1
    cols = max(cols, 1)
    found = []
    for m in _LEGACY_ROW.finditer(norm, start, b):
        found.append(m)
    out = []
    for i, m in enumerate(found):
        nxt = found[i + 1].start() if i + 1 < len(found) else b
        blob, bs = _digits_after(text, norm, m.end(), nxt)
        label = VCell(text[m.start(1):m.end(1)], m.start(1), m.end(1))
        unit = VCell(text[m.start(2):m.end(2)], m.start(2), m.end(2))
        out.append(Blob("legacy", [], blob, bs, label, unit, extra_cols=cols - 1))
    return out
