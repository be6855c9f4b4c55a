"""Candidate lists: ordered candidates, as electoral laws regulate them.

A :class:`CandidateList` is a subject of its own (check kinds with ``subject = "list"``):
the candidates of one list in the order of their positions, with the list's party and
constituency. A :class:`ListFile` is what one CSV holds (``wpscheck.loading.lists``: one
candidate a row). Rules select lists with ``applies_to`` as they select bodies: ``kind``
(always ``electoral-list``), ``country``, ``level`` and ``tags`` (a list's tags are
``party:<party>`` and ``constituency:<constituency>``).

The helpers here are shared by the list check kinds: the sexes of a list as a string
(``"FMMF…"``), the runs of one sex, and the finding of a rule about a list.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import Any, Literal

from wpscheck.models import Finding, Location, Selector, Status
from wpscheck.plugin import CheckContext

__all__ = [
    "SEXES",
    "Candidate",
    "CandidateList",
    "ListFile",
    "ListSubject",
    "candidates",
    "list_finding",
    "matches_list",
    "other",
    "positions",
    "runs",
    "sex_word",
    "too_short",
]

Sex = Literal["F", "M"]
#: The sexes a list records: ``F`` (woman) and ``M`` (man).
SEXES: tuple[Sex, Sex] = ("F", "M")


def other(sex: str) -> Sex:
    return "M" if sex == "F" else "F"


def candidates(n: int) -> str:
    """``1 candidate``, ``6 candidates``."""
    return f"{n} candidate" if n == 1 else f"{n} candidates"


def sex_word(sex: str, n: int = 1) -> str:
    if sex == "F":
        return "woman" if n == 1 else "women"
    return "man" if n == 1 else "men"


@dataclasses.dataclass(frozen=True, slots=True)
class Candidate:
    """One candidate: their place on the list and their sex (``F`` or ``M``)."""

    position: int
    name: str
    sex: Sex
    line: int | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class CandidateList:
    """One list: its candidates by position, its party and constituency."""

    id: str
    candidates: tuple[Candidate, ...]
    party: str | None = None
    constituency: str | None = None
    country: str | None = None
    level: str | None = None
    path: str | None = None
    line: int | None = None
    kind: str = "electoral-list"

    @property
    def tags(self) -> tuple[str, ...]:
        out = []
        if self.party:
            out.append(f"party:{self.party}")
        if self.constituency:
            out.append(f"constituency:{self.constituency}")
        return tuple(out)

    @property
    def name(self) -> str:
        where = f", {self.constituency}" if self.constituency else ""
        return f"{self.party or self.id}{where}"

    @property
    def sexes(self) -> str:
        """The sexes in list order, e.g. ``"FMMF"``."""
        return "".join(c.sex for c in self.candidates)

    def position_of(self, index: int) -> int:
        return self.candidates[index].position


@dataclasses.dataclass(frozen=True)
class ListFile:
    """The lists one file holds, in the order they first appear."""

    path: str | None
    lists: tuple[CandidateList, ...]

    def party_lists(self, party: str | None) -> list[CandidateList]:
        return [lst for lst in self.lists if lst.party == party]


@dataclasses.dataclass(frozen=True, slots=True)
class ListSubject:
    """What a list check kind receives: a list and the file it came from (its party's
    other lists, for checks across lists)."""

    list: CandidateList
    file: ListFile


def matches_list(sel: Selector, lst: CandidateList) -> bool:
    """Whether a rule's ``applies_to`` selects the list."""
    if sel.kind and lst.kind not in sel.kind:
        return False
    if sel.level and lst.level not in sel.level:
        return False
    if sel.country and lst.country not in sel.country:
        return False
    return not sel.tags or any(t in sel.tags for t in lst.tags)


def runs(sexes: str) -> Iterator[tuple[int, int]]:
    """``(start, length)`` of each run of one sex (indices into the list)."""
    i = 0
    while i < len(sexes):
        j = i
        while j < len(sexes) and sexes[j] == sexes[i]:
            j += 1
        yield i, j - i
        i = j


def positions(lst: CandidateList, indices: Sequence[int]) -> str:
    """``"positions 3, 4 and 5"`` for list indices."""
    ps = [str(lst.position_of(i)) for i in indices]
    if len(ps) == 1:
        return f"position {ps[0]}"
    return f"positions {', '.join(ps[:-1])} and {ps[-1]}"


def list_finding(
    ctx: CheckContext[Any],
    lst: CandidateList,
    status: Status,
    score: float,
    message: str,
    *,
    observed: dict[str, Any] | None = None,
    expected: dict[str, Any] | None = None,
    line: int | None = None,
) -> Finding:
    """A finding about a list, located at its first candidate's row (or ``line``)."""
    return ctx.finding(
        lst.id,
        status,
        score,
        message,
        subject_name=lst.name,
        observed=observed,
        expected=expected,
        location=Location(
            path=lst.path, line=lst.line if line is None else line, data_path=f"lists[{lst.id}]"
        ),
    )


def too_short(ctx: CheckContext[Any], lst: CandidateList, min_size: int) -> Finding | None:
    """The not-applicable finding of a list shorter than a rule covers, or None."""
    n = len(lst.candidates)
    if n >= min_size:
        return None
    return list_finding(
        ctx,
        lst,
        "not-applicable",
        0.0,
        f"{candidates(n)}: the rule covers lists of at least {min_size}",
    )
