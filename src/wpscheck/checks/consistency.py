"""``consistency`` — data integrity of a snapshot: figures that can be true, dated and sourced.

A rule checks the *aspects* it names on every body it selects and gives one finding per
body: a pass listing what was checked, or a failure listing every problem, pointing at
the data path of the first (an aspect with nothing to look at is skipped; a body with
nothing to check gives no finding). Aspects that deserve another severity go in their
own rule: the shipped ``data-integrity`` pack fails on impossible, future or unsourced
figures and only warns about printed shares.

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
- ``rounding`` (default ``"half-up"``): the source's rounding convention for printed
  shares; ``"double"`` for sources that round to one more decimal first (the IPU's
  50.549 → 50.55 → "50.6").
- ``printed_tolerance`` (default 0): a printed share this far from the counts still
  agrees, e.g. ``"0.1%"`` (a tenth of a percentage point).

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
import functools
from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from wpscheck.checks import as_fraction
from wpscheck.models import Body, Finding, Location, Share, listify, parse_percentage
from wpscheck.plugin import BodySubject, CheckContext, CheckKind

__all__ = ["ASPECTS", "KIND", "ConsistencyParams", "parse_printed", "printed_agrees"]

Aspect = Literal["counts", "dates", "source", "stated-share"]
ASPECTS: tuple[Aspect, ...] = ("counts", "dates", "source", "stated-share")


_COUNTS_OK = "counts are possible"
_DATES_OK = "no date is in the future"


class ConsistencyParams(BaseModel):
    """Parameters of a ``consistency`` rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    aspects: tuple[Aspect, ...] = Field(
        default=ASPECTS, min_length=1, description="which aspects this rule checks"
    )
    rounding: Literal["half-up", "double"] = Field(
        default="half-up",
        description='how the source rounds printed shares: "double" rounds to one more '
        "decimal first (IPU: 50.549 → 50.55 → 50.6)",
    )
    printed_tolerance: Share = Field(
        default=0.0,
        description='a printed share this far from the counts still agrees, e.g. "0.1%"',
    )

    _listify = field_validator(
        "aspects", mode="before", json_schema_input_type=Aspect | list[Aspect]
    )(listify)


def _printed(text: str) -> tuple[int, int] | None:
    """``"26.4 percent"`` → (264, 1): the printed digits as an integer, and its decimals."""
    p = parse_percentage(text)
    return None if p is None else (p.digits, p.decimals)


def parse_printed(text: str) -> tuple[Fraction, int] | None:
    """``"27 percent"`` → (27, 0 decimals); ``"26.4 %"`` → (26.4, 1). None if unreadable."""
    parsed = _printed(text)
    if parsed is None:
        return None
    digits, decimals = parsed
    return Fraction(digits, 10**decimals), decimals


def printed_agrees(percent: Fraction, printed: Fraction, decimals: int) -> bool:
    """Whether ``printed`` (a percentage with ``decimals`` places) is ``percent`` rounded
    (a half-way value may round either way)."""
    return abs(percent - printed) <= Fraction(1, 2 * 10**decimals)


def _fmt_ratio(num: int, den: int, decimals: int) -> str:
    """``num / den`` (a percentage) rounded half-up to ``decimals`` places, exactly."""
    rounded = (2 * num * 10**decimals + den) // (2 * den)
    text = str(rounded)
    if decimals:
        text = text.rjust(decimals + 1, "0")
        text = f"{text[:-decimals]}.{text[-decimals:]}"
    return text


@dataclasses.dataclass(slots=True)
class _Outcome:
    """What one aspect found: problems as (data path, sentence), what it saw and expects."""

    passed: str
    problems: list[tuple[str, str]]
    observed: dict[str, Any]
    expected: dict[str, Any]


def _counts(ctx: CheckContext[ConsistencyParams], subject: BodySubject) -> _Outcome | None:
    body = subject.body
    problems: list[tuple[str, str]] = []
    seats, women = body.seats, body.women
    if seats is not None and seats < 0:
        problems.append((f"bodies[{subject.index}].seats", f"seats ({seats}) are negative"))
    if women is not None and women < 0:
        problems.append((f"bodies[{subject.index}].women", f"women ({women}) are negative"))
    if seats is not None and women is not None and women > seats >= 0:
        problems.append(
            (f"bodies[{subject.index}].women", f"women ({women}) exceed seats ({seats})")
        )
    for i, h in enumerate(body.history):
        where = f"bodies[{subject.index}].history[{i}]"
        if h.seats is not None and h.seats < 0:
            problems.append((f"{where}.seats", f"seats ({h.seats}) are negative in history[{i}]"))
        if h.women is not None and h.women < 0:
            problems.append((f"{where}.women", f"women ({h.women}) are negative in history[{i}]"))
        if h.seats is not None and h.women is not None and h.women > h.seats >= 0:
            problems.append(
                (f"{where}.women", f"women ({h.women}) exceed seats ({h.seats}) in history[{i}]")
            )
    if body.members and seats is not None and len(body.members) > seats:
        problems.append(
            (
                f"bodies[{subject.index}].members",
                f"{len(body.members)} members listed for {seats} seats",
            )
        )
    return _Outcome(
        _COUNTS_OK,
        problems,
        {"women": women, "seats": seats},
        {"women": "0 ≤ women ≤ seats", "seats": "≥ 0"} if problems else {},
    )


def _at(subject: BodySubject, data_path: str) -> Location:
    return dataclasses.replace(subject.location, data_path=data_path)


def _dates(ctx: CheckContext[ConsistencyParams], subject: BodySubject) -> _Outcome | None:
    body = subject.body
    snap_as_of = subject.snapshot.as_of if subject.index == 0 else None
    if body.as_of is None and not body.history and snap_as_of is None:
        return None
    today = ctx.today
    problems: list[tuple[str, str]] = []
    base = f"bodies[{subject.index}]"
    if body.as_of is not None and body.as_of > today:
        problems.append((f"{base}.as_of", f"{base} is dated {body.as_of}, after today ({today})"))
    for i, h in enumerate(body.history):
        if h.as_of > today:
            problems.append(
                (
                    f"{base}.history[{i}].as_of",
                    f"{base}.history[{i}] is dated {h.as_of}, after today ({today})",
                )
            )
        elif body.as_of is not None and h.as_of > body.as_of:
            problems.append(
                (
                    f"{base}.history[{i}].as_of",
                    f"history[{i}] is dated {h.as_of}, after the body's own as_of ({body.as_of})",
                )
            )
    if snap_as_of is not None and snap_as_of > today:
        problems.append(("as_of", f"the snapshot is dated {snap_as_of}, after today ({today})"))
    return _Outcome(
        _DATES_OK,
        problems,
        {"as_of": body.as_of.isoformat() if body.as_of else None},
        {"as_of": f"on or before {today}"} if problems else {},
    )


def _has_figures(body: Body) -> bool:
    return (
        body.seats is not None
        or body.women is not None
        or body.share is not None
        or bool(body.members)
    )


def _source(ctx: CheckContext[ConsistencyParams], subject: BodySubject) -> _Outcome | None:
    body = subject.body
    figures = _has_figures(body)
    if not figures and not body.history:
        return None
    observed = {"source": body.source}
    if body.source:
        return _Outcome(f"figures are sourced: {body.source}", [], observed, {})
    unsourced = [i for i, h in enumerate(body.history) if not h.source]
    if not figures and not unsourced:
        return _Outcome("every observation names its source", [], observed, {})
    if figures:
        where, path = "its figures", f"bodies[{subject.index}].source"
    else:
        where = f"history[{unsourced[0]}]"
        path = f"bodies[{subject.index}].history[{unsourced[0]}].source"
    return _Outcome(
        "",
        [
            (
                path,
                f"no source for {where}: say where the figures come from "
                "(a document and the place in it)",
            )
        ],
        observed,
        {"source": "a citation"},
    )


def _stated_share(ctx: CheckContext[ConsistencyParams], subject: BodySubject) -> _Outcome | None:
    body = subject.body
    if not body.stated_share:
        return None
    path = f"bodies[{subject.index}].stated_share"
    observed: dict[str, Any] = {"stated_share": body.stated_share}
    parsed = _printed(body.stated_share)
    if parsed is None:
        return _Outcome(
            "",
            [
                (
                    path,
                    f'printed share "{body.stated_share}" is not a percentage such as '
                    '"27 percent" or "26.4 %"',
                )
            ],
            observed,
            {"stated_share": "a percentage"},
        )
    women, seats = body.counts()
    if women is not None and seats is not None and seats > 0 and 0 <= women <= seats:
        verdict = _printed_verdict(
            body.stated_share, 100 * women, seats, f"{women} of {seats}", ctx.params
        )
        observed["women"] = women
        observed["seats"] = seats
    elif body.share is not None:
        exact = as_fraction(body.share) * 100
        verdict = _printed_verdict(
            body.stated_share, exact.numerator, exact.denominator, "the share", ctx.params
        )
        observed["share"] = round(body.share, 6)
    else:
        return None
    ok, msg, computed, shown = verdict
    observed["computed_percent"] = computed
    expected = {"stated_share": shown}
    if ok:
        return _Outcome(msg, [], observed, expected)
    return _Outcome("", [(path, msg)], observed, expected)


@functools.lru_cache(maxsize=8192)
def _printed_verdict(
    stated: str, num: int, den: int, basis: str, params: ConsistencyParams | None = None
) -> tuple[bool, str, float, str]:
    """Whether the printed ``stated`` agrees with the percentage ``num / den``: (agrees,
    message, the percentage to four decimals, how it prints). ``params`` may declare the
    source's rounding (``double``) or a tolerance."""
    parsed = _printed(stated)
    assert parsed is not None  # the caller checked
    digits, decimals = parsed
    shown = _fmt_ratio(num, den, decimals)
    printed = Fraction(digits, 10**decimals)
    how = ""
    # |num/den - digits/10^d| <= 1/(2·10^d)  ⇔  |2·10^d·num - 2·digits·den| <= den
    agrees = abs(2 * 10**decimals * num - 2 * digits * den) <= den
    if not agrees and params is not None and params.rounding == "double":
        once = Fraction(_fmt_ratio(num, den, decimals + 1))
        agrees = _fmt_ratio(once.numerator, once.denominator, decimals) == _fmt_ratio(
            printed.numerator, printed.denominator, decimals
        )
        how = " (rounded twice, as the source does)" if agrees else ""
    if not agrees and params is not None and params.printed_tolerance:
        tol = as_fraction(params.printed_tolerance) * 100
        agrees = abs(Fraction(num, den) - printed) <= tol
        how = f" (within the declared {float(tol):g} point tolerance)" if agrees else ""
    if agrees:
        msg = f'printed "{stated}" agrees with {basis} ({_fmt_ratio(num, den, 1)} %){how}'
        return True, msg, round(num / den, 4), f"{shown} percent"
    exact = _fmt_ratio(num, den, max(1, decimals))
    msg = f'printed "{stated}", but {basis} is {exact} %, which prints as {shown} percent'
    return False, msg, round(num / den, 4), f"{shown} percent"


_ASPECT_CHECKS = {
    "counts": _counts,
    "dates": _dates,
    "source": _source,
    "stated-share": _stated_share,
}


def check(ctx: CheckContext[ConsistencyParams], subject: BodySubject) -> Iterator[Finding]:
    params = ctx.params
    checked: list[str] = []
    problems: list[tuple[str, str]] = []
    passed: list[str] = []
    observed: dict[str, Any] = {}
    expected: dict[str, Any] = {}
    for aspect in params.aspects:
        outcome = _ASPECT_CHECKS[aspect](ctx, subject)
        if outcome is None:
            continue
        checked.append(aspect)
        observed.update(outcome.observed)
        expected.update(outcome.expected)
        if outcome.problems:
            problems += outcome.problems
        else:
            passed.append(outcome.passed)
    if not checked:
        return
    observed = {"aspects": checked, **observed}
    if not problems:
        yield ctx.body_finding(
            subject, "pass", 1.0, "; ".join(passed), observed=observed, expected=expected
        )
        return
    yield ctx.body_finding(
        subject,
        "fail",
        0.0,
        "; ".join(p for _, p in problems),
        observed=observed,
        expected=expected,
        location=_at(subject, problems[0][0]),
    )


def quick_pass(ctx: CheckContext[ConsistencyParams], subject: BodySubject) -> float | None:
    """1.0 when :func:`check` passes ``subject`` (every aspect with something to look at
    finds no problem), without making the finding; else None."""
    body = subject.body
    # A body with no history or members (and not the first, which carries the snapshot's
    # date) has its counts, dates and source read directly, without their sentences.
    plain = not (body.history or body.members or subject.index == 0)
    checked = False
    for aspect in ctx.params.aspects:
        if plain and aspect != "stated-share":
            ok = _plain_aspect(aspect, body, ctx.today)
        else:
            outcome = _ASPECT_CHECKS[aspect](ctx, subject)
            ok = None if outcome is None else not outcome.problems
        if ok is None:
            continue
        if not ok:
            return None
        checked = True
    return 1.0 if checked else None


def _plain_aspect(aspect: str, body: Body, today: date) -> bool | None:
    """Whether the counts, dates or source of a body with no history or members have no
    problem (None: nothing to look at), as ``_counts``, ``_dates`` and ``_source`` find."""
    seats, women = body.seats, body.women
    if aspect == "counts":
        negative = (seats is not None and seats < 0) or (women is not None and women < 0)
        return not negative and not (seats is not None and women is not None and women > seats)
    if aspect == "dates":
        return None if body.as_of is None else body.as_of <= today
    if seats is None and women is None and body.share is None:
        return None
    return bool(body.source)


KIND = CheckKind(
    id="consistency",
    subject="body",
    params=ConsistencyParams,
    check=check,
    quick_pass=quick_pass,
    summary="Data integrity: possible counts, no future dates, sources, printed shares",
    doc=__doc__ or "",
)
