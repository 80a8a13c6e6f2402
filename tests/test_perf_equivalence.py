"""Speed rewrites must not change results: each fast form is checked against the plain one.

* segment: the regexes rewritten to start with a character class match exactly what the
  rule's own pattern matches (same spans, in the same order);
* tables.runtogether.candidates: the same splits, flags and exceptions as the plain
  recursive search (kept here as the reference);
* read.html.main_content: the same element as re-measuring every subtree at every level.
"""
from __future__ import annotations

import random
import re
from decimal import Decimal

import pytest

from govnlp.segment import _FAST_EQUIVALENT, rules
from govnlp.tables import runtogether as rt

_ALPHABET = "0123456789一二三四五六七八九十第()、.．㈠㈢ \n，。;:a-|"


def _texts(seed: int, n: int = 3000):
    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.choice(_ALPHABET) for _ in range(rng.randrange(0, 40)))


def test_subheading_fast_form_is_the_rule():
    plain, fast = next(iter(_FAST_EQUIVALENT.items()))
    assert rules()["subheading"] == plain and rules()["_sub"].pattern == fast
    p, f = re.compile(plain), re.compile(fast)
    for t in _texts(1):
        assert [m.span() for m in p.finditer(t)] == [m.span() for m in f.finditer(t)], t
        for i in range(len(t)):
            assert bool(p.match(t, i)) == bool(f.match(t, i)), (t, i)


def test_heading_fast_form():
    plain = re.compile(r"(?<![第一二三四五六七八九十])([一二三四五六七八九十]{1,3})\s*[、.．]\s*")
    fast = rules()["_heading"]
    for t in _texts(2):
        for start in (0, len(t) // 2):
            a = [(m.span(), m.span(1)) for m in plain.finditer(t, start)]
            assert a == [(m.span(), m.span(1)) for m in fast.finditer(t, start)], (t, start)


def _reference_candidates(blob, n, base, max_len=12, sum_last=False, info=None):
    """The plain recursive search (what candidates() computed before it was sped up)."""
    atoms, spaces = rt._atoms(blob, base)
    m = len(atoms)
    out = []
    if n <= 0 or m < n:
        return out

    def valid(a, b):
        s = "".join(ch for ch, _ in atoms[a:b])
        if "-" in s[1:] or s in ("-", "") or s.startswith(".") or s.endswith(".") or s.count(".") > 1:
            return False
        digits = s.lstrip("-")
        if len(digits.split(".")[0]) > max_len:
            return False
        return not (len(digits) > 1 and digits[0] == "0" and digits[1] != ".")

    cuts, target, steps = [], [None], [0]

    def rec(a, k, acc=Decimal(0)):
        steps[0] += 1
        if len(out) >= rt.MAX_CANDIDATES or steps[0] > rt.MAX_STEPS:
            return
        if k == 1:
            if valid(a, m):
                emit(cuts + [a])
            return
        if target[0] is not None and k == 2:
            b = tail
            if b - a >= 1 and valid(a, b):
                if acc + Decimal("".join(ch for ch, _ in atoms[a:b])) == target[0]:
                    cuts.append(a)
                    rec(b, 1)
                    cuts.pop()
            return
        for b in range(a + 1, m - k + 2):
            if b < m and atoms[b][0] == "." or atoms[b - 1][0] == ".":
                continue
            if not valid(a, b):
                if b - a > max_len + 2:
                    break
                continue
            val = Decimal("".join(ch for ch, _ in atoms[a:b]))
            if target[0] is not None and b > tail - (k - 2):
                break
            if target[0] is not None and acc + val > target[0] and val >= 0:
                break
            cuts.append(a)
            rec(b, k - 1, acc + val)
            cuts.pop()

    def emit(starts):
        ends = starts[1:] + [m]
        texts = ["".join(ch for ch, _ in atoms[a:b]) for a, b in zip(starts, ends)]
        spans = [(atoms[a][1], atoms[b - 1][1] + 1) for a, b in zip(starts, ends)]
        miss = sum(1 for s in spaces if 0 < s < m and s not in starts)
        out.append(rt.Split(texts, spans, [Decimal(t) for t in texts], miss))

    tail = m
    if sum_last and n >= 2:
        for t0 in range(m - 1, n - 2, -1):
            if not valid(t0, m):
                continue
            target[0] = Decimal("".join(ch for ch, _ in atoms[t0:m]))
            tail = t0
            rec(0, n)
    else:
        rec(0, n)
    if info is not None and (len(out) >= rt.MAX_CANDIDATES or steps[0] > rt.MAX_STEPS):
        info["truncated"] = True
    if out:
        best = min(c.space_misses for c in out)
        out = [c for c in out if c.space_misses == best]
    return out


def _outcome(fn, *args, **kw):
    info = {}
    try:
        res = fn(*args, info=info, **kw)
    except Exception as e:  # the same exception (e.g. Decimal of a circled digit) must be raised
        return type(e).__name__
    return [(c.texts, c.spans, [repr(x) for x in c.nums], c.space_misses) for c in res], info


@pytest.mark.parametrize("seed", range(4))
def test_candidates_same_as_plain_search(seed):
    rng = random.Random(seed)
    alphabets = ["0123456789", "0000000001", "0123456789-. ", "01.-", "0123456789²① -."]
    for _ in range(1500):
        al = rng.choice(alphabets)
        length = rng.randrange(0, 20)
        blob = "".join(rng.choice(al) for _ in range(length))
        n = rng.choice([length, length - 1, 2, 3, 7, rng.randrange(0, 16)])
        kw = {"max_len": rng.choice([0, 1, 2, 10, 14]), "sum_last": rng.random() < 0.5}
        base = rng.randrange(1000)
        expected = _outcome(_reference_candidates, blob, n, base, **kw)
        assert _outcome(rt.candidates, blob, n, base, **kw) == expected, (blob, n, kw)
        if not kw["sum_last"] and rt.complete_and_safe(blob, n):
            assert not isinstance(expected, str) and not expected[1], (blob, n)


def test_main_content_same_as_remeasuring():
    lxml_html = pytest.importorskip("lxml.html")
    from govnlp.read import html as h

    def own_text_len(el):
        total = link = 0
        for node in el.iter():
            tag = node.tag if isinstance(node.tag, str) else ""
            if tag in h._SKIP:
                continue
            k = len((node.text or "").strip())
            total += k
            if tag == "a":
                link += k
            total += len((node.tail or "").strip())
        return total, link

    def plain_main_content(el):
        for _ in range(h._MAX_DEPTH):
            total, link = own_text_len(el)
            best, best_len = None, 0
            for child in el:
                if not isinstance(child.tag, str) or child.tag not in h._CONTAINERS:
                    continue
                t, lk = own_text_len(child)
                if t - 2 * lk > best_len:
                    best, best_len = child, t - 2 * lk
            if best is None or best_len < 0.7 * max(1, total - 2 * link):
                return el
            el = best
        return el

    rng = random.Random(5)
    tags = ["div", "section", "span", "p", "a", "script", "nav", "font", "table", "td"]

    def tree(depth):
        if depth == 0 or rng.random() < 0.25:
            return rng.choice(["正文内容", "  ", "链接", "<!-- 注释文字 -->", "文字" * rng.randrange(1, 20)])
        tag = rng.choice(tags)
        kids = "".join(tree(depth - 1) for _ in range(rng.randrange(0, 4)))
        return f"<{tag}>{kids}</{tag}>" + rng.choice(["", "尾巴", " "])

    for _ in range(300):
        root = lxml_html.document_fromstring("<html><body>" + tree(6) + "正文</body></html>")
        body = root.find("body")
        assert h.main_content(body) is plain_main_content(body)


def test_meta_searches_from_core_same_as_full_search():
    from govnlp.meta import _CORES, _YEARS, _rules

    r = _rules()
    searches = [r["title"]] + r["agency"] + r["year"]
    assert sum(1 for s in searches if s.core is not None) == len(_CORES)   # every core in use
    tokens = ["2020", "2019", "1999", "12020", "年", "年度", "对", "政府信息公开", "政务公开", "工作",
              "报告", "政府机关", "平潭综合实验区", "区", "我", "本", "的", " ", "\n", "《", "》", "，",
              "人民政府", "认真", "3", "x"]
    shapes = [["平潭综合实验区", "2021", "年度", "政府信息公开", "工作", "年度", "报告"],
              ["xx区", "对", "2020", "年度", "的", "政府信息公开"]]
    rng = random.Random(7)
    for i in range(6000):
        t = "".join(rng.choice(tokens) for _ in range(rng.randrange(0, 30)))
        if i % 2:   # near-matches: a report title / "…对2020年度政府信息公开" with random edits
            parts = [p for p in rng.choice(shapes) if rng.random() < 0.85]
            for _ in range(rng.randrange(0, 3)):
                parts.insert(rng.randrange(len(parts) + 1), rng.choice(tokens))
            t = t[:rng.randrange(len(t) + 1)] + "".join(parts) + t[rng.randrange(len(t) + 1):]
        for s in searches:
            a, b = s.pattern.search(t), s.search(t)
            assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), (s.pattern.pattern, t)
        plain = re.findall(r"(?<!\d)((?:19|20)\d\d)年", t)
        assert _YEARS.findall(t) == plain, t


def test_sentence_start_same_as_regex():
    from govnlp.tables.locate import _SENTENCE, _sentence_start

    rng = random.Random(11)
    pieces = ["。", "，", "政府信息公开", "1", "23", " ", "\n", "|", "申请", "本年度共计办理", "x" * 20, "。。"]
    for _ in range(15000):
        t = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 40)))
        a = rng.randrange(len(t) + 1)
        b = rng.randrange(a, len(t) + 1)
        m = _SENTENCE.search(t, a, b)
        assert _sentence_start(t, a, b) == (m.start() if m else None), (t, a, b)


def _strip(text, a, b):
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _has_content(s):
    return any(ch.isalnum() for ch in s)


def _reference_split_sentences(text, norm, sections, headings, blocked, hard_wrapped=False):
    """split_sentences as it was before it was sped up (the reference)."""
    from govnlp.segment import _end_pattern, _NEWLINE, _wrapped_line, _inside
    from govnlp.report import Sentence

    r = rules()
    ends = set(r["sentence_end"])
    closing = set(r["closing"])
    cuts = set()
    heading_spans = {(h.start, h.title_end) for h in headings}
    for h in headings:
        cuts.add(h.start)
        cuts.add(h.title_end)
    for a, b in blocked:
        cuts.add(a)
        cuts.add(b)
    n = len(norm)
    for m in _end_pattern(r["sentence_end"], r["closing"]).finditer(norm):
        cuts.add(m.end())
    for m in _NEWLINE.finditer(norm):
        if not (hard_wrapped and _wrapped_line(norm, m.start())):
            cuts.add(m.end())
    for m in re.compile(r["subheading"]).finditer(norm):
        s = m.start()
        k = s - 1
        while k >= 0 and norm[k] in " \t":
            k -= 1
        if k < 0 or norm[k] in ends or norm[k] in "\n:：" or k + 1 in cuts or norm[k] in closing:
            cuts.add(s)
            e = re.search(r"[\s。;:：]|\([一二三四五六七八九十]\)|[0-9][、.]|[一二三四五六七八九十]是",
                          norm[m.end():m.end() + r["subheading_title_max"] + 1])
            if e and e.start() > 1 and norm[m.end() + e.start()] not in "。;":
                cuts.add(m.end() + e.start())
    points = sorted(c for c in cuts if 0 <= c <= n)
    sentences = []
    for sec in sections:
        sec_points = [sec.start] + [p for p in points if sec.start < p < sec.end] + [sec.end]
        for a, b in zip(sec_points, sec_points[1:]):
            a2, b2 = _strip(text, a, b)
            if a2 >= b2 or _inside(a2, blocked) or not _has_content(norm[a2:b2]):
                continue
            is_heading = any(hs <= a2 and b2 <= he + 1 for hs, he in heading_spans) and a2 == sec.start
            sentences.append(Sentence(len(sentences), a2, b2, sec.index, heading=is_heading or
                                      (a2 in {h.start for h in headings})))
    return sentences


@pytest.mark.parametrize("hard_wrapped", [False, True])
def test_split_sentences_same_as_reference(hard_wrapped):
    from govnlp.segment import find_headings, make_sections, split_sentences

    pieces = ["一、总体情况\n", "二、主动公开政府信息情况\n", "（一）", "(二)", "1.", "2、", "㈢",
              "全年主动公开政府信息12条。", "依申请公开3件；", "其中：", "“公开”）", "\n", " ", "\t",
              "规章 | 0 | 1 |\n", "三、存在的主要问题及改进情况", "本机关认真贯彻落实条例要求，持续推进", "!?"]
    rng = random.Random(17 + hard_wrapped)
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30)))
        spans = [tuple(sorted(rng.sample(range(len(text) + 1), 2))) for _ in range(rng.randrange(0, 4))]
        headings = find_headings(text, 0, spans)
        sections = make_sections(text, headings, 0)
        got = split_sentences(text, text, sections, headings, spans, hard_wrapped)
        want = _reference_split_sentences(text, text, sections, headings, spans, hard_wrapped)
        assert got == want, (text, spans)


def test_split_line_same_as_reference():
    from govnlp.tables.grid import split_line

    def reference(text, a, b):
        cells, pos, line = [], a, text[a:b]
        pieces = line.split("|")
        if line.rstrip().endswith("|"):
            pieces = pieces[:-1]
        skip_first = line.lstrip().startswith("|") and line.count("|") >= 2
        for i, p in enumerate(pieces):
            s = p.strip()
            off = pos + (len(p) - len(p.lstrip()))
            if not (i == 0 and skip_first):
                cells.append((s, off, off + len(s)))
            pos += len(p) + 1
        return cells

    rng = random.Random(19)
    for _ in range(5000):
        t = "".join(rng.choice(["|", " ", "\u3000", "12", "规章", "\t", "| ", " |"]) for _ in range(rng.randrange(0, 12)))
        a = rng.randrange(len(t) + 1)
        b = rng.randrange(a, len(t) + 1)
        assert [(c.text, c.start, c.end) for c in split_line(t, a, b)] == reference(t, a, b), (t, a, b)
