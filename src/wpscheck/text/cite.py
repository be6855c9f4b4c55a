"""Citations of Security Council resolutions and their paragraphs.

:func:`find_citations` recognises, across line breaks and in any case:

- ``paragraph 6 of resolution 2242 (2015)``, ``paragraphs 6 and 7 of resolution 2242``,
  ``paragraphs 11 to 15 of resolution 2374 (2017)``, ``operative paragraph 6 of its
  resolution 2242``, ``OP 6 of resolution 2242``;
- ``resolution 2242 (2015), paragraph 6`` and ``S/RES/2531 (2020) OP 4``;
- lists: ``resolutions 1325 (2000), 2242 (2015) and 2467 (2019)``, each a citation of the
  whole resolution (so is ``S/RES/2242 (2015)``).

A rule names what it needs as a :class:`CiteSpec`: ``"2242:6"`` (paragraph 6 of
resolution 2242) or ``"2242"`` (resolution 2242, any or no paragraph).
"""

from __future__ import annotations

import dataclasses
import re

__all__ = ["CITE_SPEC", "Citation", "CiteSpec", "find_citations", "parse_cite_spec"]

#: The form of a citation a rule asks for: ``RESOLUTION`` or ``RESOLUTION:PARAGRAPH``.
CITE_SPEC = re.compile(r"^\s*(\d{1,4})\s*(?::\s*(\d{1,3}))?\s*$")


@dataclasses.dataclass(frozen=True, slots=True)
class CiteSpec:
    """What a rule requires be cited: a resolution, and optionally one of its paragraphs."""

    resolution: int
    paragraph: int | None = None

    def __str__(self) -> str:
        return f"{self.resolution}" + (f":{self.paragraph}" if self.paragraph else "")

    def satisfied_by(self, c: Citation) -> bool:
        return c.resolution == self.resolution and (
            self.paragraph is None or c.paragraph == self.paragraph
        )


def parse_cite_spec(spec: str) -> CiteSpec:
    """``"2242:6"`` → ``CiteSpec(2242, 6)``; raises ``ValueError`` with a clear message."""
    m = CITE_SPEC.match(spec)
    if not m:
        raise ValueError(
            f'citation "{spec}" is not of the form RESOLUTION or RESOLUTION:PARAGRAPH '
            '(e.g. "2242" or "2242:6")'
        )
    return CiteSpec(int(m.group(1)), int(m.group(2)) if m.group(2) else None)


@dataclasses.dataclass(frozen=True, slots=True)
class Citation:
    """One cited resolution (and paragraph), at offsets ``start``–``end`` of the text."""

    resolution: int
    paragraph: int | None
    year: int | None
    start: int
    end: int


_NUM = r"\d{1,3}"
_NUMLIST = rf"{_NUM}(?:\s*(?:,\s*(?:and\s+)?|and\s+|to\s+|through\s+|[-–]\s*){_NUM}(?![\d(]))*"
_RES = r"\d{3,4}(?:\s*\(\s*\d{4}\s*\))?"
_RESLIST = rf"{_RES}(?:\s*(?:,\s*(?:and\s+)?|and\s+){_RES})*"
_PARA = r"(?:\boperative\s+)?(?:\bparagraphs?|\bparas?\.?|\bOPs?|¶)"
_RESWORD = r"\b(?:(?:its|security\s+council|council)\s+)?resolutions?"

_PATTERN = re.compile(
    rf"""
      (?P<a_paras>{_PARA})\s*(?P<a_nums>{_NUMLIST})\s+(?:of|in)\s+{_RESWORD}\s+(?P<a_res>{_RESLIST})
    | \bS/RES/(?P<c_res>\d{{1,4}}\s*\(\s*\d{{4}}\s*\))(?:\s*,?\s*{_PARA}\s*(?P<c_nums>{_NUMLIST}))?
    | {_RESWORD}\s+(?P<b_res>{_RES})\s*,?\s*{_PARA}\s*(?P<b_nums>{_NUMLIST})
    | {_RESWORD}\s+(?P<d_res>{_RESLIST})
    """,
    re.IGNORECASE | re.VERBOSE,
)
_ONE_RES = re.compile(r"(\d{3,4})(?:\s*\(\s*(\d{4})\s*\))?")
_NUM_ITEM = re.compile(r"(\d{1,3})|(to|through|[-–])", re.IGNORECASE)
_MAX_RANGE = 60


def _numbers(spec: str) -> list[int]:
    out: list[int] = []
    pending_range = False
    for m in _NUM_ITEM.finditer(spec):
        if m.group(2):
            pending_range = True
            continue
        n = int(m.group(1))
        if pending_range and out and 0 < n - out[-1] <= _MAX_RANGE:
            out.extend(range(out[-1] + 1, n + 1))
        else:
            out.append(n)
        pending_range = False
    return out


def _resolutions(spec: str) -> list[tuple[int, int | None]]:
    return [
        (int(m.group(1)), int(m.group(2)) if m.group(2) else None) for m in _ONE_RES.finditer(spec)
    ]


def find_citations(text: str) -> list[Citation]:
    """Every citation in ``text``, in order. Offsets are into ``text``."""
    out: list[Citation] = []
    for m in _PATTERN.finditer(text):
        start, end = m.start(), m.end()
        if m.group("a_res"):
            res = _resolutions(m.group("a_res"))
            nums = _numbers(m.group("a_nums"))
            first, year = res[0]
            out.extend(Citation(first, n, year, start, end) for n in nums)
            out.extend(Citation(r, None, y, start, end) for r, y in res[1:])
        elif m.group("c_res"):
            (r, y), *_ = _resolutions(m.group("c_res"))
            nums = _numbers(m.group("c_nums")) if m.group("c_nums") else []
            out.extend(Citation(r, n, y, start, end) for n in nums)
            out.append(Citation(r, None, y, start, end))
        elif m.group("b_res"):
            (r, y), *_ = _resolutions(m.group("b_res"))
            out.extend(Citation(r, n, y, start, end) for n in _numbers(m.group("b_nums")))
        else:
            out.extend(Citation(r, None, y, start, end) for r, y in _resolutions(m.group("d_res")))
    return out
