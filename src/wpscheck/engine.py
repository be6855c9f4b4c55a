"""The engine: applies every rule of every pack to every subject it selects.

Data flows models → loading → **engine** → check kinds → formatters. The engine picks the
subjects for each rule (bodies for ``subject="body"`` kinds, documents for
``subject="document"`` kinds, filtered by the rule's ``applies_to``) and calls the check
kind once per subject. A rule that cannot run, or a subject on which it crashes, becomes
one ``error`` finding naming the rule and the plugin, and every other subject and rule
still runs. Findings come out in a stable order and the report carries weighted scores.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from wpscheck._version import __version__
from wpscheck.candidates import CandidateList, ListFile, ListSubject, matches_list
from wpscheck.models import (
    REPORT_FORMAT,
    REPORT_VERSION,
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
    SnapshotStream,
    Summary,
)
from wpscheck.passes import Passes, PassRun, StreamedPassRun
from wpscheck.plugin import BodySubject, CheckContext, CheckKind
from wpscheck.registry import Registry, registry
from wpscheck.selection import unselected_finding

__all__ = [
    "check",
    "document_notes",
    "is_selected",
    "make_report",
    "resummarise",
    "rule_info",
    "score_of",
    "sort_findings",
    "summarise",
    "with_passes",
    "without_passes",
]

_History = Callable[[Body], list[Observation]]


def _history_index(snapshots: Sequence[Snapshot]) -> _History:
    """Earlier observations of a body: its own ``history`` plus the same id in other snapshots."""
    if len(snapshots) <= 1:
        return _own_history
    by_id: dict[str, list[tuple[Body, date | None]]] = defaultdict(list)
    for snap in snapshots:
        for b in snap.bodies:
            by_id[b.id].append((b, b.as_of or snap.as_of))

    def history(body: Body) -> list[Observation]:
        if len(by_id.get(body.id, ())) < 2:  # in no other snapshot
            return _own_history(body)
        obs: dict[date, Observation] = {h.as_of: h for h in body.history}
        for other, when in by_id.get(body.id, ()):
            if other is body or when is None:
                continue
            women, seats = other.counts()
            obs.setdefault(
                when,
                Observation(
                    as_of=when, women=women, seats=seats, share=other.share, source=other.source
                ),
            )
        return [obs[d] for d in sorted(obs)]

    return history


def _own_history(body: Body) -> list[Observation]:
    """A body's earlier observations when there is one snapshot: its own ``history``."""
    if not body.history:
        return []
    obs: dict[date, Observation] = {h.as_of: h for h in body.history}
    return [obs[d] for d in sorted(obs)]


def is_selected(rule: Rule, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """Whether ``--select``/``--ignore`` let the rule run (by id, pack, check kind or tag)."""
    names = {rule.id, rule.qualified_id, rule.pack, rule.check, *rule.tags}
    if any(i in names for i in ignore):
        return False
    return not select or any(s in names for s in select)


def score_of(findings: Iterable[Finding]) -> float | None:
    """Weighted mean score of the pass/fail findings, or None if there are none."""
    return _score(findings)


def check(
    subjects: Sequence[Snapshot | Document | ListFile | SnapshotStream],
    packs: Sequence[RulePack],
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    reg: Registry | None = None,
    today: date | None = None,
    inputs: Sequence[str] | None = None,
    unselected: bool | Collection[str] = False,
    passes: bool = True,
) -> Report:
    """Apply every selected rule of ``packs`` to ``subjects`` and return the report.

    With ``passes=False`` a body that passes a rule gets no finding: the pass is counted
    (in the summary, by rule, pack and input) and kept so that :func:`with_passes` can list
    it (:mod:`wpscheck.passes`); the report says ``passes_listed = False``. That is what an
    output that lists no passes needs, and it is most of the work on a large snapshot.

    With ``unselected`` (True for every pack, or the ids of the packs it is for: the CLI
    gives the packs a user named, not the shipped ones), a rule whose
    ``applies_to`` matches none of the subjects of its kind (bodies, lists or documents)
    while there are some gets a warning finding naming what it looked for and the closest
    values present (:mod:`wpscheck.selection`).
    Info-level rules that give no ``weight`` are kept out of the score (weight 0).

    A :class:`SnapshotStream` (a large CSV read a chunk at a time) is checked chunk by
    chunk and must be the only snapshot; its passes, counted with ``passes=False``, cannot
    be listed afterwards (``Report.unlisted_passes.listable`` is false).
    """
    reg = reg or registry()
    today = today or date.today()
    streams = [s for s in subjects if isinstance(s, SnapshotStream)]
    snapshots = [s for s in subjects if isinstance(s, Snapshot)]
    if streams and (snapshots or len(streams) > 1):
        raise ValueError("a snapshot stream is checked alone: no other snapshot beside it")
    documents = [s for s in subjects if isinstance(s, Document)]
    lists = [ListSubject(lst, f) for f in subjects if isinstance(f, ListFile) for lst in f.lists]
    order: dict[str, int] = {}
    for n, s in enumerate(subjects):
        order.setdefault(s.path or f"<input {n}>", n)
    findings = [_plugin_problem(p.plugin, p.message) for p in reg.problems]
    bodies = _BodyPool(_body_subjects(snapshots))
    history = _history_index(snapshots)
    ran = [(p, r) for p in packs for r in p.rules if is_selected(r, select, ignore)]
    tally = None if passes else Passes(lambda fs: sort_findings(fs, order, packs), order)
    for pack, rule in ran:
        got = _run_rule(
            reg, pack, rule, (bodies, documents, lists), history, today, unselected, tally
        )
        findings += _unweighted(rule, got) if _no_weight(rule) else got
    streamed = 0
    for stream in streams:
        streamed += _check_stream(reg, stream, ran, today, unselected, tally, findings)
    sort_findings(findings, order, packs)
    return make_report(
        findings,
        packs,
        passes=tally,
        subjects=len(bodies) + streamed + len(documents) + len(lists),
        inputs=list(inputs) if inputs is not None else [s.path or "" for s in subjects],
        rules=[r for _, r in ran],
        notes=document_notes(subjects),
        names={
            d.path: d.symbol or d.title or "" for d in documents if d.path and (d.symbol or d.title)
        },
    )


def _check_stream(
    reg: Registry,
    stream: SnapshotStream,
    ran: Sequence[tuple[RulePack, Rule]],
    today: date,
    unselected: bool | Collection[str],
    tally: Passes | None,
    findings: list[Finding],
) -> int:
    """The body rules on a snapshot read a chunk at a time, into ``findings`` (and passes
    into ``tally``); the same findings as the whole snapshot would give. Returns the
    number of bodies."""
    contexts: list[tuple[CheckContext[Any], CheckKind]] = []
    refused: dict[int, Finding] = {}  # rules whose parameters do not validate
    for pack, rule in ran:
        try:
            kind = reg.check_kind(rule.check)
        except Exception:  # _run_rule reported it
            continue
        if kind.subject != "body":
            continue
        try:
            params = kind.params.model_validate(rule.params)
        except Exception as exc:
            where = f'check kind "{rule.check}"'
            refused[len(contexts)] = _crashed(rule, pack, pack.id, None, where, "?", exc)
            params = None
        ctx = CheckContext(
            rule=rule, pack=pack, params=params, kind=kind, today=today, history=_own_history
        )
        contexts.append((ctx, kind))
    runs = [
        StreamedPassRun(
            rule_id=ctx.rule.qualified_id,
            pack=ctx.pack.id,
            check=ctx.rule.check,
            severity=ctx.rule.severity,
            weight=0.0 if _no_weight(ctx.rule) else ctx.rule.weight,
            path=stream.path,
        )
        for ctx, _ in contexts
    ]
    if tally is not None:
        tally.runs.extend(runs)
    picked_any = [False] * len(contexts)
    seen: dict[tuple[Any, ...], Body] = {}  # a body of each kind of selection, for warnings
    total = 0
    head = Snapshot.model_construct(path=stream.path, bodies=(), as_of=None)
    for offset, chunk, lines in stream.chunks():
        total = offset + len(chunk)
        subjects = [BodySubject(b, head, offset + i, line=lines[i]) for i, b in enumerate(chunk)]
        pool = _BodyPool(subjects)
        for body, _ in pool.groups:
            seen.setdefault(_selection_key(body), body)
        for n, (ctx, kind) in enumerate(contexts):
            picked = pool.select(ctx.rule.applies_to)
            if not picked:
                continue
            picked_any[n] = True
            if ctx.params is None:
                continue
            if tally is None:
                got = _run_each(ctx, kind, [(bs, bs.body.id, bs.location) for bs in picked])
            else:
                part = Passes(lambda fs: None)
                got = _run_counting(ctx, kind, picked, part)
                runs[n].take(part.runs[0])
            findings += _unweighted(ctx.rule, got) if _no_weight(ctx.rule) else got
        if stream.after_chunk is not None:
            stream.after_chunk()
    for n, (ctx, _) in enumerate(contexts):
        if ctx.params is None and picked_any[n]:
            findings.append(refused[n])
        wanted = unselected if isinstance(unselected, bool) else ctx.pack.id in unselected
        if not picked_any[n] and seen and wanted:
            findings.append(unselected_finding(ctx.rule, ctx.pack, list(seen.values()), total))
    return total


def _no_weight(rule: Rule) -> bool:
    """An info-level rule that gives no ``weight`` is kept out of the score."""
    return rule.severity == "info" and "weight" not in rule.model_fields_set


def _unweighted(rule: Rule, findings: Iterable[Finding]) -> list[Finding]:
    return [dataclasses.replace(f, weight=0.0) for f in findings]


def _plugin_problem(plugin: str, message: str) -> Finding:
    return Finding(
        rule="plugin",
        pack="wpscheck",
        subject=plugin,
        status="error",
        severity="error",
        score=0.0,
        message=f'plugin "{plugin}": {message}',
    )


def document_notes(
    subjects: Iterable[Snapshot | Document | ListFile | SnapshotStream],
) -> list[ReportNote]:
    """What reading each draft or snapshot noticed (its ``notes``), for the report;
    candidate-list files have no notes."""
    return [
        ReportNote(path=d.path or "<document>", message=n.message)
        for d in subjects
        if not isinstance(d, ListFile)
        for n in d.notes
    ]


def _body_subjects(snapshots: Sequence[Snapshot]) -> list[BodySubject]:
    """Every body of every snapshot (each makes its location when a finding needs it,
    and its findings share it)."""
    return [BodySubject(body, snap, i) for snap in snapshots for i, body in enumerate(snap.bodies)]


def _selection_key(body: Body) -> tuple[Any, ...]:
    """What :meth:`Selector.matches_body` reads of a body: bodies alike in these are
    selected alike."""
    return (
        body.kind,
        body.level,
        body.country,
        body.countries,
        body.chamber,
        body.status,
        body.tags,
    )


class _Bodies(Sequence[Body]):
    """The bodies of some subjects, read when asked (a rule that selects none names the
    closest values present only when a warning is wanted)."""

    def __init__(self, subjects: Sequence[BodySubject]) -> None:
        self._subjects = subjects

    def __len__(self) -> int:
        return len(self._subjects)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [bs.body for bs in self._subjects[i]]
        return self._subjects[i].body


class _BodyPool:
    """The body subjects of a check, grouped by what selection reads, so that a rule's
    selector is asked once per group (a few dozen) rather than once per body."""

    def __init__(self, subjects: list[BodySubject]) -> None:
        self.subjects = subjects
        groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        for i, bs in enumerate(subjects):
            groups[_selection_key(bs.body)].append(i)
        self._groups = [(subjects[idx[0]].body, idx) for idx in groups.values()]

    @property
    def groups(self) -> list[tuple[Body, list[int]]]:
        """A body of each kind of selection, with the positions of the subjects like it."""
        return self._groups

    def __len__(self) -> int:
        return len(self.subjects)

    def select(self, sel: Selector) -> list[BodySubject]:
        """The subjects ``sel`` matches, in their order."""
        picked = [idx for body, idx in self._groups if sel.matches_body(body)]
        if len(picked) == len(self._groups):
            return self.subjects
        order = picked[0] if len(picked) == 1 else sorted(i for idx in picked for i in idx)
        return [self.subjects[i] for i in order]


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
    """
    rank = {(p.id, r.id): i for i, (p, r) in enumerate((p, r) for p in packs for r in p.rules)}

    def key(f: Finding) -> tuple[Any, ...]:
        where, within = _location_keys(f.location, order)
        position = rank.get((f.pack, f.rule), len(rank))
        return (where, f.subject, position, f.pack, f.rule, within, f.message)

    findings.sort(key=key)


def _run_rule(
    reg: Registry,
    pack: RulePack,
    rule: Rule,
    subjects: tuple[_BodyPool, Sequence[Document], Sequence[ListSubject]],
    history: _History,
    today: date,
    unselected: bool | Collection[str] = False,
    tally: Passes | None = None,
) -> list[Finding]:
    """One rule's findings: one call of its check kind per subject it selects (with
    ``tally``, a body's pass is counted there instead of listed). The rule's parameters
    are validated (and its check kind's module imported) only when it selects some
    subject: the pack's loader validated them already."""
    try:
        kind = reg.check_kind(rule.check)
        subject_type = kind.subject
    except Exception as exc:
        return [_crashed(rule, pack, pack.id, None, f'check kind "{rule.check}"', "?", exc)]
    sel = rule.applies_to
    bodies, documents, lists = subjects
    chosen: list[tuple[BodySubject | Document | ListSubject, str, Location]]
    pool: Sequence[Body | Document | CandidateList]
    picked: list[BodySubject] = []
    if subject_type == "list":
        chosen = [
            (ls, ls.list.id, Location(path=ls.list.path, line=ls.list.line))
            for ls in lists
            if matches_list(sel, ls.list)
        ]
        pool = [ls.list for ls in lists]
    elif subject_type == "body":
        picked = bodies.select(sel)
        chosen = [] if tally is not None else [(bs, bs.body.id, bs.location) for bs in picked]
        pool = _Bodies(bodies.subjects)
    else:
        chosen = [
            (doc, doc.path or "<document>", Location(path=doc.path))
            for doc in documents
            if sel.matches_document(doc)
        ]
        pool = documents
    if not chosen and not picked:
        wanted = unselected if isinstance(unselected, bool) else pack.id in unselected
        return [unselected_finding(rule, pack, pool)] if pool and wanted else []
    try:
        params = kind.params.model_validate(rule.params)
    except Exception as exc:
        return [_crashed(rule, pack, pack.id, None, f'check kind "{rule.check}"', "?", exc)]
    ctx = CheckContext(rule=rule, pack=pack, params=params, kind=kind, today=today, history=history)
    if picked and tally is not None:
        return _run_counting(ctx, kind, picked, tally)
    return _run_each(ctx, kind, chosen)


def _run_counting(
    ctx: CheckContext[Any], kind: CheckKind, subjects: Sequence[BodySubject], tally: Passes
) -> list[Finding]:
    """``_run_each`` on bodies, but a body whose only finding is a pass is counted in
    ``tally`` (its score; the rule's weight is the run's) instead of listed. A check
    kind's ``quick_pass`` tells a pass without making its finding."""
    rule = ctx.rule

    def remake(bs: BodySubject) -> list[Finding]:
        got = _run_each(ctx, kind, [(bs, bs.body.id, bs.location)])
        return _unweighted(rule, got) if _no_weight(rule) else got

    run = PassRun(
        rule_id=rule.qualified_id,
        pack=ctx.pack.id,
        check=rule.check,
        severity=rule.severity,
        weight=0.0 if _no_weight(rule) else rule.weight,
        subjects=subjects,
        remake=remake,
    )
    tally.runs.append(run)
    out: list[Finding] = []
    at = [0]  # the body being checked
    while at[0] < len(subjects):
        # One try around the loop, not one per body; a body the kind crashes on gets its
        # error finding and the loop goes on from the next.
        try:
            _count_from(ctx, kind, subjects, at, run, out)
        except Exception as exc:
            bs = subjects[at[0]]
            what = f'check kind "{kind.id}"'
            out.append(_crashed(rule, ctx.pack, bs.body.id, bs.location, what, kind.plugin, exc))
            at[0] += 1
    return out


def _count_from(
    ctx: CheckContext[Any],
    kind: CheckKind,
    subjects: Sequence[BodySubject],
    at: list[int],
    run: PassRun,
    out: list[Finding],
) -> None:
    """Check ``subjects`` from ``at[0]`` on into ``run`` (passes) and ``out`` (the rest);
    should the kind raise, ``at[0]`` is the body it raised on."""
    quick = kind.quick_pass
    check_one = kind.check
    add = run.add
    for n in range(at[0], len(subjects)):
        at[0] = n
        subject = subjects[n]
        if quick is not None:
            score = quick(ctx, subject)
            if score is not None:
                add(n, score)
                continue
        got = list(check_one(ctx, subject))
        if len(got) == 1 and got[0].status == "pass":
            add(n, got[0].score)
        else:
            out += got
    at[0] = len(subjects)


def _run_each(
    ctx: CheckContext[Any],
    kind: CheckKind,
    subjects: Sequence[tuple[BodySubject | Document | ListSubject, str, Location]],
) -> list[Finding]:
    """``kind.check`` on each subject; a subject it crashes on gets an error finding."""
    out: list[Finding] = []
    what = f'check kind "{kind.id}"'
    for subject, name, where in subjects:
        try:
            out += list(kind.check(ctx, subject))
        except Exception as exc:
            out.append(_crashed(ctx.rule, ctx.pack, name, where, what, kind.plugin, exc))
    return out


def _crashed(
    rule: Rule,
    pack: RulePack,
    subject: str,
    location: Location | None,
    what: str,
    plugin: str,
    exc: BaseException,
) -> Finding:
    """The error finding of a rule that could not run, or crashed on one subject."""
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
        references=rule.references,
        location=location,
        weight=rule.weight,
        check=rule.check,
    )


def _by_status(findings: Iterable[Finding], passed: int = 0) -> dict[str, int]:
    counts = Counter(f.status for f in findings)
    counts["pass"] += passed
    return {s: counts[s] for s in STATUSES}


def _score(findings: Iterable[Finding], runs: Iterable[PassRun] = ()) -> float | None:
    """Weighted mean score of the pass/fail findings and the counted passes, or None.
    Sums are exact (``math.fsum``), so the order findings come in changes nothing."""
    scored = [f for f in findings if f.status in ("pass", "fail")]
    runs = list(runs)
    weight = math.fsum(
        itertools.chain(
            (f.weight for f in scored), (r.weight for r in runs for _ in range(len(r.which)))
        )
    )
    if weight == 0:
        return None
    total = math.fsum(
        itertools.chain(
            (f.score * f.weight for f in scored),
            (s * r.weight for r in runs for s in r.scores),
        )
    )
    return round(total / weight, 4)


def summarise(
    findings: Sequence[Finding],
    packs: Iterable[tuple[str, str, str]],
    subjects: int,
    rule_ids: Iterable[str] = (),
    passes: Passes | None = None,
) -> Summary:
    """Counts and weighted scores of ``findings`` (and of the ``passes`` counted but not
    listed), overall, for each pack given as ``(id, title, version)`` and for each rule
    (``rule_ids`` first, in their order, so a rule that selected nothing shows its zeros;
    then any other rule a finding names)."""
    by_pack: dict[str, list[Finding]] = defaultdict(list)
    status_counts: Counter[str] = Counter()
    severity_counts: Counter[str] = Counter()
    by_rule: dict[str, Counter[str]] = {rid: Counter() for rid in rule_ids}
    for f in findings:
        by_pack[f.pack].append(f)
        status_counts[f.status] += 1
        by_rule.setdefault(f.rule_id, Counter())[f.status] += 1
        if f.failed:
            severity_counts[f.severity] += 1
    runs = [r for r in passes.runs if r.which] if passes is not None else []
    runs_of: dict[str, list[PassRun]] = defaultdict(list)
    for r in runs:
        runs_of[r.pack].append(r)
        status_counts["pass"] += len(r.which)
        by_rule.setdefault(r.rule_id, Counter())["pass"] += len(r.which)
    return Summary(
        score=_score(findings, runs),
        findings=len(findings) + sum(len(r.which) for r in runs),
        subjects=subjects,
        by_status={s: status_counts[s] for s in STATUSES},
        by_severity={s: severity_counts[s] for s in SEVERITIES},
        packs=[
            _pack_summary(pack_id, title, version, by_pack[pack_id], runs_of[pack_id])
            for pack_id, title, version in packs
        ],
        by_rule={rid: {s: c[s] for s in STATUSES} for rid, c in by_rule.items()},
        waived=sum(1 for f in findings if f.failed and f.waived is not None),
        in_baseline=sum(1 for f in findings if f.failed and f.baseline == "unchanged"),
    )


def _pack_summary(
    pack_id: str, title: str, version: str, findings: list[Finding], runs: list[PassRun]
) -> PackSummary:
    """A pack's line of the summary: its listed findings and its counted passes."""
    passed = sum(len(r.which) for r in runs)
    return PackSummary(
        id=pack_id,
        title=title,
        version=version,
        score=_score(findings, runs),
        findings=len(findings) + passed,
        by_status=_by_status(findings, passed),
    )


def make_report(
    findings: list[Finding],
    packs: Sequence[RulePack],
    *,
    subjects: int,
    inputs: list[str],
    rules: Sequence[Rule] | None = None,
    notes: Sequence[ReportNote] = (),
    names: dict[str, str] | None = None,
    passes: Passes | None = None,
) -> Report:
    """Summarise findings (already in order) into a report.

    ``rules`` are the rules that ran (default: every rule of ``packs``); the report lists
    them so that formats such as SARIF can describe each rule without the packs.
    ``passes`` are the passes counted but not listed (``passes_listed`` is then false).
    """
    ran = rules if rules is not None else [r for p in packs for r in p.rules]
    infos = [rule_info(r, packs) for r in ran]
    report = Report.model_construct(
        format=REPORT_FORMAT,
        version=REPORT_VERSION,
        tool={"name": "wpscheck", "version": __version__},
        inputs=inputs,
        summary=summarise(
            findings, [(p.id, p.title, p.version) for p in packs], subjects, _ids(infos), passes
        ),
        passes_listed=passes is None,
        findings=findings,
        rules=infos,
        notes=list(notes),
        names=dict(names or {}),
    )
    report._passes = passes
    return report


def _ids(rules: Iterable[RuleInfo]) -> list[str]:
    return [r.id for r in rules]


def resummarise(
    report: Report, findings: list[Finding], *, extra_rules: Sequence[RuleInfo] = ()
) -> Report:
    """The report with new findings (e.g. waived or compared with a baseline), its summary
    recomputed; packs, inputs and rules are kept (``extra_rules`` are added)."""
    old = report.summary
    packs = [(p.id, p.title, p.version) for p in old.packs]
    known = {r.id for r in report.rules}
    passes = report._passes
    if not report.passes_listed and passes is None:
        raise ValueError("resummarise needs a report with its passes (listed or counted)")
    rules = [*report.rules, *(r for r in extra_rules if r.id not in known)]
    out = Report.model_construct(
        format=REPORT_FORMAT,
        version=REPORT_VERSION,
        tool=report.tool,
        inputs=report.inputs,
        summary=summarise(findings, packs, old.subjects, _ids(rules), passes),
        passes_listed=report.passes_listed,
        findings=findings,
        rules=rules,
        notes=report.notes,
        names=report.names,
    )
    out._passes = passes
    return out


def without_passes(report: Report) -> Report:
    """The report as written by default: its passes counted in the summary, not listed."""
    if not report.passes_listed and all(f.status != "pass" for f in report.findings):
        return report
    return report.model_copy(
        update={
            "findings": [f for f in report.findings if f.status != "pass"],
            "passes_listed": False,
        }
    )


def with_passes(report: Report) -> Report:
    """The report with every pass listed: those a ``passes=False`` check counted are made
    again by their rules and put in the report's order (a report read back from JSON
    without its passes cannot list them: ValueError)."""
    if report.passes_listed:
        return report
    passes = report._passes
    if passes is None:
        raise ValueError("this report counts its passes but does not hold them")
    listed = [*report.findings, *passes.findings()]
    passes.sort(listed)
    out = report.model_copy(update={"findings": listed, "passes_listed": True})
    out._passes = None
    return out


def _relative_source(path: str | None) -> str | None:
    """A pack's path relative to the working folder, or None when it lies outside it."""
    if not path:
        return None
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
