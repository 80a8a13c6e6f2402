"""Report metadata from the text: the reporting body and the year reported on."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import yaml

_RULES = Path(__file__).with_name("meta_rules.yaml")


@lru_cache(maxsize=1)
def _rules() -> dict:
    with open(_RULES, encoding="utf-8") as f:
        r = yaml.safe_load(f)
    return {
        "title": re.compile(r["title_report"]),
        "agency": [re.compile(p, re.M) for p in r["agency"]],
        "strip": re.compile(r["agency_strip"]),
        "year": [re.compile(p, re.M) for p in r["year"]],
    }


def find_agency(norm: str, title: str | None = None) -> str | None:
    """The reporting body's name, from the title or the opening sentences.

    >>> find_agency("", "平潭综合实验区2021年度政府信息公开工作年度报告")
    '平潭综合实验区'
    >>> find_agency("2020年,兖州区行政审批服务局认真贯彻落实《条例》")
    '兖州区行政审批服务局'
    """
    r = _rules()
    for cand in ([title] if title else []) + [norm[:300]]:
        m = r["title"].search(cand)
        if m and not re.search("关于|通知|印发|《", m.group("a")):
            return _clean(m.group("a"))
    for m in re.finditer(r"《([^》]{2,60})》", norm[:3000]):
        m2 = r["title"].fullmatch(m.group(1))
        if m2 and not re.search("关于|通知|印发", m2.group("a")):
            return _clean(m2.group("a"))
    for pat in r["agency"]:
        m = pat.search(norm)
        if m:
            return _clean(m.group("a"))
    return None


def _clean(name: str) -> str | None:
    name = _rules()["strip"].sub("", name.strip(" :：,，"))
    return name or None


def find_year(norm: str, title: str | None = None, published: str | None = None) -> int | None:
    """The year reported on (not the publication date).

    >>> find_year("本报告所列数据的统计期限自2020年1月1日起至12月31日止。")
    2020
    """
    r = _rules()
    for cand in ([title] if title else []) + [norm[:200]]:
        m = r["title"].search(cand)
        if m:
            return int(m.group("y"))
    for pat in r["year"]:
        m = pat.search(norm)
        if m:
            return int(m.group("y"))
    years = Counter(int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)年", norm))
    if years:
        return years.most_common(1)[0][0]
    if published:
        m = re.match(r"((?:19|20)\d\d)", published)
        if m:
            return int(m.group(1)) - 1
    return None
