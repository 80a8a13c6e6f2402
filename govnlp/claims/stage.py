"""The claims stage: fill ``Report.claims`` from the narrative sentences."""
from __future__ import annotations

from ..document import Document
from ..report import Claim
from .find import find_in_span


def find_claims_stage(doc: Document) -> None:
    """Claims of every narrative sentence, then their structure (parent, metric, scope) and field links."""
    rep = doc.report
    norm = doc.norm or doc.text
    claims: list[Claim] = []
    for s in rep.sentences:
        if s.heading:
            continue
        for f in find_in_span(doc.text, norm, s.start, s.end):
            claims.append(Claim(index=len(claims), start=f.start, end=f.end, text=f.text, value=f.value,
                                unit=f.unit, approx=f.approx, implicit=f.implicit, metric=None,
                                sentence=s.index))
    rep.claims = claims
