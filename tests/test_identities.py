"""Each identity of fields.yaml with a passing and a violating case built from real tables."""
from __future__ import annotations

from pathlib import Path

import pytest

import govnlp
from govnlp.reconcile.identities import load_rules
from govnlp.tables.schema import load_fields

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
S000 = (CORPUS / "seeds" / "000_d22fa7e95b50c23a.txt").read_text(encoding="utf-8")
S001 = (CORPUS / "seeds" / "001_e90c2bdef7009ef2.txt").read_text(encoding="utf-8")
S004 = (CORPUS / "seeds" / "004_337eb759f5836954.txt").read_text(encoding="utf-8")
D2021 = (CORPUS / "dev" / "pingtan_syq_2021.txt").read_text(encoding="utf-8")
H2011 = str(CORPUS / "dev" / "html" / "pingtan_county_2011.html")


def _finding(text: str, fid: str):
    rep = govnlp.extract(text)
    hits = [f for f in rep.findings if f.id == fid]
    assert len(hits) == 1, [f.id for f in rep.findings]
    return hits[0]


def _edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_every_fields_yaml_table_identity_is_a_rule():
    ids = {r.id for r in load_rules()}
    table_ids = {k for k in load_fields()["identities"] if not k.startswith("cross_year")}
    assert table_ids == ids
    for r in load_rules():
        assert r.severity in ("error", "warning") and r.message and r.templates


# (rule finding id, passing text, violating text)
OTHER_ROW = "(六)其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
SUB1 = "(六)其他处理 | 1.申请人无正当理由"
CASES = [
    ("requests.balance@total", S001,
     _edit(S001, "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 1 |")),
    ("requests.results_sum@natural_person", S001,
     _edit(S001, "2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "2.重复申请 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |")),
    ("requests.row_total@new_received", S000,
     _edit(S000, "一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |",
           "一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 6 |")),
    ("requests.other_sum@total", _edit(S001, SUB1, OTHER_ROW + SUB1),
     _edit(S001, SUB1, OTHER_ROW.replace("0 |\n", "2 |\n") + SUB1)),
    ("appeals.review_total@review.total", S000,
     _edit(S000, "2 | 0 | 3 | 0 | 5 | 4 |", "2 | 0 | 3 | 0 | 6 | 4 |")),
    ("appeals.direct_total@litigation.direct.total", S000,
     _edit(S000, "| 4 | 0 | 0 | 2 | 6 |", "| 4 | 0 | 0 | 2 | 7 |")),
    ("appeals.after_review_total@litigation.after_review.total", D2021,
     _edit(D2021, "10203120001200000", "10203120001200001")),
    ("legacy.parts@legacy.staff.total", S004,
     _edit(S004, "(三)從事政府信息公開工作人員數 |\n人 |\n42 |", "(三)從事政府信息公開工作人員數 |\n人 |\n45 |")),
]


@pytest.mark.parametrize("fid,good,bad", CASES, ids=[c[0] for c in CASES])
def test_identity_pass_and_violation(fid, good, bad):
    ok = _finding(good, fid)
    assert ok.status == "consistent", ok
    assert ok.expected == ok.observed and ok.spans and ok.fields
    v = _finding(bad, fid)
    assert v.status == "violated", v
    assert v.expected != v.observed
    assert v.message and "不等于" in v.message


def test_violation_on_high_confidence_cells_blames_the_report():
    bad = CASES[0][2]
    f = _finding(bad, "requests.balance@total")
    assert (f.cause, f.severity) == ("report", "error") and f.confidence >= 0.9
    assert "第一项加第二项之和（0）不等于第三项加第四项之和（1）" in f.message
    rep = govnlp.extract(bad)
    assert rep.fields["requests.carried_forward.total"].value == "1"   # the value is never changed


def test_violation_on_run_together_cells_blames_extraction_when_unsure():
    # crawled 2021 appeals row edited so that no split satisfies its three totals:
    # the split is a guess, its cells are low-confidence, and violations blame the extraction
    bad = _edit(D2021, "10203120001200000", "10203120001200009")
    rep = govnlp.extract(bad)
    viol = [f for f in rep.findings if f.rule.startswith("appeals.") and f.status == "violated"]
    assert viol and all(f.cause == "extraction" and f.confidence < 0.9 for f in viol)
    f = _finding(D2021, "appeals.review_total@review.total")
    assert f.cause == "report" and f.status == "consistent"


def test_legacy_received_parts_from_html_page():
    f = _finding(H2011, "legacy.parts@legacy.requests.received")
    assert f.status == "consistent"
    assert "legacy.requests.other_form" in f.fields


def test_blank_total_over_filled_part_is_unverifiable_not_violated():
    f = _finding(S004, "legacy.parts@legacy.requests.received")   # 收到申请数 blank, 网络申请数 12
    assert f.status == "unverifiable"
    f = _finding(S004, "legacy.parts@legacy.requests.closed")     # 申请办结数 blank, 按时办结数 12
    assert f.status == "unverifiable"


def test_broken_row_leaves_its_identities_unverifiable():
    f = _finding(S000, "requests.row_total@granted")
    assert f.status == "unverifiable" and f.cause == "extraction"


def test_finding_ids_are_stable_across_runs():
    a = [(f.id, f.status) for f in govnlp.extract(S000).findings]
    b = [(f.id, f.status) for f in govnlp.extract(S000).findings]
    assert a == b and len(set(i for i, _ in a)) == len(a)
