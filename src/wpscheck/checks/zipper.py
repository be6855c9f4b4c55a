"""``zipper`` — a candidate list alternates strictly: woman, man, woman … or man, woman ….

A "zipper" (or "zebra") list, as parity laws require: no two candidates of one sex in a
row, optionally headed by a given sex. A failing list names the runs that break it and a
mend (candidates to move up; replacements when one sex has too few candidates), as the
``alternation`` kind does with ``max_run = 1``.

Options:

- ``first`` (default ``"any"``): ``"F"`` or ``"M"`` when the law says which sex heads
  the list.
- ``min_size`` (default 1): shorter lists are not covered.

Passing example::

    [[rule]]
    id = "zipper"
    check = "zipper"
    title = "Lists alternate women and men"
    # F M F M F → pass

Failing example: F M M F → fail, men at positions 2–3; mend: move position 4 up to 3.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from wpscheck.candidates import ListSubject, other, sex_word, too_short
from wpscheck.checks.alternation import run_findings
from wpscheck.models import Finding
from wpscheck.plugin import CheckContext, CheckKind

__all__ = ["KIND", "ZipperParams"]


class ZipperParams(BaseModel):
    """Parameters of a ``zipper`` rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    first: Literal["any", "F", "M"] = Field(default="any", description="the sex heading the list")
    min_size: int = Field(default=1, ge=1, description="shorter lists are not covered")


def check(ctx: CheckContext[ZipperParams], subject: ListSubject) -> Iterator[Finding]:
    lst = subject.list
    short = too_short(ctx, lst, ctx.params.min_size)
    if short is not None:
        yield short
        return
    first = ctx.params.first
    before = "" if first == "any" else other(first)
    what = "strict alternation of women and men" + (
        f", headed by a {sex_word(first)}" if first != "any" else ""
    )
    yield run_findings(ctx, lst, 1, before, what)


KIND = CheckKind(
    id="zipper",
    subject="list",
    params=ZipperParams,
    check=check,
    summary="Candidate lists: women and men strictly alternate",
    doc=__doc__ or "",
)
