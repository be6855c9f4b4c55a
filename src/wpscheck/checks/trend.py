"""``trend`` — non-regression: women's representation in a body must not fall over time.

The dated observations of a body are its ``history`` plus the same body ``id`` in every
other snapshot given on the command line
(``wpscheck check bodies-2020.toml bodies-2021.toml``), with the body itself at its
``as_of`` (or its snapshot's). Each observation is compared with the one before it:

- when both give a share (from ``women`` of ``seats``, or a stated ``share``), the
  share must not fall by more than ``tolerance``;
- otherwise, when both count ``women`` and the number of seats is the same or unknown on
  both sides (female mayors: 14, then 39), the count must not fall;
- a pair that cannot be compared (different seats, no share) is listed as such.

A body with a single observation gives no finding (there is nothing to compare). When the
same body appears in several snapshots, the finding belongs to its latest observation,
so it is reported once. The score is 1 when nothing falls, else the lowest ratio
later / earlier among the falls.

Options:

- ``measure`` (default ``"auto"``): ``"share"`` compares shares only, ``"women"``
  compares counts of women only, ``"auto"`` the share where both sides have one, else
  the count.
- ``tolerance`` (default 0): a fall in share of up to this much passes, e.g. ``"1%"``
  (one percentage point).
- ``since`` (default none): only observations on or after this date are compared (a
  history from 1945 need not flag every fall ever).
- ``compare`` (default ``"all"``): ``"latest-two"`` compares only the last two
  observations (the latest election with the one before).

Shares print with as many digits as it takes to tell them apart: a fall from 20.92 % to
20.86 % prints so, never as "20.9 % to 20.9 %".

Passing example::

    [[rule]]
    id = "no-regression"
    check = "trend"
    title = "Women's representation does not fall between observations"
    # Female mayors: 14 (2020-04-29) → 39 (2021-04-29) → pass

Failing example: the same rule on a government of 25 with 9 women on 2020-04-01 and
4 women on 2020-10-05 (``history = [{as_of = 2020-04-01, seats = 25, women = 9}]``)
→ fail, score 0.4444: the share fell from 36.0 % to 16.0 %.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from wpscheck.checks import as_fraction, pct_exact
from wpscheck.models import Finding, Share
from wpscheck.plugin import BodySubject, CheckContext, CheckKind

__all__ = ["KIND", "TrendParams"]


class TrendParams(BaseModel):
    """Parameters of a ``trend`` rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    measure: Literal["auto", "share", "women"] = Field(
        default="auto", description="compare shares, counts of women, or whichever is known"
    )
    tolerance: Share = Field(
        default=0.0, description='a fall in share up to this passes, e.g. "1%"'
    )
    since: date | None = Field(default=None, description="compare observations from this date")
    compare: Literal["all", "latest-two"] = Field(
        default="all", description="compare every step, or only the last two observations"
    )


@dataclasses.dataclass(frozen=True, slots=True)
class _Point:
    as_of: date
    women: int | None
    seats: int | None
    share: Fraction | None

    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"as_of": self.as_of.isoformat()}
        if self.women is not None:
            out["women"] = self.women
        if self.seats is not None:
            out["seats"] = self.seats
        if self.share is not None:
            out["share"] = round(float(self.share), 4)
        return out


def _point(as_of: date, women: int | None, seats: int | None, share: float | None) -> _Point:
    value: Fraction | None = None
    if women is not None and seats is not None and seats > 0 and 0 <= women <= seats:
        value = Fraction(women, seats)
    elif share is not None:
        value = as_fraction(share)
    return _Point(as_of, women, seats, value)


def check(ctx: CheckContext[TrendParams], subject: BodySubject) -> Iterator[Finding]:
    params = ctx.params
    body = subject.body
    when = body.as_of or subject.snapshot.as_of
    observations = ctx.history(body)
    if not observations:
        return
    if when is None:
        yield ctx.body_finding(
            subject,
            "not-applicable",
            0.0,
            "earlier observations exist but the body has no as_of date to place it after them",
            observed={},
            expected={"trend": "no fall"},
        )
        return
    own = {id(h) for h in body.history}
    if any(o.as_of > when and id(o) not in own for o in observations):
        return  # a later snapshot of the same body carries the finding
    women, seats = body.counts()
    points = [_point(o.as_of, o.women, o.seats, o.share) for o in observations if o.as_of != when]
    points.append(_point(when, women, seats, body.share))
    points.sort(key=lambda p: p.as_of)
    if params.since is not None:
        points = [p for p in points if p.as_of >= params.since]
    if params.compare == "latest-two":
        points = points[-2:]
    if len(points) < 2:
        return
    tolerance = as_fraction(params.tolerance)
    falls: list[tuple[Fraction, str]] = []
    steps: list[str] = []
    uncomparable: list[str] = []
    for a, b in itertools.pairwise(points):
        span = f"{a.as_of.isoformat()} → {b.as_of.isoformat()}"
        if params.measure != "women" and a.share is not None and b.share is not None:
            was, now = pct_exact(a.share, b.share)
            steps.append(f"{was} → {now}")
            if b.share < a.share - tolerance:
                ratio = b.share / a.share
                falls.append((ratio, f"share fell from {was} to {now} ({span})"))
        elif (
            params.measure != "share"
            and a.women is not None
            and b.women is not None
            and a.seats == b.seats
        ):
            steps.append(f"{a.women} → {b.women} women")
            if b.women < a.women:
                ratio = Fraction(b.women, a.women)
                falls.append((ratio, f"women fell from {a.women} to {b.women} ({span})"))
        else:
            uncomparable.append(span)
    observed = {"series": [p.data() for p in points]}
    expected: dict[str, Any] = {"trend": "no fall", "tolerance": float(tolerance)}
    if not steps:
        yield ctx.body_finding(
            subject,
            "not-applicable",
            0.0,
            f"observations cannot be compared ({'; '.join(uncomparable)}): "
            "give counts with the same seats, or shares",
            observed=observed,
            expected=expected,
        )
        return
    dates = f"{points[0].as_of.isoformat()} to {points[-1].as_of.isoformat()}"
    note = f"; not comparable: {', '.join(uncomparable)}" if uncomparable else ""
    if not falls:
        yield ctx.body_finding(
            subject,
            "pass",
            1.0,
            f"no fall from {dates}: {'; '.join(steps)}{note}",
            observed=observed,
            expected=expected,
        )
        return
    score = min(r for r, _ in falls)
    yield ctx.body_finding(
        subject,
        "fail",
        float(max(Fraction(0), min(Fraction(1), score))),
        "; ".join(m for _, m in falls) + note,
        observed=observed,
        expected=expected,
    )


KIND = CheckKind(
    id="trend",
    subject="body",
    params=TrendParams,
    check=check,
    summary="Women's representation must not fall between dated observations or snapshots",
    doc=__doc__ or "",
)
