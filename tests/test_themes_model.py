"""ThemeClassifier: fit/predict, validation, safe persistence."""
import json
import pickle

import numpy as np
import pytest

from govnlp.errors import ModelError
from govnlp.themes.labels import LABELS, Unit
from govnlp.themes.model import ThemeClassifier, ngram_keys
from govnlp.themes.predictor import load_predictor

TEXTS = ["在门户网站开设政策解读栏目。", "全年主动公开政府信息4578条。", "收到依申请公开3件,均已答复。",
         "开展保密审查。", "组织培训2次,纳入绩效考核。", "三是政策解读形式单一。", "无。",
         "政务新媒体账号备案5个。", "主动公开规范性文件12件。", "依申请公开办结率100%。"]
Y = [["platform_building", "policy_interpretation"], ["proactive_disclosure"], ["request_disclosure"],
     ["information_management"], ["supervision_guarantee"], ["policy_interpretation", "problems_improvements"],
     ["other"], ["platform_building"], ["proactive_disclosure"], ["request_disclosure"]]


@pytest.fixture(scope="module")
def fitted():
    units = [Unit(t, "problems" if "单一" in t else "overview") for t in TEXTS]
    return ThemeClassifier(min_df=1).fit(units, Y), units


def test_fit_predict(fitted):
    clf, units = fitted
    p = clf.predict_proba(units)
    assert p.shape == (len(TEXTS), len(LABELS)) and np.all((p > 0) & (p < 1))
    pred = clf.predict(units)
    assert all(labs == sorted(labs) for labs in pred)
    assert "request_disclosure" in pred[2]


def test_fast_path_equals_sparse_matrix_product(fitted):
    clf, units = fitted
    assert np.allclose(clf.decision_function(units), clf.transform(units) @ clf.coef_ + clf.intercept_)


def test_save_load_round_trip_identical(fitted, tmp_path):
    clf, units = fitted
    clf.thresholds_ = np.linspace(0.3, 0.6, len(LABELS))
    clf.save(tmp_path / "m")
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == ["arrays.npz", "model.json"]
    back = ThemeClassifier.load(tmp_path / "m")
    # coefficients are stored as float32: probabilities agree to float32 precision
    assert np.allclose(back.predict_proba(units), clf.predict_proba(units), atol=1e-6)
    again = ThemeClassifier.load(tmp_path / "m")
    assert np.array_equal(back.predict_proba(units), again.predict_proba(units))
    assert back.predict(units) == ThemeClassifier.load(tmp_path / "m").predict(units)
    assert np.allclose(back.thresholds_, clf.thresholds_)


def test_input_validation(fitted):
    clf, _ = fitted
    with pytest.raises(TypeError, match="sequence of sentences"):
        clf.predict_proba("一句话")
    with pytest.raises(TypeError, match="sentence 1"):
        clf.predict_proba(["好", 3])
    with pytest.raises(ValueError, match="unknown label 'platform'"):
        ThemeClassifier().fit(["a", "b"], [["platform"], ["other"]])
    with pytest.raises(ValueError, match="2 sentences but Y has 1"):
        ThemeClassifier().fit(["a", "b"], [["other"]])
    with pytest.raises(ModelError, match="not fitted"):
        ThemeClassifier().predict_proba(["a"])


def test_rejects_pickle_and_unknown_formats(tmp_path, fitted):
    clf, _ = fitted
    pk = tmp_path / "pickled"
    pk.mkdir()
    (pk / "model.pkl").write_bytes(pickle.dumps({"coef": [1, 2, 3]}))
    with pytest.raises(ModelError, match="no model.json"):
        load_predictor(pk)
    unknown = tmp_path / "unknown"
    unknown.mkdir()
    (unknown / "model.json").write_text(json.dumps({"format": "sklearn-pickle/1"}))
    with pytest.raises(ModelError, match="unknown theme model format"):
        load_predictor(unknown)
    # arrays holding pickled objects are refused (np.load with allow_pickle=False)
    good = clf.save(tmp_path / "objarr")
    np.savez(good / "arrays.npz", vocab=np.array([object()], dtype=object), idf=np.zeros(1),
             coef=np.zeros((1, 8)), intercept=np.zeros(8))
    with pytest.raises(ModelError):
        load_predictor(good)
    with pytest.raises(ModelError, match="not found"):
        load_predictor(tmp_path / "missing")


def test_ngrams_fold_digits_and_skip_whitespace():
    r1, k1 = ngram_keys(["公开12条"])
    r2, k2 = ngram_keys(["公开 98 条"])
    assert sorted(k1.tolist()) == sorted(k2.tolist())


def test_sklearn_estimator_protocol(fitted):
    from sklearn.base import clone
    clf, units = fitted
    c = clone(clf)
    assert c.get_params() == clf.get_params() and c.vocab_ is None
    assert c.set_params(C=1.0).C == 1.0
    with pytest.raises(ValueError, match="unknown parameter"):
        c.set_params(alpha=1)
