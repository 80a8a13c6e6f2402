"""What an approximate claim allows: the interval of true values its wording is consistent with.

``583188余条`` agrees with 583188 and 583190; ``不低于4%`` with anything from 4; ``近3000`` with
2700–3000; ``约50`` with 45–55; ``十几次`` with 10–99… (几 multiplies the place value).

>>> from decimal import Decimal as D
>>> interval(D("583188"), "余")
(Decimal('583188'), Decimal('589019.88'))
>>> interval(D("7700"), "余")
(Decimal('7700'), Decimal('7800'))
>>> interval(D("4"), "不低于")[1] is None
True
>>> interval(D("3000"), "近")
(Decimal('2700.0'), Decimal('3000'))
>>> interval(D("5"), "")
(Decimal('5'), Decimal('5'))
"""
from __future__ import annotations

from decimal import Decimal

from ..report import Claim
from .numbers import multiplier, norm_unit, unit_rules

LOWER_OPEN = ("以上", "超过", "不低于", "不少于", "至少", "逾", "高于", "多于", "累计超过")  # ≥ v, no ceiling
LOWER_STEP = ("余", "多")                                                            # v … v + a step
UPPER = ("近", "将近", "接近", "不到", "不足", "以内", "之内", "内", "不超过", "不高于", "不多于",
         "以下", "少于", "低于", "最多")                                                 # ≤ v
AROUND = ("约", "大约", "左右", "上下")                                                   # ± 10 %


def _step(v: Decimal) -> Decimal:
    """The rounding step a 余/多 figure leaves open: 10^trailing zeros, or 1 % when none."""
    if v == 0:
        return Decimal(1)
    if v != v.to_integral_value():
        return abs(v) * Decimal("0.01")
    n, z = int(v), 0
    while n % 10 == 0:
        n //= 10
        z += 1
    return Decimal(10) ** z if z else abs(v) * Decimal("0.01")


def interval(v: Decimal, marker: str) -> tuple[Decimal, Decimal | None]:
    """``(low, high)``; ``high`` None means no upper bound."""
    if not marker:
        return v, v
    if marker in LOWER_OPEN:
        return v, None
    if marker in LOWER_STEP:
        return v, v + _step(v)
    if marker == "几":
        return v, v * 10
    if marker in UPPER:
        return (v * Decimal("0.9") if marker in ("近", "将近", "接近") else Decimal(0)), v
    if marker in AROUND or marker in ("-", "~", "至", "到"):
        return v * Decimal("0.9"), v * Decimal("1.1")
    return v * Decimal("0.9"), v * Decimal("1.1")


def marker_of(norm: str, c: Claim) -> str:
    """Re-read the approximation marker of an ``approx`` claim from the text around it."""
    if not c.approx:
        return ""
    span = norm[c.start:c.end]
    for m in ("余", "多", "几"):
        if m in span:
            return m
    window = norm[max(0, c.start - 8):c.start].rstrip()
    for m in unit_rules().approx_before:
        if window.endswith(m) or m in window[-6:]:
            return m
    for m in unit_rules().approx_after:
        if norm.startswith(m, c.end):
            return m
    return "约"


def claim_interval(norm: str, c: Claim) -> tuple[Decimal, Decimal | None]:
    """The claim's interval in base units (万元 → 元)."""
    f = multiplier(c.unit)
    lo, hi = interval(Decimal(c.value), marker_of(norm, c))
    return lo * f, (hi * f if hi is not None else None)


def is_share(c: Claim) -> bool:
    return norm_unit(c.unit) in ("%", "‰")
