"""The number grammar of narrative claims: numerals, multipliers, approximation markers, units.

Everything here works on the *normalized* text (``doc.norm``: full-width folded, 繁→简), so
``，`` is ``,`` and ``幾`` is ``几``.  Values are :class:`~decimal.Decimal`, never float.

>>> parse_number("583188")
(Decimal('583188'), False)
>>> parse_number("12,745")
(Decimal('12745'), False)
>>> parse_number("4.74")
(Decimal('4.74'), False)
>>> parse_number("十几")
(Decimal('10'), True)
>>> parse_number("两千")
(Decimal('2000'), False)
>>> parse_number("三十五")
(Decimal('35'), False)
>>> parse_number("一百")
(Decimal('100'), False)
>>> parse_number("几十")
(Decimal('10'), True)
>>> parse_number("一万二千")
(Decimal('12000'), False)
>>> parse_number("二〇三五")
(Decimal('2035'), False)
>>> parse_number("5500 ")
(Decimal('5500'), False)
>>> parse_number("abc") is None
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import yaml

_DATA = Path(__file__).with_name("units.yaml")

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}

ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
CHINESE = r"[零〇一二两三四五六七八九十百千几]+"


def parse_chinese(s: str) -> Decimal | None:
    """Value of a Chinese numeral (一百二十, 两千, 二〇三五, 一万二千); None when malformed.

    >>> parse_chinese("十九"), parse_chinese("一百零五"), parse_chinese("三万")
    (Decimal('19'), Decimal('105'), Decimal('30000'))
    """
    if not s:
        return None
    if all(ch in CN_DIGITS for ch in s):  # digit by digit: 二〇三五
        return Decimal("".join(str(CN_DIGITS[ch]) for ch in s)) if len(s) > 1 or s else None
    total = section = 0
    digit: int | None = None
    for ch in s:
        if ch in CN_DIGITS:
            if digit is not None and CN_DIGITS[ch] != 0 and digit != 0:
                return None  # 三五 without a place value
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL:
            section += (1 if digit is None else digit) * CN_SMALL[ch]
            digit = None
        elif ch in CN_BIG:
            section += digit or 0
            total += (section or 1) * CN_BIG[ch]
            section, digit = 0, None
        else:
            return None
    return Decimal(total + section + (digit or 0))


def parse_number(s: str) -> tuple[Decimal, bool] | None:
    """``(value, approx)`` of an Arabic or Chinese numeral; 几 makes it approximate.

    Spaces (PDF text: "5500 ") and thousands separators are ignored.
    """
    s = s.replace(" ", "").replace(",", "")
    if not s:
        return None
    if s[0].isdigit():
        try:
            return Decimal(s), False
        except InvalidOperation:
            return None
    approx = "几" in s
    core = s.replace("几", "")
    if not core:
        return None
    if core[0] in CN_SMALL and len(s) > 0:
        core = "一" + core  # 十几 → 一十, 几百 → 一百
    v = parse_chinese(core)
    return (v, approx) if v is not None else None


def fmt(value: Decimal) -> str:
    """A decimal string without exponent or trailing zeros (``Decimal('4.50')`` → ``'4.5'``).

    >>> fmt(Decimal("4.50")), fmt(Decimal("47400")), fmt(Decimal("0"))
    ('4.5', '47400', '0')
    """
    if value == value.to_integral_value():
        return str(int(value))  # exact at any size (quantize overflows past 28 digits)
    return format(value.normalize(), "f")


@dataclass(frozen=True)
class UnitRules:
    units: tuple[str, ...]
    not_before: dict[str, re.Pattern]
    multipliers: tuple[str, ...]
    approx_before: tuple[str, ...]
    approx_middle: tuple[str, ...]
    approx_after: tuple[str, ...]
    bare_after: tuple[str, ...]


@lru_cache(maxsize=1)
def unit_rules() -> UnitRules:
    """The unit and marker lists of ``units.yaml``."""
    with open(_DATA, encoding="utf-8") as f:
        d = yaml.safe_load(f)
    units = sorted((u["unit"] for u in d["units"]), key=len, reverse=True)
    nb = {u["unit"]: re.compile(u["not_before"]) for u in d["units"] if u.get("not_before")}
    a = d["approx"]
    key = lambda x: -len(x)  # noqa: E731
    return UnitRules(tuple(units), nb, tuple(sorted(d["multipliers"], key=key)),
                     tuple(sorted(a["before"], key=key)), tuple(a["middle"]),
                     tuple(sorted(a["after"], key=key)), tuple(sorted(d["bare_number_after"], key=key)))


def multiplier(unit: str) -> Decimal:
    """The factor a unit's leading 万/亿 stands for (``万元`` → 10000).

    >>> multiplier("万元"), multiplier("条")
    (Decimal('10000'), Decimal('1'))
    """
    f = Decimal(1)
    unit = norm_unit(unit)
    for ch in unit[:2]:
        if ch in CN_BIG:
            f *= CN_BIG[ch]
        elif ch in ("千", "百") and len(unit) > 1 and unit[1] == "万":
            f *= CN_SMALL[ch]
        else:
            break
    return f


@lru_cache(maxsize=256)
def norm_unit(unit: str) -> str:
    """A unit as written, simplified and width-folded for comparison (``萬元`` → ``万元``).

    >>> norm_unit("萬元"), norm_unit("條"), norm_unit("％")
    ('万元', '条', '%')
    """
    from ..normalize import normalize
    return normalize(unit)
