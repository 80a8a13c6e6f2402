"""`govnlp train themes` end to end: sklearn on all annotations; transformers on a tiny random BERT."""
import json
import time

import numpy as np
import pytest

import govnlp
from govnlp.themes.cli import main
from govnlp.themes.labels import LABELS
from govnlp.themes.model import ThemeClassifier
from tests.conftest import ANNOTATIONS



@pytest.fixture(scope="module")
def sklearn_model(tmp_path_factory, corpus):
    out = tmp_path_factory.mktemp("m") / "themes"
    t0 = time.perf_counter()
    rc = main(["train", "themes", "--data", str(ANNOTATIONS), "--backend", "sklearn", "--out", str(out),
               "--seed", "0", "--corpus", str(corpus), "--quiet"])
    return out, rc, time.perf_counter() - t0


def test_sklearn_training_writes_model_metrics_and_card(sklearn_model):
    out, rc, seconds = sklearn_model
    assert rc == 0
    assert {"model.json", "arrays.npz", "metrics.json", "MODEL_CARD.md"} <= {p.name for p in out.iterdir()}
    assert seconds < 300
    m = json.loads((out / "metrics.json").read_text())
    assert m["n_sentences"] == 958 and m["n_reports"] == 14
    for variant in ("combined", "model_alone", "rules_alone"):
        assert set(m[variant]["per_label"]) == set(LABELS)
        for d in m[variant]["per_label"].values():
            assert set(d) == {"precision", "recall", "f1", "support"}
    # the acceptance criteria of the default model
    assert m["combined"]["micro"]["f1"] >= 0.85
    for lab in m["named_themes"]:
        assert m["combined"]["per_label"][lab]["f1"] >= 0.85, lab
    card = (out / "MODEL_CARD.md").read_text()
    assert "leave-one-report-out" in card and "Rules alone" in card


def test_training_is_reproducible(sklearn_model, tmp_path, corpus):
    out, _, _ = sklearn_model
    main(["train", "themes", "--data", str(ANNOTATIONS), "--out", str(tmp_path / "again"), "--seed", "0",
          "--corpus", str(corpus), "--cv", "none", "--quiet"])
    a, b = ThemeClassifier.load(out), ThemeClassifier.load(tmp_path / "again")
    assert np.array_equal(a.vocab_, b.vocab_) and np.array_equal(a.coef_, b.coef_)


def test_extract_uses_the_trained_model(sklearn_model, corpus):
    out, _, _ = sklearn_model
    path = corpus / "seeds" / "001_e90c2bdef7009ef2.txt"
    report = govnlp.extract(str(path), theme_model=str(out))
    assert not [w for w in report.warnings if "theme model" in w]
    by_text = {report.text[s.start:s.end]: s for s in report.sentences}
    s = by_text["三是政策解读形式单一。"]
    assert s.themes == ["policy_interpretation", "problems_improvements"]
    assert set(s.scores) == set(LABELS)


def test_default_model_is_the_committed_one():
    from govnlp.themes.stage import DEFAULT_MODEL_DIR
    root = ANNOTATIONS.parent.parent / "models" / "themes-default"
    for name in ("model.json", "arrays.npz"):
        assert (DEFAULT_MODEL_DIR / name).read_bytes() == (root / name).read_bytes()
    m = json.loads((root / "metrics.json").read_text())
    assert m["combined"]["micro"]["f1"] >= 0.85


def test_transformers_backend_on_a_tiny_random_bert(tmp_path):
    from govnlp.themes.data import read_annotations
    from govnlp.themes.transformers_backend import TransformersThemeModel, build_tiny_bert
    recs = [r for r in read_annotations(ANNOTATIONS)
            if r["doc"] in ("001_e90c2bdef7009ef2", "002_087a8e6c0d9ad53e", "pingtan_syq_2021")]
    data = tmp_path / "data"
    data.mkdir()
    for doc in {r["doc"] for r in recs}:
        rows = [r for r in recs if r["doc"] == doc][:12]
        (data / f"{doc}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                           encoding="utf-8")
    base = build_tiny_bert(tmp_path / "tiny-bert", [r["text"] for r in recs], hidden=32, layers=2)
    cfg = json.loads((base / "config.json").read_text())
    assert cfg["hidden_size"] == 32 and cfg["num_hidden_layers"] == 2
    out = tmp_path / "tiny-themes"
    rc = main(["train", "themes", "--data", str(data), "--backend", "transformers", "--base-model", str(base),
               "--out", str(out), "--epochs", "1", "--seed", "0", "--corpus", str(tmp_path / "none"), "--quiet"])
    assert rc == 0
    m = json.loads((out / "metrics.json").read_text())
    assert m["backend"] == "transformers" and m["n_sentences"] == 36 and "combined" in m
    assert (out / "encoder" / "config.json").is_file() and list((out / "encoder").glob("*.safetensors"))
    model = TransformersThemeModel.load(out)
    p = model.predict_proba(["全年主动公开政府信息12条。", "无。"])
    assert p.shape == (2, len(LABELS)) and np.all((p >= 0) & (p <= 1))
    assert np.allclose(p, TransformersThemeModel.load(out).predict_proba(["全年主动公开政府信息12条。", "无。"]))
    report = govnlp.extract("五、存在的主要问题及改进情况\n三是政策解读形式单一。", theme_model=str(out))
    assert all(s.themes and set(s.scores) == set(LABELS) for s in report.sentences)
    assert not [w for w in report.warnings if "theme model" in w]


def test_cli_errors_are_reported(tmp_path, capsys):
    assert main(["train", "themes", "--data", str(tmp_path), "--out", str(tmp_path / "x")]) == 2
    assert "no *.jsonl" in capsys.readouterr().err
    assert main(["train", "themes", "--data", str(ANNOTATIONS), "--backend", "transformers",
                 "--out", str(tmp_path / "y"), "--quiet"]) == 2
