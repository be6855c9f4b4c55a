"""``quota`` — a quota law as written: a minimum share, a number of women, reserved seats.

Exact arithmetic: shares are fractions, so 3 of 10 meets 30 % and 1 of 3 meets ``"1/3"``.
A failing finding says how many more women (or men) are needed:
``ceil(min_share × seats) − women``. The score is ``min(1, share / min_share)`` of the
group the rule protects (the smaller of the two sexes with ``either_sex = true``; for a
number of women, ``women / required``). A body known only by a stated share is scored
from that share; ``needed`` is then unknown (null).

Options (give at least one of ``min_share``, ``min_women``, ``reserved``):

- ``min_share``: the minimum share, as ``0.3``, ``"30%"``, or a ratio as laws write it
  (``"1/3"``, ``"2/3"``, exact). ``min_share = 30`` is refused with a hint ("did you mean
  30 %?").
- ``min_women``: an absolute minimum, e.g. ``1`` for "at least one woman".
- ``reserved``: seats reserved for women (``reserved = 24``): met when women ≥ reserved.
- ``either_sex`` (default false): the minimum share applies to women and to men, as in
  Mali's Law 052 ("la proportion de personnes de l'un ou de l'autre sexe ne doit pas être
  inférieure à 30 %"): a body with 80 % women fails too.
- ``min_seats`` (default 0): a body with fewer seats is not covered (not-applicable),
  as Law 052 art. 2 covers only lists "d'au moins trois (03) personnes".
- ``of_seats`` (default ``"filled"``): the seats a share is computed on — ``"filled"``
  (the body's ``seats``) or ``"statutory"`` (its ``statutory_seats``, the seats the law
  sets, when some are vacant).
- ``tolerance`` (default 0): a share below the minimum by at most this much passes
  "within tolerance", e.g. ``"2%"`` (UN Women's ± 2 percentage points).
- ``valid_from``, ``valid_until``: the dates the law is in force (a law from an election,
  for ten years); a body dated outside them (its ``as_of``, or its snapshot's) is
  not-applicable, with the reason.
- ``applies`` (default ``"results"``): ``"results"`` — an output quota, on the
  composition of the body (reserved seats, appointed bodies); ``"lists"`` — an input
  quota, binding candidate lists: it judges bodies of kind ``electoral-list`` and is
  not-applicable to the body elected from them (a chamber below a list quota has not
  broken it). Ordered candidate lists have their own check kinds (``list-cap`` …).
- ``observation`` (default ``"latest"``): with several snapshots of one body, only its
  latest observation is judged (the older one is not-applicable, "superseded by …");
  ``"every"`` judges each.

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

import functools
from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from wpscheck.checks import Threshold, as_fraction, pct, threshold_fraction
from wpscheck.models import Finding, Share, Status
from wpscheck.plugin import BodySubject, CheckContext, CheckKind, clamped

__all__ = ["KIND", "QuotaParams", "latest_elsewhere", "needed", "when_of"]


class QuotaParams(BaseModel):
    """Parameters of a ``quota`` rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_share: Threshold = Field(default=None, description='the minimum share: 0.3, "30%" or "1/3"')
    min_women: int | None = Field(
        default=None, ge=1, description='an absolute minimum ("at least one woman": 1)'
    )
    reserved: int | None = Field(
        default=None, ge=1, description="seats reserved for women: met when women ≥ reserved"
    )
    either_sex: bool = Field(default=False, description="the minimum protects women and men alike")
    min_seats: int = Field(
        default=0,
        ge=0,
        description="bodies with fewer seats are not covered (Law 052 art. 2: lists of at least 3)",
    )
    of_seats: Literal["filled", "statutory"] = Field(
        default="filled", description="the seats a share is computed on"
    )
    tolerance: Share = Field(
        default=0.0, description='a share this far below the minimum passes, e.g. "2%"'
    )
    valid_from: date | None = Field(default=None, description="the law is in force from")
    valid_until: date | None = Field(default=None, description="the law is in force until")
    applies: Literal["results", "lists"] = Field(
        default="results", description="an output quota (results) or an input quota (lists)"
    )
    observation: Literal["latest", "every"] = Field(
        default="latest", description="judge a body's latest observation only, or every one"
    )

    @model_validator(mode="after")
    def _something_required(self) -> QuotaParams:
        if self.min_share is None and self.min_women is None and self.reserved is None:
            raise ValueError('a quota rule needs min_share ("30%", "1/3"), min_women or reserved')
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValueError(
                f"valid_until {self.valid_until} is before valid_from {self.valid_from}"
            )
        if self.either_sex and self.min_share is None:
            raise ValueError("either_sex needs a min_share")
        return self


def needed(min_share: Fraction, seats: int, have: int) -> int:
    """The least number of added members of a group that brings ``have`` of ``seats`` to the
    minimum, when they replace others (the seats stay the same)."""
    p, q = min_share.numerator, min_share.denominator
    return max(0, -(-p * seats // q) - have)


@functools.lru_cache(maxsize=256)
def _minimum(min_share: float | str) -> tuple[Fraction, str]:
    """The exact minimum and its label ("30 %", "1/3")."""
    ms = threshold_fraction(min_share)
    if isinstance(min_share, str):
        return ms, f"{min_share} ({pct(ms)})"
    return ms, pct(ms, 0) if 100 % ms.denominator == 0 else pct(ms)


def when_of(subject: BodySubject) -> date | None:
    """The date of a body's observation: its own ``as_of``, or its snapshot's."""
    return subject.body.as_of or subject.snapshot.as_of


def latest_elsewhere(ctx: CheckContext[Any], subject: BodySubject) -> date | None:
    """The date of a later observation of the same body in another snapshot, if any."""
    when = when_of(subject)
    if when is None:
        return None
    own = {id(h) for h in subject.body.history}
    later = [o.as_of for o in ctx.history(subject.body) if o.as_of > when and id(o) not in own]
    return max(later) if later else None


@functools.lru_cache(maxsize=256)
def _tolerance(tolerance: float) -> Fraction:
    return as_fraction(tolerance)


def _within(tol: Fraction) -> str:
    """``within the 2 % tolerance``."""
    return f"within the {pct(tol, 0) if 100 % tol.denominator == 0 else pct(tol)} tolerance"


def _women_word(n: int) -> str:
    return "woman" if n == 1 else "women"


@functools.lru_cache(maxsize=8192)
def _counted(
    women: int, seats: int, params: QuotaParams, basis: str
) -> tuple[Status, float, str, dict[str, Any], dict[str, Any]]:
    """The verdict on ``women`` of ``seats`` (possible counts, seats > 0)."""
    men = seats - women
    observed: dict[str, Any] = {"women": women, "seats": seats, "share": round(women / seats, 4)}
    expected: dict[str, Any] = {}
    head = f"{women} of {seats}{basis} women ({women / seats * 100:.1f} %)"
    fails: list[str] = []
    passes: list[str] = []
    score = 1.0
    need_women = 0
    if params.min_share is not None:
        ms, label = _minimum(params.min_share)
        p, q = ms.numerator, ms.denominator
        expected["min_share"] = params.min_share
        share_need = needed(ms, seats, women)
        need_men = needed(ms, seats, men) if params.either_sex else 0
        protected = min(women, men) if params.either_sex else women
        score = min(score, (protected * q) / (seats * p))
        if params.either_sex:
            expected["either_sex"] = True
            observed["men"] = men
        tol = _tolerance(params.tolerance)
        within = bool(tol) and Fraction(protected, seats) >= ms - tol
        if share_need == 0 and need_men == 0:
            passes.append(f"meets the {label} minimum")
        elif within:
            passes.append(f"is below the {label} minimum but {_within(tol)}")
        elif share_need:
            target = women + share_need
            fails.append(
                f"below the {label} minimum; {share_need} more "
                f"{_women_word(share_need)} needed ({target} of {seats})"
            )
            need_women = share_need
        else:
            fails.append(
                f"men are below the {label} minimum for either sex; {need_men} more "
                f"{'man' if need_men == 1 else 'men'} needed ({men + need_men} of {seats})"
            )
        if within:
            share_need = need_men = 0
        expected["needed"] = share_need
        if params.either_sex:
            expected["needed_men"] = need_men
    for count, what in ((params.min_women, "minimum"), (params.reserved, "reserved")):
        if count is None:
            continue
        expected["min_women" if what == "minimum" else "reserved"] = count
        short = max(0, count - women)
        score = min(score, women / count)
        need_women = max(need_women, short)
        if what == "minimum":
            said = f"the minimum of {count} {_women_word(count)}"
        else:
            said = f"the {count} {'seat' if count == 1 else 'seats'} reserved for women"
        if short == 0:
            passes.append(f"meets {said}" if what == "minimum" else f"fills {said}")
        else:
            fails.append(
                f"below {said}; {short} more {_women_word(short)} needed ({count} of {seats})"
            )
    expected["needed"] = need_women if fails or "needed" not in expected else expected["needed"]
    if fails:
        return "fail", score, f"{head} — " + "; ".join(fails), observed, expected
    return "pass", score, f"{head} " + " and ".join(passes), observed, expected


@functools.lru_cache(maxsize=8192)
def _shared(
    share_value: float, stated_share: str | None, params: QuotaParams
) -> tuple[Status, float, str, dict[str, Any], dict[str, Any]]:
    """The verdict on a body known only by its share (``params.min_share`` given)."""
    assert params.min_share is not None  # the caller checked
    ms, label = _minimum(params.min_share)
    share = as_fraction(share_value)
    part = min(share, 1 - share) if params.either_sex else share
    ok = part >= ms - _tolerance(params.tolerance)
    stated = f" (stated: {stated_share})" if stated_share else ""
    verdict = (
        f"meets the {label} minimum"
        if part >= ms
        else f"is below the {label} minimum but {_within(_tolerance(params.tolerance))}"
        if ok
        else f"— below the {label} minimum"
    )
    msg = f"women's share {pct(share)}{stated} {verdict}" + (
        "; no counts, so the number of women needed is unknown"
    )
    expected: dict[str, Any] = {"min_share": params.min_share}
    if params.either_sex:
        expected["either_sex"] = True
    expected["needed"] = 0 if ok else None
    score = float(min(Fraction(1), part / ms))
    return "pass" if ok else "fail", score, msg, {"share": round(float(share), 4)}, expected


def _not_applicable(
    ctx: CheckContext[QuotaParams], subject: BodySubject, reason: str, observed: dict[str, Any]
) -> Finding:
    params = ctx.params
    expected: dict[str, Any] = {}
    if params.min_share is not None:
        expected["min_share"] = params.min_share
    if params.either_sex:
        expected["either_sex"] = True
    expected["needed"] = None
    return ctx.body_finding(
        subject, "not-applicable", 0.0, reason, observed=observed, expected=expected
    )


def _outside(params: QuotaParams, when: date | None) -> str | None:
    """Why a body dated ``when`` is outside the law's window, or None."""
    if params.valid_from is None and params.valid_until is None:
        return None
    window = (f"from {params.valid_from}" if params.valid_from else "") + (
        f" until {params.valid_until}" if params.valid_until else ""
    )
    window = window.strip()
    if when is None:
        return f"the law applies {window}; the body has no date (as_of) to place it"
    if params.valid_from and when < params.valid_from:
        return f"dated {when}, before the law applies ({window})"
    if params.valid_until and when > params.valid_until:
        return f"dated {when}, after the law ceased to apply ({window})"
    return None


def check(ctx: CheckContext[QuotaParams], subject: BodySubject) -> Iterator[Finding]:
    params = ctx.params
    body = subject.body
    women, filled = body.counts()
    seats = body.statutory_seats if params.of_seats == "statutory" else filled
    counts = {} if women is None else {"women": women}
    if seats is not None:
        counts["seats"] = seats
    reason = _outside(params, when_of(subject))
    if reason is None and params.observation == "latest":
        later = latest_elsewhere(ctx, subject)
        if later is not None:
            reason = f"superseded by the later observation of {later}"
    if reason is None and params.applies == "lists" and body.kind != "electoral-list":
        reason = (
            "a list quota binds candidate lists, not the body elected from them "
            "(give the lists, or a results quota)"
        )
    if reason is None and params.of_seats == "statutory" and seats is None:
        reason = "the rule counts statutory seats; the body gives no statutory_seats"
    if reason is None and seats is not None and seats < params.min_seats:
        reason = f"{seats} seats: the rule covers bodies of at least {params.min_seats}"
    if reason is not None:
        yield _not_applicable(ctx, subject, reason, counts)
        return
    if women is not None and seats is not None:
        if seats <= 0 or women < 0 or women > seats:
            yield _not_applicable(
                ctx,
                subject,
                f"{women} women of {seats} seats cannot be scored against a quota "
                "(see the consistency checks)",
                counts,
            )
            return
        basis = " statutory seats:" if params.of_seats == "statutory" else ""
        # The verdict on these counts under this rule (cached: bodies repeat them). The
        # findings alike share their observed and expected dicts, which nothing changes.
        status, score, msg, seen, wanted = _counted(women, seats, params, basis)
        yield ctx.body_finding(subject, status, score, msg, observed=seen, expected=wanted)
        return
    if body.share is not None and params.min_share is not None and params.of_seats == "filled":
        status, score, msg, seen, wanted = _shared(body.share, body.stated_share, params)
        yield ctx.body_finding(subject, status, score, msg, observed=seen, expected=wanted)
        return
    if body.share is not None and params.min_share is None:
        yield _not_applicable(
            ctx,
            subject,
            "only a share is known: a number of women (min_women, reserved) needs counts",
            {"share": round(float(body.share), 4)},
        )
        return
    yield _not_applicable(
        ctx,
        subject,
        "no share: give seats and women, a share, or members"
        + (f" ({women} women counted, but no number of seats)" if women is not None else ""),
        counts if women is not None else {},
    )


def _counted_passes(women: int, seats: int, params: QuotaParams) -> float | None:
    """What :func:`_counted` decides, without its message: the score if it is a pass."""
    score = 1.0
    if params.min_share is not None:
        ms = _minimum(params.min_share)[0]
        p, q = ms.numerator, ms.denominator
        men = seats - women
        protected = min(women, men) if params.either_sex else women
        score = min(score, (protected * q) / (seats * p))
        short = needed(ms, seats, women) or (params.either_sex and needed(ms, seats, men))
        if short:
            tol = _tolerance(params.tolerance)
            if not (tol and Fraction(protected, seats) >= ms - tol):
                return None
    for count in (params.min_women, params.reserved):
        if count is None:
            continue
        if women < count:
            return None
        score = min(score, women / count)
    return clamped(score)


def quick_pass(ctx: CheckContext[QuotaParams], subject: BodySubject) -> float | None:
    """The score of the pass :func:`check` gives ``subject``, for the common cases (counts
    or a share given, the law in force, no other observation of the body); else None."""
    params = ctx.params
    body = subject.body
    if body.members or body.history or params.of_seats == "statutory":
        return None
    if params.applies == "lists" and body.kind != "electoral-list":
        return None
    if (params.valid_from or params.valid_until) and _outside(params, when_of(subject)):
        return None
    if params.observation == "latest" and ctx.history(body):
        return None
    women, seats = body.women, body.seats
    if seats is not None and seats < params.min_seats:
        return None
    if women is not None and seats is not None:
        if seats <= 0 or women < 0 or women > seats:
            return None
        return _counted_passes(women, seats, params)
    if body.share is None or params.min_share is None:
        return None
    status, score, *_ = _shared(body.share, body.stated_share, params)
    return clamped(score) if status == "pass" else None


KIND = CheckKind(
    id="quota",
    subject="body",
    params=QuotaParams,
    check=check,
    quick_pass=quick_pass,
    summary="A quota law: a minimum share, a number of women or reserved seats",
    doc=__doc__ or "",
)
