"""Table identities (``identities.yaml``, from fields.yaml ``identities``) as findings.

Every instance of a rule whose operands were (partly) read becomes a finding: ``consistent``,
``violated`` or ``unverifiable`` (an operand blank or missing).  ``cause`` is ``report`` when
every operand was read with confidence >= 0.9, else ``extraction``.  Values are never changed.

>>> from govnlp.report import FieldValue
>>> f = {k: FieldValue(v, 0, 0, 1) for k, v in [("review.total", "5"), ("review.maintained", "2"),
...      ("review.corrected", "0"), ("review.other", "3"), ("review.pending", "1")]}
>>> [(x.id, x.status, x.expected, x.observed) for x in evaluate(f) if x.rule == "appeals.review_total"]
[('appeals.review_total@review.total', 'violated', '5', '6')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..document import Document
from ..report import FieldValue, Finding
from ..tables.schema import load_fields
from ..tables.values import fmt

HIGH = 0.9


@dataclass
class Rule:
    id: str
    formulas: list[str]
    templates: list[str]
    tolerance: Decimal
    severity: str
    message: str
    optional: bool = False


@lru_cache(maxsize=1)
def load_rules() -> list[Rule]:
    with open(Path(__file__).with_name("identities.yaml"), encoding="utf-8") as f:
        data = yaml.safe_load(f)
    out = []
    for r in data["rules"]:
        forms = r["formula"] if isinstance(r["formula"], list) else [r["formula"]]
        out.append(Rule(r["id"], forms, [str(t) for t in r["template"]], Decimal(str(r.get("tolerance", 0))),
                        r["severity"], r["message"], bool(r.get("optional", False))))
    return out


@lru_cache(maxsize=1)
def _requests() -> tuple[dict[str, str], dict[str, str]]:
    """(columns, rows) of the requests table (cached: built from fields.yaml once; read only)."""
    spec = load_fields()["tables"]["requests"]
    cols = {k: v for k, v in spec["columns"].items() if k != "org_subtotal"}
    return cols, dict(spec["rows"])


@lru_cache(maxsize=1)
def _base_leaves() -> tuple[str, ...]:
    _, rows = _requests()
    return tuple(r for r in rows if r.split(".")[0] in ("granted", "partial", "denied", "unable", "not_processed"))


def _leaves(fields: dict, printed: set[str]) -> list[str]:
    have = {k.split(".", 1)[1].rsplit(".", 1)[0] for k in set(fields) | printed if k.startswith("requests.")}
    subs = [r for r in ("other.no_correction", "other.no_fee", "other.other") if r in have]
    return list(_base_leaves()) + (subs if subs else ["other"])


_APPEALS = {"review": "行政复议", "litigation.direct": "未经复议直接起诉", "litigation.after_review": "复议后起诉",
            "maintained": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结",
            "total": "总计"}


def describe(fid: str) -> str:
    """A reviewer's name for a field id.

    >>> describe("requests.granted.total"), describe("litigation.direct.pending")
    ('（一）予以公开·总计', '未经复议直接起诉·尚未审结')
    """
    tabs = load_fields()["tables"]
    cols, rows = _requests()
    if fid.startswith("requests."):
        row, col = fid[len("requests."):].rsplit(".", 1)
        return f"{rows.get(row, row).split()[-1]}·{cols.get(col, col)}"
    if fid.startswith(("review.", "litigation.")):
        group, part = fid.rsplit(".", 1)
        return f"{_APPEALS.get(group, group)}·{_APPEALS.get(part, part)}"
    for t in ("proactive_2021", "proactive_2019", "legacy"):
        spec = tabs[t]["fields"].get(fid)
        if spec:
            return spec["label"] if "label" in spec else f"{spec['row']}·{spec['col']}"
    return fid


_LISTED = re.compile(r"listed\((.*)\)")
_SUM = re.compile(r"sum\((.*)\)")
_TERM, _LISTED_TERM, _SUM_TERM = 0, 1, 2


@lru_cache(maxsize=1024)
def _parse_side(expr: str) -> tuple[tuple[int, Any], ...]:
    """The terms of one side of a formula, parsed once: field ids, ``listed(…)`` (its ids) and
    ``sum(…)`` (its template with ``{leaf}``)."""
    out: list[tuple[int, Any]] = []
    for t in (x.strip() for x in expr.split("+")):
        m = _LISTED.fullmatch(t)
        if m:
            out.append((_LISTED_TERM, tuple(x.strip() for x in m.group(1).split(","))))
            continue
        m = _SUM.fullmatch(t)
        if m:
            out.append((_SUM_TERM, m.group(1)))
            continue
        out.append((_TERM, t))
    return tuple(out)


def _side(expr: str, fields: dict, printed: set[str], leaves: list[str]) -> list[str]:
    terms: list[str] = []
    for kind, t in _parse_side(expr):
        if kind == _LISTED_TERM:
            terms += [x for x in t if x in printed or x in fields]
        elif kind == _SUM_TERM:
            terms += [t.replace("{leaf}", lf) for lf in leaves]
        else:
            terms.append(t)
    return terms


@lru_cache(maxsize=256)
def _expansions(form: str) -> tuple[tuple[str | None, str, str, str, str], ...]:
    """A formula's instances before the report is known: (key, col label, row label, total
    side, parts side); key None for a formula without {c}/{row} (key and label then come
    from its total side)."""
    cols, rows = _requests()
    lhs, rhs = (s.strip() for s in form.split("=="))
    if "{c}" in form:
        return tuple((c, clabel, "", lhs.replace("{c}", c), rhs.replace("{c}", c)) for c, clabel in cols.items())
    if "{row}" in form:
        return tuple((r, "", rlabel, lhs.replace("{row}", r), rhs.replace("{row}", r)) for r, rlabel in rows.items())
    return ((None, "", "", lhs, rhs),)


def _instances(rule: Rule, fields: dict, printed: set[str], leaves: list[str] | None = None):
    """(instance key, col label, row label, total ids, part ids) for every expansion of a rule."""
    if leaves is None:
        leaves = _leaves(fields, printed)
    for form in rule.formulas:
        for key, col, row, lhs, rhs in _expansions(form):
            if key is not None:
                yield (key, col, row, _side(lhs, fields, printed, leaves), _side(rhs, fields, printed, leaves))
                continue
            tot = _side(lhs, fields, printed, leaves)
            legacy = load_fields()["tables"]["legacy"]["fields"]
            label = (legacy[tot[0]]["label"] if tot[0] in legacy else tot[0]) if tot else ""
            yield (tot[0] if tot else lhs, "", label, tot, _side(rhs, fields, printed, leaves))


def evaluate(fields: dict[str, FieldValue], printed: set[str] | None = None,
             template: str | None = None) -> list[Finding]:
    """Findings of every identity rule over a report's fields."""
    printed = set(fields) if printed is None else printed | set(fields)
    out: list[Finding] = []
    leaves: list[str] | None = None
    values: dict[str, Decimal] = {}   # field id -> Decimal of its value, converted once
    for rule in load_rules():
        if template and template != "unknown" and template not in rule.templates:
            continue
        if leaves is None:
            leaves = _leaves(fields, printed)
        for key, col, row, tot, parts in _instances(rule, fields, printed, leaves):
            ops = tot + parts
            if not parts or not any(o in fields for o in ops):
                continue
            if rule.optional and not (any(o in printed for o in tot) and any(o in printed for o in parts)):
                continue
            out.append(_finding(rule, key, col, row, tot, parts, fields, values))
    return out


def _finding(rule: Rule, key: str, col: str, row: str, tot: list[str], parts: list[str],
             fields: dict[str, FieldValue], values: dict[str, Decimal] | None = None) -> Finding:
    ops = tot + parts
    present = [fields[o] for o in ops if o in fields]
    conf = min((f.confidence for f in present), default=0.0)
    spans = [[f.start, f.end] for f in present]
    cause = "report" if conf >= HIGH else "extraction"
    fid = f"{rule.id}@{key}"
    if len(present) < len(ops):
        missing = [o for o in ops if o not in fields]
        return Finding(fid, rule.id, "unverifiable", rule.severity, cause, round(conf, 2),
                       f"无法核验：{'、'.join(describe(m) for m in missing)} 为空或未读出", None, None, ops, [], spans)
    if values is None:
        values = {}

    def dec(o: str) -> Decimal:
        d = values.get(o)
        if d is None:
            d = values[o] = Decimal(fields[o].value)
        return d

    lhs = sum((dec(o) for o in tot), Decimal(0))
    rhs = sum((dec(o) for o in parts), Decimal(0))
    ok = abs(lhs - rhs) <= rule.tolerance
    lhs_s, rhs_s = fmt(lhs), fmt(rhs)
    msg = rule.message.format(lhs=lhs_s, rhs=rhs_s, col=col, row=row, diff=fmt(lhs - rhs))
    if ok:
        msg = "核验一致：" + msg.replace("不等于", "等于")
    return Finding(fid, rule.id, "consistent" if ok else "violated", rule.severity, cause,
                   round(conf if ok or cause == "report" else conf * 0.8, 2), msg, lhs_s, rhs_s,
                   ops, [], spans)


def check_identities(doc: Document) -> None:
    """Append the identity findings of ``doc``'s tables to ``doc.report.findings``."""
    rep = doc.report
    rep.findings.extend(evaluate(rep.fields, doc.printed_fields, rep.meta.get("template")))
