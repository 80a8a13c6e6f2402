"""spaCy pipeline component ``govnlp``: sentences, themes and numeric claims on a ``Doc``.

>>> import spacy, govnlp.themes.spacy_component  # registers the factory (also an entry point)
>>> nlp = spacy.blank("zh")
>>> _ = nlp.add_pipe("govnlp", config={"theme_model": "rules"})
>>> doc = nlp("五、存在的主要问题及改进情况\\n三是政策解读形式单一。")
>>> [(s.text, s._.themes) for s in doc.sents]
[('五、存在的主要问题及改进情况\\n', ['problems_improvements']), ('三是政策解读形式单一。', ['policy_interpretation', 'problems_improvements'])]

What it sets:

* ``doc.sents`` — govnlp's sentence boundaries (whitespace after a sentence stays with it; other
  stretches between sentences, e.g. table rows, become sentences of their own with no themes).  Character offsets map to tokens with
  ``doc.char_span(..., alignment_mode="expand")``.
* ``Span._.themes`` / ``Span._.theme_scores`` on each sentence (``[]`` / ``{}`` off govnlp sentences),
  and ``doc.spans["govnlp_sentences"]`` labelled with the themes joined by ``|``.
* ``doc.spans["govnlp_claims"]`` — one span per claim of ``report.claims``, labelled
  ``metric/unit`` (or the unit alone); render with
  ``displacy.render(doc, style="span", options={"spans_key": "govnlp_claims"})``.
* ``doc._.govnlp`` — the full :class:`govnlp.Report`.
"""
from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

CLAIMS_KEY = "govnlp_claims"
SENTENCES_KEY = "govnlp_sentences"

for _name, _default in (("govnlp", None),):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def _sentence_of(span: Span):
    report = span.doc._.govnlp
    if report is None:
        return None
    index = span.doc.user_data.get("govnlp_sent_by_token", {})
    i = index.get(span.start)
    return report.sentences[i] if i is not None else None


if not Span.has_extension("themes"):
    Span.set_extension("themes", getter=lambda s: list(getattr(_sentence_of(s), "themes", [])))
if not Span.has_extension("theme_scores"):
    Span.set_extension("theme_scores", getter=lambda s: dict(getattr(_sentence_of(s), "scores", {})))


class GovnlpComponent:
    """Runs the govnlp pipeline on ``doc.text`` and writes its results onto the Doc."""

    def __init__(self, nlp: Language, name: str = "govnlp", theme_model: str | None = None,
                 stages: list[str] | None = None):
        from ..pipeline import load
        config: dict[str, Any] = {}
        if theme_model is not None:
            config["theme_model"] = theme_model
        if stages:
            config["stages"] = list(stages)
        self.name = name
        self.pipeline = load(**config)

    def analyse(self, text: str):
        from ..document import Document
        from ..read.text import source_from_text
        return self.pipeline.run(Document(source_from_text(text), config=self.pipeline.config))

    def __call__(self, doc: Doc) -> Doc:
        report = self.analyse(doc.text)
        doc._.govnlp = report
        set_annotations(doc, report)
        return doc


def set_annotations(doc: Doc, report) -> None:
    """Put a govnlp Report's sentences, themes and claims on ``doc`` (its text must be report.text)."""
    doc._.govnlp = report
    n = len(doc)
    starts = [False] * n
    by_token: dict[int, int] = {}
    sent_spans = []
    for s in report.sentences:
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None or len(span) == 0 or span.start in by_token:
            continue
        by_token[span.start] = s.index
        starts[span.start] = True
        j = span.end
        while j < n and doc[j].is_space:         # trailing whitespace stays with the sentence
            j += 1
        if j < n:
            starts[j] = True                     # what follows (a gap or the next sentence) starts anew
        sent_spans.append(Span(doc, span.start, span.end, label="|".join(s.themes)))
    if n:
        starts[0] = True
        for i, tok in enumerate(doc):
            tok.is_sent_start = starts[i]
    doc.user_data["govnlp_sent_by_token"] = by_token
    doc.spans[SENTENCES_KEY] = sent_spans
    claims = []
    for c in report.claims:
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        label = f"{c.metric}/{c.unit}" if c.metric else c.unit
        claims.append(Span(doc, span.start, span.end, label=label))
    doc.spans[CLAIMS_KEY] = claims


@Language.factory("govnlp", default_config={"theme_model": None, "stages": None})
def make_govnlp(nlp: Language, name: str, theme_model: str | None, stages: list[str] | None) -> GovnlpComponent:
    """Factory of the ``govnlp`` component (``nlp.add_pipe("govnlp")``)."""
    return GovnlpComponent(nlp, name, theme_model, stages)
