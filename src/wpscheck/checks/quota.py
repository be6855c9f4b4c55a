"""``quota`` — a minimum share of seats for women, or for each sex.

Exact arithmetic: shares are fractions, so 3 of 10 meets 30 %. A failing finding says how
many more women (or men) are needed: ``ceil(min_share × seats) − women``. The score is
``min(1, share / min_share)`` of the group the rule protects (the smaller of the two
sexes with ``either_sex = true``). A body known only by a stated share is scored from that
share; ``needed`` is then unknown (null).

Options:

- ``min_share`` (required): the minimum, as ``0.3`` or ``"30%"``.
- ``either_sex`` (default false): the minimum applies to women and to men, as in Mali's
  Law 052 ("la proportion de personnes de l'un ou de l'autre sexe ne doit pas être
  inférieure à 30 %"): a body with 80 % women fails too.
- ``min_seats`` (default 0): a body with fewer seats is not covered (not-applicable),
  as Law 052 art. 2 covers only lists "d'au moins trois (03) personnes".

Passing example::

    [[rule]]
    id = "csa-30pct"
    check = "quota"
    title = "Women hold at least 30 % of the Agreement Monitoring Committee's seats"
    min_share = "30%"
    # Agreement Monitoring Committee: 9 of 29 women (31.0 %) → pass, needed 0

Failing example: the same rule on the transitional government, 4 of 25 women (16.0 %)
→ fail, score 0.5333, 4 more women needed (8 of 25).
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from wpscheck.checks import as_fraction, pct
from wpscheck.models import Finding, PositiveShare, Status
from wpscheck.plugin import BodySubject, CheckContext, CheckKind

__all__ = ["KIND", "QuotaParams", "needed"]


class QuotaParams(BaseModel):
    """Parameters of a ``quota`` rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_share: PositiveShare = Field(description='the minimum share, 0.3 or "30%"')
    either_sex: bool = Field(default=False, description="the minimum protects women and men alike")
    min_seats: int = Field(
        default=0,
        ge=0,
        description="bodies with fewer seats are not covered (Law 052 art. 2: lists of at least 3)",
    )


def needed(min_share: Fraction, seats: int, have: int) -> int:
    """The least number of added members of a group that brings ``have`` of ``seats`` to the
    minimum, when they replace others (the seats stay the same)."""
    p, q = min_share.numerator, min_share.denominator
    return max(0, -(-p * seats // q) - have)


def _minimum(min_share: float) -> tuple[Fraction, str]:
    """The exact minimum and its label ("30 %")."""
    ms = as_fraction(min_share)
    return ms, pct(ms, 0) if 100 % ms.denominator == 0 else pct(ms)


def _counted(
    women: int, seats: int, params: QuotaParams, ms: Fraction, label: str
) -> tuple[Status, float, str, dict[str, Any], dict[str, Any]]:
    """The verdict on ``women`` of ``seats`` (possible counts, seats > 0) against the
    exact minimum ``ms``, labelled ``label``."""
    min_share, either_sex = params.min_share, params.either_sex
    p, q = ms.numerator, ms.denominator
    men = seats - women
    need_women = needed(ms, seats, women)
    need_men = needed(ms, seats, men) if either_sex else 0
    protected = min(women, men) if either_sex else women
    score = min(1.0, (protected * q) / (seats * p))
    observed: dict[str, Any] = {"women": women, "seats": seats, "share": round(women / seats, 4)}
    expected: dict[str, Any] = {"min_share": min_share}
    if either_sex:
        expected["either_sex"] = True
    expected["needed"] = need_women
    if either_sex:
        observed["men"] = men
        expected["needed_men"] = need_men
    head = f"{women} of {seats} women ({women / seats * 100:.1f} %)"
    status: Status
    if need_women == 0 and need_men == 0:
        msg = f"{head} meets the {label} minimum"
        status = "pass"
    elif need_women:
        target = women + need_women
        msg = (
            f"{head} — below the {label} minimum; {need_women} more "
            f"{'woman' if need_women == 1 else 'women'} needed ({target} of {seats})"
        )
        status = "fail"
    else:
        msg = (
            f"{head} — men are below the {label} minimum for either sex; {need_men} more "
            f"{'man' if need_men == 1 else 'men'} needed ({men + need_men} of {seats})"
        )
        status = "fail"
    return status, score, msg, observed, expected


def check(ctx: CheckContext[QuotaParams], subject: BodySubject) -> Iterator[Finding]:
    params = ctx.params
    body = subject.body
    ms, label = _minimum(params.min_share)
    women, seats = body.counts()
    expected: dict[str, Any] = {"min_share": params.min_share}
    if params.either_sex:
        expected["either_sex"] = True
    if seats is not None and seats < params.min_seats:
        yield ctx.body_finding(
            subject,
            "not-applicable",
            0.0,
            f"{seats} seats: the rule covers bodies of at least {params.min_seats}",
            observed={"women": women, "seats": seats},
            expected={**expected, "needed": None},
        )
        return
    if women is not None and seats is not None:
        if seats <= 0 or women < 0 or women > seats:
            yield ctx.body_finding(
                subject,
                "not-applicable",
                0.0,
                f"{women} women of {seats} seats cannot be scored against a quota "
                "(see the consistency checks)",
                observed={"women": women, "seats": seats},
                expected={**expected, "needed": None},
            )
            return
        status, score, msg, observed, expected = _counted(women, seats, params, ms, label)
        yield ctx.body_finding(subject, status, score, msg, observed=observed, expected=expected)
        return
    if body.share is not None:
        share = as_fraction(body.share)
        part = min(share, 1 - share) if params.either_sex else share
        ok = part >= ms
        stated = f" (stated: {body.stated_share})" if body.stated_share else ""
        msg = (
            f"women's share {pct(share)}{stated} "
            + (f"meets the {label} minimum" if ok else f"— below the {label} minimum")
            + "; no counts, so the number of women needed is unknown"
        )
        yield ctx.body_finding(
            subject,
            "pass" if ok else "fail",
            float(min(Fraction(1), part / ms)),
            msg,
            observed={"share": round(float(share), 4)},
            expected={**expected, "needed": 0 if ok else None},
        )
        return
    yield ctx.body_finding(
        subject,
        "not-applicable",
        0.0,
        "no share: give seats and women, a share, or members"
        + (f" ({women} women counted, but no number of seats)" if women is not None else ""),
        observed={} if women is None else {"women": women},
        expected={**expected, "needed": None},
    )


KIND = CheckKind(
    id="quota",
    subject="body",
    params=QuotaParams,
    check=check,
    summary="Minimum share of seats for women, or for each sex",
    doc=__doc__ or "",
)
