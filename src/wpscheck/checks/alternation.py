"""``alternation`` — on a candidate list, no run of more than ``max_run`` of one sex.

Mali's Law 052 art. 3 (local lists): "si deux candidatures du même sexe sont inscrites,
la troisième doit être de l'autre sexe" — ``max_run = 2``. A failing list names each run
that breaks the rule (its positions) and a mend: the candidates to move up, each the
nearest candidate of the other sex below the break, so the rest of the list keeps its
order; when too few of the other sex are left to break every run, the lowest-placed of
the runs are to be replaced by candidates of the other sex. The mend always passes.
The score is 1 − (breaks / places that could break).

Options:

- ``max_run`` (default 2): the longest run of one sex allowed.
- ``min_size`` (default 1): shorter lists are not covered (not-applicable).

Passing example::

    [[rule]]
    id = "alternation-art3"
    check = "alternation"
    title = "Local lists: the third of two of one sex is of the other"
    max_run = 2
    # list L1: F M M F F M → pass

Failing example: F F F M M M → fail at positions 1–3 and 4–6; mend: move position 4 up
to position 3, then the list reads F F M F M M.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from wpscheck.candidates import (
    CandidateList,
    ListSubject,
    candidates,
    list_finding,
    other,
    runs,
    sex_word,
    too_short,
)
from wpscheck.models import Finding
from wpscheck.plugin import CheckContext, CheckKind

__all__ = ["KIND", "AlternationParams", "Op", "apply_mend", "breaks", "describe", "mend_runs"]

#: One step of a mend: ("move", from_index, to_index) or ("replace", index, index).
Op = tuple[Literal["move", "replace"], int, int]


class AlternationParams(BaseModel):
    """Parameters of an ``alternation`` rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_run: int = Field(default=2, ge=1, description="the longest run of one sex allowed")
    min_size: int = Field(default=1, ge=1, description="shorter lists are not covered")


def breaks(sexes: str, max_run: int, before: str = "") -> list[tuple[int, int]]:
    """``(start, end)`` indices (end exclusive) of each run longer than ``max_run``;
    ``before`` is context that precedes the list (a zipper's required first sex)."""
    out = []
    for start, length in runs(before + sexes):
        if length > max_run:
            s = max(0, start - len(before))
            out.append((s, start + length - len(before)))
    return out


def mend_runs(sexes: str, max_run: int, before: str = "") -> list[Op]:
    """The steps that mend every run longer than ``max_run`` (indices into the list as it
    stands after the steps before)."""
    seq = list(sexes)
    ops: list[Op] = []
    run_sex, run = (before[-1], 1) if before else ("", 0)
    for i in range(len(seq)):
        if seq[i] == run_sex:
            run += 1
        else:
            run_sex, run = seq[i], 1
        if run <= max_run:
            continue
        want = other(run_sex)
        j = next((k for k in range(i + 1, len(seq)) if seq[k] == want), None)
        if j is None:
            seq[i] = want
            ops.append(("replace", i, i))
        else:
            seq.insert(i, seq.pop(j))
            ops.append(("move", j, i))
        run_sex, run = want, 1
    return ops


def apply_mend(sexes: str, ops: Sequence[Op]) -> str:
    """The sexes of the list after the mend."""
    seq = list(sexes)
    for op, a, b in ops:
        if op == "replace":
            seq[a] = other(seq[a])
        else:
            seq.insert(b, seq.pop(a))
    return "".join(seq)


def describe(lst: CandidateList, ops: Sequence[Op]) -> str:
    """The mend in words, naming candidates and their places."""
    order = list(lst.candidates)
    slots = [c.position for c in lst.candidates]
    parts = []
    for op, a, b in ops:
        c = order[a]
        if op == "replace":
            parts.append(
                f"replace {c.name} (position {c.position}, {sex_word(c.sex)}) "
                f"with a {sex_word(other(c.sex))}"
            )
        else:
            order.insert(b, order.pop(a))
            parts.append(
                f"move {c.name} ({sex_word(c.sex)}) from position {c.position} "
                f"up to position {slots[b]}"
            )
    return "; ".join(parts)


def _span(lst: CandidateList, start: int, end: int) -> str:
    return f"{lst.position_of(start)}–{lst.position_of(end - 1)}"


def run_findings(
    ctx: CheckContext[Any], lst: CandidateList, max_run: int, before: str = "", what: str = ""
) -> Finding:
    """The finding of a run rule (``alternation``, ``zipper``) on one list."""
    sexes = lst.sexes
    bad = breaks(sexes, max_run, before)
    n = len(sexes)
    what = what or f"no more than {max_run} of one sex in a row"
    observed: dict[str, Any] = {"candidates": n, "sexes": sexes}
    expected: dict[str, Any] = {"max_run": max_run}
    if not bad:
        return list_finding(
            ctx, lst, "pass", 1.0, f"{candidates(n)}: {what}", observed=observed, expected=expected
        )
    ops = mend_runs(sexes, max_run, before)
    expected["mend"] = [list(op) for op in ops]
    where = ", ".join(
        f"{sex_word(sexes[s], e - s)} at positions {_span(lst, s, e)}" for s, e in bad
    )
    places = max(1, n - max_run)
    score = 1 - min(1.0, len(ops) / places)
    says = f"the rule requires {what}" if max_run == 1 else f"the rule allows {what}"
    msg = f"{candidates(n)} — {where}: {says}; mend: {describe(lst, ops)}"
    return list_finding(ctx, lst, "fail", score, msg, observed=observed, expected=expected)


def check(ctx: CheckContext[AlternationParams], subject: ListSubject) -> Iterator[Finding]:
    lst = subject.list
    short = too_short(ctx, lst, ctx.params.min_size)
    if short is not None:
        yield short
        return
    yield run_findings(ctx, lst, ctx.params.max_run)


KIND = CheckKind(
    id="alternation",
    subject="list",
    params=AlternationParams,
    check=check,
    summary="Candidate lists: no run of more than K candidates of one sex",
    doc=__doc__ or "",
)
