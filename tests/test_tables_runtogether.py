"""Splitting crawled table text whose cells run together, checked against the HTML pages."""
from __future__ import annotations

from pathlib import Path

import govnlp
from govnlp.tables.runtogether import candidates

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def test_candidates_respect_leading_zeros_minus_and_spaces():
    assert [c.texts for c in candidates("000", 3, 0)] == [["0", "0", "0"]]
    assert candidates("05", 1, 0) == []                        # no leading zeros
    assert [c.texts for c in candidates("105", 2, 0)] == [["10", "5"]]
    texts = [c.texts for c in candidates("2648-18538", 3, 0)]
    assert ["2648", "-18", "538"] in texts
    assert all(t.count("-") <= 1 and "-" not in t[1:] for c in texts for t in c)
    assert [c.texts for c in candidates("0 0 00 00 0", 7, 0)] == [["0"] * 7]
    assert candidates("12", 3, 0) == []


def test_offsets_of_split_cells():
    text = "行政处罚1282行政强制42"
    (c,) = candidates(text[4:8], 1, 4)
    assert text[c.spans[0][0]:c.spans[0][1]] == "1282"


def test_row_totals_fix_the_split_of_requests_rows():
    rep = govnlp.extract(str(CORPUS / "dev" / "pingtan_syq_2021.txt"))
    f = rep.fields
    assert [f[f"requests.new_received.{c}"].value for c in
            ("natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total")] \
        == ["64", "0", "0", "2", "0", "4", "70"]
    assert f["requests.unable.not_held.total"].value == "25"
    assert f["requests.new_received.total"].confidence >= 0.9
    assert rep.text[f["requests.new_received.total"].start:f["requests.new_received.total"].end] == "70"
    # appeals: 17 digits for 15 cells, fixed by the three totals
    assert [f[k].value for k in ("review.maintained", "review.other", "review.total",
                                 "litigation.direct.maintained", "litigation.direct.total")] == ["1", "2", "3", "12", "12"]


def test_ambiguous_split_is_low_confidence_and_warned():
    rep = govnlp.extract(str(CORPUS / "dev" / "pingtan_syq_2021.txt"))
    fv = rep.fields["art20_1.normative_docs.issued"]          # 行政规范性文件693665: 69|3|665 or 6|93|665 …
    assert fv.value == "69" and fv.confidence < 0.9
    assert any("693665" in w for w in rep.warnings)
    assert rep.fields["art20_1.regulations.issued"].confidence >= 0.9   # 000: only one split


def test_money_with_unit_in_run_together_text():
    rep = govnlp.extract(str(CORPUS / "dev" / "pingtan_syq_2019.txt"))
    fv = rep.fields["art20_9.procurement.amount"]
    assert fv.unit == "万元" and fv.raw.endswith("元") and fv.confidence < 0.9
    assert rep.fields["art20_8.fees.amount" if "art20_8.fees.amount" in rep.fields else "art20_8.fees.prev_items"].value == "35"


def test_pre2019_two_value_columns_split_by_parts():
    rep = govnlp.extract(str(CORPUS / "dev" / "pingtan_county_2011.txt"))
    f = rep.fields
    assert (f["legacy.proactive.total"].value, f["legacy.channels.website"].value,
            f["legacy.channels.gazette"].value) == ("425", "418", "7")
    assert f["legacy.proactive.total"].confidence >= 0.9


def test_blank_cumulative_cell_in_crawled_text():
    rep = govnlp.extract(str(CORPUS / "dev" / "pingtan_syq_2013.txt"))
    fv = rep.fields["legacy.channels.gazette"]     # "2、政府公报公开 条 0": 历年累计 blank
    assert fv.value == "0" and fv.confidence < 0.9


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=999), min_size=6, max_size=6))
def test_true_split_of_a_requests_row_is_always_a_candidate(parts):
    row = [str(p) for p in parts] + [str(sum(parts))]
    blob = "".join(row)
    got = [c.texts for c in candidates(blob, 7, 0, sum_last=True)]
    assert row in got
    assert all(sum(int(t) for t in c[:6]) == int(c[6]) for c in got)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_mutated_crawled_tables_never_crash(data):
    text = (CORPUS / "dev" / "pingtan_syq_2021.txt").read_text(encoding="utf-8")
    i = text.find("第二十条")
    chars = list(text[i:i + 1800])
    for _ in range(data.draw(st.integers(1, 20))):
        j = data.draw(st.integers(0, len(chars) - 1))
        chars[j] = data.draw(st.sampled_from(list("0123456789 -.|\n")))
    rep = govnlp.extract(text[:i] + "".join(chars) + text[i + 1800:])
    for fv in rep.fields.values():
        assert fv.start < fv.end and fv.value.lstrip("-").replace(".", "").isdigit()
