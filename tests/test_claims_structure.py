"""Parent (共/其中 breakdowns), scope and field links of narrative claims."""
from __future__ import annotations

import pytest

from claims_helpers import analyse, claim, seed


def parents(doc):
    cl = doc.report.claims
    return {c.text: (cl[c.parent].text if c.parent is not None else None) for c in cl}


def test_qizhong_list_in_one_sentence_seed_001():
    doc = analyse(seed("001_"))
    total = claim(doc, "4578条")
    parts = [c for c in doc.report.claims if c.parent == total.index]
    assert [p.text for p in parts][:3] == ["1269条", "444条", "13条"]
    assert len(parts) == 12 and parts[-1].text == "1966条"


def test_bracket_breakdown_nested_in_a_list():
    doc = analyse("一、总体情况\n今年共发布380条财政资金信息，其中专项资金152条，预决算公开197条（政府预决算32条、"
                  "部门预决算公开165条）、“三公”经费27条、债券发行4条。")
    p = parents(doc)
    assert p["152条"] == p["197条"] == p["27条"] == p["4条"] == "380条"
    assert p["32条"] == p["165条"] == "197条"


def test_sentence_opening_with_qizhong_and_parallel_share_sentence():
    doc = analyse("一、总体情况\n2013年主动公开政府信息4970条。其中，区直、县直各单位主动公开政府信息3933条，占79%。"
                  "各乡镇主动公开政府信息1037条，占21%。")
    p = parents(doc)
    assert p["3933条"] == p["1037条"] == "4970条"
    assert p["79%"] is None and p["21%"] is None  # shares never carry a parent


def test_semicolon_continuation():
    doc = analyse("一、总体情况\n今年以来，通过门户网站公开政府信息3636条，其中涉及财政预算决算信息9条；保障性住房信息7条；"
                  "食品安全信息1条。\n网上累计收件9898件。")
    p = parents(doc)
    assert p["9条"] == p["7条"] == p["1条"] == "3636条"
    assert p["9898件"] is None


def test_breakdown_stops_when_parts_reach_the_total():
    doc = analyse("一、总体情况\n办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%；"
                  "无法提供31件，占38.27%；不予处理1件，占1.23%；其他处理2件，占2.47%；"
                  "因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。")
    cl = doc.report.claims
    total = claim(doc, "81件")
    assert [c.text for c in cl if c.parent == total.index] == ["42件", "5件", "31件", "1件", "2件"]
    assert claim(doc, "7件").parent is None


def test_no_marker_no_parent():
    doc = analyse("一、总体情况\n本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。")
    assert all(c.parent is None for c in doc.report.claims)


def test_indefinite_total_gives_no_parent():
    doc = analyse("一、总体情况\n決定取消和調整一批區級行政權力事項，其中取消119項，調整70項(含承接15項、調整39項、整合13項、新增3項)。")
    p = parents(doc)
    assert p["119項"] is None and p["70項"] is None
    assert p["15項"] == p["39項"] == p["13項"] == p["3項"] == "70項"


def test_cross_paragraph_channel_seed_003():
    doc = analyse(seed("003_"))
    total = claim(doc, "583188余条")
    assert [c.text for c in doc.report.claims if c.parent == total.index] == ["456条", "582720条", "12条"]
    assert claim(doc, "84条").parent is None


@pytest.mark.parametrize("text,target,scope", [
    ("2020年共收到5起依申请信息公开,其中2起为乌鲁木齐市转办我区,均答复完毕。", "2起", "region"),
    ("2020年共收到5起依申请信息公开,其中2起为乌鲁木齐市转办我区,均答复完毕。", "5起", "agency"),
    ("截止目前已注销新媒体账号3个,备案新媒体账号5个。", "5个", "region"),
    ("排水许可证5条、申请竣工验收备案16条。", "16条", "agency"),
    ("将政务公开工作纳入绩效考核分值权重不低于4%,并逐步加大分值。", "4%", "other"),
    ("复杂登记事项时间均压缩至3个工作日内。", "3个工作日", "other"),
    ("全区政府信息公开单位均明确一名分管领导和一名经办人员。", "一名", "other"),
    ("以前企業登記申請人需要提交6套材料,填寫申請事項100多項。", "100多項", "other"),
    ("全年主动公开政府信息4578条。", "4578条", "agency"),
])
def test_scope(text, target, scope):
    doc = analyse("一、总体情况\n" + text)
    assert claim(doc, target).scope == scope


REQUESTS_2021 = "三、收到和处理政府信息公开申请情况\n"


@pytest.mark.parametrize("template,text,target,field", [
    ("2019", "2020年共收到5起依申请信息公开,其中2起为乌鲁木齐市转办我区。", "5起", "requests.new_received.total"),
    ("2019", "2020年共收到5起依申请信息公开,其中2起为乌鲁木齐市转办我区。", "2起", None),
    ("2021", "截止2021年底,新区未收到政府信息依申请公开事项。", "未收到政府信息依申请公开事项", "requests.new_received.total"),
    ("2021", "2021年,漳河新区没有产生政府信息处理费。", "没有产生政府信息处理费", None),
    ("2021", "本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。", "69件", "requests.results_total.total"),
    ("2021", "本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。", "1件", "requests.carried_forward.total"),
    ("2021", "予以公开及部分公开42件，占51.85%。", "42件", "requests.granted.total+requests.partial.total"),
    ("2021", "全年办理因政府信息公开申请引发的行政复议36起，行政诉讼9起。", "36起", "review.total"),
    ("2021", "全年办理因政府信息公开申请引发的行政复议36起，行政诉讼9起。", "9起",
     "litigation.direct.total+litigation.after_review.total"),
    ("2021", "动态更新本年度制发的规范性文件77件。", "77件", "art20_1.normative_docs.issued"),
    ("2019", "公开提出申请条件、办理流程和行政复议5个方面具体要求。", "5个", None),
    ("unknown", "2020年共收到5起依申请信息公开。", "5起", None),
    ("pre2019", "2013年主动公开政府信息4970条。", "4970条", "legacy.proactive.total"),
    ("pre2019", "其中，区直、县直各单位主动公开政府信息3933条。", "3933条", None),
    ("pre2019", "开设窗口24个，共受理申请136437件。", "136437件", None),
    ("pre2019", "2015年我区未收到有关政府信息公开行政复议、提起行政诉讼的申请。",
     "未收到有关政府信息公开行政复议、提起行政诉讼的申请", "legacy.review.total+legacy.litigation.total"),
])
def test_field_links(template, text, target, field):
    doc = analyse(REQUESTS_2021 + text, template=template)
    assert claim(doc, target).field == field


def test_legacy_link_needs_the_row_in_the_table():
    text = REQUESTS_2021 + "中国平潭官方微博共发布微博1288条。"
    assert claim(analyse(text, template="pre2019"), "1288条").field == "legacy.channels.weibo"
    doc = analyse(text, template="pre2019", fields={"legacy.proactive.total": "739"})
    assert claim(doc, "1288条").field is None


def test_applicant_columns_under_a_linked_total():
    doc = analyse(REQUESTS_2021 + "2023年全区接收的各类政府信息公开申请共计81件，涉及自然人80件、商业企业1件。",
                  template="2021")
    assert claim(doc, "81件").field == "requests.new_received.total"
    assert claim(doc, "80件").field == "requests.new_received.natural_person"
    assert claim(doc, "1件").field == "requests.new_received.commercial"


def test_region_wide_figure_in_a_departments_report():
    doc = analyse("济宁市兖州区行政审批服务局2020年政府信息公开工作年度报告\n一、总体情况\n"
                  "2020年，全市共受理政府信息公开申请134件，本局收到申请5件。", template="2019")
    assert claim(doc, "134件").scope == "region" and claim(doc, "134件").field is None
    assert claim(doc, "5件").scope == "agency" and claim(doc, "5件").field == "requests.new_received.total"


def test_region_wide_figure_in_a_governments_report_is_agency():
    doc = analyse("平潭综合实验区2021年度政府信息公开工作年度报告\n一、总体情况\n本年度全区共收到70件申请。",
                  template="2021")
    assert claim(doc, "70件").scope == "agency"


@pytest.mark.parametrize("template,text,fields", [
    ("2021", "全年共办理政府信息公开申请25件(含上年结转2件)。", {"25件": "requests.new_received.total+requests.carried_over.total",
                                                       "2件": "requests.carried_over.total"}),
    ("2021", "本年度新收及上年结转政府信息公开申请共30件。", {"30件": "requests.new_received.total+requests.carried_over.total"}),
    ("2021", "因政府信息公开被申请行政复议5件，其中维持3件、纠正1件、尚未审结1件。",
     {"5件": "review.total", "3件": "review.maintained", "1件": "review.corrected"}),
])
def test_sums_of_fields_and_sibling_fields(template, text, fields):
    doc = analyse(REQUESTS_2021 + text, template=template)
    for target, field in fields.items():
        assert claim(doc, target).field == field, target
    if "尚未审结" in text:
        assert claim(doc, "1件", 1).field == "review.pending"


def test_parts_stop_at_their_sum_only_at_a_clause_boundary():
    doc = analyse("一、总体情况\n共收到申请10件，其中自然人6件、法人4件，办结10件。")
    assert claim(doc, "10件", 1).parent is None
    doc = analyse("一、总体情况\n共发布信息100条，其中新闻60条、公告40条、通知10条。")
    assert claim(doc, "10条").parent == claim(doc, "100条").index
