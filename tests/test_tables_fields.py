"""Reading real tables: broken rows, garbled labels, one cell per line, money, negatives,
unmatched pre-2019 rows, template detection from the headers (not the year)."""
from __future__ import annotations

from pathlib import Path

import govnlp
from govnlp.tables.grid import pipe_rows
from govnlp.tables.template import TemplateDetector

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
SEED = {n: CORPUS / "seeds" / f for n, f in [("000", "000_d22fa7e95b50c23a.txt"), ("001", "001_e90c2bdef7009ef2.txt"),
                                               ("002", "002_087a8e6c0d9ad53e.txt"), ("003", "003_04e4e113578bc3e0.txt"),
                                               ("004", "004_337eb759f5836954.txt")]}


def _text(n: str) -> str:
    return SEED[n].read_text(encoding="utf-8")


def test_seed000_broken_rows_still_map_with_a_warning():
    rep = govnlp.extract(_text("000"))
    f = rep.fields
    # (一)予以公开 split over two lines with only six cells: first and last certain, the rest unknown
    assert f["requests.granted.natural_person"].value == "5"
    assert f["requests.granted.total"].value == "5"
    assert "requests.granted.commercial" not in f
    assert any("断行" in w for w in rep.warnings)
    # (六)其他处理 / (七)总计: label on one line, the cells on the next
    assert [f[f"requests.results_total.{c}"].value for c in
            ("natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total")] \
        == ["5", "0", "0", "0", "0", "0", "5"]
    assert f["requests.other.total"].value == "0"


def test_seed000_garbled_label_matched_fuzzily_and_warned():
    rep = govnlp.extract(_text("000"))
    fv = rep.fields["requests.denied.state_secret.natural_person"]
    assert fv.value == "0" and fv.confidence < 0.9
    assert any("1.属于国家 mm" in w for w in rep.warnings)


def test_seed000_money_in_yi_yuan_stored_in_wan_yuan_with_raw_text():
    fv = govnlp.extract(_text("000")).fields["art20_9.procurement.amount"]
    assert (fv.value, fv.unit, fv.raw) == ("47400", "万元", "4.74亿元")


def test_seed003_negative_change_and_truncated_headers():
    rep = govnlp.extract(_text("003"))
    assert rep.fields["art20_5.licensing.change"].value == "-98"
    assert rep.text[rep.fields["art20_5.licensing.change"].start:rep.fields["art20_5.licensing.change"].end] == "-98"
    assert rep.meta["template"] == "2019"


def test_seed004_one_cell_per_line_traditional_blanks_absent():
    rep = govnlp.extract(_text("004"))
    f = rep.fields
    assert rep.meta["template"] == "pre2019"
    assert "legacy.proactive.total" not in f          # blank total ...
    assert f["legacy.proactive.normative_docs"].value == "43"   # ... over a filled part
    assert f["legacy.channels.website"].value == "12745"
    assert f["legacy.staff.full_time"].value == "3"   # label with a (不包括…) remark
    assert f["legacy.fees"].value == "0" and f["legacy.fees"].unit == "万元"
    assert not any(k.startswith("legacy.unmatched") for k in f)


def test_seed004_corrected_rows_go_to_their_parent():
    text = _text("004").replace("(二)被依法糾錯數 |\n件 |\n|", "(二)被依法糾錯數 |\n件 |\n7 |", 1)
    f = govnlp.extract(text).fields
    assert f["legacy.review.corrected"].value == "7"
    assert "legacy.litigation.corrected" not in f


def test_pre2019_unmatched_rows_kept_with_label_and_unit():
    f = govnlp.extract(str(CORPUS / "dev" / "html" / "pingtan_syq_2015.html")).fields
    fv = f["legacy.unmatched[政府信息公开收费减免金额]"]
    assert (fv.value, fv.unit) == ("0", "元")
    assert f["legacy.proactive.total"].value == "2949"


def test_seed002_without_tables():
    rep = govnlp.extract(_text("002"))
    assert rep.fields == {} and rep.meta["template"] == "unknown"


def test_template_from_headers_not_year():
    # a 2021-format table inside a report that says 2019 everywhere
    text = _text("001").replace("2021", "2019").replace("2022", "2020")
    assert govnlp.extract(text).meta["template"] == "2021"
    text = _text("000").replace("2020", "2022").replace("2021", "2023")
    assert govnlp.extract(text).meta["template"] == "2019"
    d = TemplateDetector()
    d.see_legacy()
    assert d.template() == "pre2019"


def test_pipe_rows_spacer_pipes_and_empty_leading_cells():
    text = "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n规章 | 0 | | 3 | ||\n"
    rows = pipe_rows(text, 0)
    assert rows[1].label.text == "规章"
    assert [c.text for c in rows[1].values][:3] == ["0", "", "3"]


def test_blank_dash_slash_cells_are_absent_not_zero():
    text = _text("001").replace("规章 | 0 | 0 | 0 |", "规章 | / | — | 0 |")
    f = govnlp.extract(text).fields
    assert "art20_1.regulations.issued" not in f and "art20_1.regulations.repealed" not in f
    assert f["art20_1.regulations.in_force"].value == "0"


def test_markdown_table():
    text = ("二、主动公开政府信息情况\n| 第二十条第（一）项 | | | |\n|---|---|---|---|\n"
            "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 | 1 | 2 | 3 |\n"
            "| 行政规范性文件 | 4 | 5 | 60 |\n")
    rep = govnlp.extract(text)
    assert rep.meta["template"] == "2021"
    assert rep.fields["art20_1.normative_docs.in_force"].value == "60"
    assert rep.fields["art20_1.regulations.issued"].value == "1"


def test_optional_org_subtotal_column():
    text = _text("001").replace("社会公益组织 | 法律服务机构 | 其他 |", "社会公益组织 | 法律服务机构 | 其他 | 小计 |")
    text = text.replace("一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
                        "一、本年新收政府信息公开申请数量 | 2 | 1 | 0 | 0 | 0 | 1 | 2 | 4 |")
    f = govnlp.extract(text).fields
    assert f["requests.new_received.org_subtotal"].value == "2"
    assert f["requests.new_received.total"].value == "4"
    assert f["requests.new_received.other_org"].value == "1"
    assert "requests.new_received.org_subtotal" not in govnlp.extract(_text("001")).fields


def test_stray_text_cell_after_a_label_still_maps():
    text = _text("001").replace("(三)不予公开 | 1.属于国家秘密 | 0 | 0 |", "(三)不予公开 | 1.属于国家 | mm | 3 | 0 |")
    rep = govnlp.extract(text)
    fv = rep.fields["requests.denied.state_secret.natural_person"]
    assert fv.value == "3" and fv.confidence < 0.9


def test_tables_without_blank_lines_or_headers_between_them():
    # the three 2021 tables of seed 001 back to back, the requests/appeals header rows removed
    lines = [ln for ln in _text("001").splitlines()
             if "|" in ln and not ln.startswith(("(本列数据", "自然人", "商业", "行政复议", "结果"))]
    rep = govnlp.extract("\n".join(lines))
    assert [t.kind for t in rep.tables] == ["proactive_2021", "requests", "appeals"]
    assert rep.fields["art20_8.fees.amount"].value == "7.522"
    assert rep.fields["requests.carried_forward.total"].value == "0"
    assert rep.fields["litigation.after_review.total"].value == "0"


def test_markdown_appeals_row_after_header_and_rule():
    head = "| 行政复议 | | | | | 行政诉讼 |" + " |" * 9 + "\n"
    cols = "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |" * 3 + "\n"
    rule = "|---" * 15 + "|\n"
    data = "| " + " | ".join(["1", "0", "2", "0", "3", "0", "0", "0", "1", "1", "0", "0", "0", "0", "0"]) + " |\n"
    f = govnlp.extract("四、政府信息公开行政复议、行政诉讼情况\n" + head + cols + rule + data).fields
    assert (f["review.total"].value, f["litigation.direct.pending"].value) == ("3", "1")
