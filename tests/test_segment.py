"""Sections and sentences of every seed and dev report, against expectations written by reading them."""
from __future__ import annotations

import re

import pytest
import yaml

import govnlp
from govnlp.segment import numeral_value, section_kind

from .conftest import DEV, ROOT, SEEDS, corpus_key

EXPECTED = yaml.safe_load((ROOT / "tests" / "data" / "expected_sections.yaml").read_text(encoding="utf-8"))
ALL = SEEDS + DEV


@pytest.mark.parametrize("path", ALL, ids=corpus_key)
def test_sections_match_expectations(nlp, path):
    report = nlp(str(path))
    got = [[s.number, s.kind, s.title] for s in report.sections]
    assert got == EXPECTED[corpus_key(path)]


@pytest.mark.parametrize("path", ALL, ids=corpus_key)
def test_sentences_are_exact_spans_within_one_section(nlp, path):
    report = nlp(str(path))
    text = report.text
    assert report.sentences, "every report has narrative sentences"
    prev_end = 0
    for s in report.sentences:
        sec = report.sections[s.section]
        assert sec.start <= s.start < s.end <= sec.end, "a sentence never crosses a section"
        span = text[s.start:s.end]
        assert span == span.strip() and span, "offsets cover the sentence without outer whitespace"
        assert "\n" not in span, "line-based text: a sentence never crosses a line"
        assert s.start >= prev_end
        prev_end = s.end
        assert "|" not in span, "table rows are never sentences"
    # sections tile the body in order
    for a, b in zip(report.sections, report.sections[1:]):
        assert a.end == b.start


@pytest.mark.parametrize("path", DEV, ids=corpus_key)
def test_crawled_header_is_metadata_not_narrative(nlp, path):
    report = nlp(str(path))
    body = report.text.index("正文")
    assert all(s.start > body for s in report.sentences)
    assert report.meta["title"].endswith("报告")
    assert report.meta["url"].startswith("https://")
    assert report.meta["year"] == int(re.search(r"_(\d{4})", path.name).group(1))


@pytest.mark.parametrize("path", DEV, ids=corpus_key)
def test_run_together_table_cells_are_not_sentences(nlp, path):
    report = nlp(str(path))
    for s in report.sentences:
        span = report.text[s.start:s.end]
        for label in ("本年新收政府信息公开申请数量", "结果维持结果纠正", "信息内容本年", "指标名称",
                      "计量单位", "主动公开信息数 条", "政府集中采购1"):
            assert label not in span, span[:80]


def test_sentence_ends_and_headings():
    text = "一、总体情况\n全年主动公开信息12条；其中新闻5条。（一）依申请公开\n无。"
    r = govnlp.extract(text)
    spans = [r.text[s.start:s.end] for s in r.sentences]
    assert spans == ["一、总体情况", "全年主动公开信息12条；", "其中新闻5条。", "（一）依申请公开", "无。"]
    assert r.sentences[0].heading


def test_traditional_seed_segments_like_simplified(nlp):
    seed = next(p for p in SEEDS if p.name.startswith("004"))
    r = nlp(str(seed))
    assert r.meta["script"] == "traditional"
    assert r.sections[-1].kind == "problems"
    assert len(r.sentences) > 80
    assert any("12745" in r.text[s.start:s.end] for s in r.sentences)


def test_seed_meta():
    got = {p.name[:3]: govnlp.extract(str(p)).meta for p in SEEDS}
    assert got["000"]["agency"] == "乌鲁木齐经济技术开发区" and got["000"]["year"] == 2020
    assert got["001"]["year"] == 2021 and got["002"]["year"] == 2018
    assert got["003"]["agency"] == "兖州区行政审批服务局" and got["003"]["year"] == 2020
    assert got["004"]["year"] == 2018 and got["004"]["script"] == "traditional"
    assert all(m["script"] == "simplified" for k, m in got.items() if k != "004")


@pytest.mark.parametrize("numeral,value", [("一", 1), ("六", 6), ("十", 10), ("十一", 11), ("二十", 20)])
def test_numeral_value(numeral, value):
    assert numeral_value(numeral) == value


@pytest.mark.parametrize("title,kind", [
    ("总体情况", "overview"), ("概述", "overview"), ("主动公开政府信息情况", "proactive"),
    ("政府信息依申请公开工作情况", "requests"), ("收到和处理政府信息公开申请情况", "requests"),
    ("因政府信息公开申请行政复议、提起行政诉讼的情况", "appeals"), ("存在的不足和改进措施", "problems"),
    ("政府信息公开工作存在的主要问题及改进情况", "problems"), ("其他需要报告的事项", "other_matters"),
    ("切实做好重大政策解读", "unknown")])
def test_section_kind(title, kind):
    assert section_kind(title) == kind


def test_inline_enumeration_is_not_a_heading():
    text = "一、总体情况\n主要表现为：一、二、三级目录均已建立。二、主动公开政府信息情况\n全年公开12条。"
    r = govnlp.extract(text)
    assert [s.number for s in r.sections] == ["一", "二"]
