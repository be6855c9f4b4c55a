"""The plugin contract: everything a plugin author imports, from one module.

Every check kind, reader, formatter and rule pack — the built-in ones included —
arrives through the hooks below. A third-party package registers a module under the
``wpscheck`` entry-point group::

    [project.entry-points.wpscheck]
    mine = "my_package.wpscheck_plugin"

and implements any of the hooks with ``@wpscheck.plugin.hookimpl``. A check kind is a
:class:`CheckKind` whose ``check(ctx, subject)`` receives a :class:`CheckContext` (the
rule, its validated parameters, its pack) and one subject: a :class:`BodySubject` for
``subject="body"`` kinds, a :class:`Document` for ``subject="document"`` kinds. It
yields :class:`Finding` objects, made with :meth:`CheckContext.finding` or
:meth:`CheckContext.body_finding`.

The registry that gathers the plugins is :mod:`wpscheck.registry`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Generic, Literal

import pluggy
from pydantic import BaseModel
from typing_extensions import TypeVar

from wpscheck.ci.policy import FailOn
from wpscheck.models import (
    Body,
    Document,
    Finding,
    Location,
    Observation,
    Paragraph,
    Report,
    Rule,
    RulePack,
    Severity,
    Snapshot,
    Status,
)

__all__ = [
    "PROJECT",
    "Body",
    "BodySubject",
    "CheckContext",
    "CheckKind",
    "Document",
    "FailOn",
    "Finding",
    "FormatOptions",
    "Formatter",
    "Hooks",
    "Location",
    "Observation",
    "Paragraph",
    "Profile",
    "Reader",
    "Report",
    "Rule",
    "RulePack",
    "Severity",
    "Snapshot",
    "Status",
    "SubjectType",
    "clamped",
    "hookimpl",
    "hookspec",
]

PROJECT = "wpscheck"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)

SubjectType = Literal["body", "document", "list"]

#: A check kind's parameter model (``CheckContext[QuotaParams]``; unparametrised: Any).
P = TypeVar("P", bound=BaseModel, default=Any)
#: What a check kind checks: a :class:`BodySubject` or a :class:`Document`.
S = TypeVar("S", default=Any)


class BodySubject:
    """A body with where it came from (for locations and history): ``body``, its
    ``snapshot``, its ``index`` there and its ``location`` (the file, the line of its
    record and its data path, ``bodies[3]``). Given no location, it is made from the
    snapshot (and ``line``, else the snapshot's line of the body) when first asked for:
    most bodies of a large snapshot are never reported, so never need one."""

    __slots__ = ("_line", "_location", "body", "index", "snapshot")

    def __init__(
        self,
        body: Body,
        snapshot: Snapshot,
        index: int,
        location: Location | None = None,
        *,
        line: int | None = None,
    ) -> None:
        self.body = body
        self.snapshot = snapshot
        self.index = index
        self._location = location
        self._line = line

    @property
    def location(self) -> Location:
        """Where the body's record is: its file, line and data path (``bodies[3]``)."""
        if self._location is None:
            line = self._line if self._line is not None else self.snapshot.line_of(self.index)
            self._location = Location(
                path=self.snapshot.path, line=line, data_path=f"bodies[{self.index}]"
            )
        return self._location

    @property
    def path(self) -> str | None:
        """The file the body was read from (without making its location)."""
        return self._location.path if self._location is not None else self.snapshot.path

    def __repr__(self) -> str:
        return f"BodySubject({self.body.id!r}, index={self.index}, location={self.location!r})"


@dataclasses.dataclass(frozen=True)
class CheckKind(Generic[P, S]):
    """A check kind: an id, a parameter model ``P`` and one generator of findings about a
    subject ``S`` (a ``BodySubject`` or a ``Document``).

    ``check(ctx, subject)`` is called once per subject a rule selects; should it raise,
    that subject gets an ``error`` finding naming the rule and the plugin, and the other
    subjects are still checked.
    """

    id: str
    subject: SubjectType
    params: type[P]
    check: Callable[[CheckContext[P], S], Iterable[Finding]]
    summary: str
    doc: str = ""
    plugin: str = "builtin"
    #: A quick test, for bodies: the score of the one ``pass`` finding ``check`` would
    #: give the subject, or None when it might give anything else (then ``check`` runs).
    #: It lets a large snapshot's passes be counted without making their findings; it
    #: must agree with ``check`` exactly (see tests/test_passes.py).
    quick_pass: Callable[[CheckContext[P], S], float | None] | None = None


def clamped(score: float) -> float:
    """A score as a finding holds it: in [0, 1], to four decimals."""
    return 0.0 if score <= 0 else 1.0 if score >= 1 else round(float(score), 4)


@dataclasses.dataclass(frozen=True)
class CheckContext(Generic[P]):
    """What a check kind gets besides its subject."""

    rule: Rule
    pack: RulePack
    params: P
    kind: CheckKind[P, Any]
    today: date
    history: Callable[[Body], list[Observation]]

    def finding(
        self,
        subject: str,
        status: Status,
        score: float,
        message: str,
        *,
        subject_name: str | None = None,
        observed: dict[str, Any] | None = None,
        expected: dict[str, Any] | None = None,
        location: Location | None = None,
        evidence: tuple[dict[str, Any], ...] = (),
        classification: str | None = None,
        references: tuple[str, ...] | None = None,
        recommendation: str | None = None,
    ) -> Finding:
        """A finding of this rule, with its id, pack, severity, weight and references filled."""
        rule = self.rule
        return Finding(
            rule=rule.id,
            pack=rule.pack or self.pack.id,
            subject=subject,
            status=status,
            severity=rule.severity,
            score=clamped(score),
            message=message,
            subject_name=subject_name,
            observed={} if observed is None else observed,
            expected={} if expected is None else expected,
            references=rule.references if references is None else references,
            recommendation=rule.recommendation if recommendation is None else recommendation,
            location=location,
            evidence=evidence,
            classification=classification,
            weight=rule.weight,
            check=rule.check,
        )

    def body_finding(
        self,
        subject: BodySubject,
        status: Status,
        score: float,
        message: str,
        *,
        observed: dict[str, Any] | None = None,
        expected: dict[str, Any] | None = None,
        location: Location | None = None,
    ) -> Finding:
        """A finding about a body, located at the body's record in its file."""
        return self.finding(
            subject.body.id,
            status,
            score,
            message,
            subject_name=subject.body.name,
            observed=observed,
            expected=expected,
            location=subject.location if location is None else location,
        )


@dataclasses.dataclass(frozen=True)
class Reader:
    """Reads a draft text of some file formats into a :class:`Document`."""

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[Path], Document]
    summary: str = ""
    plugin: str = "builtin"


@dataclasses.dataclass(frozen=True)
class Profile:
    """Reads a table as its publisher ships it (``check FILE --profile NAME``): ``read``
    returns the snapshot data (``{"bodies": [...], ...}`` as a snapshot file holds it),
    the line of each body, and notes on what it read; the loader validates the data."""

    name: str
    read: Callable[[Path], tuple[dict[str, Any], list[int | None], list[str]]]
    summary: str = ""
    plugin: str = "builtin"


@dataclasses.dataclass(frozen=True)
class FormatOptions:
    """What a formatter may need beyond the report."""

    color: bool = False
    absolute_paths: bool = False
    verbose: bool = False
    fail_on: FailOn = "error"
    extra: Mapping[str, Any] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class Formatter:
    """Turns a report into text for one output format."""

    name: str
    render: Callable[[Report, FormatOptions], str]
    summary: str = ""
    suffix: str = ".txt"
    plugin: str = "builtin"
    #: Whether this output lists passes that a report counts without listing
    #: (:attr:`Report.unlisted_passes`); the CLI then lists them first
    #: (:func:`wpscheck.engine.with_passes`). None: always, the safe answer for a
    #: format that reads every finding.
    lists_passes: Callable[[Report, FormatOptions], bool] | None = None
    #: Optional: the output in pieces, for a report too large to hold as one text
    #: (``"".join(chunks(report, options)) == render(report, options)``).
    chunks: Callable[[Report, FormatOptions], Iterable[str]] | None = None


class Hooks:
    """The hook specifications. Each returns a list; the registry gathers every plugin's."""

    @hookspec
    def wpscheck_check_kinds(self) -> Sequence[CheckKind]:  # type: ignore[empty-body]
        """Return the check kinds this plugin provides."""

    @hookspec
    def wpscheck_rule_packs(self) -> Sequence[Path]:  # type: ignore[empty-body]
        """Return TOML rule-pack files or directories of them that apply by default."""

    @hookspec
    def wpscheck_readers(self) -> Sequence[Reader]:  # type: ignore[empty-body]
        """Return readers for draft-text file formats."""

    @hookspec
    def wpscheck_formatters(self) -> Sequence[Formatter]:  # type: ignore[empty-body]
        """Return output formats for reports."""

    @hookspec
    def wpscheck_profiles(self) -> Sequence[Profile]:  # type: ignore[empty-body]
        """Return profiles: readers of published tables (``check FILE --profile NAME``)."""
