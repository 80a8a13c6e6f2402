"""The claims scoring script runs and the extractor keeps the issue's targets on the annotated
seeds + dev reports (claim F1 ≥ 0.97, implicit-zero recall ≥ 0.9, field-link F1 ≥ 0.9).

Field links need table fields: ``--tables auto`` uses the tables stage where it produced fields,
else the gold table annotations (annotations/tables/) — the figures are measured either way."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "evaluation"))

import score_claims  # noqa: E402

from claims_helpers import CORPUS  # noqa: E402

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")


def test_targets(tmp_path, capsys):
    out = tmp_path / "score.json"
    assert score_claims.main(["--json", str(out), "--corpus", str(CORPUS)]) == 0
    total = json.loads(out.read_text(encoding="utf-8"))["all"]
    _, _, f1 = score_claims.prf(total["tp"], total["pred"], total["gold"])
    _, _, link_f1 = score_claims.prf(total["link_tp"], total["link_pred"], total["link_gold"])
    assert f1 >= 0.97
    assert total["implicit_found"] / total["implicit_gold"] >= 0.9
    assert link_f1 >= 0.9
    assert "ALL" in capsys.readouterr().out


def test_matching_counts_overlaps_with_the_same_value():
    gold = [{"start": 0, "end": 5, "value": "4578"}, {"start": 10, "end": 14, "value": "12"}]
    pred = [{"start": 0, "end": 5, "value": "4578"}, {"start": 9, "end": 14, "value": "12"}]
    m, exact = score_claims.match(gold, pred)
    assert m == {0: 0, 1: 1} and exact == 1
