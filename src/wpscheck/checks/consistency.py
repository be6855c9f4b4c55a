"""``consistency`` — data integrity of a snapshot: figures that can be true, dated and sourced.

Each *aspect* below is checked on every body the rule selects and gives one finding per
body (an aspect with nothing to look at gives none). A pack usually has one rule per
aspect, so that each can carry its own severity (the shipped ``data-integrity`` pack warns
about printed shares and fails on impossible counts).

- ``counts``: ``seats`` and ``women`` are not negative and women are no more than the
  seats (women > seats is a failing finding, never a crash); the same for each dated
  observation in ``history``. The finding points at the data path, e.g. ``bodies[3].women``.
- ``dates``: no ``as_of`` date (the body's, its observations', the snapshot's) is after
  today, and no observation in ``history`` is dated after the body itself.
- ``source``: every body that gives a figure (``seats``, ``women``, ``share`` or
  ``members``) names a ``source``; an observation in ``history`` without its own source
  is covered by its body's.
- ``stated-share``: the share as the source printed it (``stated_share``, e.g.
  ``"27 percent"``) agrees with the counts *at the precision it was printed*: it must
  be the share rounded to that many decimals (a half-way value may round either way).
  "26.4 percent" for 32 of 121 (26.45 %) agrees; "27 percent" for 41 of 147 (27.9 %)
  does not. A body known only by a share is compared with that share.

Options:

- ``aspects`` (default: all four): which of ``counts``, ``dates``, ``source`` and
  ``stated-share`` this rule checks.

Passing example::

    [[rule]]
    id = "printed-share"
    check = "consistency"
    title = "A printed percentage agrees with the counts"
    severity = "warning"
    aspects = ["stated-share"]
    # National Council of the Transition: 32 of 121, printed "26.4 percent"
    # → pass: 26.4 % is 32/121 (26.45 %) to one decimal

Failing example: the same rule on the National Assembly elected in 2020, 41 of 147,
printed "27 percent" → fail (a warning): 41/147 is 27.9 %, which prints as 28 percent.
With ``aspects = ["counts"]``, a body with ``seats = 20`` and ``women = 21`` fails:
"women (21) exceed seats (20)".
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from wpscheck.checks import as_fraction
from wpscheck.engine import BodySubject, CheckContext
from wpscheck.models import Body, Finding, Location
from wpscheck.plugins import CheckKind

__all__ = ["ASPECTS", "KIND", "ConsistencyParams", "parse_printed", "printed_agrees"]

Aspect = Literal["counts", "dates", "source", "stated-share"]
ASPECTS: tuple[Aspect, ...] = ("counts", "dates", "source", "stated-share")

_PRINTED = re.compile(
    r"^\s*(?P<num>\d+(?:[.,]\d+)?)\s*(?:%|per\s*cent|percent|pct)?\s*$", re.IGNORECASE
)


class ConsistencyParams(BaseModel):
    """Parameters of a ``consistency`` rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    aspects: tuple[Aspect, ...] = Field(
        default=ASPECTS, min_length=1, description="which aspects this rule checks"
    )

    @field_validator("aspects", mode="before")
    @classmethod
    def _listify(cls, v: Any) -> Any:
        return (v,) if isinstance(v, str) else v


def parse_printed(text: str) -> tuple[Fraction, int] | None:
    """``"27 percent"`` → (27, 0 decimals); ``"26.4 %"`` → (26.4, 1). None if unreadable."""
    m = _PRINTED.match(text)
    if m is None:
        return None
    num = m["num"].replace(",", ".")
    try:
        value = Decimal(num)
    except InvalidOperation:  # pragma: no cover - the pattern only admits decimals
        return None
    decimals = len(num.split(".")[1]) if "." in num else 0
    return Fraction(value), decimals


def printed_agrees(percent: Fraction, printed: Fraction, decimals: int) -> bool:
    """Whether ``printed`` (a percentage with ``decimals`` places) is ``percent`` rounded."""
    half = Fraction(1, 2 * 10**decimals)
    return abs(percent - printed) <= half


def _fmt_percent(value: Fraction, decimals: int) -> str:
    # Exact half-up rounding of a fraction, for messages.
    scaled = value * 10**decimals
    rounded = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)
    text = str(rounded)
    if decimals:
        text = text.rjust(decimals + 1, "0")
        text = f"{text[:-decimals]}.{text[-decimals:]}"
    return text


def _counts(ctx: CheckContext, subject: BodySubject) -> Iterator[Finding]:
    body = subject.body
    base = f"bodies[{subject.index}]"
    problems: list[tuple[str, str]] = []
    rows: list[tuple[str, str, int | None, int | None]] = [("", "", body.seats, body.women)]
    rows += [
        (f".history[{i}]", f" in history[{i}]", h.seats, h.women)
        for i, h in enumerate(body.history)
    ]
    for where, label, seats, women in rows:
        if seats is not None and seats < 0:
            problems.append((f"{base}{where}.seats", f"seats ({seats}) are negative{label}"))
        if women is not None and women < 0:
            problems.append((f"{base}{where}.women", f"women ({women}) are negative{label}"))
        if seats is not None and women is not None and women > seats >= 0:
            problems.append(
                (f"{base}{where}.women", f"women ({women}) exceed seats ({seats}){label}")
            )
    if body.members and body.seats is not None and len(body.members) > body.seats:
        problems.append(
            (f"{base}.members", f"{len(body.members)} members listed for {body.seats} seats")
        )
    observed: dict[str, Any] = {"aspect": "counts", "women": body.women, "seats": body.seats}
    if not problems:
        yield ctx.body_finding(
            subject, "pass", 1.0, "counts are possible", observed=observed, expected={}
        )
        return
    yield ctx.body_finding(
        subject,
        "fail",
        0.0,
        "; ".join(p for _, p in problems),
        observed=observed,
        expected={"women": "0 ≤ women ≤ seats", "seats": "≥ 0"},
        location=_at(subject, problems[0][0]),
    )


def _at(subject: BodySubject, data_path: str) -> Location:
    return dataclasses.replace(subject.location, data_path=data_path)


def _dates(ctx: CheckContext, subject: BodySubject) -> Iterator[Finding]:
    body = subject.body
    base = f"bodies[{subject.index}]"
    dated: list[tuple[str, date]] = []
    if body.as_of is not None:
        dated.append((f"{base}.as_of", body.as_of))
    dated += [(f"{base}.history[{i}].as_of", h.as_of) for i, h in enumerate(body.history)]
    if subject.snapshot.as_of is not None and subject.index == 0:
        dated.append(("as_of", subject.snapshot.as_of))
    if not dated:
        return
    today = ctx.today
    problems = [
        (
            path,
            f"{path.rsplit('.', 1)[0] if path != 'as_of' else 'the snapshot'} is dated "
            f"{d.isoformat()}, after today ({today.isoformat()})",
        )
        for path, d in dated
        if d > today
    ]
    if body.as_of is not None:
        for i, h in enumerate(body.history):
            if h.as_of > body.as_of:
                problems.append(
                    (
                        f"{base}.history[{i}].as_of",
                        f"history[{i}] is dated {h.as_of.isoformat()}, after the body's own "
                        f"as_of ({body.as_of.isoformat()})",
                    )
                )
    observed = {"aspect": "dates", "as_of": body.as_of.isoformat() if body.as_of else None}
    if not problems:
        yield ctx.body_finding(
            subject, "pass", 1.0, "no date is in the future", observed=observed, expected={}
        )
        return
    yield ctx.body_finding(
        subject,
        "fail",
        0.0,
        "; ".join(p for _, p in problems),
        observed=observed,
        expected={"as_of": f"on or before {today.isoformat()}"},
        location=_at(subject, problems[0][0]),
    )


def _has_figures(body: Body) -> bool:
    return (
        body.seats is not None
        or body.women is not None
        or body.share is not None
        or bool(body.members)
    )


def _source(ctx: CheckContext, subject: BodySubject) -> Iterator[Finding]:
    body = subject.body
    if not _has_figures(body) and not body.history:
        return
    observed = {"aspect": "source", "source": body.source}
    if body.source:
        yield ctx.body_finding(
            subject, "pass", 1.0, f"figures are sourced: {body.source}", observed=observed
        )
        return
    unsourced = [i for i, h in enumerate(body.history) if not h.source]
    if not _has_figures(body) and not unsourced:
        yield ctx.body_finding(
            subject, "pass", 1.0, "every observation names its source", observed=observed
        )
        return
    where = "its figures" if _has_figures(body) else f"history[{unsourced[0]}]"
    path = (
        f"bodies[{subject.index}].source"
        if _has_figures(body)
        else f"bodies[{subject.index}].history[{unsourced[0]}].source"
    )
    yield ctx.body_finding(
        subject,
        "fail",
        0.0,
        f"no source for {where}: say where the figures come from (a document and the place in it)",
        observed=observed,
        expected={"source": "a citation"},
        location=_at(subject, path),
    )


def _stated_share(ctx: CheckContext, subject: BodySubject) -> Iterator[Finding]:
    body = subject.body
    if not body.stated_share:
        return
    women, seats = body.counts()
    path = f"bodies[{subject.index}].stated_share"
    observed: dict[str, Any] = {"aspect": "stated-share", "stated_share": body.stated_share}
    parsed = parse_printed(body.stated_share)
    if parsed is None:
        yield ctx.body_finding(
            subject,
            "fail",
            0.0,
            f'printed share "{body.stated_share}" is not a percentage such as "27 percent" '
            'or "26.4 %"',
            observed=observed,
            expected={"stated_share": "a percentage"},
            location=_at(subject, path),
        )
        return
    printed, decimals = parsed
    if women is not None and seats is not None and seats > 0 and 0 <= women <= seats:
        actual = Fraction(100 * women, seats)
        basis = f"{women} of {seats}"
        observed.update(women=women, seats=seats)
    elif body.share is not None:
        actual = as_fraction(body.share) * 100
        basis = "the share"
        observed["share"] = round(body.share, 6)
    else:
        return
    observed["computed_percent"] = round(float(actual), 4)
    shown = _fmt_percent(actual, decimals)
    ok = printed_agrees(actual, printed, decimals)
    if ok:
        msg = f'printed "{body.stated_share}" agrees with {basis} ({_fmt_percent(actual, 1)} %)'
    else:
        exact = _fmt_percent(actual, max(1, decimals))
        msg = f'printed "{body.stated_share}", but {basis} is {exact} %'
        msg += f", which prints as {shown} percent"

    extra: dict[str, Any] = {} if ok else {"location": _at(subject, path)}
    yield ctx.body_finding(
        subject,
        "pass" if ok else "fail",
        1.0 if ok else 0.0,
        msg,
        observed=observed,
        expected={"stated_share": f"{shown} percent"},
        **extra,
    )


_ASPECT_CHECKS = {
    "counts": _counts,
    "dates": _dates,
    "source": _source,
    "stated-share": _stated_share,
}


def check(ctx: CheckContext, subject: BodySubject) -> Iterator[Finding]:
    params: ConsistencyParams = ctx.params
    for aspect in params.aspects:
        yield from _ASPECT_CHECKS[aspect](ctx, subject)


KIND = CheckKind(
    id="consistency",
    subject="body",
    params=ConsistencyParams,
    check=check,
    summary="Data integrity: possible counts, no future dates, sources, printed shares",
    doc=__doc__ or "",
)
