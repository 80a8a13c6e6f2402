"""The `govnlp` spaCy component: sentences, themes and claims on a Doc; displaCy renders claims."""
import spacy
from spacy import displacy

import govnlp.themes.spacy_component as comp
from govnlp.report import Claim, Report, Sentence

from tests.conftest import SAMPLE_REPORT as TEXT


def test_factory_registered_and_entry_point_declared():
    assert "govnlp" in spacy.blank("zh").factory_names
    import tomllib
    from tests.conftest import ROOT
    eps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]["spacy_factories"]
    assert eps["govnlp"] == "govnlp.themes.spacy_component:make_govnlp"


def test_sentences_and_themes_on_blank_zh():
    nlp = spacy.blank("zh")
    nlp.add_pipe("govnlp")
    doc = nlp(TEXT)
    sents = [(s.text.strip(), s._.themes) for s in doc.sents]
    assert ("全年主动公开政府信息4578条,其中发布新闻1269条。", ["proactive_disclosure"]) in sents
    assert ("三是政策解读形式单一。", ["policy_interpretation", "problems_improvements"]) in sents
    report = doc._.govnlp
    assert len(sents) == len(report.sentences) == 13
    s = next(s for s in doc.sents if s.text.startswith("三是"))
    assert set(s._.theme_scores) >= {"other", "platform_building"}
    labels = [sp.label_ for sp in doc.spans["govnlp_sentences"]]
    assert "policy_interpretation|problems_improvements" in labels


def test_boundaries_with_text_that_tokenises_across_sentence_ends():
    nlp = spacy.blank("zh")
    nlp.add_pipe("govnlp", config={"theme_model": "rules"})
    doc = nlp("依申请公开3件。全部答复。\n\n无。")
    texts = [s.text.strip() for s in doc.sents]
    assert texts == ["依申请公开3件。", "全部答复。", "无。"]


def test_claims_render_with_displacy():
    nlp = spacy.blank("zh")
    doc = nlp.make_doc(TEXT)
    start = TEXT.index("4578条")
    report = Report(text=TEXT, sentences=[Sentence(0, TEXT.index("全年"), TEXT.index("。") + 1, None)],
                    claims=[Claim(0, start, start + 5, "4578条", "4578", "条", False, False, "主动公开政府信息", 0)])
    comp.set_annotations(doc, report)
    spans = doc.spans["govnlp_claims"]
    assert [(s.text, s.label_) for s in spans] == [("4578条", "主动公开政府信息/条")]
    html = displacy.render(doc, style="span", options={"spans_key": "govnlp_claims"}, page=False)
    assert html.count("主动公开政府信息/条") == 1     # one labelled span ...
    assert html.count('font-weight: bold; display: inline-block') == 5   # ... over its 5 tokens 4 5 7 8 条


def test_component_without_claims_stage_results_sets_no_claim_spans():
    nlp = spacy.blank("zh")
    nlp.add_pipe("govnlp", config={"theme_model": "rules"})
    doc = nlp(TEXT)
    assert list(doc.spans["govnlp_claims"]) == [sp for sp in doc.spans["govnlp_claims"]]
    assert len(doc.spans["govnlp_claims"]) == len(doc._.govnlp.claims)
