"""Cross-year checks over several reports of one body (fields.yaml ``cross_year.*``).

* ``cross_year.carry``: this year's 上年结转 = last year's 结转下年度继续办理, per requests column;
* ``cross_year.items`` (2019 template): this year's 上一年项目数量 = last year's 上一年项目数量 + 本年增/减;
* ``cross_year.in_force`` (2021 template, a warning — revisions can explain a gap):
  this year's 现行有效件数 = last year's 现行有效件数 + 本年制发件数 − 本年废止件数.

Only consecutive years are compared (reports without a year are taken in the given order).
Field ids in findings carry the year: ``"2022:requests.carried_over.total"``; spans point into
the later report's text.
"""
from __future__ import annotations

from decimal import Decimal

from .reconcile.identities import describe
from .report import FieldValue, Finding, Report
from .tables.schema import load_fields
from .tables.values import fmt

HIGH = 0.9
_ITEM_ROWS = ["art20_5.licensing", "art20_5.other_services", "art20_6.penalty", "art20_6.enforcement",
              "art20_8.fees"]
_IN_FORCE_ROWS = {"art20_1.regulations": "规章", "art20_1.normative_docs": "行政规范性文件"}


def _year(r: Report) -> int | None:
    y = r.meta.get("year")
    return int(y) if isinstance(y, int) or (isinstance(y, str) and y.isdigit()) else None


def _pairs(reports: list[Report]) -> list[tuple[Report, Report, str]]:
    if all(_year(r) is not None for r in reports):
        rs = sorted(reports, key=lambda r: _year(r))
        return [(a, b, str(_year(b))) for a, b in zip(rs, rs[1:]) if _year(b) - _year(a) == 1]
    return [(a, b, str(i + 1)) for i, (a, b) in enumerate(zip(reports, reports[1:]))]


def _check(rule: str, key: str, severity: str, msg: str, total: list[tuple[str, Report, str]],
           parts: list[tuple[str, Report, str, int]], later: Report) -> Finding | None:
    """total: (label, report, field id); parts: (label, report, field id, sign)."""
    ops: list[tuple[str, FieldValue | None, Report]] = [(f"{lab}:{fid}", r.fields.get(fid), r)
                                                         for lab, r, fid in total]
    ops += [(f"{lab}:{fid}", r.fields.get(fid), r) for lab, r, fid, _ in parts]
    present = [fv for _, fv, _ in ops if fv is not None]
    if not present:
        return None
    conf = min(fv.confidence for fv in present)
    cause = "report" if conf >= HIGH else "extraction"
    spans = [[fv.start, fv.end] for _, fv, r in ops if fv is not None and r is later]
    ids = [name for name, _, _ in ops]
    if len(present) < len(ops):
        missing = [name for name, fv, _ in ops if fv is None]
        return Finding(f"{rule}@{key}", rule, "unverifiable", severity, cause, round(conf, 2),
                       f"无法核验：{'、'.join(missing)} 为空或未读出", None, None, ids, [], spans)
    lhs = sum(Decimal(r.fields[f].value) for _, r, f in total)
    rhs = sum(s * Decimal(r.fields[f].value) for _, r, f, s in parts)
    ok = lhs == rhs
    text = msg.format(lhs=fmt(lhs), rhs=fmt(rhs))
    return Finding(f"{rule}@{key}", rule, "consistent" if ok else "violated", severity, cause,
                   round(conf, 2), ("核验一致：" + text.replace("不等于", "等于")) if ok else text,
                   fmt(lhs), fmt(rhs), ids, [], spans)


def check_series(reports: list[Report]) -> list[Finding]:
    """Cross-year findings for consecutive reports of one body."""
    cols = {k: v for k, v in load_fields()["tables"]["requests"]["columns"].items() if k != "org_subtotal"}
    out: list[Finding] = []
    for prev, cur, tag in _pairs(list(reports)):
        py, cy = str(_year(prev) or "上年"), str(_year(cur) or "本年")
        for c, clabel in cols.items():
            f = _check("cross_year.carry", f"{tag}.{c}", "error",
                       f"{cy}年上年结转（{{lhs}}）不等于{py}年结转下年度继续办理（{{rhs}}）：{clabel}列",
                       [(cy, cur, f"requests.carried_over.{c}")],
                       [(py, prev, f"requests.carried_forward.{c}", 1)], cur)
            if f:
                out.append(f)
        if prev.meta.get("template") == "2019" and cur.meta.get("template") == "2019":
            for row in _ITEM_ROWS:
                f = _check("cross_year.items", f"{tag}.{row}", "error",
                           f"{cy}年“{describe(row + '.prev_items').split('·')[0]}”上一年项目数量（{{lhs}}）不等于{py}年上一年项目数量加本年增/减（{{rhs}}）",
                           [(cy, cur, f"{row}.prev_items")],
                           [(py, prev, f"{row}.prev_items", 1), (py, prev, f"{row}.change", 1)], cur)
                if f:
                    out.append(f)
        if prev.meta.get("template") == "2021" and cur.meta.get("template") == "2021":
            for row, label in _IN_FORCE_ROWS.items():
                f = _check("cross_year.in_force", f"{tag}.{row}", "warning",
                           f"{cy}年{label}现行有效件数（{{lhs}}）不等于{py}年现行有效件数加本年制发减本年废止"
                           f"（{{rhs}}），可能因修订等原因",
                           [(cy, cur, f"{row}.in_force")],
                           [(py, prev, f"{row}.in_force", 1), (cy, cur, f"{row}.issued", 1),
                            (cy, cur, f"{row}.repealed", -1)], cur)
                if f:
                    out.append(f)
    return out
