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
        "title": _Search(re.compile(r["title_report"])),
        "agency": [_Search(re.compile(p, re.M)) for p in r["agency"]],
        "strip": re.compile(r["agency_strip"]),
        "year": [_Search(re.compile(p, re.M)) for p in r["year"]],
    }


# Speed only.  For a rule pattern listed here, every match contains a match of the "core"
# (the pattern's own tail after its bounded leading group) beginning at most "lead"
# characters after the match start.
# So no match starts before (first core match - lead): the search starts there, and is not
# run at all when the core does not occur.  Same result as pattern.search(text), without
# trying the lazy group at every position of the text.  Keyed by the exact pattern text,
# so an edited rule is simply searched in full.  (tests/test_perf_equivalence.py)
_CORES = {
    "(?P<a>[^\\s《》\"“”]{2,40}?)(?:政府机关)?(?P<y>(?:19|20)\\d\\d)年(?:度)?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:工作)?报告":
        (r"(?:19|20)\d\d年(?:度)?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:工作)?报告", 40 + len("政府机关")),
    "(?P<a>[^\\s,;。、我本]{2,25}?)对(?:19|20)\\d\\d年(?:度)?(?:的)?政府信息公开":
        (r"对(?:19|20)\d\d年(?:度)?(?:的)?政府信息公开", 25),
}


class _Search:
    """``pattern.search(text)``, started near the pattern's core where one is known."""

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern = pattern
        core = _CORES.get(pattern.pattern)
        self.core = re.compile(core[0]) if core else None
        self.lead = core[1] if core else 0

    def search(self, text: str) -> re.Match | None:
        if self.core is None:
            return self.pattern.search(text)
        c = self.core.search(text)
        if c is None:
            return None
        return self.pattern.search(text, max(0, c.start() - self.lead))

    def fullmatch(self, text: str) -> re.Match | None:
        return self.pattern.fullmatch(text)


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
    years = Counter(int(y) for y in _YEARS.findall(norm))
    if years:
        return years.most_common(1)[0][0]
    if published:
        m = re.match(r"((?:19|20)\d\d)", published)
        if m:
            return int(m.group(1)) - 1
    return None


# (?<!\d)((?:19|20)\d\d)年 written to start with a character class (re skips ahead to a 1
# or 2 instead of trying the lookbehind at every position): same matches, same group.
_YEARS = re.compile(r"([12](?<!\d[12])(?:(?<=1)9|(?<=2)0)\d\d)年")
