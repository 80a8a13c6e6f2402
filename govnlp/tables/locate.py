"""Where the tables are: ``|``-flattened row blocks and run-together table stretches."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

_RULES = Path(__file__).with_name("locate_rules.yaml")


@lru_cache(maxsize=1)
def _anchors() -> list[tuple[str, re.Pattern]]:
    with open(_RULES, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    return [(a["kind"], re.compile(a["pattern"])) for a in data["anchors"]]


def pipe_regions(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Maximal runs of lines that contain a ``|`` cell separator (blank lines allowed inside)."""
    regions: list[tuple[int, int]] = []
    pos = start
    cur: list[int] | None = None
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        line = text[pos:end]
        if "|" in line:
            if cur is None:
                cur = [pos, end]
            else:
                cur[1] = end
        elif line.strip() and cur is not None:
            regions.append((cur[0], cur[1]))
            cur = None
        pos = end + 1
    if cur is not None:
        regions.append((cur[0], cur[1]))
    return regions


def crawled_regions(norm: str, start: int, stops: list[int],
                    blocked: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Stretches of run-together table cells: from an anchor to the next heading or sentence."""
    out: list[tuple[int, int, str]] = []
    for kind, pat in _anchors():
        for m in pat.finditer(norm, start):
            a = m.start()
            if any(x <= a < y for x, y in blocked) or any(x <= a < y for x, y, _ in out):
                continue
            b = min([s for s in stops if s > a] + [len(norm)])
            stop = _narrative_after(norm, m.end(), b)
            out.append((a, stop, kind))
    out.sort()
    merged: list[tuple[int, int, str]] = []
    for a, b, k in out:
        if merged and a < merged[-1][1]:
            pa, pb, pk = merged[-1]
            merged[-1] = (pa, max(pb, b), pk)
        else:
            merged.append((a, b, k))
    return merged


_SENTENCE = re.compile(r"[^0-9\s|]{25,}?。")
_RUN = re.compile(r"[^0-9\s|]+")


def _sentence_start(norm: str, a: int, b: int) -> int | None:
    """``_SENTENCE.search(norm, a, b).start()`` (None: no match), found run by run.

    A match starts at s when some 。 lies 25 or more characters after s within the run of
    non-digit, non-space, non-| characters that s is in (。 is one of them); so the leftmost
    match starts at the start of the first run (cut at a and b) whose last 。 is 25 or more
    characters into it.
    The regex tried every start position and scanned its run each time (quadratic in runs).
    """
    for r in _RUN.finditer(norm, a, b):
        r0, r1 = r.span()
        if r1 - r0 > 25 and norm.rfind("。", r0 + 25, r1) >= 0:
            return r0
    return None


def _narrative_after(norm: str, a: int, b: int) -> int:
    """End of the table stretch: before the first narrative sentence inside ``[a, b)``."""
    k = _sentence_start(norm, a, b)
    if k is None:
        return b
    while k > a and not norm[k - 1].isdigit():
        k -= 1
    return k if k > a else b
