"""Speed rewrites of the themes and claims stages must not change results: each fast form is
checked against the plain one it replaced.

* themes.rules: the cue hits found all at once by trigger strings (``_cue_rows``) are exactly the
  (cue, sentence) pairs where ``pat.search(sentence)`` matches — and what the old per-cue search
  over the joined sentences (``_hits``) found — on corpus sentences and random strings built from
  the triggers themselves.
"""
from __future__ import annotations

import random
import re

import pytest

from govnlp.themes import rules

from .conftest import DEV, SEEDS


def _lines():
    return [ln for p in SEEDS for ln in p.read_text(encoding="utf-8").splitlines()]


def _bounds(texts):
    starts, ends, pos = [], [], 0
    for t in texts:
        starts.append(pos)
        ends.append(pos + len(t))
        pos += len(t) + 1
    return starts, ends


def _check_rows(plan, texts):
    texts = [t.replace("\n", " ") for t in texts]
    joined = "\n".join(texts)
    cue, row = rules._cue_rows(plan, joined, texts)
    got = sorted(zip(cue.tolist(), row.tolist()))
    want = sorted((c, i) for c, pat in enumerate(plan.pats) for i, t in enumerate(texts) if pat.search(t))
    assert got == want, texts
    starts, ends = _bounds(texts)
    old = sorted((c, i) for c, pat in enumerate(plan.pats)
                 for i in rules._hits(pat, joined, texts, starts, ends))
    assert old == want


def test_cue_rows_on_corpus_reports():
    plan = rules._plan(None)
    for p in SEEDS + DEV:
        _check_rows(plan, p.read_text(encoding="utf-8").splitlines())


def test_cue_rows_on_random_text():
    plan = rules._plan(None)
    trig = sorted({t for pat in plan.pats for g in (rules._triggers(pat) or ([],))[0] for t in g})
    alphabet = list("0123456789一二三四五六七八九十是、。.,;:()无年月日起自表 \n") + trig
    lines = _lines()
    rng = random.Random(7)
    for _ in range(1500):
        texts = []
        for _ in range(rng.randrange(0, 10)):
            if rng.random() < 0.4:
                t = rng.choice(lines)
                t = t[rng.randrange(len(t) + 1):][:rng.randrange(0, 80)]
            else:
                t = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 15)))
            texts.append(t)
        _check_rows(plan, texts)


@pytest.mark.parametrize("pattern", [
    "公开", "五公开|公开(内容|力度|范围|信息)", "[0-9](余|多)?(条|篇)", "^[一二三]是(加强|完善)",
    "(设立|开设)[^,;。]{0,12}(网站|平台)", "统计表$|附表", "^(无[。.]?$|无其他|\\(?[0-9]{4}年[0-9]{1,2}月)",
    "a+b|c{2,3}", "x(?=y)z|q", "(ab)\\1", "[^,]+", "", "将", "\U0001F600|\U0001F600x",
])
def test_triggers_are_necessary_and_sufficient_ones_sufficient(pattern):
    pat = re.compile(pattern, re.M)
    plan = rules._Plan([(0, pat, 0.5, frozenset(), False, False)], [])
    rng = random.Random(pattern)
    alphabet = sorted(set(re.sub(r"[\\\[\](){}?*+|^$.,0-9]", "", pattern))) + list("0123456789,。.()\n 无年月")
    for _ in range(300):
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
                 for _ in range(rng.randrange(1, 5))]
        _check_rows(plan, texts)


# -- claims.find: the regexes written to start with a literal or a class -----------------------

_CLAIM_ALPHABET = ("0123456789٣,.，。 -~—至到余多几万亿千百十零〇一二两三四五六七八九个条件项次人%‰"
                   "工作日月元aZ_/第统每无未暂均尚也并没有收到接受理发生产生向对从为申请复议诉讼处理费"
                   "零是不取费用投诉\n;:!?|)")


def _claim_texts(seed: int, n: int):
    from .conftest import DEV
    rng = random.Random(seed)
    lines = _lines() + [ln for p in DEV for ln in p.read_text(encoding="utf-8").splitlines()]
    import yaml
    from govnlp.claims import find
    z = yaml.safe_load((find._HERE / "zeros.yaml").read_text(encoding="utf-8"))
    tokens = [w for k in ("negations", "verbs", "heads", "bare_negations", "bare_heads", "phrases", "never")
              for w in z[k]] + ["为", "是", "零", "向", "对", "从", "政府信息公开", "情况", ",", "。", "\n", " ",
                                "5", "十二", "件", "条", ")", "|", "的"]
    for _ in range(n):
        if rng.random() < 0.3:
            yield "".join(rng.choice(tokens) for _ in range(rng.randrange(0, 12)))
        elif rng.random() < 0.3:
            t = rng.choice(lines)
            a = rng.randrange(len(t) + 1)
            yield t[a:a + rng.randrange(0, 60)]
        else:
            yield "".join(rng.choice(_CLAIM_ALPHABET) for _ in range(rng.randrange(0, 30)))


def _all_spans(m):
    return [m.span(i) for i in range(m.re.groups + 1)]


@pytest.mark.parametrize("name", ["claim", "zero_clause", "zero_phrase"])
def test_claim_regex_fast_forms_match_the_plain_ones(name):
    from govnlp.claims.find import _sources, grammar
    src = _sources()
    plain, fast = re.compile(src[name]), re.compile(src[name + "_fast"])
    assert getattr(grammar(), name).pattern == fast.pattern
    assert plain.groupindex == fast.groupindex
    for t in _claim_texts(len(name), 6000):
        for lo, hi in ((0, len(t)), (len(t) // 3, len(t)), (0, 2 * len(t) // 3)):
            a = [_all_spans(m) for m in plain.finditer(t, lo, hi)]
            assert a == [_all_spans(m) for m in fast.finditer(t, lo, hi)], (t, lo, hi)


def test_in_name_fast_form_is_the_character_walk():
    from govnlp.claims.find import _in_name, _in_name_plain
    rng = random.Random(11)
    alphabet = "“”《》「」\"『』〈〉。;\n,a一5条 "
    for _ in range(20000):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40)))
        start = rng.randrange(len(t) + 1)
        end = rng.randrange(start, len(t) + 1)
        lo = rng.randrange(start + 1)
        for max_len in (0, 3, 20):
            assert _in_name(t, start, end, lo, max_len) == _in_name_plain(t, start, end, lo, max_len), \
                (t, start, end, lo, max_len)


def test_refusal_screen_only_skips_what_no_rule_refuses(monkeypatch):
    from govnlp.claims import find
    g = find.grammar()
    rng = random.Random(12)
    words = ["第", "第 ", "NO.", "No.", "编号", "序号", "附件", "附表", "以下", "如下", "从", "每", "每 ", "×",
             "x", "个部分", "部分", "个方面", "方面", "小时值班", "小时", "项制度", "条原则", "类内部事务", "时5",
             "点3", "条", "件", "5", "一", "的", ",", "。"]
    cases = []
    for _ in range(20000):
        t = "".join(rng.choice(words) for _ in range(rng.randrange(0, 8)))
        s = rng.randrange(len(t) + 1)
        ends = tuple(sorted(rng.randrange(s, len(t) + 1) for _ in range(rng.randrange(1, 3))))
        cases.append((t, s, ends, rng.choice(["arabic", "chinese"])))
    fast = [find._refused(g, t, s, e, num) for t, s, e, num in cases]
    monkeypatch.setattr(find, "_refusal_screen", lambda numeral: (None, None, True))
    assert fast == [find._refused(g, t, s, e, num) for t, s, e, num in cases]
    assert any(fast) and not all(fast)


def test_field_screen_only_skips_claims_no_entry_links(monkeypatch):
    import govnlp
    from govnlp.claims import link
    from govnlp.normalize import normalize
    reports = [govnlp.extract(str(p)) for p in SEEDS + DEV]

    def links():
        out = []
        for rep in reports:
            norm = normalize(rep.text)
            for era in ("2019", "2021", "pre2019"):
                for c in rep.claims:
                    s = rep.sentences[c.sentence]
                    out.append(link.field_for(norm, c, s.start, s.start, s.end, era))
        return out

    fast = links()
    always = re.compile("")
    monkeypatch.setattr(link, "_screen", lambda era: (always, always))
    assert fast == links()
    assert sum(f is not None for f in fast) > 50


@pytest.mark.parametrize("n", [0, 1, 2, 3, 7, 30, 500, 5000])
def test_key_index_finds_exactly_its_keys(n):
    import numpy as np
    from govnlp.themes.keyhash import KeyIndex
    rng = np.random.default_rng(n)
    keys = np.unique(rng.integers(0, 2 ** 63 - 1, n, dtype=np.int64))
    rng.shuffle(keys)
    ix = KeyIndex(keys)
    q = np.concatenate([keys, rng.integers(0, 2 ** 63 - 1, 3000, dtype=np.int64), keys + 1, keys - 1,
                        np.array([0, -1, 2 ** 63 - 1], np.int64)])
    pos = {int(k): i for i, k in enumerate(keys.tolist())}
    want = np.array([pos.get(int(k), -1) for k in q.tolist()])
    assert (ix.lookup(q) == want).all()
    at, where = ix.find(q)
    assert (at == np.flatnonzero(want >= 0)).all() and (where == want[at]).all()


def test_model_lookup_is_the_vocabulary_position():
    import numpy as np
    from govnlp.themes.stage import get_predictor
    m = get_predictor(None).model
    rng = np.random.default_rng(3)
    q = np.concatenate([m.vocab_, m.vocab_ + 1, rng.integers(0, 2 ** 62, 20000, dtype=np.int64)])
    got = m._lookup(q)
    i = np.minimum(np.searchsorted(m.vocab_, q), len(m.vocab_) - 1)
    assert (got == np.where(m.vocab_[i] == q, i, -1)).all()


def test_model_cells_are_the_ngram_keys_found_in_the_vocabulary():
    import numpy as np
    from govnlp.themes.model import ngram_keys
    from govnlp.themes.stage import get_predictor
    m = get_predictor(None).model
    V = len(m.vocab_)
    rng = random.Random(21)
    lines = _lines()
    alphabet = "公开政府信息 \u3000\xa0\n\t0123456789条件一二三。,"
    for _ in range(400):
        texts = []
        for _ in range(rng.randrange(0, 8)):
            if rng.random() < 0.5:
                texts.append(rng.choice(lines)[:rng.randrange(0, 60)])
            else:
                texts.append("".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 6))))
        rows, keys = ngram_keys(texts, m.ngram_range)
        idx = m._lookup(keys)
        want = np.sort(rows[idx >= 0] * V + idx[idx >= 0])
        assert (np.sort(m._cells(texts, len(texts), V).astype(np.int64)) == want).all(), texts


def _reference_tfidf(m, texts):
    """ThemeClassifier._tfidf as it was before the speed-ups (np.unique, % V, np.repeat)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from govnlp.themes.model import ngram_keys
    n, V = len(texts), max(len(m.vocab_), 1)
    rows, keys = ngram_keys(texts, m.ngram_range)
    idx = m._lookup(keys)
    found = idx >= 0
    comb = rows[found] * V + idx[found]
    if n * V < 2 ** 31:
        comb = comb.astype(np.int32)
    uniq, counts = np.unique(comb, return_counts=True)
    c = uniq % V
    val = (1.0 + np.log(counts)) * m.idf_[c]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(uniq // V, minlength=n))])
    sq = np.concatenate([[0.0], np.cumsum(val * val)])
    norm = np.sqrt(sq[indptr[1:]] - sq[indptr[:-1]])
    norm[norm == 0] = 1.0
    val /= np.repeat(norm, np.diff(indptr))
    return csr_matrix((val, c, indptr), shape=(n, V))


def test_model_tfidf_is_bit_identical_to_the_reference():
    from govnlp.themes.labels import Unit
    from govnlp.themes.stage import get_predictor
    m = get_predictor(None).model
    for p in SEEDS + DEV:
        texts = [t for t in p.read_text(encoding="utf-8").splitlines()]
        for chunk in (texts, texts[:1], [], ["", " "], texts[5:9]):
            got = m._tfidf([Unit(t) for t in chunk])
            want = _reference_tfidf(m, chunk)
            assert got.shape == want.shape
            assert got.indptr.tolist() == want.indptr.tolist()
            assert got.indices.tolist() == want.indices.tolist()
            assert got.data.tobytes() == want.data.tobytes()


def test_decide_by_code_table_is_the_row_loop():
    import numpy as np
    from govnlp.themes.labels import LABELS, OTHER, decide
    alpha = sorted(range(OTHER), key=lambda k: LABELS[k])

    def reference(scores, thresholds):
        ok = (scores[:, :OTHER] >= np.asarray(thresholds)[:OTHER]).tolist()
        return [[LABELS[j] for j in alpha if row[j]] or ["other"] for row in ok]

    rng = np.random.default_rng(5)
    for _ in range(300):
        s = rng.random((int(rng.integers(0, 40)), len(LABELS)))
        s[rng.random(s.shape) < 0.05] = np.nan
        th = rng.random(len(LABELS))
        for t in (th, list(th), [0.5] * len(LABELS)):
            got = decide(s, t)
            assert got == reference(s, t)
            assert len({id(x) for x in got}) == len(got)      # a fresh list per sentence
