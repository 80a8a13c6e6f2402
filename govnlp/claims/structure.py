"""Structure of claims: ``parent`` (共/其中 breakdowns), ``metric`` and ``scope``.

Rules come from the language, stated in ``structure.yaml``:

* a claim followed by 其中/含/包括/分别/涉及 (or a bracket) heads a breakdown: the next claims with
  the same unit are its parts, until the sentence ends (or continues with ``；`` or a parallel
  ``…N条，占x%`` sentence), the bracket closes, or the parts add up to the total;
* a sentence opening with 其中 breaks down the last claim of the sentence before it;
* a list of parts without a total of its own, introduced by 通过<channel>, belongs to the earlier
  claim introduced by the same channel (seed 003: 583188余条 = 456 + 582720 + 12);
* ``scope`` is ``other`` for rules, requirements and time limits, ``region`` for 转办/备案
  figures, else ``agency``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import yaml

from ..report import Claim
from .numbers import multiplier, norm_unit

_DATA = Path(__file__).with_name("structure.yaml")


# fixed patterns, compiled once
_CLAUSE_BREAK = re.compile(r"[,;。:]")
_BRACKET_AFTER = re.compile(r"[^,;。:()\d]{0,6}\(")
_SHARE_BRACKET = re.compile(r"\((?:[^)]{0,3})(?:占|比|同比|较)")
_ZERO_LEAD = re.compile(r"(?:均未|尚未|也未|并未|未曾|没有|暂无|未|无|零)(?:收到|接到|受理|发生|产生|收取|组织|开展|"
                        r"举办|出现|提起)?(?:有关|相关)?")
_NAME_AFTER = re.compile(r"[\u4e00-\u9fff“”\"A-Za-z]{1,12}")
_AFTER_CLAUSE = re.compile(r"[^,;。:、\d]*")


@dataclass(frozen=True)
class _Rules:
    marker: re.Pattern
    opens_with_marker: re.Pattern
    total_words: re.Pattern
    channel: re.Pattern
    shared_verbs: tuple[str, ...]
    delim: re.Pattern
    metric_lead: re.Pattern
    metric_trail: re.Pattern
    other_sentence: re.Pattern
    other_clause: re.Pattern
    time_units: frozenset
    region_clause: re.Pattern
    sum_after_parts: re.Pattern
    department: re.Pattern
    region_wide: re.Pattern


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """Compiled rules of structure.yaml (once)."""
    with open(_DATA, encoding="utf-8") as f:
        d = yaml.safe_load(f)
    alt = lambda xs: "|".join(re.escape(x) for x in sorted(xs, key=len, reverse=True))  # noqa: E731
    return _Rules(
        marker=re.compile(rf"^[^。;!?]{{0,{d['marker_gap']}}}?(?P<m>{alt(d['part_markers'])})"),
        opens_with_marker=re.compile(rf"^\s*[,:]?\s*(?:{alt(d['sentence_markers'])})"),
        total_words=re.compile(alt(d['total_words'])),
        channel=re.compile(d["channel"]),
        shared_verbs=tuple(d["shared_verbs"]),
        delim=re.compile(d["metric_delimiters"]),
        metric_lead=re.compile(d["metric_lead"]),
        metric_trail=re.compile(d["metric_trail"]),
        other_sentence=re.compile(d["scope_other_sentence"]),
        other_clause=re.compile(d["scope_other_clause"]),
        time_units=frozenset(d["time_units"]),
        region_clause=re.compile(alt(d["scope_region_clause"])),
        sum_after_parts=re.compile(rf"^[\s,;、]*(?:{alt(d['sum_after_parts'])})\s*[:]?\s*$"),
        department=re.compile(f"(?:{alt(d['department_suffixes'])})$"),
        region_wide=re.compile(alt(d["region_wide"])),
    )


def is_department(agency: str | None) -> bool:
    """True for a report by one department (…局, …办公室), not by a government or zone."""
    return bool(agency) and "人民政府" not in agency and bool(rules().department.search(agency))


def is_share_unit(unit: str) -> bool:
    return norm_unit(unit) in ("%", "‰")


def amount(c: Claim) -> Decimal:
    """The claim's value in base units (万元 → 元)."""
    return Decimal(c.value) * multiplier(c.unit)


def _same_unit(total: Claim, part: Claim) -> bool:
    if part.implicit or norm_unit(part.unit) in ("%", "‰"):
        return False
    pu, tu = norm_unit(part.unit), norm_unit(total.unit)
    if pu == tu or pu == "":
        return True
    return pu.lstrip("万亿千百") == tu.lstrip("万亿千百")


def _bracket_end(norm: str, pos: int, limit: int) -> int:
    depth = 0
    for i in range(pos, limit):
        ch = norm[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth <= 0:
                return i
    return limit


def _in_bracket(norm: str, lo: int, pos: int) -> bool:
    """True when ``pos`` sits inside a bracket opened after ``lo``."""
    seg = norm[lo:pos]
    return seg.count("(") > seg.count(")")


def assign_parents(claims: Sequence[Claim], norm: str, sent_bounds: Sequence[tuple[int, int]],
                   headings: set[int] | None = None) -> None:
    """Set ``parent`` on the parts of every breakdown (in place)."""
    r = rules()
    headings = headings or set()
    by_sent: dict[int, list[Claim]] = {}
    for c in claims:
        if c.sentence is not None:
            by_sent.setdefault(c.sentence, []).append(c)
    taken: set[int] = set()
    has_parts: set[int] = set()

    def collect(total: Claim, cands: list[Claim], stop: int) -> list[Claim]:
        parts: list[Claim] = []
        run = Decimal(0)
        goal = amount(total)
        for p in cands:
            if p.start >= stop:
                break
            if p.index in taken or not _same_unit(total, p):
                continue
            if len(parts) >= 2 and run == goal and _CLAUSE_BREAK.search(norm, parts[-1].end, p.start):
                break  # the parts already add up and a new clause starts: 其中A6件、B4件，办结10件
            parts.append(p)
            run += amount(p) if p.unit else Decimal(p.value) * multiplier(total.unit)
        return parts

    def link(total: Claim, parts: list[Claim]) -> None:
        for p in parts:
            p.parent = total.index
            taken.add(p.index)
        if parts:
            has_parts.add(total.index)

    # 1. brackets right after a claim: 预决算公开197条(政府预决算32条、部门预决算公开165条)
    for c in claims:
        if c.implicit or norm_unit(c.unit) in ("%", "‰") or c.sentence is None:
            continue
        s_end = sent_bounds[c.sentence][1]
        m = _BRACKET_AFTER.match(norm[c.end:c.end + 8])
        if not m:
            continue
        b0 = c.end + m.end() - 1
        b1 = _bracket_end(norm, b0, s_end)
        inner = [p for p in by_sent[c.sentence] if b0 < p.start < b1]
        if inner and not _SHARE_BRACKET.match(norm[b0:b0 + 6]):
            link(c, collect(c, inner, b1))

    # 2. 其中/含/包括/分别/涉及 after a claim, or a sentence that opens with 其中
    for si in sorted(by_sent):
        sc = by_sent[si]
        s0, s1 = sent_bounds[si]
        for k, c in enumerate(sc):
            if c.implicit or norm_unit(c.unit) in ("%", "‰") or c.index in has_parts:
                continue
            nxt = sc[k + 1].start if k + 1 < len(sc) else s1
            m = r.marker.match(norm[c.end:nxt])
            if m:
                cands, stop = sc[k + 1:], s1
                bracketed = _in_bracket(norm, c.end, c.end + m.end())
                if bracketed:
                    stop = _bracket_end(norm, norm.rfind("(", c.end, c.end + m.end()), s1)
            elif k == len(sc) - 1 and si + 1 in by_sent and si + 1 not in headings:
                n0, n1 = sent_bounds[si + 1]
                if not (r.opens_with_marker.match(norm[n0:n1]) and len(norm[c.end:s1].strip()) <= 10):
                    continue
                cands, stop, bracketed = by_sent[si + 1], n1, False
            else:
                continue
            parts = collect(c, cands, stop)
            if not parts:
                continue
            if not bracketed:
                parts += _continue(c, parts, by_sent, sent_bounds, headings, norm, r, collect)
            link(c, parts)

    # 3. parts first, then their sum: 自然人3件、法人2件，合计5件
    for si in sorted(by_sent):
        sc = by_sent[si]
        for k, c in enumerate(sc):
            if k < 2 or c.implicit or is_share_unit(c.unit) or c.index in has_parts or c.index in taken:
                continue
            if not r.sum_after_parts.match(norm[sc[k - 1].end:c.start]):
                continue
            before = [p for p in sc[:k] if p.parent is None and p.index not in has_parts
                      and p.index not in taken and _same_unit(c, p)]
            if len(before) >= 2:
                link(c, before)

    # 4. a list without a total, introduced by 通过<channel>: the earlier claim of that channel
    for si in sorted(by_sent):
        sc = [c for c in by_sent[si] if not c.implicit and norm_unit(c.unit) not in ("%", "‰")]
        if len(sc) < 2 or any(c.index in taken or c.index in has_parts for c in sc):
            continue
        if len({norm_unit(c.unit) for c in sc}) != 1:
            continue
        s0, s1 = sent_bounds[si]
        head = norm[s0:sc[0].start]
        if r.total_words.search(head):
            continue
        key = _channel(head, r)
        if not key:
            continue
        verb = next((v for v in r.shared_verbs if v in head), None)
        for t in reversed(claims[:sc[0].index]):
            if t.start >= s0 or norm_unit(t.unit) != norm_unit(sc[0].unit) or t.index in has_parts \
                    or t.index in taken:
                continue
            if t.sentence is None:
                continue
            ts0 = sent_bounds[t.sentence][0]
            prev = max([ts0] + [x.end for x in by_sent[t.sentence] if x.end <= t.start])
            clause = norm[prev:t.start]
            if _channel(clause, r) == key and (verb is None or verb in clause):
                link(t, sc)
                break


def _continue(total: Claim, parts: list[Claim], by_sent: dict[int, list[Claim]],
              sent_bounds: Sequence[tuple[int, int]], headings: set[int], norm: str, r: _Rules,
              collect) -> list[Claim]:
    """Parts in the next sentences: after a "；", or in a parallel "…N条，占x%。" sentence."""
    more: list[Claim] = []
    run = sum((amount(p) for p in parts if p.unit), Decimal(0))
    last = parts[-1]
    while not (run == amount(total) and len(parts) + len(more) >= 2):
        ls1 = sent_bounds[last.sentence][1]
        nxt = last.sentence + 1
        if nxt not in by_sent or nxt in headings:
            break
        ns0, ns1 = sent_bounds[nxt]
        ntext = norm[ns0:ns1]
        semi = norm[ls1 - 1:ls1] == ";"
        parallel = "占" in norm[last.end:ls1] and "占" in ntext
        if not (semi or parallel) or r.total_words.search(ntext) or r.opens_with_marker.match(ntext):
            break
        got = collect(total, by_sent[nxt], ns1)
        if not got:
            break
        more += got
        run += sum((amount(p) for p in got if p.unit), Decimal(0))
        last = got[-1]
    return more


def _channel(clause: str, r: _Rules) -> str:
    i = clause.rfind("通过")
    if i < 0:
        return ""
    m = r.channel.search(clause, i)
    return m.group(0) if m else ""


_BARE_HEAD = re.compile(r"^(?:全市|全区|全县|全省|全州|我市|我区|我县|我局|本机关|本局|各|均)?$|"
                        r"(?:了|到|开|辖|建|及|定|有|出|由|至|涉及|包括|组建|设立|召开|确定|明确)$")


def metric_of(norm: str, text: str, c: Claim, lo: int, hi: int) -> str:
    """The shortest phrase before (else after) the claim naming what is counted."""
    r = rules()
    if c.implicit:
        m = _ZERO_LEAD.match(norm[c.start:c.end])
        rest = text[c.start + (m.end() if m else 0):c.end]
        return rest.removesuffix("情况") or text[c.start:c.end]
    seg = norm[lo:c.start]
    cut = 0
    for m in r.delim.finditer(seg):
        cut = m.end()
    a = lo + cut
    seg = norm[a:c.start]
    m = r.metric_lead.match(seg)
    if m:
        a += m.end()
    seg = norm[a:c.start]
    t = r.metric_trail.search(seg)
    b = a + (t.start() if t else len(seg))
    if b - a >= 2 and not _BARE_HEAD.search(norm[a:b]):
        return text[max(a, b - 30):b]
    m = _NAME_AFTER.match(norm[c.end:hi])
    if m:
        return text[c.end:c.end + m.end()]
    return text[max(a, b - 30):b] if b > a else ""


def scope_of(norm: str, c: Claim, clause_start_pos: int, s0: int, s1: int, department: bool = False) -> str:
    """``other`` for rules/requirements/time limits, ``region`` for 转办/备案 figures, else ``agency``."""
    r = rules()
    clause = norm[clause_start_pos:c.start]
    after = _AFTER_CLAUSE.match(norm[c.end:min(s1, c.end + 20)]).group(0)
    region = r.region_clause.search(clause)
    if (region and region.end() < len(clause)) or r.region_clause.search(after):
        return "region"
    if department and r.region_wide.search(clause):
        return "region"
    if r.other_clause.search(clause):
        return "other"
    back = clause_start(norm, max(s0, clause_start_pos - 1), s0)
    back = clause_start(norm, max(s0, back - 1), s0)
    if r.other_sentence.search(norm[back:c.start]):
        return "other"
    if norm[c.end:c.end + 2].startswith(("内", "以内", "之内")) and norm_unit(c.unit).lstrip("个") in r.time_units:
        return "other"
    return "agency"


def clause_start(norm: str, pos: int, s0: int) -> int:
    """Start of the clause (after the last ，；： before ``pos``) in its sentence."""
    best = s0
    for ch in ",;:":
        i = norm.rfind(ch, s0, pos)
        if i + 1 > best:
            best = i + 1
    return best
