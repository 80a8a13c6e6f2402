"""The tables stage: interpret located tables into ``Report.tables`` and ``Report.fields``.

``|`` blocks (including the text the HTML/DOCX/PDF readers derive from real tables) are read
cell by cell; crawled stretches whose cells run together are split with :mod:`.solve`.
"""
from __future__ import annotations

import re

from ..document import Document
from ..report import Table
from . import crawled as cr
from .fields import Mapped, map_appeals, map_legacy, map_proactive, map_requests
from .grid import Row, pipe_rows
from .schema import fold, requests_columns, requests_spec
from .solve import legacy_equations, solve
from .template import TemplateDetector
from .values import is_blank

# header rows that open a table: (kind, words of which any must occur, words that must all occur)
_MARKERS = [("requests", ("勾稽关系", "申请人情况"), ()), ("appeals", ("行政复议",), ("行政诉讼",)),
            ("legacy", ("统计指标", "指标名称", "计量单位"), ()), ("proactive", ("第二十条", "信息内容"), ())]


def _row_kind(row: Row, norm: str) -> str | None:
    """The table a header row opens; a data row opens one only when nothing else can mean it
    (the first requests row, a label-less row of 15 numbers)."""
    nums = [c for c in row.values if not is_blank(c.text)]
    if nums:
        if row.label is not None and "本年新收政府信息公开申请数量" in fold(row.label.text):
            return "requests"
        if row.label is None and row.unit is None and len(nums) >= 15:
            return "appeals"
        return None
    if row.unit is not None:
        return None
    text = fold("".join(norm[c.start:c.end] for c in row.cells))
    for kind, anyw, allw in _MARKERS:
        if any(w in text for w in anyw) and all(w in text for w in allw):
            return kind
    return None


def split_tables(rows: list[Row], norm: str) -> list[tuple[str, list[Row]]]:
    """Cut a ``|`` block's rows into tables at header rows that open a new table."""
    out: list[tuple[str, list[Row]]] = []
    for row in rows:
        k = _row_kind(row, norm)
        if k and (not out or out[-1][0] != k):
            out.append((k, [row]))
        elif out:
            out[-1][1].append(row)
        else:
            out.append(("unknown", [row]))
    return out


def _guess_kind(rows: list[Row], norm: str) -> str:
    labels = [fold(r.label.text, numbering=True) for r in rows if r.label is not None]
    req = set(requests_spec().rows.values())
    if sum(1 for lab in labels if lab in req) >= 3:
        return "requests"
    if any(r.unit is not None for r in rows):
        return "legacy"
    return "unknown"


def read_tables(doc: Document) -> None:
    """Fill ``report.tables``, ``report.fields`` and ``meta['template']``."""
    rep, text, norm = doc.report, doc.text, doc.norm
    detector = TemplateDetector()
    found: list[tuple[str, int, int, list[Row], str]] = []   # kind, start, end, rows, how
    for a, b, how in doc.table_regions:
        if how == "pipe":
            for kind, rows in split_tables(pipe_rows(text, a, b), norm):
                if not any(c.text for r in rows for c in r.cells):
                    continue
                if kind == "unknown":
                    kind = _guess_kind(rows, norm)
                cells = [c for r in rows for c in r.cells]
                s = min((c.start for c in cells), default=a)
                e = max((c.end for c in cells), default=b)
                found.append((kind, s, e, rows, "pipe"))
        else:
            found.append((how, a, b, [], "crawled"))
    for kind, a, b, rows, how in found:
        if kind == "proactive":
            detector.see_proactive(norm[a:b])
        elif kind == "legacy":
            detector.see_legacy()
    template = detector.template()
    for kind, a, b, rows, how in found:
        idx = len(rep.tables)
        if how == "crawled":
            rows = _crawled_rows(doc, kind, a, b, template)
        tkind = kind
        if kind == "proactive":
            t = cr.template_of(norm[a:b]) or (template if template in ("2019", "2021") else "2021")
            tkind = "proactive_" + t
            m = map_proactive(rows, idx, t, doc.warn)
        elif kind == "requests":
            header = " | ".join(c.text for r in rows if not any(not is_blank(v.text) for v in r.values)
                                for c in r.cells)
            m = map_requests(rows, idx, doc.warn, requests_columns(header if how == "pipe" else
                                                                      norm[a:a + 120]))
            detector.see_requests(m.keys)
        elif kind == "appeals":
            m = map_appeals(rows, idx, doc.warn)
        elif kind == "legacy":
            m = map_legacy(rows, idx, doc.warn)
        else:
            m = Mapped()
        rep.tables.append(Table(idx, tkind, a, b, [[c.text for c in r.cells] for r in rows if r.cells]))
        for fid, fv in m.fields.items():
            rep.fields.setdefault(fid, fv)
        doc.printed_fields |= m.printed | set(m.fields)
    rep.meta["template"] = detector.template()


def _crawled_rows(doc: Document, kind: str, a: int, b: int, template: str) -> list[Row]:
    text, norm = doc.text, doc.norm
    if kind == "proactive":
        t = cr.template_of(norm[a:b]) or (template if template in ("2019", "2021") else "2021")
        return solve(cr.proactive_blobs(text, norm, a, b, t), kind, warn=doc.warn)
    if kind == "requests":
        first = re.search(r"本年新收", norm[a:b])
        cols = requests_columns(norm[a:a + first.start()] if first else "")
        blobs = [x for x in cr.requests_blobs(text, norm, a, b, cols) if x.blob]
        return solve(blobs, kind, warn=doc.warn)
    if kind == "appeals":
        return solve(cr.appeals_blob(text, norm, a, b), kind, warn=doc.warn)
    if kind == "legacy":
        blobs = [x for x in cr.legacy_blobs(text, norm, a, b) if x.blob]
        parents = _legacy_parts(blobs)
        ncols = 1 + (blobs[0].extra_cols if blobs else 0)
        return solve(blobs, kind, eqs=legacy_equations(parents, ncols), warn=doc.warn)
    return []


def _legacy_parts(blobs: list[cr.Blob]) -> dict[int, list[int]]:
    """Rows introduced by 其中： and numbered 1. 2. … are the parts of the row before them."""
    parents: dict[int, list[int]] = {}
    cur = None
    for i, bl in enumerate(blobs):
        lab = (bl.label.text if bl.label else "").strip()
        if lab.startswith("其中"):
            cur = i - 1 if i else None
            if cur is not None:
                parents[cur] = [i]
        elif cur is not None and lab[:1].isdigit():
            parents[cur].append(i)
        else:
            cur = None
    return {p: k for p, k in parents.items() if len(k) >= 2}
