"""Property-based robustness: extract never raises anything but govnlp's typed errors,
and the same input always gives byte-identical JSON (stable finding ids)."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govnlp
from govnlp.errors import GovnlpError

from .conftest import SEEDS

CORPUS_TEXT = "".join(p.read_text(encoding="utf-8") for p in SEEDS)
ALPHABET = sorted(set(CORPUS_TEXT)) + list("|\n\r\t 　（）()一二三四五六七八九十、.。;；:：0123456789%‰-—")
FRAGMENTS = [ln for p in SEEDS for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
                derandomize=True)

report_like = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet=ALPHABET, max_size=80)),
                       max_size=12).map("\n".join)


def _check(text_or_path) -> None:
    try:
        r = govnlp.extract(text_or_path)
    except GovnlpError:
        return
    d = r.to_dict()
    for s in d["sentences"]:
        assert 0 <= s["start"] < s["end"] <= len(d["text"])
    json.dumps(d, ensure_ascii=False)


@settings(max_examples=4000, **SETTINGS)
@given(st.text(max_size=400))
def test_arbitrary_unicode_text(text):
    _check(text if "\n" in text or len(text) > 1024 else text + "\n")


@settings(max_examples=4000, **SETTINGS)
@given(report_like)
def test_report_like_text(text):
    _check(text + "\n")


@settings(max_examples=2000, **SETTINGS)
@given(st.binary(max_size=600), st.sampled_from([".txt", ".html", ".pdf", ".docx", ".md"]))
def test_arbitrary_bytes_as_files(tmp_path_factory, data, suffix):
    f = tmp_path_factory.mktemp("fuzz") / f"x{suffix}"
    f.write_bytes(data)
    _check(str(f))


def test_same_input_same_json():
    for p in SEEDS:
        a = govnlp.extract(str(p)).to_json()
        b = govnlp.load()(str(p)).to_json()
        assert a == b
