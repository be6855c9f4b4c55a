"""Check kinds: one module each, each exposing ``KIND`` (a :class:`~wpscheck.plugin.CheckKind`).

Shared helpers for parameters live here.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any

from pydantic import BeforeValidator

__all__ = ["ShareValue", "as_fraction", "parse_share_value", "pct"]


def parse_share_value(value: Any) -> Any:
    """``0.3``, ``"30%"``, ``"30 %"`` and ``"30 percent"`` all mean 30 %."""
    if isinstance(value, str):
        s = value.strip().lower().replace("per cent", "percent")
        for suffix in ("%", "percent"):
            if s.endswith(suffix):
                try:
                    return float(Decimal(s[: -len(suffix)].strip().replace(",", ".")) / 100)
                except ArithmeticError:
                    return value
    return value


#: A share in (0, 1], written as a fraction or a percentage string.
ShareValue = Annotated[float, BeforeValidator(parse_share_value)]


def as_fraction(value: float) -> Fraction:
    """The exact decimal a user wrote (0.3 → 3/10), not its binary approximation."""
    return Fraction(repr(value))


def pct(value: Fraction | float, digits: int = 1) -> str:
    """``16.0 %`` — a share as a percentage for messages."""
    return f"{float(value) * 100:.{digits}f} %"
