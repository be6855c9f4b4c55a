"""Check kinds: one module each, each exposing ``KIND`` (a :class:`~wpscheck.plugin.CheckKind`).

Shared helpers for parameters live here.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StringConstraints

from wpscheck.models import POSITIVE_SHARE_PATTERN, ShareText, share_value

__all__ = [
    "ShareValue",
    "Threshold",
    "as_fraction",
    "parse_share_value",
    "pct",
    "pct_exact",
    "threshold_fraction",
]

_RATIO = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


def _threshold(value: Any) -> Any:
    """A minimum share as laws write it: ``"1/3"``, ``"2/3"``, ``"30%"`` or ``0.3``.

    A ratio stays text (``"1/3"``: exact, see :func:`threshold_fraction`); a percentage
    becomes its fraction; a bare number above 1 (``30``) is refused with a hint.
    """
    if isinstance(value, str) and (m := _RATIO.match(value)):
        p, q = int(m.group(1)), int(m.group(2))
        if q == 0 or p == 0 or p > q:
            raise ValueError(f'"{value}" is not a share: write a ratio from "1/100" to "1/1"')
        return f"{p}/{q}"
    if value is None:
        return None
    value = share_value(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f'expected a share: "1/3", "30%" or 0.3, not {value!r}')
    if 1 < value <= 100:
        shown = f"{value:g}"
        raise ValueError(
            f'{shown} is above 1: did you mean {shown} %? write "{shown}%" or {value / 100:g}'
        )
    if not 0 < value <= 1:
        raise ValueError(f'expected a share above 0 and at most 1 ("1/3", "30%", 0.3), not {value}')
    return float(value)


#: A minimum share, or none: a fraction ``0.3``, a percentage ``"30%"`` or a ratio
#: ``"1/3"`` (exact).
Threshold = Annotated[
    float | str | None,
    BeforeValidator(
        _threshold,
        json_schema_input_type=Annotated[float, Field(gt=0, le=1)]
        | Annotated[str, StringConstraints(pattern=POSITIVE_SHARE_PATTERN)]
        | Annotated[str, StringConstraints(pattern=r"^\s*[1-9]\d*\s*/\s*[1-9]\d*\s*$")]
        | None,
    ),
]


def threshold_fraction(value: float | str) -> Fraction:  # not None: the caller checks
    """The exact value of a :data:`Threshold` (``"1/3"`` is one third, 0.3 is 3/10)."""
    value = _threshold(value)
    if isinstance(value, str):
        return Fraction(value.replace(" ", ""))
    return as_fraction(value)


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


def pct_exact(*values: Fraction, least: int = 1, most: int = 4) -> list[str]:
    """The values as percentages with the fewest digits (at least ``least``) that tell apart
    any two that differ: 20.92 % and 20.86 % print as "20.92 %" and "20.86 %", never both
    "20.9 %"."""
    for digits in range(least, most + 1):
        shown = [pct(v, digits) for v in values]
        if all(
            (a == b) == (x == y)
            for (a, x) in zip(shown, values, strict=True)
            for (b, y) in zip(shown, values, strict=True)
        ):
            return shown
    return [pct(v, most) for v in values]
