"""Stage 3 — segment: sections by statutory headings, sentences by punctuation and lines.

Works on the normalized text (``norm``, same length as the original), so offsets found
here are offsets into ``Report.text``.  Table content — ``|``-flattened rows and the
stretches where a crawler ran table cells together — is never a sentence; the table
stage finds those stretches (:func:`govnlp.tables.locate.find_table_regions`).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

import yaml

from .report import Section, Sentence

NUMERALS = "一二三四五六七八九十"
_RULES_PATH = Path(__file__).with_name("segment_rules.yaml")


@lru_cache(maxsize=1)
def rules() -> dict:
    with open(_RULES_PATH, encoding="utf-8") as f:
        r = yaml.safe_load(f)
    r["_kinds"] = [(k["kind"], re.compile(k["pattern"])) for k in r["section_kinds"]]
    r["_title_end"] = re.compile(r["inline_title_end"])
    r["_row_label"] = re.compile(r["table_row_labels"])
    r["_statutory"] = re.compile(r["statutory_other"])
    r["_sub"] = re.compile(_FAST_EQUIVALENT.get(r["subheading"], r["subheading"]))
    # (?<![第一…十])([一…十]{1,3})\s*[、.．]\s*, written to start with a character class so
    # that re skips ahead to the numerals (a leading lookbehind is tried at every position):
    # the lookbehind moves after the first numeral and looks at the same character.
    r["_heading"] = re.compile(
        r"([一二三四五六七八九十](?<![第一二三四五六七八九十][一二三四五六七八九十])[一二三四五六七八九十]{0,2})"
        r"\s*[、.．]\s*")
    return r


# Patterns of segment_rules.yaml → the same pattern written to start with one character class
# (re then scans for that class instead of trying every branch at every position): the first
# character is consumed once and each branch checks it with a one-character lookbehind, in the
# original branch order; a leading lookbehind moves after the character it precedes.  Same
# matches, same spans (tests/test_perf_equivalence.py).  Used only while the rule is unchanged.
_FAST_EQUIVALENT = {
    r"\([一二三四五六七八九十]{1,3}\)|\([1-9][0-9]?\)|[㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩]|(?<![0-9.])[1-9][0-9]?[、.](?=[^\d\s])":
    r"[(㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩1-9](?:(?<=\()[一二三四五六七八九十]{1,3}\)|(?<=\()[1-9][0-9]?\)"
    r"|(?<=[㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩])|(?<=[1-9])(?<![0-9.][1-9])[0-9]?[、.](?=[^\d\s]))",
}


_DIGITS = {c: i + 1 for i, c in enumerate(NUMERALS[:9])}


def numeral_value(s: str) -> int:
    """Value of a small Chinese numeral (一 … 九十九).

    >>> numeral_value("十二"), numeral_value("六"), numeral_value("二十")
    (12, 6, 20)
    """
    digits = _DIGITS
    if "十" in s:
        a, _, b = s.partition("十")
        return (digits.get(a, 1) if a else 1) * 10 + (digits.get(b, 0) if b else 0)
    return digits.get(s, 0)


def section_kind(title: str) -> str:
    """Kind of a top-level section from its (normalized) title.

    >>> section_kind("存在的主要问题及改进情况"), section_kind("因政府信息公开申请行政复议、提起行政诉讼的情况")
    ('problems', 'appeals')
    """
    for kind, pat in rules()["_kinds"]:
        if pat.search(title):
            return kind
    return "unknown"


@dataclass
class Heading:
    start: int  # at the numeral
    title_start: int
    title_end: int
    number: str


def find_headings(norm: str, body_start: int, blocked: list[tuple[int, int]]) -> list[Heading]:
    """Top-level headings 一、… in increasing order, outside table stretches."""
    r = rules()
    found: list[Heading] = []
    last = 0
    for m in r["_heading"].finditer(norm, body_start):
        start = m.start(1)
        if _inside(start, blocked):
            continue
        value = numeral_value(m.group(1))
        if value <= last or value > last + 3:
            continue
        after_han = start > 0 and "\u4e00" <= norm[start - 1] <= "\u9fff"
        t0 = m.end()
        line_end = norm.find("\n", t0)
        line_end = len(norm) if line_end < 0 else line_end
        line = norm[t0:line_end].rstrip()
        at_line_start = norm.rfind("\n", 0, start) + 1 == start or not norm[norm.rfind("\n", 0, start) + 1:start].strip()
        t1 = None
        if at_line_start and 0 < len(line) <= r["line_title_max"] and "。" not in line[:-1] and "|" not in line:
            t1 = t0 + len(line)
            while t1 > t0 and norm[t1 - 1] in "。.;；: ":
                t1 -= 1
        else:
            e = r["_title_end"].search(norm, t0, min(len(norm), t0 + r["inline_title_max"]))
            if e and not _CLAUSE_BREAK.search(norm, t0, e.start()):
                t1 = e.end()
            if t1 is not None:
                known = section_kind(norm[t0:t1]) != "unknown" or r["_statutory"].search(norm[t0:t1])
                if after_han and not (known and value == last + 1):
                    t1 = None
                elif not known and not (value == last + 1 and norm[t1:t1 + 1].isspace()):
                    t1 = None
        if t1 is None or t1 <= t0:
            continue
        title = norm[t0:t1].strip()
        if r["_row_label"].search(title):
            continue
        found.append(Heading(start, t0, t1, m.group(1)))
        last = value
    return found


_CLAUSE_BREAK = re.compile(r"[。;,，\n]")


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def make_sections(text: str, headings: list[Heading], body_start: int) -> list[Section]:
    sections: list[Section] = []
    bounds = [h.start for h in headings] + [len(text)]
    if not headings or text[body_start:headings[0].start].strip():
        first = headings[0].start if headings else len(text)
        if text[body_start:first].strip():
            sections.append(Section(0, None, "", "unknown", body_start, first))
    for i, h in enumerate(headings):
        title = text[h.title_start:h.title_end].strip()
        sections.append(Section(len(sections), h.number if text[h.start] in NUMERALS else text[h.start],
                                title, section_kind(title), h.start, bounds[i + 1]))
    return sections


def split_sentences(text: str, norm: str, sections: list[Section], headings: list[Heading],
                    blocked: list[tuple[int, int]], hard_wrapped: bool = False) -> list[Sentence]:
    """Sentences of every section; headings are sentences of their own."""
    r = rules()
    ends = set(r["sentence_end"])
    closing = set(r["closing"])
    cuts: set[int] = set()
    heading_spans = {(h.start, h.title_end) for h in headings}
    heading_starts = {h.start for h in headings}
    for h in headings:
        cuts.add(h.start)
        cuts.add(h.title_end)
    for a, b in blocked:
        cuts.add(a)
        cuts.add(b)
    n = len(norm)
    cuts.update(m.end() for m in _end_pattern(r["sentence_end"], r["closing"]).finditer(norm))
    if hard_wrapped:
        cuts.update(m.end() for m in _NEWLINE.finditer(norm) if not _wrapped_line(norm, m.start()))
    else:
        cuts.update(m.end() for m in _NEWLINE.finditer(norm))
    title_max = r["subheading_title_max"] + 1
    for m in r["_sub"].finditer(norm):
        s = m.start()
        k = s - 1
        while k >= 0 and norm[k] in " \t":
            k -= 1
        if k < 0 or norm[k] in ends or norm[k] in "\n:：" or k + 1 in cuts or norm[k] in closing:
            cuts.add(s)
            me = m.end()
            e = _SUB_TITLE_END.search(norm[me:me + title_max])
            if e and e.start() > 1 and norm[me + e.start()] not in "。;":
                cuts.add(me + e.start())
    points = sorted(c for c in cuts if 0 <= c <= n)
    sentences: list[Sentence] = []
    has_content = _ALNUM.search   # any alphanumeric character (str.isalnum; [^\W_] is the same set)
    # _inside(pos, blocked): some span starting at or before pos ends after it, i.e. the
    # largest end among the spans starting at or before pos is > pos.
    spans = sorted(blocked)
    span_starts = [x for x, _ in spans]
    max_end = list(accumulate((y for _, y in spans), max))
    for sec in sections:
        inner = points[bisect_right(points, sec.start):bisect_left(points, sec.end)]
        sec_points = [sec.start] + inner + [sec.end]
        for a2, b2 in zip(sec_points, sec_points[1:]):
            while a2 < b2 and text[a2].isspace():   # no outer whitespace
                a2 += 1
            while b2 > a2 and text[b2 - 1].isspace():
                b2 -= 1
            if a2 >= b2:
                continue
            i = bisect_right(span_starts, a2)
            if i and max_end[i - 1] > a2 or has_content(norm, a2, b2) is None:
                continue
            is_heading = a2 == sec.start and any(hs <= a2 and b2 <= he + 1 for hs, he in heading_spans)
            sentences.append(Sentence(len(sentences), a2, b2, sec.index, heading=is_heading or
                                      (a2 in heading_starts)))
    return sentences


_SUB_TITLE_END = re.compile(r"[\s。;:：]|\([一二三四五六七八九十]\)|[0-9][、.]|[一二三四五六七八九十]是")
_NEWLINE = re.compile("\n")


@lru_cache(maxsize=4)
def _end_pattern(ends: str, closing: str) -> re.Pattern:
    return re.compile(f"[{re.escape(ends)}][{re.escape(closing)}]*")


def _wrapped_line(norm: str, i: int) -> bool:
    """In PDF text, a line break inside a paragraph: the line does not end a sentence."""
    ls = norm.rfind("\n", 0, i) + 1
    line = norm[ls:i].rstrip()
    if not line or line[-1] in "。！？!?；;:：" or "|" in line:
        return False
    nxt_end = norm.find("\n", i + 1)
    nxt = norm[i + 1: nxt_end if nxt_end >= 0 else len(norm)].lstrip()
    if not nxt or rules()["_heading"].match(nxt) or rules()["_sub"].match(nxt) or "|" in nxt:
        return False
    return len(line) >= 15


_ALNUM = re.compile(r"[^\W_]")
