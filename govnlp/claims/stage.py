"""The claims stage: fill ``Report.claims`` from the narrative sentences."""
from __future__ import annotations

from ..document import Document
from ..report import Claim
from .find import find_in_sentences
from .structure import assign_parents, clause_start, is_department, metric_of, scope_of


def find_claims_stage(doc: Document) -> None:
    """Claims of every narrative sentence, then their structure (parent, metric, scope) and field links."""
    rep = doc.report
    text = doc.text
    norm = doc.norm or text
    claims: list[Claim] = []
    bounds: list[tuple[int, int]] = [(s.start, s.end) for s in rep.sentences]
    headings = {s.index for s in rep.sentences if s.heading}
    narrative = [s for s in rep.sentences if not s.heading]
    dept = is_department(rep.meta.get("agency"))
    prev_sent, prev = -1, 0
    for i, f in find_in_sentences(text, norm, [(s.start, s.end) for s in narrative]):
        s = narrative[i]
        if s.index != prev_sent:
            prev_sent, prev = s.index, s.start
        c = Claim(index=len(claims), start=f.start, end=f.end, text=f.text, value=f.value,
                  unit=f.unit, approx=f.approx, implicit=f.implicit, metric=None, sentence=s.index)
        c.metric = metric_of(norm, text, c, prev, s.end) or None
        if c.unit in ("%", "％") and claims and claims[-1].sentence == s.index and \
                (c.metric or "") in ("", "占", "占比", "约占", "分别占"):
            c.metric = claims[-1].metric  # …303条，占71.3%: the share of what the count counts
        c.scope = scope_of(norm, c, clause_start(norm, c.start, s.start), s.start, s.end, dept)
        claims.append(c)
        prev = f.end
    assign_parents(claims, norm, bounds, headings)
    rep.claims = claims
    from .link import link_fields
    link_fields(doc)
