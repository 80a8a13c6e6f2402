"""Stage 2 — normalize: an analysis copy of the text, the same length as the original.

``normalize(text)`` returns a string ``norm`` with ``len(norm) == len(text)`` in which
full-width ASCII forms are half-width, the ideographic space is a space and traditional
characters are simplified (OpenCC ``t2s``).  Because every character maps to exactly one
character, an offset found in ``norm`` is an offset into the original text.

>>> normalize("２０２０年（一）")
'2020年(一)'
>>> normalize("政府信息公開情況統計表")
'政府信息公开情况统计表'
"""
from __future__ import annotations

import re
from functools import lru_cache

_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x200B: 0x20,
                   0xFEFF: 0x20, 0x2014: 0x2014, 0xFF5E: 0x7E, 0x2212: 0x2D, 0xFE63: 0x2D,
                   0x2010: 0x2D, 0x2011: 0x2D, 0x2013: 0x2D, 0x3251: 0x3251})
# Parenthesised ideographic numbers ㈠…㈩ become "(一)"… only in headings; keep them as is here.

# The characters that change, as str → str, and one character class matching any of them:
# ``re.sub`` with a lookup per match is several times faster than ``str.translate`` with a
# dict on CJK text (translate looks up every character).  No target is itself a source, so
# mapping each match once is what ``translate`` does.
_FOLD_CHARS = {chr(k): chr(v) for k, v in _FULLWIDTH.items() if k != v}
_FOLD_RE = re.compile("[" + "".join(re.escape(c) for c in _FOLD_CHARS) + "]")
assert not set(_FOLD_CHARS.values()) & set(_FOLD_CHARS)


def _fold_char(m: re.Match, _get=_FOLD_CHARS.__getitem__) -> str:
    return _get(m.group())


@lru_cache(maxsize=1)
def _converter():
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a hard dependency
        return None
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """繁→简 with OpenCC, guaranteed to keep the length (character by character if needed)."""
    conv = _converter()
    if conv is None or not text:
        return text
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    pieces = []
    for line in text.splitlines(keepends=True):
        c = conv.convert(line)
        pieces.append(c if len(c) == len(line) else "".join(_char(conv, ch) for ch in line))
    return "".join(pieces)


def _char(conv, ch: str) -> str:
    c = conv.convert(ch)
    return c if len(c) == 1 else ch


def fold_width(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII; odd spaces to a plain space."""
    return _FOLD_RE.sub(_fold_char, text)


def normalize(text: str, folded: str | None = None) -> str:
    """The analysis text: width folded and simplified, one character per character.

    ``folded``, if given, must be ``fold_width(text)`` (saves computing it again).
    """
    norm = to_simplified(fold_width(text) if folded is None else folded)
    assert len(norm) == len(text)
    return norm


def detect_script(text: str, norm: str, folded: str | None = None) -> str:
    """``traditional`` when a noticeable share of Han characters changed under 繁→简.

    ``folded``, if given, must be ``fold_width(text)``.

    >>> detect_script("政府信息公開情況", normalize("政府信息公開情況"))
    'traditional'
    """
    han = sum(map(len, _HAN_RUN.findall(text)))
    if not han:
        return "simplified"
    if folded is None:
        folded = fold_width(text)
    changed = _count_changed(folded, norm) if folded != norm else 0
    return "traditional" if changed / han > 0.03 else "simplified"


def _count_changed(a: str, b: str) -> int:
    """How many positions of ``zip(a, b)`` differ, compared as code points by numpy."""
    import numpy as np

    n = min(len(a), len(b))
    x = np.frombuffer(a[:n].encode("utf-32-le", "surrogatepass"), dtype="<u4")
    y = np.frombuffer(b[:n].encode("utf-32-le", "surrogatepass"), dtype="<u4")
    return int(np.count_nonzero(x != y))


_HAN_RUN = re.compile("[\u4e00-\u9fff]+")
