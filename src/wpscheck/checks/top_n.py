"""``top-n`` — a candidate list has at least K women (or K of each sex) in its top N places.

Laws that rank lists often require the head of a list to mix: "at least one woman among the
first three". A failing list says how many are missing from the top N and a mend: swap the
highest-placed candidates of the missing sex below the top with the lowest-placed
candidates of the other sex inside it (replacements when the list has too few). The
score is the share of the minimum met.

Options:

- ``top`` (required): the number of leading places, e.g. 3.
- ``min_women`` (default 1): the least number of women among them.
- ``either_sex`` (default false): the minimum applies to women and to men.

Passing example::

    [[rule]]
    id = "woman-in-top-3"
    check = "top-n"
    title = "A woman among the first three"
    top = 3
    # M F M M → pass

Failing example: M M M F → fail; mend: swap F (position 4) with M (position 3).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from wpscheck.candidates import ListSubject, list_finding, sex_word
from wpscheck.models import Finding
from wpscheck.plugin import CheckContext, CheckKind

__all__ = ["KIND", "TopNParams", "top_mend"]


class TopNParams(BaseModel):
    """Parameters of a ``top-n`` rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    top: int = Field(ge=1, description="the number of leading places")
    min_women: int = Field(default=1, ge=1, description="the least number of women among them")
    either_sex: bool = Field(default=False, description="the minimum applies to men too")


def top_mend(sexes: str, top: int, need: int, sex: str) -> list[tuple[int, int | None]]:
    """``(inside, outside)`` swaps that bring ``need`` of ``sex`` into the first ``top``
    places; ``outside`` None: replace the candidate at ``inside``."""
    head = sexes[:top]
    short = max(0, need - head.count(sex))
    inside = [i for i in range(len(head) - 1, -1, -1) if head[i] != sex][:short]
    outside = [i for i in range(top, len(sexes)) if sexes[i] == sex][:short]
    return [(a, outside[k] if k < len(outside) else None) for k, a in enumerate(inside)]


def check(ctx: CheckContext[TopNParams], subject: ListSubject) -> Iterator[Finding]:
    lst = subject.list
    params = ctx.params
    sexes = lst.sexes
    top = min(params.top, len(sexes))
    need = min(params.min_women, top)
    observed: dict[str, Any] = {"top": sexes[:top]}
    expected: dict[str, Any] = {"top": params.top, "min_women": params.min_women}
    for sex in ("F", "M") if params.either_sex else ("F",):
        swaps = top_mend(sexes, top, need, sex)
        if not swaps:
            continue
        have = sexes[:top].count(sex)
        steps = []
        for a, b in swaps:
            ca = lst.candidates[a]
            if b is None:
                steps.append(f"replace {ca.name} (position {ca.position}) with a {sex_word(sex)}")
            else:
                cb = lst.candidates[b]
                steps.append(
                    f"swap {cb.name} (position {cb.position}) with {ca.name} "
                    f"(position {ca.position})"
                )
        yield list_finding(
            ctx,
            lst,
            "fail",
            have / need,
            f"{have} {sex_word(sex, have)} in the first {top} places, at least {need} "
            f"required; mend: {'; '.join(steps)}",
            observed=observed,
            expected={**expected, "sex": sex},
        )
        return
    sexes_said = f"{need} of each sex" if params.either_sex else f"{need} {sex_word('F', need)}"
    yield list_finding(
        ctx,
        lst,
        "pass",
        1.0,
        f"at least {sexes_said} in the first {top} places ({sexes[:top]})",
        observed=observed,
        expected=expected,
    )


KIND = CheckKind(
    id="top-n",
    subject="list",
    params=TopNParams,
    check=check,
    summary="Candidate lists: at least K women (or of each sex) in the top N places",
    doc=__doc__ or "",
)
