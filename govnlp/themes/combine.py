"""How cue rules and the trained model combine into ``sentences[].scores`` and ``themes``.

The rule (documented in MODEL_CARD.md and docs):

1. The rules give every label a score ``r`` in [0, 1] (noisy-or of cue weights, with section and
   sub-heading priors that stay below the rules' own threshold — see ``cues.yaml``).
2. The model gives every label a calibrated probability ``p`` (Platt-scaled on out-of-fold scores).
3. The combined score of label k is the blend ``s_k = (1 - w_k) * p_k + w_k * r_k``; the rule weight
   ``w_k`` is chosen per label on held-out folds (leave-one-report-out), from a fixed grid.
4. A sentence gets every theme whose ``s_k`` reaches its threshold ``t_k`` (chosen per label on the
   same held-out folds to maximise F1, never on the report being scored); ``["other"]`` when none
   does — ``other`` is exclusive.  ``scores`` reports ``s`` for all 8 labels, rounded to 4 places.

Without a loadable model, ``w = 1`` and ``t = 0.5``: the rules alone decide.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .labels import LABELS, decide

WEIGHT_GRID = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0)
THRESHOLD_GRID = tuple(np.round(np.arange(0.1, 0.91, 0.05), 2))


@dataclass
class Combination:
    """Per-label rule weights and decision thresholds."""

    rule_weight: Sequence[float]
    thresholds: Sequence[float]

    @classmethod
    def rules_only(cls, threshold: float = 0.5) -> "Combination":
        return cls([1.0] * len(LABELS), [threshold] * len(LABELS))

    def scores(self, p_model: np.ndarray | None, p_rules: np.ndarray) -> np.ndarray:
        w = np.asarray(self.rule_weight, dtype=float)
        if p_model is None:
            return p_rules
        return (1.0 - w) * p_model + w * p_rules

    def decide(self, s: np.ndarray) -> list[list[str]]:
        return decide(s, self.thresholds)

    def to_dict(self) -> dict:
        return {"rule_weight": [float(x) for x in self.rule_weight],
                "thresholds": [float(x) for x in self.thresholds]}


def f1(y: np.ndarray, pred: np.ndarray) -> float:
    tp = float(np.sum(y & pred))
    fp, fn = float(np.sum(~y & pred)), float(np.sum(y & ~pred))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def best_threshold(y: np.ndarray, s: np.ndarray) -> tuple[float, float]:
    """(threshold, F1) maximising F1 of ``s >= t`` against ``y`` over THRESHOLD_GRID
    (ties: the threshold nearest 0.5)."""
    y = y.astype(bool)
    best = (0.5, -1.0)
    for t in sorted(THRESHOLD_GRID, key=lambda t: abs(t - 0.5)):
        f = f1(y, s >= t)
        if f > best[1] + 1e-12:
            best = (float(t), f)
    return best


def fit_combination(Y: np.ndarray, p_model: np.ndarray, p_rules: np.ndarray) -> Combination:
    """Choose ``w_k`` and ``t_k`` per label maximising F1 on held-out (out-of-fold) scores."""
    weights, thresholds = [], []
    for k in range(len(LABELS)):
        best = (0.0, 0.5, -1.0)
        for w in WEIGHT_GRID:
            t, f = best_threshold(Y[:, k], (1 - w) * p_model[:, k] + w * p_rules[:, k])
            if f > best[2] + 1e-9:
                best = (w, t, f)
        weights.append(best[0]), thresholds.append(best[1])
    return Combination(weights, thresholds)
