"""Find the numeric claims of narrative sentences: numbers with units, and zeros said in words.

>>> [(c.text, c.value, c.unit, c.approx) for c in find_claims("全年主动公开政府信息4578条，其中发布新闻1269条。")]
[('4578条', '4578', '条', False), ('1269条', '1269', '条', False)]
>>> [(c.text, c.value, c.unit, c.approx) for c in find_claims("通过分厅主动公开政府信息583188余条，不低于4%。")]
[('583188余条', '583188', '条', True), ('4%', '4', '%', True)]
>>> [(c.text, c.value, c.implicit) for c in find_claims("2020年，本局未收到政府信息公开申请。")]
[('未收到政府信息公开申请', '0', True)]
>>> find_claims("根据第二十条第(一)项，贯彻十九届四中全会精神，拨打12345热线。")
[]
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml

from .numbers import ARABIC, CHINESE, fmt, parse_number, unit_rules

_HERE = Path(__file__).parent


@dataclass
class Found:
    """A claim candidate: offsets into the text, the value as written, its markers."""

    start: int
    end: int
    text: str
    value: str
    unit: str
    approx: bool
    implicit: bool
    sentence: int | None = None
    bound: str = ""          # the approximation/bound marker as written (余, 不低于, 内 …)
    numeral: str = "arabic"  # arabic | chinese | words


def _load(name: str) -> dict:
    with open(_HERE / name, encoding="utf-8") as f:
        return yaml.safe_load(f)


@dataclass(frozen=True)
class _Grammar:
    claim: re.Pattern
    bare: re.Pattern
    percent_words: re.Pattern
    rules: tuple[tuple[str, re.Pattern | None, re.Pattern | None, str], ...]
    one_units: frozenset
    cn_not_after: str
    max_name: int
    zero_clause: re.Pattern
    zero_head: re.Pattern
    zero_phrase: re.Pattern
    zero_never: tuple[str, ...]
    max_clause: int


def _sources() -> dict[str, str]:
    """The claim regexes as the rules state them (units.yaml, zeros.yaml)."""
    ur = unit_rules()
    units = "|".join(re.escape(u) for u in ur.units)
    mults = "|".join(ur.multipliers)
    mids = "|".join(ur.approx_middle)
    num = rf"(?:{ARABIC}|{CHINESE})"
    tail = (rf"(?![\d])"
            rf"(?:\s?(?P<range>[-~—至到])\s?(?P<num2>{num}))?"
            rf"\s?(?P<mid>{mids})?\s?(?P<mult>{mults})?(?P<unit>{units})")
    z = _load("zeros.yaml")
    neg = sorted(z["negations"], key=len, reverse=True)
    verbs = "|".join(sorted(z["verbs"], key=len, reverse=True))
    bare_heads = "|".join(z["bare_heads"])
    bare_neg = sorted(z["bare_negations"], key=len, reverse=True)
    clause = "[^,。;:!?\\n|]"
    r1 = rf"(?:(?:向|对|从|为){clause}{{1,6}}?)?(?:{verbs})"
    r2 = rf"(?={clause}{{0,12}}(?:{bare_heads}))"
    phrases = "|".join(re.escape(p) for p in z["phrases"])
    cn_class = CHINESE[:-1]                     # [零〇…几] without the "+"
    assert CHINESE == cn_class + "+" and ARABIC == r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    return {
        "claim": rf"(?<![\d.A-Za-z_/\-])(?P<num>{num}){tail}",
        # the same, written to start with a character class so that re skips to candidate
        # characters: the first character of the number is taken, the look-behind moved past it
        # (two characters wide), and each branch of the number continues after its first character
        "claim_fast": (rf"(?P<num>[\d{cn_class[1:-1]}](?<![\d.A-Za-z_/\-][\d{cn_class[1:-1]}])"
                       rf"(?:(?<=\d)(?:\d{{0,2}}(?:,\d{{3}})+(?:\.\d+)?|\d*(?:\.\d+)?)"
                       rf"|(?<={cn_class}){cn_class}*)){tail}"),
        "zero_clause": (rf"(?:(?:{'|'.join(neg)}){r1}|(?:{'|'.join(bare_neg)}){r2}){clause}*"),
        # the same with the negations distributed over their continuations (each branch then
        # starts with a literal, which re can skip to)
        "zero_clause_fast": "(?:" + "|".join([n + r1 for n in neg] + [b + r2 for b in bare_neg])
                            + rf"){clause}*",
        "zero_phrase": phrases + r"|(?<=[为是])零(?=\s*(?:[,。;!?\n)]|$))",
        "zero_phrase_fast": phrases + r"|零(?<=[为是]零)(?=\s*(?:[,。;!?\n)]|$))",
    }


@lru_cache(maxsize=1)
def grammar() -> _Grammar:
    """Compile the claim regexes from units.yaml, not_claims.yaml and zeros.yaml (once)."""
    ur = unit_rules()
    src = _sources()
    claim = re.compile(src["claim_fast"])
    percent_words = re.compile(rf"百分之(?P<num>{ARABIC}|[零〇一二两三四五六七八九十百点]+)")
    bare_after = "|".join(re.escape(b) for b in ur.bare_after)
    bare = re.compile(rf"(?:{bare_after})\s?(?P<num>{ARABIC})(?=\s?(?:[,。;)]|$))", re.M)
    nc = _load("not_claims.yaml")
    rules = tuple((r["name"], re.compile(r["before"]) if r.get("before") else None,
                   re.compile(r["after"]) if r.get("after") else None, r.get("numeral", "any"))
                  for r in nc["rules"])
    z = _load("zeros.yaml")
    zero_clause = re.compile(src["zero_clause_fast"])
    zero_head = re.compile("|".join(sorted(z["heads"], key=len, reverse=True)))
    zero_phrase = re.compile(src["zero_phrase_fast"])
    return _Grammar(claim, bare, percent_words, rules, frozenset(nc["chinese_one_units"]), nc["chinese_not_after"],
                    int(nc["max_name_len"]), zero_clause, zero_head, zero_phrase,
                    tuple(z["never"]), int(z["max_clause"]))


_QUOTES = {"“": "”", "《": "》", "「": "」", "\"": "\"", "『": "』", "〈": "〉"}
_CLOSE = {v: k for k, v in _QUOTES.items() if k != v}


_NAME_STOP = re.compile("[" + re.escape("".join(_CLOSE) + "。;\n" + "".join(_QUOTES)) + "]")


def _in_name(norm: str, start: int, end: int, lo: int, max_len: int) -> bool:
    """True when [start, end) sits inside a short “quoted” or 《titled》 name: the nearest quote,
    closing quote, 。, ; or line break within ``max_len`` characters before ``start`` (not before
    ``lo``) is an opening quote whose closing one follows within ``max_len`` on the same line."""
    a = max(lo, start - max_len)
    if a >= start:
        return False
    stops = _NAME_STOP.findall(norm, a, start)
    if not stops:
        return False
    ch = stops[-1]
    if ch in _CLOSE or ch in "。;\n":
        return False
    j = norm.find(_QUOTES[ch], end, end + max_len)
    return j != -1 and "\n" not in norm[end:j]


def _in_name_plain(norm: str, start: int, end: int, lo: int, max_len: int) -> bool:
    """:func:`_in_name` as a character walk (the reference the fast form is tested against)."""
    i = start - 1
    while i >= lo and start - i <= max_len:
        ch = norm[i]
        if ch in _CLOSE or ch in "。;\n":
            return False
        if ch in _QUOTES:
            close = _QUOTES[ch]
            j = norm.find(close, end, end + max_len)
            return j != -1 and "\n" not in norm[end:j]
        i -= 1
    return False


def _refused(g: _Grammar, norm: str, s: int, ends: tuple[int, ...], numeral: str) -> bool:
    """A not-claims rule matches: its `before` before ``s`` and its `after` after any of ``ends``."""
    before = norm[max(0, s - 8):s]
    any_b, any_a, always = _refusal_screen(numeral)
    if not always and not (any_b is not None and any_b.search(before)) and \
            not (any_a is not None and any(any_a.search(norm[e:e + 12]) for e in ends)):
        return False            # every rule needs its before or its after to match: none does
    afters = [norm[e:e + 12] for e in ends]
    for _name, b, a, which in g.rules:
        if which != "any" and which != numeral:
            continue
        if b is not None and not b.search(before):
            continue
        if a is None or any(a.search(x) for x in afters):
            return True
    return False


@lru_cache(maxsize=4)
def _refusal_screen(numeral: str) -> tuple[re.Pattern | None, re.Pattern | None, bool]:
    """(any rule's `before`, any rule's `after`, a rule with neither) for a numeral kind: the
    alternation of the rules' patterns matches where one of them does."""
    rules = [(b, a) for _n, b, a, which in grammar().rules if which in ("any", numeral)]
    join = lambda ps: re.compile("|".join(f"(?:{p.pattern})" for p in ps)) if ps else None  # noqa: E731
    return (join([b for b, _ in rules if b is not None]), join([a for _, a in rules if a is not None]),
            any(b is None and a is None for b, a in rules))


@lru_cache(maxsize=1)
def _before_re() -> re.Pattern:
    alts = "|".join(re.escape(m) for m in unit_rules().approx_before)
    return re.compile(rf"({alts})(?:需要|需|要|有|为|达到|达)?\s*$")


def _approx_before(norm: str, s: int) -> str:
    m = _before_re().search(norm, max(0, s - 8), s)
    return m.group(1) if m else ""


_NOT_BOUND = {"内": "容部设外涵在需", "以下": "简称内几", "以上": "级述"}


@lru_cache(maxsize=1)
def _after_firsts() -> frozenset | None:
    """First characters of the approx_after markers (None when a marker is empty)."""
    markers = unit_rules().approx_after
    return None if any(not m for m in markers) else frozenset(m[0] for m in markers)


def _approx_after(norm: str, e: int) -> str:
    firsts = _after_firsts()
    if firsts is not None and norm[e:e + 1] not in firsts:
        return ""               # no marker starts with the character after the claim
    for m in unit_rules().approx_after:
        if norm.startswith(m, e):
            nxt = norm[e + len(m):e + len(m) + 1]
            if nxt and nxt in _NOT_BOUND.get(m, ""):
                continue
            return m
    return ""


def _number_claims(text: str, norm: str, lo: int, hi: int, g: _Grammar) -> Iterable[Found]:
    ur = unit_rules()
    not_before = ur.not_before
    for m in g.claim.finditer(norm, lo, hi):
        raw_num, unit, num2, mid, rng, mult = m.group("num", "unit", "num2", "mid", "range", "mult")
        chinese = not raw_num[0].isdigit()
        s, e = m.span()
        nb = not_before.get(unit)
        if nb is not None and nb.match(norm[e:e + 4]):
            continue
        if chinese:
            if s > 0 and norm[s - 1] in g.cn_not_after:
                continue
            if raw_num.strip("几") == "一" and unit not in g.one_units:
                continue
            if raw_num == "几" or (raw_num.startswith("几") and len(raw_num) == 1):
                continue
            if s > 0 and ("\u4e00" <= norm[s - 1] <= "\u9fff") and raw_num in ("一", "两") and \
                    norm[s - 1] in "每这那某哪":
                continue
        numeral = "chinese" if chinese else "arabic"
        if _refused(g, norm, s, (m.end("num"), e), numeral):
            continue
        if _in_name(norm, s, e, lo, g.max_name):
            continue
        parsed = parse_number(num2 or raw_num)
        if parsed is None:
            continue
        value, approx = parsed
        bound = ""
        if mid:
            approx, bound = True, mid
        if rng:
            approx, bound = True, rng
        pre = _approx_before(norm, s)
        post = _approx_after(norm, e)
        if pre or post:
            approx, bound = True, pre or post
        us = m.start("mult") if mult else m.start("unit")
        full_unit = text[us:e]
        yield Found(s, e, text[s:e], fmt(value), full_unit, approx, False, bound=bound, numeral=numeral)
    for m in g.percent_words.finditer(norm, lo, hi):
        raw = m.group("num")
        whole, _, frac = raw.partition("点")
        parsed = parse_number(whole)
        if parsed is None or (frac and not all(ch in "零〇一二两三四五六七八九" for ch in frac)):
            continue
        value = parsed[0]
        if frac:
            value += Decimal("0." + "".join(str("零一二三四五六七八九".index(ch.replace("〇", "零").replace("两", "二")))
                                             for ch in frac))
        s, e = m.start(), m.end()
        pre, post = _approx_before(norm, s), _approx_after(norm, e)
        yield Found(s, e, text[s:e], fmt(value), "%", bool(pre or post), False, bound=pre or post,
                    numeral="chinese")
    for m in g.bare.finditer(norm, lo, hi):
        s, e = m.start("num"), m.end("num")
        parsed = parse_number(m.group("num"))
        if parsed is None or _refused(g, norm, s, (e,), "arabic"):
            continue
        yield Found(s, e, text[s:e], fmt(parsed[0]), "", False, False)


def _zero_claims(text: str, norm: str, lo: int, hi: int, g: _Grammar) -> Iterable[Found]:
    for m in g.zero_clause.finditer(norm, lo, hi):
        s = m.start()
        if any(norm.startswith(n, s) for n in g.zero_never):
            continue
        clause = m.group(0)[: g.max_clause]
        last = None
        for h in g.zero_head.finditer(clause):
            last = h
        if last is None:
            continue
        end = s + last.end()
        if norm.startswith("情况", end):
            end += 2
        yield Found(s, end, text[s:end], "0", "", False, True, numeral="words")
    for m in g.zero_phrase.finditer(norm, lo, hi):
        yield Found(m.start(), m.end(), text[m.start():m.end()], "0", "", False, True, numeral="words")


def find_in_span(text: str, norm: str, lo: int, hi: int) -> list[Found]:
    """Claims inside ``[lo, hi)`` of the text, sorted by start, without overlaps."""
    g = grammar()
    found = list(_number_claims(text, norm, lo, hi, g)) + list(_zero_claims(text, norm, lo, hi, g))
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[Found] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


def find_in_sentences(text: str, norm: str, spans: list[tuple[int, int]]) -> list[tuple[int, Found]]:
    """``(sentence position, claim)`` for claims lying wholly inside one of ``spans`` (sorted,
    disjoint).  One regex pass over the text they cover, not one per sentence."""
    if not spans:
        return []
    starts = [a for a, _ in spans]
    ends = [b for _, b in spans]
    blocks: list[list[int]] = []
    for a, b in spans:  # runs of sentences with only a little text between them
        if blocks and a - blocks[-1][1] <= 4:
            blocks[-1][1] = b
        else:
            blocks.append([a, b])
    out = []
    for lo, hi in blocks:
        for f in find_in_span(text, norm, lo, hi):
            i = sentence_of(starts, ends, f.start)
            if i is not None and f.end <= ends[i]:
                out.append((i, f))
    return out


def find_claims(text: str, norm: str | None = None,
                sentences: Iterable[tuple[int, int]] | None = None) -> list[Found]:
    """Claims of ``text``; with ``sentences`` ((start, end) pairs) only inside them.

    ``norm`` defaults to :func:`govnlp.normalize.normalize` of the text.
    """
    if norm is None:
        from ..normalize import normalize
        norm = normalize(text)
    spans = list(sentences) if sentences is not None else [(0, len(text))]
    out: list[Found] = []
    for i, (a, b) in enumerate(spans):
        for f in find_in_span(text, norm, a, b):
            f.sentence = i
            out.append(f)
    return out


def sentence_of(starts: list[int], ends: list[int], pos: int) -> int | None:
    """Index of the sentence holding offset ``pos`` (sentences sorted by start)."""
    i = bisect.bisect_right(starts, pos) - 1
    return i if i >= 0 and pos < ends[i] else None


__all__ = ["Found", "find_claims", "find_in_span", "grammar", "Decimal"]
