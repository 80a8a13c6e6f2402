"""The field contract (``fields.yaml``, copied from spec/) as lookup structures.

>>> fold("（三）不予公开 1.屬于國家秘密")
'三不予公开1属于国家秘密'
>>> fold("2.其他法律行政法规禁止公开", numbering=True)
'其他法律行政法规禁止公开'
>>> requests_spec().rows["denied.state_secret"]
'属于国家秘密'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..normalize import to_simplified

_HERE = Path(__file__).parent
_NUMBERING = re.compile(r"^\s*(?:其中\s*[:：]?\s*)?(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|"
                        r"[一二三四五六七八九十]+\s*[、.．]|\d+\s*[、.．)）])\s*")
_NONWORD = re.compile(r"[^\w]|_", re.UNICODE)


_HALF_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_OF_WHICH = re.compile(r"^\s*其中\s*[:：]?")


@lru_cache(maxsize=8192)
def fold(label: str, numbering: bool = False) -> str:
    """Label key: 繁→简, full-width folded, punctuation and spaces removed.

    With ``numbering`` the leading numbering (一、 （一） 1. 其中：) is removed first, repeatedly.
    (A pure function of its arguments, so memoised: table labels repeat within and across reports.)
    """
    s = to_simplified(label.replace("\u3000", " "))
    s = s.translate(_HALF_WIDTH)
    if numbering:
        prev = None
        while prev != s:
            prev = s
            s = _NUMBERING.sub("", s, count=1)
            s = _OF_WHICH.sub("", s)
    return _NONWORD.sub("", s)


@lru_cache(maxsize=1)
def load_fields() -> dict:
    with open(_HERE / "fields.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


@lru_cache(maxsize=1)
def load_rules() -> dict:
    with open(_HERE / "table_rules.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


@dataclass
class ProactiveRow:
    """One row of table 2: its label keys and the field ids of its value columns, in order."""

    labels: list[str]
    fields: list[str]
    money: set[str] = field(default_factory=set)


@dataclass
class RequestsSpec:
    columns: list[str]            # the seven required columns, in printed order
    rows: dict[str, str]          # row key -> folded label (numbering removed)
    order: list[str]


@lru_cache(maxsize=None)
def proactive_spec(template: str) -> list[ProactiveRow]:
    """Rows of the proactive table of a template, grouped from fields.yaml."""
    tab = load_fields()["tables"]["proactive_" + template]["fields"]
    alias = load_rules()["proactive_row_aliases"]
    rows: dict[str, ProactiveRow] = {}
    for fid, spec in tab.items():
        r = rows.setdefault(spec["row"], ProactiveRow(labels=[fold(x) for x in alias.get(spec["row"], [spec["row"]])],
                                                      fields=[]))
        r.fields.append(fid)
        if spec.get("unit") == "万元":
            r.money.add(fid)
    return list(rows.values())


@lru_cache(maxsize=1)
def requests_spec() -> RequestsSpec:
    spec = load_fields()["tables"]["requests"]
    cols = [c for c in spec["columns"] if c != "org_subtotal"]
    rows = {}
    for key, label in spec["rows"].items():
        last = label.split()[-1]
        rows[key] = fold(last, numbering=True)
    return RequestsSpec(columns=cols, rows=rows, order=list(spec["rows"]))


@lru_cache(maxsize=1)
def appeals_order() -> list[str]:
    return list(load_fields()["tables"]["appeals"]["order"])


@lru_cache(maxsize=1)
def legacy_labels() -> dict[str, list[tuple[str, str | None]]]:
    """folded label -> [(field id, parent field id or None)], national labels plus variants."""
    out: dict[str, list[tuple[str, str | None]]] = {}
    for fid, spec in load_fields()["tables"]["legacy"]["fields"].items():
        out.setdefault(fold(spec["label"], numbering=True), []).append((fid, spec.get("under")))
    for variant, fid in load_rules()["legacy_variants"].items():
        out.setdefault(fold(variant, numbering=True), []).append((fid, None))
    return out


@lru_cache(maxsize=1)
def legacy_units() -> dict[str, str]:
    return {fid: spec["unit"] for fid, spec in load_fields()["tables"]["legacy"]["fields"].items()}


def requests_columns(header: str) -> list[str]:
    """The requests table's value columns in printed order, from its header text: the seven
    required ones, plus ``org_subtotal`` where the table prints a 小计 column.

    >>> requests_columns("自然人 | 法人或其他组织 | 总计 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 小计")[-2:]
    ['org_subtotal', 'total']
    >>> requests_columns("自然人 法人或其他组织 总计 小计 商业企业 科研机构")[:2]
    ['natural_person', 'org_subtotal']
    """
    cols = list(requests_spec().columns)
    f = fold(header)
    if "小计" not in f:
        return cols
    sub = f.index("小计")
    first = f.find("商业企业")
    if first >= 0 and sub < first:
        return cols[:1] + ["org_subtotal"] + cols[1:]
    return cols[:-1] + ["org_subtotal", cols[-1]]
