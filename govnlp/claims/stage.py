"""The claims stage: fill ``Report.claims`` from the narrative sentences."""
from __future__ import annotations

from ..document import Document
from ..report import Claim
from .find import find_in_span
from .structure import assign_parents, clause_start, metric_of, scope_of


def find_claims_stage(doc: Document) -> None:
    """Claims of every narrative sentence, then their structure (parent, metric, scope) and field links."""
    rep = doc.report
    text = doc.text
    norm = doc.norm or text
    claims: list[Claim] = []
    bounds: list[tuple[int, int]] = [(s.start, s.end) for s in rep.sentences]
    headings = {s.index for s in rep.sentences if s.heading}
    for s in rep.sentences:
        if s.heading:
            continue
        prev = s.start
        for f in find_in_span(text, norm, s.start, s.end):
            c = Claim(index=len(claims), start=f.start, end=f.end, text=f.text, value=f.value,
                      unit=f.unit, approx=f.approx, implicit=f.implicit, metric=None, sentence=s.index)
            c.metric = metric_of(norm, text, c, prev, s.end) or None
            c.scope = scope_of(norm, c, clause_start(norm, c.start, s.start), s.start, s.end)
            claims.append(c)
            prev = f.end
    assign_parents(claims, norm, bounds, headings)
    rep.claims = claims
    from .link import link_fields
    link_fields(doc)
