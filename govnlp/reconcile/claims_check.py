"""Narrative checks: ``claims.part_whole`` and ``claims.vs_table`` findings.

* ``claims.part_whole`` — a total and the parts linked to it (``parent``): violated when the parts
  add up to more than the total allows, or when an exhaustive breakdown (ends in 其他/其余/另有…,
  or says 分别) adds up to less; approximate figures are compared as intervals.
* ``claims.vs_table`` — a claim with a ``field`` (or "+"-sum) against the table values; only
  ``agency``-scope claims are checked, a missing operand makes the finding ``unverifiable``.

Ids are ``<rule>@<start offset of the total / claim>``: stable across runs on the same text.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..claims.bounds import claim_interval, is_share
from ..claims.numbers import fmt, multiplier, norm_unit
from ..document import Document
from ..report import Claim, FieldValue, Finding

_CATCH_ALL = re.compile(r"^(其他|其它|其余|另有|另外|剩余|其他的)")
_EXHAUSTIVE_MARKER = re.compile(r"分别(为|是)?")
_MONEY_FIELDS = ("art20_8.fees.amount", "art20_9.procurement.amount", "legacy.fees", "legacy.budget")
LOW_CONFIDENCE = 0.8


def _m(c: Claim) -> str:
    return f"（{c.metric}）" if c.metric else ""


def _fmt(v: Decimal | None) -> str:
    return "∞" if v is None else fmt(v)


def _in_unit(v: Decimal | None, unit: str) -> Decimal | None:
    return None if v is None else v / multiplier(unit)


def _share_after(claims: list[Claim], norm: str, p: Claim) -> Decimal | None:
    """The percentage stated right after a part (…303条，占71.3%), if any."""
    nxt = claims[p.index + 1] if p.index + 1 < len(claims) else None
    if nxt is None or not is_share(nxt) or nxt.sentence != p.sentence:
        return None
    gap = norm[p.end:nxt.start]
    return Decimal(nxt.value) if len(gap) <= 4 and "占" in gap else None


def _exhaustive(norm: str, total: Claim, parts: list[Claim], claims: list[Claim] | None = None) -> bool:
    """Catch-all last part (其他…), 分别, or the parts' shares adding up to 100 %."""
    if claims is not None:
        shares = [_share_after(claims, norm, p) for p in parts]
        if len(parts) >= 2 and all(x is not None for x in shares) and \
                abs(sum(shares, Decimal(0)) - 100) <= Decimal("0.5"):
            return True
    if parts[-1].start < total.start:  # parts first, then 合计/共计 N: the sum of them all
        return True
    last = parts[-1]
    if last.metric and _CATCH_ALL.match(norm_unit(last.metric)):
        return True
    gap = norm[total.end:parts[0].start] if parts[0].start > total.end else ""
    return bool(_EXHAUSTIVE_MARKER.search(gap))


def part_whole(doc: Document) -> list[Finding]:
    """One finding per total that has parts."""
    rep, norm = doc.report, doc.norm or doc.text
    kids: dict[int, list[Claim]] = {}
    for c in rep.claims:
        if c.parent is not None and not is_share(c):
            kids.setdefault(c.parent, []).append(c)
    out: list[Finding] = []
    for ti, parts in sorted(kids.items()):
        t = rep.claims[ti]
        if t.implicit or is_share(t):
            continue
        tlo, thi = claim_interval(norm, t)
        slo, shi = Decimal(0), Decimal(0)
        for p in parts:
            lo, hi = claim_interval(norm, p) if p.unit else (Decimal(p.value) * multiplier(t.unit),) * 2
            slo += lo
            shi = None if shi is None or hi is None else shi + hi
        exhaustive = _exhaustive(norm, t, parts, rep.claims)
        exceeds = thi is not None and slo > thi
        short = exhaustive and shi is not None and shi < tlo
        status = "violated" if exceeds or short else "consistent"
        across = any(p.sentence != t.sentence for p in parts)
        exact_sum = sum((Decimal(p.value) * multiplier(p.unit or t.unit) for p in parts), Decimal(0))
        obs = _in_unit(exact_sum, t.unit)
        u = t.unit
        listing = "、".join(p.text for p in parts[:6]) + ("等" if len(parts) > 6 else "")
        kind = "全部分项" if exhaustive else "所列分项"
        if exceeds:
            msg = (f"总数{t.text}{_m(t)}的{kind}（{len(parts)}项：{listing}）合计{fmt(obs)}{u}，"
                   f"超过总数{fmt(obs - Decimal(t.value))}{u}。")
        elif short:
            msg = (f"总数{t.text}{_m(t)}的{kind}（{len(parts)}项，以“其他”类收尾、写明“分别”或占比合计100%）"
                   f"合计只有{fmt(obs)}{u}，比总数少{fmt(Decimal(t.value) - obs)}{u}。")
        else:
            rel = "等于" if obs == Decimal(t.value) else ("在约数范围内" if t.approx else "不超过")
            msg = f"总数{t.text}{_m(t)}与其{kind}（{len(parts)}项：{listing}）合计{fmt(obs)}{u}，{rel}总数。"
        conf = (0.95 if exhaustive else 0.9) * (0.85 if across else 1.0) * (0.9 if t.approx else 1.0)
        out.append(Finding(
            id=f"claims.part_whole@{t.start}", rule="claims.part_whole", status=status,
            severity="error" if status == "violated" else "info", cause="report",
            confidence=round(conf, 3), message=msg, expected=t.value, observed=fmt(obs),
            fields=[], claims=[t.index] + [p.index for p in parts],
            spans=[[t.start, t.end]] + [[p.start, p.end] for p in parts]))
    return out


def _field_value(fv: FieldValue, fid: str) -> Decimal:
    return Decimal(str(fv.value).replace(",", ""))


def _numeric(v: str | None) -> bool:
    try:
        Decimal(str(v).replace(",", ""))
    except (InvalidOperation, ValueError):
        return False
    return v is not None and str(v).strip() != ""


def resolve(fields: dict[str, FieldValue], fid: str) -> list[tuple[str, FieldValue]] | None:
    """The table values a field id stands for, or None when it is missing.

    Appeals ids are looked up with and without the ``appeals.`` prefix; a 2021 table that gives
    only the three 其他处理 sub-rows stands for ``requests.other.<column>`` (fields.yaml).
    """
    for k in (fid, "appeals." + fid, fid.removeprefix("appeals.")):
        if k in fields:
            return [(k, fields[k])] if _numeric(fields[k].value) else None
    if fid.startswith("requests.other.") and fid.count(".") == 2:
        col = fid.rsplit(".", 1)[1]
        subs = [f"requests.other.{r}.{col}" for r in ("no_correction", "no_fee", "other")]
        if all(k in fields and _numeric(fields[k].value) for k in subs):
            return [(k, fields[k]) for k in subs]
    return None


def _field_factor(fid: str, fv: FieldValue) -> Decimal:
    """Base units per table unit: money fields are stored in 万元."""
    unit = fv.unit or ("万元" if fid in _MONEY_FIELDS else "")
    return multiplier(unit) if unit else Decimal(1)


def vs_table(doc: Document) -> list[Finding]:
    """One finding per agency-scope claim linked to a field or a sum of fields."""
    rep, norm = doc.report, doc.norm or doc.text
    out: list[Finding] = []
    for c in rep.claims:
        if not c.field or c.scope != "agency":
            continue
        wanted = c.field.split("+")
        got = [resolve(rep.fields, f) for f in wanted]
        missing = [f for f, g in zip(wanted, got) if g is None]
        pairs = [p for g in got if g for p in g]
        ids = [k for k, _ in pairs] if not missing else wanted
        fvs = [v for _, v in pairs]
        spans = [[c.start, c.end]] + [[v.start, v.end] for v in fvs if v.end > v.start]
        base = dict(id=f"claims.vs_table@{c.start}", rule="claims.vs_table", fields=ids, claims=[c.index],
                    spans=spans)
        label = "+".join(ids)
        if missing:
            out.append(Finding(**base, status="unverifiable", severity="warning", cause="extraction",
                               confidence=0.5, expected=None, observed=c.value,
                               message=f"正文“{c.text}”{_m(c)}对应表格{label}，"
                                       f"但表格中{'、'.join(missing)}缺失或空白，无法核对。"))
            continue
        lo, hi = claim_interval(norm, c)
        table = sum((_field_value(v, f) * _field_factor(f, v) for f, v in zip(ids, fvs)), Decimal(0))
        ok = lo <= table and (hi is None or table <= hi)
        conf_t = min(v.confidence for v in fvs)
        cause = "extraction" if conf_t < LOW_CONFIDENCE else "report"
        shown = _in_unit(table, c.unit) if c.unit else table
        said = "未（零）" if c.implicit else c.text
        if ok:
            msg = f"正文“{said}”{_m(c)}与表格{label}的值{fmt(shown)}一致。"
        else:
            msg = (f"正文“{said}”{_m(c)}与表格{label}不一致：表格为{fmt(shown)}，"
                   f"正文为{c.value}{c.unit}{'（约数）' if c.approx else ''}。")
        out.append(Finding(**base, status="consistent" if ok else "violated",
                           severity="info" if ok else "error", cause=cause,
                           confidence=round(0.9 * conf_t * (0.9 if c.approx else 1.0), 3),
                           expected=fmt(shown), observed=c.value, message=msg))
    return out


def check_claims(doc: Document) -> None:
    """Append the narrative findings to ``doc.report.findings`` (part-whole, then vs-table)."""
    doc.report.findings.extend(part_whole(doc))
    doc.report.findings.extend(vs_table(doc))
