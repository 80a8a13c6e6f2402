"""Load a theme model directory of either backend (by the ``format`` in its ``model.json``)."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from ..errors import ModelError
from .combine import Combination
from .labels import LABELS


class Predictor:
    """A loaded model plus the combination rule it was trained with."""

    def __init__(self, model, combination: Combination, path: Path):
        self.model, self.combination, self.path = model, combination, path

    def predict_proba(self, units) -> np.ndarray:
        return self.model.predict_proba(units)


def load_predictor(path: str | Path) -> Predictor:
    from .model import FORMAT as SK_FORMAT, ThemeClassifier, read_model_json
    path = Path(path)
    meta = read_model_json(path)
    fmt = meta["format"]
    if fmt == SK_FORMAT:
        model = ThemeClassifier.load(path)
    elif fmt.startswith("govnlp-themes-transformers/"):
        from .transformers_backend import TransformersThemeModel
        model = TransformersThemeModel.load(path)
    else:
        raise ModelError(f"{path}: unknown theme model format {fmt!r}")
    comb = (model.extra or {}).get("combination")
    if comb:
        if len(comb.get("rule_weight", ())) != len(LABELS) or len(comb.get("thresholds", ())) != len(LABELS):
            raise ModelError(f"{path}: combination needs {len(LABELS)} weights and thresholds")
        combination = Combination(comb["rule_weight"], comb["thresholds"])
    else:                                   # model alone, with its own thresholds
        combination = Combination([0.0] * len(LABELS), list(model.thresholds_))
    return Predictor(model, combination, path)
