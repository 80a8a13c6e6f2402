"""Helpers for the claims tests: run the pipeline up to claims on a text or a corpus file, with
table fields set by hand where the tables stage is not merged yet."""
from __future__ import annotations

import os
from pathlib import Path

from govnlp.document import Document
from govnlp.read import read_source
from govnlp.reconcile.claims_check import check_claims
from govnlp.report import FieldValue
from govnlp.stages import STAGES

CORPUS = Path(os.environ.get("GOVNLP_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus"))


def seed(name: str) -> Path:
    hits = sorted(CORPUS.glob(f"*/{name}*.txt"))
    assert hits, f"corpus file {name} not found under {CORPUS}"
    return hits[0]


def analyse(source: str | Path, template: str | None = None, fields: dict | None = None,
            check: bool = True, end_to_end: bool = False) -> Document:
    """Document after normalize/segment/tables/claims (+ the claims checks).

    ``fields`` (id → value string or FieldValue) and ``template`` are set after the tables stage
    unless ``end_to_end`` is true and the tables stage produced fields itself.
    """
    doc = Document(read_source(str(source)))
    for name in ("normalize", "segment", "tables"):
        STAGES[name](doc)
    if not (end_to_end and doc.report.fields):
        if template is not None:
            doc.report.meta["template"] = template
        if fields is not None:
            doc.report.fields = {k: v if isinstance(v, FieldValue) else FieldValue(str(v), 0, 0, 0)
                                 for k, v in fields.items()}
    STAGES["claims"](doc)
    if check:
        check_claims(doc)
    return doc


def claim(doc: Document, text: str, nth: int = 0):
    hits = [c for c in doc.report.claims if c.text == text]
    assert len(hits) > nth, f"no claim {text!r}: {[c.text for c in doc.report.claims]}"
    return hits[nth]


def finding(doc: Document, fid: str):
    hits = [f for f in doc.report.findings if f.id == fid]
    assert hits, f"no finding {fid}: {[f.id for f in doc.report.findings]}"
    return hits[0]
