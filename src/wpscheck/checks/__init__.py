"""Check kinds: one module each, each exposing ``KIND`` (a :class:`~wpscheck.plugin.CheckKind`).

Shared helpers for parameters live here.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated

from pydantic import BeforeValidator

from wpscheck.models import ShareText, share_value

__all__ = ["ShareValue", "as_fraction", "parse_share_value", "pct"]


#: A share written as a fraction or a percentage string (unbounded: see
#: :data:`wpscheck.models.Share` for one in [0, 1]).
ShareValue = Annotated[
    float, BeforeValidator(share_value, json_schema_input_type=float | ShareText)
]
parse_share_value = share_value


def as_fraction(value: float) -> Fraction:
    """The exact decimal a user wrote (0.3 → 3/10), not its binary approximation."""
    return Fraction(repr(value))


def pct(value: Fraction | float, digits: int = 1) -> str:
    """``16.0 %`` — a share as a percentage for messages."""
    return f"{float(value) * 100:.{digits}f} %"
