"""Dates as precise as their source: a year (``2021``), a quarter (``2021-Q3``), a month
(``2020-12``) or a day.

Sources date figures by year ("2021", "as of 1 Feb of given year") or by month (IPU's
"10.2020" election), and inventing the missing day or month would make later messages
print an invented date as a fact. A :class:`Period` is a :class:`datetime.date` (its first
day, so arithmetic and ``.year`` work) that remembers its precision and prints as given:
``str(Period(2020, 12, precision="month")) == "2020-12"``.

**Order.** Periods sort by their first day; of two starting on the same day, the coarser
comes first: ``2020 < 2020-Q1 < 2020-01 < 2020-01-01 < 2020-01-02 < 2020-06 < 2020-06-15
< 2021``.
A plain ``date`` is a day. Two periods are equal only when day and precision are: ``2020``
is not ``2020-01-01``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema

__all__ = ["PRECISIONS", "PartialDate", "Period", "parse_period", "precision_of"]

Precision = Literal["year", "quarter", "month", "day"]
PRECISIONS: tuple[Precision, ...] = ("year", "quarter", "month", "day")
_RANK = {p: n for n, p in enumerate(PRECISIONS)}


class Period(date):
    """A year, a month or a day; a ``date`` whose value is its first day."""

    precision: Precision

    def __new__(cls, year: int, month: int = 1, day: int = 1, *, precision: Precision = "day"):  # type: ignore[no-untyped-def]
        self = super().__new__(cls, year, month, day)
        self.precision = precision
        return self

    def _key(self) -> tuple[int, int]:
        return self.toordinal(), _RANK[self.precision]

    def isoformat(self) -> str:
        if self.precision == "year":
            return f"{self.year:04d}"
        if self.precision == "quarter":
            return f"{self.year:04d}-Q{(self.month - 1) // 3 + 1}"
        if self.precision == "month":
            return f"{self.year:04d}-{self.month:02d}"
        return super().isoformat()

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"Period({self.isoformat()!r})"

    def __reduce__(self) -> Any:
        return (_rebuild, (self.year, self.month, self.day, self.precision))

    def __hash__(self) -> int:
        return hash(self._key())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._key() == _key(other)
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    def __lt__(self, other: date) -> bool:
        return self._key() < _key(other)

    def __le__(self, other: date) -> bool:
        return self._key() <= _key(other)

    def __gt__(self, other: date) -> bool:
        return self._key() > _key(other)

    def __ge__(self, other: date) -> bool:
        return self._key() >= _key(other)


def _rebuild(year: int, month: int, day: int, precision: Precision) -> Period:
    return Period(year, month, day, precision=precision)


def _key(d: date) -> tuple[int, int]:
    if isinstance(d, Period):
        return d._key()
    if isinstance(d, date):
        return d.toordinal(), _RANK["day"]
    raise TypeError(f"cannot compare a period with {type(d).__name__}")


def precision_of(d: date) -> Precision:
    """How precise a date is: ``year``, ``month`` or ``day`` (a plain date)."""
    return d.precision if isinstance(d, Period) else "day"


_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_QUARTER = re.compile(r"^\s*(\d{4})-?Q([1-4])\s*$")


def parse_period(value: Any) -> date:
    """A date from a year (``2021`` or ``"2021"``), a quarter (``"2021-Q3"``), a month
    (``"2020-12"``) or a day (``"2020-12-05"`` or a ``date``); a ValueError otherwise."""
    if isinstance(value, datetime):
        if value.time() == datetime.min.time() and value.tzinfo is None:
            return value.date()
        raise ValueError(
            f"expected a date without a time of day, got {value.isoformat()}: give a year "
            '(2021), a month ("2020-12") or a day (2020-12-05)'
        )
    if isinstance(value, date):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return Period(value, precision="year")
    if isinstance(value, str):
        m = _YEAR.match(value)
        if m:
            return Period(int(m.group(1)), precision="year")
        m = _QUARTER.match(value)
        if m:
            return Period(int(m.group(1)), (int(m.group(2)) - 1) * 3 + 1, precision="quarter")
        m = _MONTH.match(value)
        if m and 1 <= int(m.group(2)) <= 12:
            return Period(int(m.group(1)), int(m.group(2)), precision="month")
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    return _bad(value)


def _bad(value: Any) -> date:
    shown = f'"{value}"' if isinstance(value, str) else repr(value)
    raise ValueError(
        f'expected a year (2021), a month ("2020-12") or a day (2020-12-05), got {shown}'
    )


#: A date field that keeps the source's precision (year, month or day).
PartialDate = Annotated[
    date,
    PlainValidator(parse_period),
    PlainSerializer(lambda d: d.isoformat(), return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "pattern": r"^\d{4}(-(0?[1-9]|1[0-2]|Q[1-4]))?$"},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "a year (2021), a quarter (2021-Q3), a month (2020-12) or a day "
            "(2020-12-05)",
        }
    ),
]
