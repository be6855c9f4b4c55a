"""Passes counted, not listed: what a check keeps of a body that passes a rule.

Most bodies of a large snapshot pass most rules, and most outputs only count passes (the
JSON report and SARIF list them with ``--all``; the text report lists a file's passes only
when there are few). So :func:`wpscheck.engine.check` with ``passes=False`` makes no
finding for a body rule's pass: it keeps the subject's position and its score, which is
enough to count passes by rule, pack and input and to score the report. When an output
does list them, :meth:`Passes.findings` makes those findings again by running the rule on
the same subjects: the check kind is the one reference for what a pass says.
"""

from __future__ import annotations

import dataclasses
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from wpscheck.models import Finding
from wpscheck.plugin import BodySubject

__all__ = ["PassRun", "Passes", "StreamedPassRun"]


@dataclasses.dataclass(kw_only=True)
class PassRun:
    """The passes of one body rule: the bodies (positions in ``subjects``) that passed,
    their scores, and how to make their findings again (``remake``: the rule on one
    body)."""

    rule_id: str
    pack: str
    check: str
    severity: str
    weight: float
    subjects: Sequence[BodySubject] = ()
    remake: Callable[[BodySubject], Iterable[Finding]] | None = None
    which: array[int] = dataclasses.field(default_factory=lambda: array("l"))
    scores: array[float] = dataclasses.field(default_factory=lambda: array("d"))

    def add(self, position: int, score: float) -> None:
        self.which.append(position)
        self.scores.append(score)

    @property
    def listable(self) -> bool:
        return self.remake is not None

    def findings(self) -> list[Finding]:
        """The passes' findings, made again (in the order the bodies were checked)."""
        if self.remake is None:
            raise ValueError(f"the passes of {self.rule_id} were counted on a stream")
        remake = self.remake
        return [f for i in self.which for f in remake(self.subjects[i]) if f.status == "pass"]

    def sample(self) -> Finding | None:
        """The finding of its first pass (what every pass of the rule expects)."""
        if self.remake is None or not self.which:
            return None
        return next(iter(self.remake(self.subjects[self.which[0]])), None)

    def subject_ids(self) -> list[str]:
        return [self.subjects[i].body.id for i in self.which]

    def count_by_path(self, counts: Counter[str]) -> None:
        """Add its passes to ``counts``, by the path of the file each body came from."""
        for i in self.which:
            counts[self.subjects[i].path or ""] += 1


@dataclasses.dataclass(kw_only=True)
class StreamedPassRun(PassRun):
    """The passes of one rule on a snapshot read a chunk at a time: positions, scores,
    ids and the first pass's finding are kept, the bodies are not, so these passes are
    counted and scored but cannot be listed (``remake`` is None)."""

    path: str | None = None
    first: Finding | None = None
    kept_ids: list[str] = dataclasses.field(default_factory=list)

    def take(self, chunk: PassRun) -> None:
        """Add the passes of ``chunk``, a run on one chunk's bodies."""
        if self.first is None:
            self.first = chunk.sample()
        self.which.extend(chunk.subjects[i].index for i in chunk.which)
        self.scores.extend(chunk.scores)
        self.kept_ids.extend(chunk.subject_ids())

    def sample(self) -> Finding | None:
        return self.first

    def subject_ids(self) -> list[str]:
        return self.kept_ids

    def count_by_path(self, counts: Counter[str]) -> None:
        counts[self.path or ""] += len(self.which)


class Passes:
    """Every pass a check counted without listing, rule by rule."""

    def __init__(
        self, sort: Callable[[list[Finding]], None], order: dict[str, int] | None = None
    ) -> None:
        self.runs: list[PassRun] = []
        self._sort = sort
        self._order = dict(order or {})

    def reordered(self, sort: Callable[[list[Finding]], None], order: dict[str, int]) -> Passes:
        """The same passes, belonging to a report of more inputs (``order``, ``sort``):
        ``check --jobs`` counts a snapshot's passes apart from the drafts'."""
        out = Passes(sort, order)
        out.runs = self.runs
        return out

    def rank(self, path: str) -> tuple[int, str]:
        """Where findings about ``path`` come in the report (the inputs' order, then path)."""
        return (self._order.get(path, len(self._order)), path)

    def of_pack(self, pack: str) -> list[PassRun]:
        return [r for r in self.runs if r.pack == pack and r.which]

    def __len__(self) -> int:
        return sum(len(r.which) for r in self.runs)

    def by_input(self, *, leave_out: Iterable[str] = ()) -> Counter[str]:
        """Passes per input path, leaving out rules of the ``leave_out`` check kinds."""
        skip = set(leave_out)
        counts: Counter[str] = Counter()
        for r in self.runs:
            if r.check not in skip:
                r.count_by_path(counts)
        return counts

    @property
    def listable(self) -> bool:
        """Whether :meth:`findings` can list them (no pass was counted on a stream)."""
        return all(r.listable for r in self.runs if r.which)

    def findings(self) -> list[Finding]:
        """The passes' findings, made again, rule by rule (:meth:`sort` orders them)."""
        return [f for r in self.runs for f in r.findings()]

    def sort(self, findings: list[Finding]) -> None:
        """Put findings in the order of the report these passes belong to, in place."""
        self._sort(findings)
