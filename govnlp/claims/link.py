"""Field links: which canonical table field (or sum of fields) a narrative claim states.

The lexicon of phrasings is data (``metric_fields.yaml``, per template era).  Linking is
conservative: only ``agency``-scope claims, only on wording (never because a number happens to
equal a cell), and in the pre2019 era only to fields the report's own table has.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import yaml

from ..document import Document
from ..report import Claim
from .numbers import norm_unit
from .structure import clause_start

_DATA = Path(__file__).with_name("metric_fields.yaml")
_DELIM = re.compile(r"[,;。:!?]")
COLUMNS = {"自然人": "natural_person", "商业企业": "commercial", "科研机构": "research",
           "社会公益组织": "social_org", "法律服务机构": "legal_service"}


@dataclass(frozen=True)
class Entry:
    field: str
    before: re.Pattern | None
    after: re.Pattern | None
    not_: re.Pattern | None
    units: frozenset | None
    requests: bool
    both: bool = False


def _flatten(xs: list) -> list[dict]:
    out: list[dict] = []
    for x in xs:
        out.extend(_flatten(x) if isinstance(x, list) else [x])
    return out


@lru_cache(maxsize=1)
def children() -> dict[str, dict[str, str]]:
    """Sibling fields of a linked total's parts, by the label their metric ends with."""
    with open(_DATA, encoding="utf-8") as f:
        return yaml.safe_load(f).get("children", {})


@lru_cache(maxsize=1)
def lexicon() -> tuple[dict[str, tuple[Entry, ...]], frozenset, re.Pattern]:
    """``(entries per era, default count units, not-a-disclosure-request pattern)``."""
    with open(_DATA, encoding="utf-8") as f:
        d = yaml.safe_load(f)
    comp = lambda p: re.compile(p) if p else None  # noqa: E731
    eras = {}
    for era, items in d["eras"].items():
        eras[str(era)] = tuple(
            Entry(e["field"], comp(e.get("before")), comp(e.get("after")), comp(e.get("not")),
                  frozenset(e["units"]) if e.get("units") else None, bool(e.get("requests")),
                  bool(e.get("both")))
            for e in _flatten(items))
    return eras, frozenset(d["count_units"]), re.compile(d["not_requests"])


def field_for(norm: str, c: Claim, prev_end: int, s0: int, s1: int, era: str,
              available: set[str] | None = None) -> str | None:
    """The field (or "+"-sum) a claim states under the lexicon of ``era``, or None."""
    eras, count_units, not_req = lexicon()
    entries = eras.get(era)
    if not entries or c.scope != "agency" or norm_unit(c.unit) in ("%", "‰"):
        return None
    if c.implicit:
        before, after, clause = norm[c.start:c.end], "", norm[c.start:c.end]
    else:
        cs = max(clause_start(norm, c.start, s0), prev_end)
        before = norm[max(cs, c.start - 40):c.start].strip()
        m = _DELIM.search(norm, c.end, s1)
        ce = m.start() if m else s1
        after = norm[c.end:ce]
        clause = norm[clause_start(norm, c.start, s0):ce]
    any_before, any_after = _screen(era)
    if not any_before.search(before) and not (after and any_after.search(after)):
        return None             # every entry needs its before or its after to match: none does
    unit = norm_unit(c.unit)
    for e in entries:
        units = e.units if e.units is not None else count_units
        if not c.implicit and unit not in units:
            continue
        b = bool(e.before and e.before.search(before))
        a = bool(e.after and after and e.after.search(after))
        if not ((b and a) if e.both else (b or a)):
            continue
        if e.not_ and e.not_.search(clause):
            continue
        if e.requests and not_req.search(norm[s0:s1]):
            continue
        if available is not None and era == "pre2019" and not all(f in available for f in e.field.split("+")):
            continue
        return e.field
    return None


@lru_cache(maxsize=8)
def _screen(era: str) -> tuple[re.Pattern, re.Pattern]:
    """The alternation of every entry's `before` and of every `after` of an era: it matches where
    one of them does (a pattern that can never match stands for none)."""
    entries = lexicon()[0][era]
    join = lambda ps: re.compile("|".join(f"(?:{p.pattern})" for p in ps) or "(?!)")  # noqa: E731
    return (join([e.before for e in entries if e.before is not None]),
            join([e.after for e in entries if e.after is not None]))


def link_fields(doc: Document) -> None:
    """Set ``field`` on the report's claims (in place)."""
    rep = doc.report
    era = str(rep.meta.get("template") or "unknown")
    if era not in lexicon()[0]:
        return
    norm = doc.norm or doc.text
    # the fields the report's table has matter in the pre2019 era only (both uses below test it)
    available = set(rep.fields) if rep.fields and era == "pre2019" else None
    if available is not None:
        available |= {k.split("[", 1)[0] for k in rep.fields}
    sents = rep.sentences
    claims: Sequence[Claim] = rep.claims
    prev_end: dict[int, int] = {}
    for c in claims:
        if c.sentence is None:
            continue
        s = sents[c.sentence]
        pe = prev_end.get(c.sentence, s.start)
        c.field = field_for(norm, c, pe, s.start, s.end, era, available)
        prev_end[c.sentence] = c.end
    # parts of a linked total: 共计81件，涉及自然人80件 / 行政复议5件，其中维持3件
    kids = children()
    for c in claims:
        if c.parent is None or c.field is not None or c.scope != "agency" or not c.metric:
            continue
        pf = claims[c.parent].field or ""
        if pf.startswith("requests.") and pf.endswith(".total") and "+" not in pf and pf not in kids:
            table = {label: pf[: -len("total")] + col for label, col in COLUMNS.items()}
        else:
            table = kids.get(pf, {})
        metric = norm_unit(c.metric)
        for label, fid in table.items():
            if metric.endswith(label) or metric.endswith(label + "的"):
                if available is None or era != "pre2019" or fid in available:
                    c.field = fid
                break
