"""The engine: applies every rule of every pack to every subject it selects.

Data flows models → loading → **engine** → check kinds → formatters. The engine picks the
subjects for each rule (bodies for ``subject="body"`` kinds, documents for
``subject="document"`` kinds, filtered by the rule's ``applies_to``), runs the check kind,
and turns a crash of a rule or plugin into one ``error`` finding naming it, so the others
still run. Findings come out in a stable order and the report carries weighted scores.
"""

from __future__ import annotations

import dataclasses
import gc
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel

from wpscheck._version import __version__
from wpscheck.models import (
    SEVERITIES,
    STATUSES,
    Body,
    Document,
    Finding,
    Location,
    Observation,
    PackSummary,
    Report,
    ReportNote,
    Rule,
    RuleInfo,
    RulePack,
    Selector,
    Severity,
    Snapshot,
    Status,
    Summary,
    _fast_frozen_init,
)
from wpscheck.plugins import CheckKind, Registry, registry

__all__ = [
    "BodySubject",
    "CheckContext",
    "check",
    "document_notes",
    "make_report",
    "memoised",
    "resummarise",
    "rule_info",
    "score_of",
    "sort_findings",
]


@_fast_frozen_init
@dataclasses.dataclass(frozen=True, slots=True)
class BodySubject:
    """A body with where it came from (for locations and history)."""

    body: Body
    snapshot: Snapshot
    index: int
    _location: Location | None = dataclasses.field(default=None, repr=False, compare=False)

    @property
    def location(self) -> Location:
        """Where the body is: its file, line and data path (made once, shared by findings)."""
        loc = self._location
        if loc is None:
            loc = Location(
                path=self.snapshot.path,
                line=self.snapshot.line_of(self.index),
                data_path=f"bodies[{self.index}]",
            )
            object.__setattr__(self, "_location", loc)
        return loc


class BodyFindingMaker:
    """Builds one rule's findings about bodies, fast, for the batch checks.

    What every finding of the rule shares (id, pack, severity, references,
    recommendation, weight, check kind) is read once; a call supplies only the body, the
    verdict and, when it is not the body's own, the location. The verdict's ``observed``
    and ``expected`` dicts may be shared between findings: never mutate them.
    """

    __slots__ = (
        "_check",
        "_pack",
        "_recommendation",
        "_references",
        "_rule",
        "_severity",
        "_weight",
    )

    def __init__(self, ctx: CheckContext) -> None:
        rule = ctx.rule
        self._rule = rule.id
        self._pack = rule.pack or ctx.pack.id
        self._severity: Severity = rule.severity
        self._references = rule.references
        self._recommendation = rule.recommendation
        self._weight = rule.weight
        self._check = rule.check

    def __call__(
        self,
        subject: BodySubject,
        status: Status,
        score: float,
        message: str,
        observed: dict[str, Any],
        expected: dict[str, Any],
        location: Location | None = None,
    ) -> Finding:
        body = subject.body
        return Finding(
            self._rule,
            self._pack,
            body.id,
            status,
            self._severity,
            score,
            message,
            body.name,
            observed,
            expected,
            self._references,
            self._recommendation,
            subject.location if location is None else location,
            (),
            None,
            self._weight,
            self._check,
        )


@dataclasses.dataclass
class CheckContext:
    """What a check kind gets besides its subject."""

    rule: Rule
    pack: RulePack
    params: Any
    kind: CheckKind
    today: date
    history: Callable[[Body], list[Observation]]

    def finding(
        self,
        subject: str,
        status: Status,
        score: float,
        message: str,
        **kw: Any,
    ) -> Finding:
        """A finding of this rule, with its id, pack, severity, weight and references filled."""
        rule = self.rule
        if "references" not in kw:
            kw["references"] = rule.references
        if "recommendation" not in kw:
            kw["recommendation"] = rule.recommendation
        score = 0.0 if score <= 0 else 1.0 if score >= 1 else round(float(score), 4)
        return Finding(
            rule.id,
            rule.pack or self.pack.id,
            subject,
            status,
            rule.severity,
            score,
            message,
            weight=rule.weight,
            check=rule.check,
            **kw,
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
        **kw: Any,
    ) -> Finding:
        """A finding about a body, located at the body's record in its file."""
        if kw:
            kw.setdefault("subject_name", subject.body.name)
            return self.finding(
                subject.body.id,
                status,
                score,
                message,
                observed=observed or {},
                expected=expected or {},
                location=location or subject.location,
                **kw,
            )
        # The hot path of a large snapshot: one call per body and rule, no keyword juggling.
        rule = self.rule
        return Finding(
            rule.id,
            rule.pack or self.pack.id,
            subject.body.id,
            status,
            rule.severity,
            0.0 if score <= 0 else 1.0 if score >= 1 else round(float(score), 4),
            message,
            subject_name=subject.body.name,
            observed={} if observed is None else observed,
            expected={} if expected is None else expected,
            references=rule.references,
            recommendation=rule.recommendation,
            location=subject.location if location is None else location,
            weight=rule.weight,
            check=rule.check,
        )


def _history_index(snapshots: Sequence[Snapshot]) -> Callable[[Body], list[Observation]]:
    """Earlier observations of a body: its own ``history`` plus the same id in other snapshots."""
    by_id: dict[str, list[tuple[Body, date | None]]] = defaultdict(list)
    if len(snapshots) > 1:
        for snap in snapshots:
            for b in snap.bodies:
                by_id[b.id].append((b, b.as_of or snap.as_of))

    def history(body: Body) -> list[Observation]:
        if not body.history and (not by_id or len(by_id.get(body.id, ())) < 2):
            return []
        obs: dict[date, Observation] = {h.as_of: h for h in body.history}
        for other, when in by_id.get(body.id, ()):
            if other is body or when is None:
                continue
            women, seats = other.counts()
            obs.setdefault(
                when,
                Observation(
                    as_of=when,
                    women=women,
                    seats=seats,
                    share=other.share,
                    source=other.source,
                ),
            )
        return [obs[d] for d in sorted(obs)]

    return history


def _selected(rule: Rule, select: Sequence[str], ignore: Sequence[str]) -> bool:
    names = {rule.id, rule.qualified_id, rule.pack, rule.check, *rule.tags}
    if any(i in names for i in ignore):
        return False
    return not select or any(s in names for s in select)


def score_of(findings: Iterable[Finding]) -> float | None:
    """Weighted mean score of the pass/fail findings, or None if there are none."""
    total = 0.0
    weight = 0.0
    for f in findings:
        if f.status in ("pass", "fail"):
            total += f.score * f.weight
            weight += f.weight
    if weight == 0:
        return None
    return round(total / weight, 4)


def check(
    subjects: Sequence[Snapshot | Document],
    packs: Sequence[RulePack],
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    reg: Registry | None = None,
    today: date | None = None,
    inputs: Sequence[str] | None = None,
) -> Report:
    """Apply every selected rule of ``packs`` to ``subjects`` and return the report."""
    reg = reg or registry()
    today = today or date.today()
    snapshots = [s for s in subjects if isinstance(s, Snapshot)]
    documents = [s for s in subjects if isinstance(s, Document)]
    order: dict[str, int] = {}
    for n, s in enumerate(subjects):
        order.setdefault(s.path or f"<input {n}>", n)
    findings: list[Finding] = []
    ran: list[Rule] = []
    for problem in reg.problems:
        findings.append(
            Finding(
                rule="plugin",
                pack="wpscheck",
                subject=problem.plugin,
                status="error",
                severity="error",
                score=0.0,
                message=f'plugin "{problem.plugin}": {problem.message}',
            )
        )
    # A check makes a few objects per body and rule and no reference cycles: the cyclic
    # garbage collector would only rescan the growing heap (about 15 % of a large check).
    collecting = gc.isenabled()
    gc.disable()
    try:
        body_subjects = _body_subjects(snapshots)
        history = _history_index(snapshots)
        for pack in packs:
            for rule in pack.rules:
                if not _selected(rule, select, ignore):
                    continue
                ran.append(rule)
                findings.extend(
                    _run_rule(reg, pack, rule, body_subjects, documents, history, today)
                )
        sort_findings(findings, order, packs)
    finally:
        if collecting:
            gc.enable()
    return make_report(
        findings,
        packs,
        subjects=len(body_subjects) + len(documents),
        inputs=list(inputs) if inputs is not None else [s.path or "" for s in subjects],
        rules=ran,
        notes=document_notes(documents),
    )


def document_notes(documents: Iterable[Document]) -> list[ReportNote]:
    """What reading each draft noticed (its ``notes``), for the report."""
    return [
        ReportNote(path=d.path or "<document>", message=n.message)
        for d in documents
        for n in d.notes
    ]


def _body_subjects(snapshots: Sequence[Snapshot]) -> _Bodies:
    """Every body of every snapshot, each with its location made once (findings share it)."""
    out = _Bodies()
    append = out.append
    for snap in snapshots:
        path, lines = snap.path, snap.lines
        known = len(lines)
        for i, body in enumerate(snap.bodies):
            line = lines[i] if i < known else None
            where = Location(path, line, None, None, None, None, f"bodies[{i}]")
            append(BodySubject(body, snap, i, where))
    return out


def _location_keys(
    loc: Location | None, order: dict[str, int]
) -> tuple[tuple[int, str, int], tuple[int, str]]:
    """The parts of a finding's sort key that come from its location."""
    if loc is None:
        return (len(order), "", 0), (0, "")
    path = loc.path or ""
    return (
        (order.get(path, len(order)), path, loc.line if loc.line is not None else 0),
        (loc.column if loc.column is not None else 0, loc.ref or ""),
    )


def sort_findings(
    findings: list[Finding], order: dict[str, int], packs: Sequence[RulePack] = ()
) -> None:
    """Put findings in the report's order, in place: by input (``order`` gives each input
    path's position), path, line, subject, then pack and rule in the order ``packs``
    declare them (so a draft's findings with no line, such as dropped provisions, follow
    the pack's order: PP1 … OP3 … OP28, not OP28 before OP3), column, paragraph ref and
    message. Rules of no given pack come last, by pack and rule id.

    Findings usually share a few location objects (one per body or paragraph): the
    location's part of the key is made once per location object.
    """
    rank = {(p.id, r.id): i for i, (p, r) in enumerate((p, r) for p in packs for r in p.rules)}
    last = len(rank)
    parts: dict[int, tuple[tuple[int, str, int], tuple[int, str]]] = {}
    keys: list[tuple[Any, ...]] = []
    append = keys.append
    for f in findings:
        loc = f.location
        part = parts.get(id(loc))
        if part is None:
            part = parts[id(loc)] = _location_keys(loc, order)
        position = rank.get((f.pack, f.rule), last)
        append((part[0], f.subject, position, f.pack, f.rule, part[1], f.message))
    ranked = sorted(range(len(findings)), key=keys.__getitem__)
    findings[:] = [findings[i] for i in ranked]


_EMPTY_SELECTOR = Selector()


class _Bodies(list[BodySubject]):
    """The body subjects of a check, and what selectors look at, grouped: a selector sees
    only kind, level, country and tags, so it is decided once per distinct combination."""

    _groups: list[int] | None = None
    _samples: list[Body]

    def select(self, sel: Selector) -> Sequence[BodySubject]:
        """The bodies ``sel`` picks, in order (all of them for an empty selector)."""
        if sel == _EMPTY_SELECTOR:
            return self
        if self._groups is None:
            ids: dict[tuple[Any, ...], int] = {}
            self._samples = []
            groups: list[int] = []
            for bs in self:
                b = bs.body
                key = (b.kind, b.level, b.country, b.tags)
                g = ids.get(key)
                if g is None:
                    g = ids[key] = len(self._samples)
                    self._samples.append(b)
                groups.append(g)
            self._groups = groups
        ok = [sel.matches_body(b) for b in self._samples]
        return [bs for bs, g in zip(self, self._groups, strict=True) if ok[g]]


def _selected_bodies(sel: Selector, bodies: Sequence[BodySubject]) -> Sequence[BodySubject]:
    """The bodies a selector picks (all of them for an empty selector, without a test each)."""
    if isinstance(bodies, _Bodies):
        return bodies.select(sel)
    return _Bodies(bodies).select(sel)


def _run_rule(
    reg: Registry,
    pack: RulePack,
    rule: Rule,
    bodies: Sequence[BodySubject],
    documents: Sequence[Document],
    history: Callable[[Body], list[Observation]],
    today: date,
) -> list[Finding]:
    def crashed(subject: str, what: str, exc: BaseException, plugin: str) -> Finding:
        return Finding(
            rule=rule.id,
            pack=pack.id,
            subject=subject,
            status="error",
            severity="error",
            score=0.0,
            message=(
                f'rule "{rule.qualified_id}" ({what} from plugin "{plugin}") failed on '
                f"{subject}: {type(exc).__name__}: {exc}"
            ),
            check=rule.check,
            weight=rule.weight,
            references=rule.references,
        )

    try:
        kind = reg.check_kind(rule.check)
        params: BaseModel = kind.params.model_validate(rule.params)
    except Exception as exc:
        return [crashed(pack.id, f'check kind "{rule.check}"', exc, "?")]
    ctx = CheckContext(rule=rule, pack=pack, params=params, kind=kind, today=today, history=history)
    what = f'check kind "{kind.id}"'
    out: list[Finding] = []
    if kind.subject == "body":
        selected: Sequence[Any] = _selected_bodies(rule.applies_to, bodies)
    else:
        sel = rule.applies_to
        selected = [doc for doc in documents if sel.matches_document(doc)]
    if kind.check_many is not None:
        try:
            return list(kind.check_many(ctx, selected))
        except Exception:  # checked again one subject at a time, below
            pass
    # One subject at a time (also when a batch failed: the error finding names its subject).
    if kind.subject == "body":
        for bs in selected:
            try:
                out.extend(kind.check(ctx, bs))
            except Exception as exc:
                out.append(crashed(bs.body.id, what, exc, kind.plugin))
                break
    else:
        for doc in selected:
            try:
                out.extend(kind.check(ctx, doc))
            except Exception as exc:
                out.append(crashed(doc.path or "<document>", what, exc, kind.plugin))
    return out


_Template = tuple[Status, float, str, dict[str, Any], dict[str, Any], str | None]


def _templates(
    ctx: CheckContext, subject: BodySubject, findings: Sequence[Finding]
) -> tuple[_Template, ...] | None:
    """What can be reused of a body's findings for another body with the same figures:
    status, score, message, observed, expected and where in the record it points. None
    when a finding is not a plain finding about this body (it is then never reused)."""
    rule = ctx.rule
    body = subject.body
    base = subject.location
    prefix = base.data_path or ""
    out: list[_Template] = []
    for f in findings:
        if (
            f.rule != rule.id
            or f.pack != (rule.pack or ctx.pack.id)
            or f.subject != body.id
            or f.subject_name != body.name
            or f.severity != rule.severity
            or f.references != rule.references
            or f.recommendation != rule.recommendation
            or f.evidence
            or f.classification is not None
            or f.weight != rule.weight
            or f.check != rule.check
            or f.waived is not None
            or f.baseline is not None
            or prefix in f.message
            or f.location is None
        ):
            return None
        loc = f.location
        suffix: str | None = None
        if loc is not base:
            data_path = loc.data_path or ""
            if (
                dataclasses.replace(loc, data_path=base.data_path) != base
                or not data_path.startswith(prefix)
                or not prefix
            ):
                return None
            suffix = data_path[len(prefix) :]
        out.append((f.status, f.score, f.message, f.observed, f.expected, suffix))
    return tuple(out)


def memoised(
    check: Callable[[CheckContext, BodySubject], Iterable[Finding]],
    key: Callable[[BodySubject], Hashable | None],
) -> Callable[[CheckContext, Sequence[BodySubject]], list[Finding]]:
    """A ``check_many`` for a body check kind whose verdict depends only on a few figures.

    ``key(subject)`` returns those figures (anything hashable), or None when the verdict
    depends on more (a history, the body's place in its file…). The first body with a
    given key is checked by ``check``; a later body with the same key gets the same
    findings made out for it: the same status, score and message, the same ``observed``
    and ``expected`` dicts (shared between findings: never mutate a finding's dicts), with
    its own id, name and location. ``check`` stays the reference: findings that are not
    plain findings about their body, or whose message names the body's data path, are
    never reused, and that key is then checked body by body.
    """

    def check_many(ctx: CheckContext, subjects: Sequence[BodySubject]) -> list[Finding]:
        make = BodyFindingMaker(ctx)
        cache: dict[Hashable, tuple[_Template, ...] | None] = {}
        out: list[Finding] = []
        append = out.append
        for subject in subjects:
            k = key(subject)
            if k is None:
                out.extend(check(ctx, subject))
                continue
            try:
                templates = cache[k]
            except KeyError:
                found = list(check(ctx, subject))
                out.extend(found)
                cache[k] = _templates(ctx, subject, found)
                continue
            if templates is None:  # not reusable: every body with this key is checked
                out.extend(check(ctx, subject))
                continue
            where = subject.location
            for status, score, message, observed, expected, suffix in templates:
                loc = (
                    where
                    if suffix is None
                    else dataclasses.replace(where, data_path=f"{where.data_path}{suffix}")
                )
                append(make(subject, status, score, message, observed, expected, loc))
        return out

    return check_many


def _summarise(findings: Sequence[Finding], packs: Sequence[RulePack], subjects: int) -> Summary:
    """Counts and weighted scores in one pass (the same sums, in the same order, as
    :func:`score_of` per pack and overall)."""
    status_counts = dict.fromkeys(STATUSES, 0)
    severity_counts = dict.fromkeys(SEVERITIES, 0)
    # Per pack: [findings, weighted score sum, weight sum]
    per_pack: dict[str, list[Any]] = {}
    total = weight = 0.0
    waived = in_baseline = 0
    for f in findings:
        status = f.status
        acc = per_pack.get(f.pack)
        if acc is None:
            acc = per_pack[f.pack] = [0, 0.0, 0.0]
        acc[0] += 1
        status_counts[status] = status_counts.get(status, 0) + 1
        if status == "pass" or status == "fail":
            part = f.score * f.weight
            acc[1] += part
            acc[2] += f.weight
            total += part
            weight += f.weight
        if status == "fail" or status == "error":
            severity_counts[f.severity] = severity_counts.get(f.severity, 0) + 1
            if f.waived is not None:
                waived += 1
            if f.baseline == "unchanged":
                in_baseline += 1

    def score(sums: float, weights: float) -> float | None:
        return None if weights == 0 else round(sums / weights, 4)

    empty = [0, 0.0, 0.0]
    return Summary(
        score=score(total, weight),
        findings=len(findings),
        subjects=subjects,
        by_status={s: status_counts[s] for s in STATUSES},
        by_severity={s: severity_counts[s] for s in SEVERITIES},
        packs=[
            PackSummary(
                id=p.id,
                title=p.title,
                version=p.version,
                score=score(*per_pack.get(p.id, empty)[1:]),
                findings=per_pack.get(p.id, empty)[0],
            )
            for p in packs
        ],
        waived=waived,
        in_baseline=in_baseline,
    )


def make_report(
    findings: list[Finding],
    packs: Sequence[RulePack],
    *,
    subjects: int,
    inputs: list[str],
    rules: Sequence[Rule] | None = None,
    notes: Sequence[ReportNote] = (),
) -> Report:
    """Summarise findings (already in order) into a report.

    ``rules`` are the rules that ran (default: every rule of ``packs``); the report lists
    them so that formats such as SARIF can describe each rule without the packs.
    """
    summary = _summarise(findings, packs, subjects)
    ran = rules if rules is not None else [r for p in packs for r in p.rules]
    return Report.model_construct(
        tool={"name": "wpscheck", "version": __version__},
        inputs=inputs,
        summary=summary,
        findings=findings,
        rules=[rule_info(r, packs) for r in ran],
        notes=list(notes),
    )


def _relative_source(path: str | None) -> str | None:
    """A pack's path relative to the working folder, or None when it lies outside it."""
    if not path:
        return None
    from pathlib import Path

    p = Path(path)
    if not p.is_absolute():
        return p.as_posix()
    try:
        return p.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return None


def rule_info(rule: Rule, packs: Sequence[RulePack] = ()) -> RuleInfo:
    """What a report keeps about a rule."""
    source = next((p.path for p in packs if p.id == rule.pack), None)
    return RuleInfo(
        id=rule.qualified_id,
        pack=rule.pack,
        rule=rule.id,
        title=rule.title,
        check=rule.check,
        severity=rule.severity,
        weight=rule.weight,
        description=rule.description,
        references=list(rule.references),
        recommendation=rule.recommendation,
        tags=list(rule.tags),
        source=_relative_source(source),
        line=rule.line,
    )


def resummarise(
    report: Report, findings: list[Finding], *, extra_rules: Sequence[RuleInfo] = ()
) -> Report:
    """The report with new findings (e.g. waived or compared with a baseline), its summary
    recomputed; packs, inputs and rules are kept (``extra_rules`` are added)."""
    by_pack: dict[str, list[Finding]] = defaultdict(list)
    status_counts: Counter[str] = Counter()
    severity_counts: Counter[str] = Counter()
    for f in findings:
        by_pack[f.pack].append(f)
        status_counts[f.status] += 1
        if f.failed:
            severity_counts[f.severity] += 1
    old = report.summary
    summary = Summary(
        score=score_of(findings),
        findings=len(findings),
        subjects=old.subjects,
        by_status={s: status_counts.get(s, 0) for s in STATUSES},
        by_severity={s: severity_counts.get(s, 0) for s in SEVERITIES},
        packs=[
            p.model_copy(
                update={
                    "score": score_of(by_pack.get(p.id, ())),
                    "findings": len(by_pack.get(p.id, ())),
                }
            )
            for p in old.packs
        ],
        waived=sum(1 for f in findings if f.failed and f.waived is not None),
        in_baseline=sum(1 for f in findings if f.failed and f.baseline == "unchanged"),
    )
    known = {r.id for r in report.rules}
    rules = [*report.rules, *(r for r in extra_rules if r.id not in known)]
    return Report.model_construct(
        tool=report.tool,
        inputs=report.inputs,
        summary=summary,
        findings=findings,
        rules=rules,
        notes=report.notes,
    )
