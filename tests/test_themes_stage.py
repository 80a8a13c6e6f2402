"""The themes stage inside govnlp.extract: default model, explicit model, rules, fallback."""
import json
import time

import pytest

import govnlp
from govnlp.themes.labels import LABELS

from tests.conftest import SAMPLE_REPORT as TEXT


def themes(report):
    return {report.text[s.start:s.end]: s.themes for s in report.sentences}


def test_default_model_labels_every_sentence():
    report = govnlp.extract(TEXT)
    assert not report.warnings
    got = themes(report)
    assert got["全年主动公开政府信息4578条,其中发布新闻1269条。"] == ["proactive_disclosure"]
    assert got["三是政策解读形式单一。"] == ["policy_interpretation", "problems_improvements"]
    assert "platform_building" in got["在政府门户网站开设“政策解读”栏目。"]
    assert got["无其他需要报告的事项。"] == ["other"]
    for s in report.sentences:
        assert s.themes == sorted(s.themes) and s.themes
        assert list(s.scores) == list(LABELS)
        assert all(isinstance(v, float) and 0 <= v <= 1 for v in s.scores.values())
    d = json.loads(report.to_json())
    assert d["sentences"][1]["themes"] and len(d["sentences"][1]["scores"]) == 8


def test_rules_only_and_missing_model_fallback(tmp_path):
    rules = govnlp.extract(TEXT, theme_model="rules")
    assert not rules.warnings
    assert themes(rules)["三是政策解读形式单一。"] == ["policy_interpretation", "problems_improvements"]
    missing = govnlp.extract(TEXT, theme_model=str(tmp_path / "nope"))
    assert any("theme model not loaded" in w and "rules alone" in w for w in missing.warnings)
    assert themes(missing) == themes(rules)


def test_real_reports(corpus):
    for path in sorted(corpus.glob("*/*.txt")):
        report = govnlp.extract(str(path))
        assert report.sentences and all(s.themes for s in report.sentences)


def test_theme_stage_is_fast(corpus):
    from govnlp.document import Document
    from govnlp.pipeline import Pipeline
    from govnlp.read import read_source
    from govnlp.themes.stage import label_themes
    docs = []
    for path in sorted(corpus.glob("*/*.txt")):
        doc = Document(read_source(path))
        Pipeline(stages=("normalize", "segment")).run(doc)
        docs.append(doc)
    label_themes(docs[0])
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for doc in docs:
            label_themes(doc)
        best = min(best, (time.perf_counter() - t0) / len(docs))
    assert best < 0.010          # measured ≈ 1.5–3 ms per report; generous for loaded CI machines


def test_import_stays_light():
    import subprocess
    import sys
    code = ("import sys, govnlp; bad = [m for m in ('sklearn', 'torch', 'transformers', 'spacy', 'scipy') "
            "if m in sys.modules]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
