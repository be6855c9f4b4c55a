"""The verdict for people: one sentence per pack, in words, at the top of every human format.

What a sentence says depends on what the pack checks:

- a retention pack (``retain`` rules): "Of the 16 women, peace and security provisions of
  S/RES/2531 (2020), this draft keeps 7, modifies 7, weakens 0 and drops 2." (with
  "strengthens N" when any provision is strengthened);
- a required-language pack (``require`` rules, one rule an element): "Of the 3 required
  elements of sanctions-gender-expertise, this draft has 2 and lacks 1." (or "has 1 in
  full, 1 in part and lacks 1" when a rule found some of its words but not all);
- a quota pack: "Of 11 bodies checked against the 30 % minimum of Mali, Law No. 2015-052,
  1 meets it and 10 fall short." (a body falls short when any quota of the pack fails it);
- a pack that did not apply: "resolution-2531-wps did not apply to this draft (the draft
  does not mention MINUSMA)."
- any other pack: "Of the 28 checks of data-integrity, 26 pass, 1 fails and 1 did not
  apply."

Sentences are per draft (drafts are named by their symbol, else their title, else their
file name: :func:`draft_name`) and per pack; bodies and lists are counted across inputs.
Each sentence carries its pack's score, never one score mixed across packs.

Counts do not rely on passing findings being listed: a retention pack's provisions are
its ``retain`` rules that ran (``Report.rules``), and what a draft does not lose it keeps.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath

from wpscheck.models import Finding, Report, RuleInfo
from wpscheck.passes import PassRun

__all__ = [
    "CLASS_MARKS",
    "Verdict",
    "draft_name",
    "pack_name",
    "score_text",
    "verdict_lines",
    "verdicts",
]

#: The mark of each alignment class, the same in every human format: a symbol, never
#: colour alone. Weakened (▼) and dropped (✗) differ in symbol as well as colour.
CLASS_MARKS = {
    "retained": "✓",
    "strengthened": "▲",
    "modified": "≈",
    "weakened": "▼",
    "dropped": "✗",
}
#: The verb of each class in a sentence, in the order a sentence lists them.
_VERBS = (
    ("retained", "keeps"),
    ("strengthened", "strengthens"),
    ("modified", "modifies"),
    ("weakened", "weakens"),
    ("dropped", "drops"),
)
_DRAFT_CHECKS = frozenset({"retain", "require"})


@dataclass(frozen=True)
class Verdict:
    """One sentence about one pack (and one draft, for drafts)."""

    pack: str
    kind: str  # retention, required, quota, not-applicable, other
    sentence: str
    score: float | None
    path: str = ""  # the draft it is about; "" for bodies and lists
    draft: str = ""  # the draft as people name it
    counts: dict[str, int] = field(default_factory=dict)


def draft_name(report: Report, path: str) -> str:
    """A draft as people name it: its symbol, else its title, else its file name."""
    names = getattr(report, "names", None) or {}
    return names.get(path) or PurePosixPath(path).name or path


def pack_name(title: str, pack_id: str) -> str:
    """A pack as a sentence names it: its title up to the first colon (the instrument,
    e.g. "Mali, Law No. 2015-052"), else its id."""
    head = title.split(":", 1)[0].strip()
    return head if head and head != title.strip() else pack_id


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _path(f: Finding) -> str:
    return f.location.path if f.location and f.location.path else f.subject


def _retention(
    pack: str, findings: list[Finding], rules: list[RuleInfo], baseline: str
) -> tuple[str, dict[str, int]]:
    counts = Counter(f.classification for f in findings if f.classification)
    na = sum(1 for f in findings if f.status == "not-applicable")
    total = max(len(rules), len({f.rule for f in findings}))
    listed = sum(counts.values())
    counts["retained"] += max(0, total - na - listed)
    parts = [
        f"{verb} {counts.get(cls, 0)}"
        for cls, verb in _VERBS
        if cls != "strengthened" or counts.get(cls)
    ]
    source = f" of {baseline}" if baseline else f" of {pack}"
    what = "provision" if total - na == 1 else "provisions"
    return (
        f"Of the {total - na} women, peace and security {what}{source}, this draft {_and(parts)}.",
        {cls: counts.get(cls, 0) for cls, _ in _VERBS},
    )


def _required(
    pack: str, findings: list[Finding], rules: list[RuleInfo]
) -> tuple[str, dict[str, int]]:
    applicable = [f for f in findings if f.status != "not-applicable"]
    na_rules = {f.rule for f in findings if f.status == "not-applicable"}
    total = max(len(rules), len({f.rule for f in findings})) - len(na_rules)
    lacks = sum(1 for f in applicable if f.status == "fail" and f.score <= 0)
    part = sum(1 for f in applicable if f.status == "fail" and f.score > 0)
    error = sum(1 for f in applicable if f.status == "error")
    has = max(0, total - lacks - part - error)
    parts = [f"has {has} in full", f"{part} in part"] if part else [f"has {has}"]
    parts.append(f"lacks {lacks}")
    tail = f" ({error} could not be checked)" if error else ""
    what = "element" if total == 1 else "elements"
    sentence = f"Of the {total} required {what} of {pack}, this draft {_and(parts)}{tail}."
    return sentence, {"has": has, "in-part": part, "lacks": lacks}


def _quota(
    name: str, findings: list[Finding], passes: Sequence[PassRun] = ()
) -> tuple[str, dict[str, int]] | None:
    """The quota sentence, or None when no body was checked (only notes or warnings);
    ``passes`` are the pack's passes counted but not listed."""
    bodies: dict[str, bool] = {}
    minimums: set[float] = set()

    def note_minimum(f: Finding) -> None:
        share = f.expected.get("min_share")
        if isinstance(share, (int, float)) and not isinstance(share, bool):
            minimums.add(float(share))

    for f in findings:
        # A note (info) does not make a body fall short; a rule that selected no body
        # is not a body.
        if f.status not in ("pass", "fail") or f.severity == "info" or f.weight <= 0:
            continue
        bodies[f.subject] = bodies.get(f.subject, True) and f.status == "pass"
        note_minimum(f)
    for run in passes:
        if run.severity == "info" or run.weight <= 0:
            continue
        for subject in run.subject_ids():
            bodies.setdefault(subject, True)
        if (sample := run.sample()) is not None:
            note_minimum(sample)
    if not bodies:
        return None
    meets = sum(1 for ok in bodies.values() if ok)
    short = len(bodies) - meets
    minimum = (
        f"the {next(iter(minimums)) * 100:g} % minimum" if len(minimums) == 1 else "the minimums"
    )
    bodies_word = "body" if len(bodies) == 1 else "bodies"
    meet = "meets" if meets == 1 else "meet"
    it = "it" if len(minimums) == 1 else "them"
    falls = "falls" if short == 1 else "fall"
    return (
        f"Of {len(bodies)} {bodies_word} checked against {minimum} of {name}, "
        f"{meets} {meet} {it} and {short} {falls} short.",
        {"meet": meets, "short": short},
    )


def _other(pack: str, findings: list[Finding], unlisted: int = 0) -> tuple[str, dict[str, int]]:
    counts = Counter(
        f.severity if f.status == "fail" and f.severity != "error" else f.status for f in findings
    )
    counts["pass"] += unlisted
    passed, failed = counts.get("pass", 0), counts.get("fail", 0) + counts.get("error", 0)
    warned, noted = counts.get("warning", 0), counts.get("info", 0)
    na = counts.get("not-applicable", 0)
    total = len(findings) + unlisted
    checks = "check" if total == 1 else "checks"
    parts = [f"{passed} {'passes' if passed == 1 else 'pass'}"]
    parts.append(f"{failed} {'fails' if failed == 1 else 'fail'}")
    if warned:
        parts.append(f"{warned} {'warns' if warned == 1 else 'warn'}")
    if noted:
        parts.append(f"{noted} {'is a note' if noted == 1 else 'are notes'}")
    if na:
        parts.append(f"{na} did not apply")
    return (
        f"Of the {total} {checks} of {pack}, {_and(parts)}.",
        {"pass": passed, "fail": failed, "warning": warned, "info": noted, "not-applicable": na},
    )


def _score(findings: list[Finding]) -> float | None:
    scored = [f for f in findings if f.status in ("pass", "fail") and f.weight > 0]
    weight = sum(f.weight for f in scored)
    return round(sum(f.score * f.weight for f in scored) / weight, 4) if weight else None


def verdicts(report: Report) -> list[Verdict]:
    """One verdict per pack (per draft for draft packs), in the report's pack order and
    then the order of the inputs."""
    titles = {p.id: p.title for p in report.summary.packs}
    pack_scores = {p.id: p.score for p in report.summary.packs}
    rules_by_pack: dict[str, list[RuleInfo]] = defaultdict(list)
    for r in report.rules:
        rules_by_pack[r.pack].append(r)
    by_pack: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        if f.pack in titles:
            by_pack[f.pack].append(f)
    unlisted = report.unlisted_passes
    out: list[Verdict] = []
    for pack in titles:
        findings = by_pack.get(pack, [])
        runs = unlisted.of_pack(pack) if unlisted is not None else []
        if not findings and not runs:
            continue
        checks = {f.check for f in findings} | {r.check for r in runs}
        if checks <= _DRAFT_CHECKS:
            per_draft: dict[str, list[Finding]] = defaultdict(list)
            for f in findings:
                per_draft[_path(f)].append(f)
            for path, group in per_draft.items():
                out.append(_draft_verdict(report, pack, path, group, rules_by_pack[pack]))
            continue
        quota = (
            _quota(pack_name(titles[pack], pack), findings, runs) if checks == {"quota"} else None
        )
        if quota is not None:
            sentence, counts = quota
            kind = "quota"
        else:
            sentence, counts = _other(pack, findings, sum(len(r.which) for r in runs))
            kind = "other"
        out.append(Verdict(pack, kind, sentence, pack_scores.get(pack), counts=counts))
    return _told_apart(out)


def _told_apart(found: list[Verdict]) -> list[Verdict]:
    """Two packs that say the same sentence about the same draft (a shipped pack and the
    pack ``--against`` derives from the same resolution) are told apart by their ids."""
    same = Counter((v.path, v.sentence) for v in found)
    return [
        replace(v, sentence=f"{v.sentence[:-1]} (pack {v.pack}).")
        if same[(v.path, v.sentence)] > 1 and v.sentence.endswith(".")
        else v
        for v in found
    ]


def _draft_verdict(
    report: Report, pack: str, path: str, group: list[Finding], rules: list[RuleInfo]
) -> Verdict:
    name = draft_name(report, path)
    if all(f.status == "not-applicable" for f in group):
        reasons = sorted({f.message for f in group})
        sentence = f"{pack} did not apply to this draft ({'; '.join(reasons)})."
        return Verdict(pack, "not-applicable", sentence, None, path, name)
    kind_rules = [r for r in rules if r.check in {f.check for f in group}]
    if any(f.check == "retain" for f in group):
        baseline = _baseline_of(group)
        sentence, counts = _retention(pack, group, kind_rules, baseline)
        kind = "retention"
    else:
        sentence, counts = _required(pack, group, kind_rules)
        kind = "required"
    return Verdict(pack, kind, sentence, _score(group), path, name, counts)


def _baseline_of(group: list[Finding]) -> str:
    from wpscheck.evidence import alignment_of

    for f in group:
        ev = alignment_of(f)
        if ev is not None and ev.baseline:
            return ev.baseline
    return ""


def verdict_lines(report: Report) -> list[tuple[str, list[Verdict]]]:
    """The verdicts grouped for a page: ``(heading, verdicts)``, the heading a draft's
    name ("" for the packs about bodies and lists, which come first). Drafts that share a
    name (two revisions with one title) are told apart by their file names."""
    groups: dict[str, list[Verdict]] = {}
    for v in sorted(verdicts(report), key=lambda v: v.path != ""):
        groups.setdefault(v.path, []).append(v)
    shared = Counter(vs[0].draft for vs in groups.values())
    return [
        (
            f"{vs[0].draft} ({PurePosixPath(path).name})"
            if path and shared[vs[0].draft] > 1 and vs[0].draft != PurePosixPath(path).name
            else vs[0].draft,
            vs,
        )
        for path, vs in groups.items()
    ]


def score_text(v: Verdict) -> str:
    """`` (score 0.95)``, or nothing for a pack with no score."""
    return "" if v.score is None else f" (score {v.score:.2f})"
