"""Cue rules on the annotation guide's example sentences (spec/annotation-guide.md §2)."""
import numpy as np
import pytest

from govnlp.themes.labels import LABELS, Unit, decide
from govnlp.themes.rules import load_rules, rule_scores


def rules_labels(units):
    return decide(rule_scores(units), [load_rules()["threshold"]] * len(LABELS))


@pytest.mark.parametrize("text,section,expected", [
    ("在政府门户网站开设“政策解读”栏目,将该栏目设置调整为门户网站政务公开的重要内容。", "overview",
     ["platform_building", "policy_interpretation"]),
    ("三是政策解读形式单一。", "problems", ["policy_interpretation", "problems_improvements"]),
    ("截止目前已注销新媒体账号3个,备案新媒体账号5个。", "overview", ["platform_building"]),
    ("全年主动公开政府信息4578条,其中发布新闻1269条。", "overview", ["proactive_disclosure"]),
    ("2020年共收到5起依申请信息公开,其中2起为乌鲁木齐市转办我区,均答复完毕。", "overview",
     ["request_disclosure"]),
    ("信息公开时必须填写《信息发布保密审查表》。", "overview", ["information_management"]),
    ("将政务公开工作纳入绩效考核分值权重不低于4%。", "overview", ["supervision_guarantee"]),
    ("无其他需要报告的事项。", "other_matters", ["other"]),
])
def test_guide_examples(text, section, expected):
    got = rules_labels([Unit(text, section)])[0]
    assert set(expected) <= set(got), got
    if expected == ["other"]:
        assert got == ["other"]


def test_headings_take_the_theme_they_introduce():
    units = [Unit("五、存在的主要问题及改进情况", "problems", heading=True),
             Unit("(四)政府信息公开平台建设情况", "overview")]
    assert rules_labels(units) == [["problems_improvements"], ["platform_building"]]


def test_section_prior_leans_but_does_not_decide():
    r = load_rules()
    # a bland sentence in 五、存在的主要问题 gets a prior below the threshold ...
    s = rule_scores([Unit("全年工作顺利完成。", "problems")])[0]
    k = LABELS.index("problems_improvements")
    assert 0 < s[k] < r["threshold"]
    # ... and with one weak cue it crosses it, which it would not do elsewhere
    weak = "下一步继续做好相关工作。"
    assert rule_scores([Unit(weak, "problems")])[0][k] > rule_scores([Unit(weak, "overview")])[0][k]


def test_subheading_prior_runs_until_the_next_heading():
    units = [Unit("(四)政府信息公开平台建设情况", "overview"), Unit("全年工作顺利完成。", "overview"),
             Unit("(五)监督保障情况", "overview"), Unit("全年工作顺利完成。", "overview")]
    s = rule_scores(units)
    pb = LABELS.index("platform_building")
    assert s[1, pb] > 0 and s[3, pb] == 0
    assert s[1, pb] < load_rules()["threshold"]


def test_scores_are_probabilities_in_label_order():
    s = rule_scores([Unit("三是政策解读形式单一。", "problems"), Unit("")])
    assert s.shape == (2, len(LABELS)) and np.all((s >= 0) & (s <= 1))
    assert rule_scores([]).shape == (0, len(LABELS))


def test_patterns_do_not_leak_across_sentences():
    # "申请" at the end of one sentence and "件" at the start of the next must not join up
    a = rule_scores([Unit("我们提出申请"), Unit("件事情很重要。")])
    b = rule_scores([Unit("件事情很重要。")])
    assert np.allclose(a[1], b[0])
