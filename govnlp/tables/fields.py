"""Map table rows (from ``|`` text, HTML grids or split run-together text) to canonical fields.

Blank cells are skipped (absent, never 0); a row whose label is garbled is matched fuzzily
(confidence 0.8, with a warning); a broken row with too few cells maps its first and last
value only.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import Callable

from ..report import FieldValue
from .grid import Row, VCell
from .schema import appeals_order, fold, legacy_labels, legacy_units, proactive_spec, requests_spec
from .values import is_blank, parse_value

FUZZY = 0.8
Warn = Callable[[str], None]


@dataclass
class Mapped:
    fields: dict[str, FieldValue] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)   # row keys in table order
    printed: set[str] = field(default_factory=set)  # field ids whose cell the table prints (blank or not)


def fit(values: list[VCell], n: int, broken: bool, label: str, warn: Warn) -> list[VCell | None]:
    """Exactly ``n`` cells (None where unknown) from a row's value cells."""
    vals = list(values)
    while vals and (len(vals) > n or broken) and is_blank(vals[-1].text):
        vals.pop()
    if len(vals) > n:
        # colspan copies: drop cells equal to their left neighbour
        dup = [i for i in range(1, len(vals)) if vals[i].text == vals[i - 1].text]
        outs = {}
        for drop in combinations(dup, len(vals) - n):
            kept = [v for i, v in enumerate(vals) if i not in drop]
            outs.setdefault(tuple(v.text for v in kept), kept)
        if outs:
            kept = next(iter(outs.values()))
            if len(outs) > 1:
                for v in kept:
                    v.confidence = min(v.confidence, 0.5)
                warn(f"表格行“{label}”的单元格多于列数，合并方式不唯一")
            return kept
        warn(f"表格行“{label}”的单元格多于列数（{len(vals)}>{n}），只取前{n}个")
        return [VCell(v.text, v.start, v.end, min(v.confidence, 0.5)) for v in vals[:n]]
    if len(vals) < n:
        nums = [v for v in vals if not is_blank(v.text)]
        out: list[VCell | None] = [None] * n
        if broken and len(nums) >= 2:
            out[0] = VCell(nums[0].text, nums[0].start, nums[0].end, FUZZY)
            out[-1] = VCell(nums[-1].text, nums[-1].start, nums[-1].end, FUZZY)
            warn(f"表格行“{label}”断行且缺少单元格（{len(nums)}<{n}），只确定首列和末列")
            return out
        warn(f"表格行“{label}”的单元格少于列数（{len(vals)}<{n}）")
        for i, v in enumerate(vals):
            out[i] = VCell(v.text, v.start, v.end, min(v.confidence, 0.5))
        return out
    return vals


def _put(m: Mapped, fid: str, cell: VCell | None, table: int, conf: float, money: bool = False,
         unit: str | None = None) -> None:
    if cell is None:
        return
    pv = parse_value(cell.text, money)
    if pv is None:
        return
    value, u, raw = pv
    m.fields[fid] = FieldValue(value, table, cell.start, cell.end, round(min(conf, cell.confidence), 2),
                               raw, unit or u)


def match_label(label: str, choices: dict[str, str], used: set[str]) -> tuple[str | None, float]:
    """Row key whose folded label equals (or, fuzzily, resembles) ``label``."""
    f = fold(label, numbering=True)
    if not f:
        return None, 0.0
    for key, want in choices.items():
        if f == want and key not in used:
            return key, 1.0
    for key, want in choices.items():
        if key not in used and len(want) >= 4 and (f.startswith(want) or want.startswith(f) and len(f) >= 4):
            return key, 0.95
    best, score = None, 0.0
    for key, want in choices.items():
        if key in used:
            continue
        r = _similarity(f, want)
        if r > score:
            best, score = key, r
    if best is not None and score >= 0.6:
        return best, FUZZY
    return None, 0.0


@lru_cache(maxsize=8192)
def _similarity(a: str, b: str) -> float:
    """difflib's ratio of two folded labels (pure; the same pairs recur row after row)."""
    return difflib.SequenceMatcher(None, a, b).ratio()


def map_requests(rows: list[Row], table: int, warn: Warn, columns: list[str] | None = None) -> Mapped:
    """Rows of table 3; ``columns`` from :func:`requests_columns` (default: the seven)."""
    spec = requests_spec()
    cols = columns or spec.columns
    m = Mapped()
    used: set[str] = set()
    for row in rows:
        if row.label is None or all(is_blank(v.text) for v in row.values):
            continue
        key, conf = match_label(row.label.text, spec.rows, used)
        if key is None:   # a stray text cell after the label ("1.属于国家 | mm | 0 …")
            for alt in [row.parents[-1] + row.label.text] + row.parents[::-1] if row.parents else []:
                key, conf = match_label(alt, spec.rows, used)
                if key is not None:
                    conf = min(conf, FUZZY)
                    break
        if key is None:
            continue
        if conf < 0.9:
            warn(f"表格行标签“{row.label.text}”不完整，按“{spec.rows[key]}”读取")
        used.add(key)
        m.keys.append(key)
        m.printed |= {f"requests.{key}.{c}" for c in cols}
        cells = fit(row.values, len(cols), row.broken, row.label.text, warn)
        for col, cell in zip(cols, cells):
            _put(m, f"requests.{key}.{col}", cell, table, conf)
    for row in rows:   # rows printed with every cell blank
        if (row.label is not None and row.values and all(is_blank(v.text) for v in row.values)
                and _NUMBERED.match(row.label.text)):
            key, conf = match_label(row.label.text, spec.rows, used)
            if key is not None and conf >= 0.95:
                used.add(key)
                m.printed |= {f"requests.{key}.{c}" for c in cols}
    return m


def map_proactive(rows: list[Row], table: int, template: str, warn: Warn) -> Mapped:
    m = Mapped()
    specs = proactive_spec(template)
    choices = {str(i): s.labels[0] for i, s in enumerate(specs)}
    alias = {fold(lab): str(i) for i, s in enumerate(specs) for lab in s.labels}
    used: set[str] = set()
    for row in rows:
        if row.label is None or all(is_blank(v.text) for v in row.values):
            continue
        f = fold(row.label.text, numbering=True)
        key, conf = (alias[f], 1.0) if f in alias and alias[f] not in used else match_label(row.label.text, choices, used)
        if key is None:
            continue
        used.add(key)
        r = specs[int(key)]
        m.keys.append(r.fields[0].rsplit(".", 1)[0])
        m.printed |= set(r.fields)
        cells = fit(row.values, len(r.fields), row.broken, row.label.text, warn)
        for fid, cell in zip(r.fields, cells):
            _put(m, fid, cell, table, conf, money=fid in r.money)
    return m


def map_appeals(rows: list[Row], table: int, warn: Warn) -> Mapped:
    m = Mapped()
    order = appeals_order()
    for row in rows:
        nums = [v for v in row.values if not is_blank(v.text)]
        if len(nums) >= len(order) - 3 and (row.label is None or len(row.values) >= len(order)):
            cells = fit(row.values, len(order), row.broken, "行政复议、行政诉讼", warn)
            for fid, cell in zip(order, cells):
                _put(m, fid, cell, table, 1.0)
            m.keys.append("appeals")
            m.printed |= set(order)
            break
    return m


_NUMBERED = re.compile(r"\s*(?:[（(]\s*[一二三四五六七八九十]+|[一二三四五六七八九十]+\s*、|\d+\s*[.、．])")
_REMARK = re.compile(r"\s*[（(](?:不包括|不含|包括|含)[^)）]*[)）]?\s*$")
_PARENTS = ("legacy.review.total", "legacy.litigation.total")


def map_legacy(rows: list[Row], table: int, warn: Warn) -> Mapped:
    """pre-2019 rows by label; unmatched rows as ``legacy.unmatched[<label>]`` with their unit."""
    m = Mapped()
    labels = legacy_labels()
    units = legacy_units()
    parent = None
    for row in rows:
        if row.label is None:
            continue
        f = fold(row.label.text, numbering=True)
        opts = labels.get(f, []) or labels.get(fold(_REMARK.sub("", row.label.text), numbering=True), [])
        fid = None
        if len(opts) == 1:
            fid = opts[0][0]
        elif opts:
            fid = next((o for o, under in opts if under == parent), opts[0][0])
        if fid in _PARENTS:
            parent = fid
        if fid:
            m.printed.add(fid)
        if not row.values or row.unit is None:
            continue
        cell = row.values[0]
        m.keys.append(fid or "unmatched")
        if fid is None:
            pv = parse_value(cell.text)
            if pv is not None:
                lab = row.label.text.strip()
                m.fields[f"legacy.unmatched[{lab}]"] = FieldValue(pv[0], table, cell.start, cell.end,
                                                                  round(cell.confidence, 2), pv[2],
                                                                  row.unit.text.strip())
            continue
        money = units.get(fid) == "万元"
        _put(m, fid, cell, table, 1.0, money=money, unit=units.get(fid))
    return m
