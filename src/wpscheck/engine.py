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
from collections.abc import Callable, Iterable, Sequence
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
    Snapshot,
    Status,
    Summary,
)
from wpscheck.plugins import CheckKind, Registry, registry

__all__ = [
    "BodySubject",
    "CheckContext",
    "check",
    "document_notes",
    "make_report",
    "resummarise",
    "rule_info",
    "score_of",
]


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
    body_subjects = [
        BodySubject(body, snap, i) for snap in snapshots for i, body in enumerate(snap.bodies)
    ]
    history = _history_index(snapshots)
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
        for pack in packs:
            for rule in pack.rules:
                if not _selected(rule, select, ignore):
                    continue
                ran.append(rule)
                findings.extend(
                    _run_rule(reg, pack, rule, body_subjects, documents, history, today)
                )
        findings.sort(key=lambda f: _sort_key(f, order))
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
    return [ReportNote(path=d.path or "<document>", message=n) for d in documents for n in d.notes]


def _sort_key(f: Finding, order: dict[str, int]) -> tuple[Any, ...]:
    loc = f.location
    path = loc.path if loc and loc.path else ""
    return (
        order.get(path, len(order)),
        path,
        loc.line if loc and loc.line is not None else 0,
        f.subject,
        f.pack,
        f.rule,
        loc.column if loc and loc.column is not None else 0,
        loc.ref if loc and loc.ref else "",
        f.message,
    )


_EMPTY_SELECTOR = Selector()


def _selected_bodies(sel: Selector, bodies: Sequence[BodySubject]) -> Sequence[BodySubject]:
    """The bodies a selector picks (all of them for an empty selector, without a test each)."""
    if sel == _EMPTY_SELECTOR:
        return bodies
    # A selector looks only at kind, level, country and tags: decide once per combination.
    verdicts: dict[tuple[Any, ...], bool] = {}
    out: list[BodySubject] = []
    for bs in bodies:
        b = bs.body
        key = (b.kind, b.level, b.country, b.tags)
        ok = verdicts.get(key)
        if ok is None:
            ok = verdicts[key] = sel.matches_body(b)
        if ok:
            out.append(bs)
    return out


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
        for bs in _selected_bodies(rule.applies_to, bodies):
            try:
                out.extend(kind.check(ctx, bs))
            except Exception as exc:
                out.append(crashed(bs.body.id, what, exc, kind.plugin))
                break
    else:
        sel = rule.applies_to
        for doc in documents:
            if not sel.matches_document(doc):
                continue
            try:
                out.extend(kind.check(ctx, doc))
            except Exception as exc:
                out.append(crashed(doc.path or "<document>", what, exc, kind.plugin))
    return out


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
    by_pack: dict[str, list[Finding]] = defaultdict(list)
    status_counts: Counter[str] = Counter()
    severity_counts: Counter[str] = Counter()
    for f in findings:
        by_pack[f.pack].append(f)
        status_counts[f.status] += 1
        if f.status in ("fail", "error"):
            severity_counts[f.severity] += 1
    summaries = [
        PackSummary(
            id=p.id,
            title=p.title,
            version=p.version,
            score=score_of(by_pack.get(p.id, ())),
            findings=len(by_pack.get(p.id, ())),
        )
        for p in packs
    ]
    summary = Summary(
        score=score_of(findings),
        findings=len(findings),
        subjects=subjects,
        by_status={s: status_counts.get(s, 0) for s in STATUSES},
        by_severity={s: severity_counts.get(s, 0) for s in SEVERITIES},
        packs=summaries,
        waived=sum(1 for f in findings if f.failed and f.waived is not None),
        in_baseline=sum(1 for f in findings if f.failed and f.baseline == "unchanged"),
    )
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
