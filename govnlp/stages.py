"""The registered pipeline stages, in order: read → normalize → segment → tables → claims
→ themes → reconcile.  Each is a small function ``stage(doc: Document) -> None`` that adds
its part to ``doc.report``; :mod:`govnlp.pipeline` runs the names listed in its config.
"""
from __future__ import annotations

from typing import Callable

from .document import Document

STAGES: dict[str, Callable[[Document], None]] = {}


def register_stage(name: str):
    """Decorator: make ``func`` available to pipeline configs under ``name``."""
    def deco(func: Callable[[Document], None]) -> Callable[[Document], None]:
        STAGES[name] = func
        return func
    return deco


@register_stage("normalize")
def normalize_stage(doc: Document) -> None:
    from .normalize import detect_script, fold_width, normalize
    folded = fold_width(doc.text)
    doc.norm = normalize(doc.text, folded)
    doc.report.meta["script"] = detect_script(doc.text, doc.norm, folded)


@register_stage("segment")
def segment_stage(doc: Document) -> None:
    from .meta import find_agency, find_year
    from .segment import find_headings, make_sections, split_sentences
    from .tables.locate import crawled_regions, pipe_regions

    src, norm, rep = doc.source, doc.norm, doc.report
    start = src.body_start
    pipes = [(a, b, "pipe") for a, b in pipe_regions(doc.text, start)]
    blocked = [(a, b) for a, b, _ in pipes]
    headings = find_headings(norm, start, blocked)
    crawled = crawled_regions(norm, start, [h.start for h in headings], blocked)
    if crawled:
        blocked += [(a, b) for a, b, _ in crawled]
        headings = find_headings(norm, start, blocked)
    doc.table_regions = sorted(pipes + crawled)
    doc.headings = headings
    rep.sections = make_sections(doc.text, headings, start)
    rep.sentences = split_sentences(doc.text, norm, rep.sections, headings, sorted(blocked),
                                    src.hard_wrapped)
    title = src.meta.get("title")
    rep.meta["agency"] = find_agency(norm[start:], title)
    rep.meta["year"] = find_year(norm[start:], title, src.meta.get("published"))
    for key in ("title", "published", "url", "publisher"):
        if src.meta.get(key):
            rep.meta[key] = src.meta[key]
    if not doc.text.strip():
        doc.warn("empty document: no text to analyse")
    elif not rep.sentences:
        doc.warn("no narrative sentences found (table-only or unrecognised document)")


@register_stage("tables")
def tables_stage(doc: Document) -> None:
    from .tables.stage import read_tables
    read_tables(doc)


@register_stage("claims")
def claims_stage(doc: Document) -> None:
    from .claims.stage import find_claims_stage
    find_claims_stage(doc)


@register_stage("themes")
def themes_stage(doc: Document) -> None:
    from .themes.stage import label_themes
    label_themes(doc)


@register_stage("reconcile")
def reconcile_stage(doc: Document) -> None:
    from .reconcile.stage import reconcile
    reconcile(doc)
