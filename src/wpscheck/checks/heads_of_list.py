"""``heads-of-list`` — across a party's lists in a file, a minimum share of women heads.

Parity laws often look across lists too: a party must put women at the head of a share of
its lists ("horizontal parity"). The lists of one party (the ``party`` column) in one file
are judged together; the finding belongs to the party's first list and names every list.
A failing party gets a mend: the lists on which to move the highest-placed woman to the
head (those where she is placed highest first). The score is the share met.

Options:

- ``min_share`` (required): e.g. ``"50%"`` or ``"1/3"`` of the party's lists.
- ``either_sex`` (default false): the minimum applies to lists headed by men too.
- ``min_lists`` (default 2): a party with fewer lists is not covered.

Passing example::

    [[rule]]
    id = "heads-half"
    check = "heads-of-list"
    title = "Women head half of each party's lists"
    min_share = "50%"
    # party A: lists headed F, M → pass

Failing example: party A's lists headed M, M, F, M → fail; 1 more list needs a woman at
its head.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from wpscheck.candidates import CandidateList, ListSubject, list_finding, sex_word
from wpscheck.checks import Threshold, pct, threshold_fraction
from wpscheck.checks.quota import needed
from wpscheck.models import Finding
from wpscheck.plugin import CheckContext, CheckKind

__all__ = ["KIND", "HeadsOfListParams"]


class HeadsOfListParams(BaseModel):
    """Parameters of a ``heads-of-list`` rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_share: Threshold = Field(description='the least share of lists headed by women: "50%"')
    either_sex: bool = Field(default=False, description="the minimum applies to men too")
    min_lists: int = Field(default=2, ge=1, description="parties with fewer lists are not covered")


def _heads(lists: list[CandidateList]) -> str:
    return "".join(lst.sexes[:1] for lst in lists)


def check(ctx: CheckContext[HeadsOfListParams], subject: ListSubject) -> Iterator[Finding]:
    lst = subject.list
    party = subject.file.party_lists(lst.party)
    if party[0] is not lst:
        return  # the party's first list carries the finding
    params = ctx.params
    who = f"party {lst.party}" if lst.party else "lists without a party"
    if len(party) < params.min_lists:
        yield list_finding(
            ctx,
            lst,
            "not-applicable",
            0.0,
            f"{who}: {len(party)} list(s), the rule covers parties with at least "
            f"{params.min_lists}",
        )
        return
    assert params.min_share is not None
    ms = threshold_fraction(params.min_share)
    heads = _heads(party)
    n = len(party)
    observed: dict[str, Any] = {"lists": [p.id for p in party], "heads": heads}
    expected: dict[str, Any] = {"min_share": params.min_share}
    for sex in ("F", "M") if params.either_sex else ("F",):
        have = heads.count(sex)
        short = needed(ms, n, have)
        if not short:
            continue
        candidates = [
            (next(i for i, c in enumerate(p.candidates) if c.sex == sex), p)
            for p in party
            if p.sexes[:1] != sex and sex in p.sexes
        ]
        candidates.sort(key=lambda ip: ip[0])
        moves = [
            f"list {p.id}: move {p.candidates[i].name} (position {p.candidates[i].position}) "
            "to the head"
            for i, p in candidates[:short]
        ]
        if len(moves) < short:
            moves.append(f"{short - len(moves)} more list(s) need a {sex_word(sex)} candidate")
        yield list_finding(
            ctx,
            lst,
            "fail",
            have / (have + short),
            f"{who}: {have} of {n} lists headed by {sex_word(sex, 2)} "
            f"({pct(have / n)}), at least {pct(ms)} required; mend: {'; '.join(moves)}",
            observed=observed,
            expected={**expected, "needed": short, "sex": sex},
        )
        return
    yield list_finding(
        ctx,
        lst,
        "pass",
        1.0,
        f"{who}: {heads.count('F')} of {n} lists headed by women ({pct(heads.count('F') / n)})"
        f", at least {pct(ms)} required",
        observed=observed,
        expected=expected,
    )


KIND = CheckKind(
    id="heads-of-list",
    subject="list",
    params=HeadsOfListParams,
    check=check,
    summary="Candidate lists: a minimum share of a party's lists headed by women",
    doc=__doc__ or "",
)
