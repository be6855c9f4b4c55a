"""``list-cap`` — on a candidate list of at least N, no sex above a maximum share.

Mali's Law 052 art. 2: "aucune liste d'au moins trois (03) personnes … n'est recevable si
elle présente plus de 70 % de femmes ou d'hommes" — ``max_share = "70%"``,
``min_size = 3``. Exact arithmetic: 7 of 10 is not above 70 %. A failing list names the
over-represented sex and a mend: which candidates to replace by candidates of the other
sex (the lowest-placed of the over-represented sex, the fewest that bring it to the
maximum). Swapping places cannot mend a cap; replacing can. The score is the share of the
other sex over the least it needs, capped at 1.

Options:

- ``max_share`` (required): ``"70%"``, ``0.7`` or ``"2/3"``.
- ``min_size`` (default 1): shorter lists are not covered (not-applicable).

Passing example::

    [[rule]]
    id = "lists-70pct"
    check = "list-cap"
    title = "No list of 3 or more above 70 % of one sex"
    max_share = "70%"
    min_size = 3
    # 3 women, 7 men → pass

Failing example: a list of 10 with 8 men → fail; mend: replace the man at position 10 with
a woman (7 men of 10).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from wpscheck.candidates import ListSubject, candidates, list_finding, other, sex_word, too_short
from wpscheck.checks import Threshold, pct, threshold_fraction
from wpscheck.models import Finding
from wpscheck.plugin import CheckContext, CheckKind

__all__ = ["KIND", "ListCapParams", "cap_mend"]


class ListCapParams(BaseModel):
    """Parameters of a ``list-cap`` rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_share: Threshold = Field(description='the most one sex may hold: "70%", "2/3"')
    min_size: int = Field(default=1, ge=1, description="shorter lists are not covered")


def cap_mend(sexes: str, max_share: Any) -> list[int]:
    """Indices of the candidates to replace by the other sex (lowest-placed first), so that
    neither sex is above ``max_share``; empty when the list already complies, or when no
    list of its length can (see :func:`feasible`)."""
    cap = threshold_fraction(max_share)
    n = len(sexes)
    limit = cap.numerator * n // cap.denominator
    if 2 * limit < n:
        return []
    for sex in ("F", "M"):
        count = sexes.count(sex)
        if count > limit:
            idx = [i for i, s in enumerate(sexes) if s == sex]
            return sorted(idx[-(count - limit) :])
    return []


def feasible(n: int, max_share: Any) -> bool:
    """Whether a list of ``n`` can keep both sexes at or below ``max_share``."""
    cap = threshold_fraction(max_share)
    return 2 * (cap.numerator * n // cap.denominator) >= n


def check(ctx: CheckContext[ListCapParams], subject: ListSubject) -> Iterator[Finding]:
    lst = subject.list
    params = ctx.params
    n = len(lst.candidates)
    short = too_short(ctx, lst, params.min_size)
    if short is not None:
        yield short
        return
    assert params.max_share is not None
    cap = threshold_fraction(params.max_share)
    label = pct(cap, 0) if 100 % cap.denominator == 0 else f"{params.max_share} ({pct(cap)})"
    sexes = lst.sexes
    women, men = sexes.count("F"), sexes.count("M")
    observed = {"candidates": n, "women": women, "men": men}
    expected: dict[str, Any] = {"max_share": params.max_share}
    fix = cap_mend(sexes, params.max_share)
    head = f"{candidates(n)}, {women} {sex_word('F', women)} and {men} {sex_word('M', men)}"
    if not feasible(n, params.max_share):
        yield list_finding(
            ctx,
            lst,
            "fail",
            0.0,
            f"{head} — no list of {n} can keep both sexes at or below {label}: "
            "add or remove a candidate",
            observed=observed,
            expected={**expected, "replace": None},
        )
        return
    if not fix:
        yield list_finding(
            ctx,
            lst,
            "pass",
            1.0,
            f"{head}: neither sex above {label}",
            observed=observed,
            expected={**expected, "replace": []},
        )
        return
    over = sexes[fix[0]]
    count = sexes.count(over)
    limit = count - len(fix)
    least = n - limit
    score = (n - count) / least if least else 0.0
    names = ", ".join(
        f"{lst.candidates[i].name} (position {lst.candidates[i].position})" for i in fix
    )
    msg = (
        f"{head} — {count} {sex_word(over, count)} ({count / n * 100:.1f} %) is above "
        f"{label}; mend: replace {names} with {len(fix)} {sex_word(other(over), len(fix))} "
        f"({limit} {sex_word(over, limit)} of {n})"
    )
    yield list_finding(
        ctx,
        lst,
        "fail",
        score,
        msg,
        observed=observed,
        expected={**expected, "replace": [lst.candidates[i].position for i in fix]},
    )


KIND = CheckKind(
    id="list-cap",
    subject="list",
    params=ListCapParams,
    check=check,
    summary="Candidate lists of at least N: no sex above a maximum share",
    doc=__doc__ or "",
)
