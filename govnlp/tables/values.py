"""Table cell values: blanks, integers, negatives, decimals and money (stored in 万元).

>>> parse_value("4.74亿元", money=True)
('47400', '万元', '4.74亿元')
>>> parse_value("75394432.52元", money=True)
('7539.443252', '万元', '75394432.52元')
>>> parse_value("-98")
('-98', None, None)
>>> parse_value("—") is None, parse_value("/") is None, parse_value("") is None
(True, True, True)
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

BLANKS = {"", "/", "／", "—", "——", "-", "--", "－", "―", "――", "–", "——", "\\"}
UNITS = ("万元", "萬元", "人次", "亿元", "億元", "条", "條", "件", "次", "篇", "个", "個", "人", "元", "项", "項")
_NUM = re.compile(r"^\s*(-?\s*\d+(?:\.\d+)?)\s*(亿元|億元|万元|萬元|元)?\s*$")
_TO_WAN = {"亿元": Decimal(10000), "億元": Decimal(10000), "万元": Decimal(1), "萬元": Decimal(1),
           "元": Decimal("0.0001")}


@lru_cache(maxsize=4096)   # pure; cell texts repeat (0, 1, /, …) and this is asked very often
def is_blank(text: str) -> bool:
    """A cell that means "no value" (never 0)."""
    return text.strip().replace(" ", "") in BLANKS


def is_number(text: str) -> bool:
    """A cell holding one number (optionally with a money unit)."""
    return bool(_NUM.match(text.replace(",", "")))


def is_unit(text: str) -> bool:
    """A unit cell of a pre-2019 table (条, 件, 萬元 …)."""
    return text.strip() in UNITS


def fmt(d: Decimal) -> str:
    """Plain decimal string without exponent or trailing zeros after a point.

    >>> fmt(Decimal("7539.44325200")), fmt(Decimal("4.74E+4"))
    ('7539.443252', '47400')
    """
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


@lru_cache(maxsize=4096)   # pure, and the result (a tuple of str) is immutable
def parse_value(text: str, money: bool = False) -> tuple[str, str | None, str | None] | None:
    """``(value, unit, raw)`` of a cell, or None for a blank or unreadable cell.

    ``unit`` is "万元" for money cells, ``raw`` the printed text when a conversion happened.
    """
    t = text.strip().replace(",", "").replace("，", "")
    if is_blank(t):
        return None
    m = _NUM.match(t)
    if not m:
        return None
    num = Decimal(m.group(1).replace(" ", ""))
    unit = m.group(2)
    if unit and unit not in ("万元", "萬元"):
        return fmt(num * _TO_WAN[unit]), "万元", text.strip()
    return fmt(num), ("万元" if (money or unit) else None), None
