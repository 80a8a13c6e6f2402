"""The claims stage and checks never crash and keep their invariants on arbitrary report-like text."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from claims_helpers import analyse

ALPHABET = list("0123456789.,，。；;、（）()“”《》 \n一二两三十百千万亿几余多近约共其中含包括分别占%条件项个次起余以上内未收到申请无复议诉讼费用第年月日号")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=200))
def test_random_text(body):
    doc = analyse("一、总体情况\n" + body, template="2021", fields={"requests.new_received.total": "3"})
    rep = doc.report
    prev_end = -1
    for i, c in enumerate(rep.claims):
        assert c.index == i and rep.text[c.start:c.end] == c.text and c.start >= prev_end
        prev_end = c.end
        Decimal(c.value)
        assert c.parent is None or (0 <= c.parent < len(rep.claims) and c.parent != i)
        assert c.scope in ("agency", "region", "other")
    ids = [f.id for f in rep.findings]
    assert len(ids) == len(set(ids))
    for f in rep.findings:
        assert f.status in ("violated", "consistent", "unverifiable") and f.message
        assert all(rep.text[a:b] for a, b in f.spans[:1])
