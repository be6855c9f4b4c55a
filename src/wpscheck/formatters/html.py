"""``html`` — one self-contained page for a negotiator: open it, forward it, print it.

What it shows, top to bottom:

- the overall score and the counts (failing, passed, waived, in the baseline);
- **bodies against their quotas**: one inline SVG bar chart per ``quota`` rule, each
  body's share of women as a bar, the minimum as a dashed line (and the maximum for
  women when the rule protects either sex), and beside each bar the share, ✓ or ✗ and
  the seats still needed — so nothing depends on colour alone;
- **draft retention**: for each draft checked by ``retain`` rules, the baseline
  provisions in draft order, each marked *retained* / *modified* / *weakened* /
  *dropped*, with the words removed struck through (``<del>``) and the words added
  underlined (``<ins>``), the reasons (a weaker verb, a qualifier added) and the key
  terms lost;
- **required language**: for each ``require`` finding, which elements are present
  (with the paragraph and the text matched) and which are missing;
- every finding to act on in one table, then waived, baseline and passing findings in
  collapsible sections.

The page loads nothing: no script, font, image or style sheet from anywhere, and a
Content-Security-Policy (``default-src 'none'``) says so to the browser. Every piece of
text from the inputs is escaped where its piece of the page is built.

The page's skeleton (``assets/report.html``, a :class:`string.Template`) and its style
(``assets/report.css``) are package files: change the look there, not here. Charts are
capped at ``chart_rows`` bodies and tables at ``max_rows`` rows (``FormatOptions.extra``;
defaults 60 and 500).
"""

from __future__ import annotations

import functools
import html
import re
import string
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from wpscheck.ci.policy import FailOn, fails
from wpscheck.evidence import AlignmentEvidence, DiffRun, LostTerm, alignment_of, human_ref
from wpscheck.formatters import (
    display_path,
    fail_on,
    notes_by_path,
    outcome,
    pct,
    place_of,
    rule_catalogue,
    subject_label,
)
from wpscheck.models import Finding, Report, RuleInfo
from wpscheck.plugin import FormatOptions, Formatter
from wpscheck.verdict import CLASS_MARKS, Verdict, draft_name, score_text, verdict_lines

__all__ = ["CSP", "FORMATTER", "render"]

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
CHART_ROWS = 60
MAX_ROWS = 500
CLASSES = ("retained", "strengthened", "modified", "weakened", "dropped")
#: Needs a reader's attention (the rest are passes).
FLAGGED = ("modified", "weakened", "dropped")
_CLASS_ICON = CLASS_MARKS
_OUTCOME_LABEL = {
    "failed": ("✗", "Failed"),
    "error": ("!", "Could not run"),
    "warning": ("!", "Warning"),
    "info": ("i", "Note"),
    "waived": ("⚑", "Waived"),
    "baseline": ("≡", "In baseline"),
    "passed": ("✓", "Passed"),
    "n/a": ("–", "Not applicable"),
}


def e(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return html.escape(str(value), quote=True)


# --------------------------------------------------------------------------- page files


@functools.cache
def asset(name: str) -> str:
    """A file of the page (``assets/report.css``, ``assets/report.html``), read once."""
    return (resources.files("wpscheck.formatters") / "assets" / name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- pieces


def badge(kind: str, icon: str, label: str) -> str:
    css = "na" if kind == "n/a" else kind
    return f'<span class="badge b-{e(css)}">{e(icon)} {e(label)}</span>'


def _outcome_badge(f: Finding) -> str:
    o = outcome(f)
    icon, label = _OUTCOME_LABEL[o]
    return badge(o, icon, label)


def _where(f: Finding, options: FormatOptions) -> str:
    place = place_of(f, options, column=True)
    return f"<code>{_breakable(place)}</code>" if place else ""


def _breakable(text: str) -> str:
    """Escaped text that may wrap after each ``/`` and nowhere else (ids and paths)."""
    return "<wbr>".join(f'<span class="nw">{e(part)}</span>' for part in _slash_parts(text))


def _slash_parts(text: str) -> list[str]:
    parts = text.split("/")
    return [p + "/" for p in parts[:-1]] + [parts[-1]]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _share(f: Finding) -> float:
    """The share to draw and print: from the counts when known (``observed.share`` is
    rounded, and 32 of 121 must read 26.4 %, as in the message, not 26.5 %)."""
    women, seats = _num(f.observed.get("women")), _num(f.observed.get("seats"))
    if women is not None and seats:
        return women / seats
    return _num(f.observed.get("share")) or 0.0


def _quota_chart(rule: RuleInfo, findings: Sequence[Finding], limit: int, chart_id: str) -> str:
    rows = [
        (i, f)
        for i, f in enumerate(findings)
        if _num(f.observed.get("share")) is not None and f.status in ("pass", "fail")
    ]
    rows.sort(key=lambda r: (r[1].score, r[0]))
    shown = rows[:limit]
    min_share = _num(findings[0].expected.get("min_share")) if findings else None
    either = bool(findings and findings[0].expected.get("either_sex"))
    label_w, bar_x, bar_w, row_h, top = 300, 310, 470, 30, 34
    width = 1100
    height = top + row_h * len(shown) + 26
    parts = [
        f'<svg class="bars" role="img" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{e(rule.title)}: share of women in each body</title>',
    ]
    failing = sum(1 for _, f in rows if f.status == "fail")
    desc = f"{len(rows)} bodies, {failing} below the minimum"
    if min_share is not None:
        desc += f" of {pct(min_share, 0)}"
    parts.append(f'<desc id="{chart_id}-d">{e(desc)}.</desc>')
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x = bar_x + bar_w * tick
        parts.append(
            f'<line class="grid" x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" '
            f'y2="{top + row_h * len(shown)}"/>'
        )
        parts.append(
            f'<text class="axis" x="{x:.1f}" y="{height - 8}" text-anchor="middle">'
            f"{int(tick * 100)} %</text>"
        )
    for n, (_, f) in enumerate(shown):
        y = top + n * row_h
        share = _share(f)
        name = f.subject_name or f.subject
        short = name if len(name) <= 40 else name[:39].rstrip() + "…"
        passed = f.status == "pass"
        women, seats = f.observed.get("women"), f.observed.get("seats")
        counts = f"{women} of {seats}, " if women is not None and seats is not None else ""
        needed = f.expected.get("needed")
        needed_men = f.expected.get("needed_men")
        if passed:
            value = f"✓ {counts}{pct(share)}"
        elif isinstance(needed, int) and needed > 0:
            value = f"✗ {counts}{pct(share)} · {needed} more {'woman' if needed == 1 else 'women'}"
        elif isinstance(needed_men, int) and needed_men > 0:
            value = (
                f"✗ {counts}{pct(share)} · {needed_men} more {'man' if needed_men == 1 else 'men'}"
            )
        else:
            value = f"✗ {counts}{pct(share)} · below the minimum"
        parts.append(f"<g><title>{e(name)}: {e(f.message)}</title>")
        parts.append(
            f'<text x="{label_w}" y="{y + 19}" text-anchor="end">{e(short)}</text>'
            f'<rect class="track" x="{bar_x}" y="{y + 6}" width="{bar_w}" height="18" rx="3"/>'
            f'<rect class="{"bar-pass" if passed else "bar-fail"}" x="{bar_x}" y="{y + 6}" '
            f'width="{max(bar_w * min(share, 1.0), 1.5):.1f}" height="18" rx="3"/>'
            f'<text class="{"val-pass" if passed else "val-fail"}" x="{bar_x + bar_w + 10}" '
            f'y="{y + 19}">{e(value)}</text>'
        )
        parts.append("</g>")
    lines: list[tuple[float, str]] = []
    if min_share is not None:
        lines.append((min_share, f"{pct(min_share, 0)} minimum"))
        if either and min_share < 0.5:
            lines.append((1 - min_share, f"{pct(1 - min_share, 0)} maximum"))
    for share, text in lines:
        x = bar_x + bar_w * share
        parts.append(
            f'<line class="threshold" x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" '
            f'y2="{top + row_h * len(shown) + 2}"/>'
            f'<text class="tlabel" x="{x:.1f}" y="{top - 10}" text-anchor="middle">{e(text)}</text>'
        )
    parts.append("</svg>")
    note = ""
    if len(rows) > len(shown):
        note = (
            f'<p class="note">The {len(shown)} lowest of {len(rows)} bodies are drawn; '
            "the table below lists every finding.</p>"
        )
    skipped = len(findings) - len(rows)
    if skipped:
        note += (
            f'<p class="note">{skipped} '
            f"{'body has' if skipped == 1 else 'bodies have'} no figures to draw "
            "(see the table below).</p>"
        )
    head = f"{e(rule.title)} <span>· <code>{e(rule.id)}</code>"
    if min_share is not None:
        head += f" · minimum {e(pct(min_share, 0))}" + (" for either sex" if either else "")
    head += f" · {failing} of {len(rows)} below</span>"
    return f'<figure class="chart"><figcaption>{head}</figcaption>{"".join(parts)}{note}</figure>'


def diff_runs_html(diff: Iterable[DiffRun]) -> str:
    """The word diff: removed words struck through, added ones underlined, and … where an
    addition was cut to the words near the provision (a card never stops mid-sentence
    without saying so)."""
    out: list[str] = []
    for run in diff:
        words = run.text.strip()
        if not words:
            continue
        if out and (run.cut_before or not words.startswith((",", ".", ";", ":", ")", "]"))):
            out.append(" ")
        if run.cut_before:
            out.append("… ")
        out.append(_RUN_HTML[run.op].format(e(words)))
        if run.cut_after:
            out.append(" …")
    return "".join(out)


_RUN_HTML = {"=": "{}", "-": "<del>{}</del>", "+": "<ins>{}</ins>"}


def _provision(f: Finding, ev: AlignmentEvidence, anchor: str) -> str:
    cls = f.classification if f.classification in CLASSES else "modified"
    refs = f"{e(human_ref(ev.baseline_ref or f.subject))} → {e(human_ref(ev.draft_ref))}"
    head = (
        f'<div class="prov-head">{badge(cls, _CLASS_ICON[cls], cls.capitalize())}'
        f'<span class="refs">{refs}</span>'
        f'<span class="score">score {f.score:.2f}</span></div>'
    )
    body: list[str] = []
    if cls == "dropped":
        body.append(
            '<p class="note">Nothing in the draft carries this baseline wording:</p>'
            f'<blockquote class="wording dropped">{e(ev.baseline_text)}</blockquote>'
        )
    elif ev.diff:
        body.append(f'<p class="wording">{diff_runs_html(ev.diff)}</p>')
    elif ev.draft_text:
        body.append(f'<p class="wording">{e(ev.draft_text)}</p>')
    lost = ev.lost_terms
    # the lost key terms have their own line below
    reasons = [r.message for r in ev.reasons if not isinstance(r, LostTerm)]
    if reasons:
        body.append(f'<p class="why">Why it counts as {e(cls)}:</p>')
        body.append('<ul class="reasons">' + "".join(f"<li>{e(r)}</li>" for r in reasons) + "</ul>")
    if lost:
        body.append(
            '<p class="lost"><strong>Key terms lost:</strong> '
            + ", ".join(f"<del>{e(t)}</del>" for t in lost)
            + "</p>"
        )
    if not reasons and not lost and cls not in ("retained", "dropped"):
        body.append(f'<p class="lost">{e(f.message)}</p>')
    return f'<li class="c-{cls}" id="{e(anchor)}">{head}{"".join(body)}</li>'


def _opening(text: str, words: int = 18) -> str:
    """The first ``words`` words of a provision, with … when there is more."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _ref_key(ref: str) -> tuple[int, tuple[tuple[int, str], ...]]:
    """Resolution order: preamble before operative, OP8 before OP28, (a) before (b)."""
    section = 0 if ref.upper().startswith("PP") else 1
    parts = re.findall(r"\d+|[A-Za-z]+", ref[2:] if ref[:2].upper() in ("PP", "OP") else ref)
    return section, tuple((int(p), "") if p.isdigit() else (-1, p) for p in parts)


def _retention(
    path: str,
    name: str,
    group: Sequence[tuple[Finding, AlignmentEvidence]],
    options: FormatOptions,
    prefix: str,
) -> str:
    findings = [f for f, _ in group]
    counts = Counter(f.classification for f in findings)
    total = len(findings)
    chips = "".join(f"{badge(c, _CLASS_ICON[c], f'{counts.get(c, 0)} {c}')} " for c in CLASSES)
    stack = "".join(
        f'<span class="s-{c}" style="width:{100 * counts.get(c, 0) / total:.2f}%"></span>'
        for c in CLASSES
        if counts.get(c, 0)
    )
    ordered = [
        (f, ev)
        for _, (f, ev) in sorted(
            enumerate(group),
            key=lambda p: (
                p[1][0].location is None
                or p[1][0].location.line is None
                or p[1][0].classification == "dropped",
                p[1][0].location.line if p[1][0].location and p[1][0].location.line else 0,
                _ref_key(p[1][1].baseline_ref),
                p[0],
            ),
        )
    ]
    flagged = [(n, f, ev) for n, (f, ev) in enumerate(ordered) if f.classification in FLAGGED]
    attention = ""
    if flagged:
        items = []
        for n, f, ev in flagged:
            cls = str(f.classification)
            why = ev.message
            if cls == "dropped" and not why and ev.baseline_text:
                why = "no longer in the draft: “" + _opening(ev.baseline_text) + "”"
            items.append(
                f"<li>{badge(cls, _CLASS_ICON[cls], cls.capitalize())} "
                f'<a href="#{prefix}-{n}">{e(human_ref(ev.baseline_ref or f.subject))} → '
                f"{e(human_ref(ev.draft_ref))}</a>" + (f" — {e(why)}" if why else "") + "</li>"
            )
        attention = (
            f'<h4>Needs attention ({len(flagged)})</h4><ul class="attention">'
            + "".join(items)
            + "</ul>"
        )
    baselines = sorted({ev.baseline for _, ev in group if ev.baseline})
    shown = display_path(path, options)
    against = f" against {', '.join(e(b) for b in baselines)}" if baselines else ""
    return (
        f"<h3>{e(name)}{against}</h3>"
        f'<p class="record">For the record: <code>{_breakable(shown)}</code></p>'
        f"<p>{total} baseline {'provision' if total == 1 else 'provisions'}:</p>"
        f'<div class="draft-summary">{chips}</div>'
        f'<div class="stack" role="presentation">{stack}</div>'
        '<p class="note">In draft order; dropped provisions last. '
        "<del>Struck through</del>: words of the baseline that the draft removes; "
        "<ins>underlined</ins>: words the draft adds.</p>"
        f"{attention}"
        f'<ol class="provisions">'
        f"{''.join(_provision(f, ev, f'{prefix}-{n}') for n, (f, ev) in enumerate(ordered))}</ol>"
    )


def _elements(f: Finding, rule: RuleInfo | None, options: FormatOptions) -> str:
    items = [ev for ev in f.evidence if isinstance(ev, dict) and ev.get("kind") == "element"]
    present = sum(1 for ev in items if ev.get("present"))
    title = rule.title if rule else f.rule_id
    lis: list[str] = []
    for ev in items:
        label = e(ev.get("element", "?"))
        if ev.get("present"):
            where = []
            if ev.get("ref"):
                where.append(e(ev["ref"]))
            if ev.get("line"):
                where.append(f"line {e(ev['line'])}")
            text = f"<blockquote>{e(ev['text'])}</blockquote>" if ev.get("text") else ""
            lis.append(
                f'<li><span class="el-yes">✓ present</span> — {label}'
                + (f" <span class='note'>({', '.join(where)})</span>" if where else "")
                + f"{text}</li>"
            )
        else:
            lis.append(f'<li><span class="el-no">✗ missing</span> — {label}</li>')
    return (
        f"<h3>{_outcome_badge(f)} {e(title)}</h3>"
        f"<p>{_subject_unless_path(f)}{_where(f, options)} · <code>{e(f.rule_id)}</code> · "
        f"{present} of {len(items)} elements present</p>"
        f"<p>{e(f.message)}</p>"
        f'<ul class="elements">{"".join(lis)}</ul>'
    )


def _subject_unless_path(f: Finding) -> str:
    """The subject's label and a space, or nothing when it is only the file's path."""
    label = subject_label(f)
    path = f.location.path if f.location else None
    if path and (label == path or label.startswith(path + " ")):
        return ""
    return f"{e(label)} "


def _table(
    findings: Sequence[Finding], options: FormatOptions, limit: int, *, why: bool = False
) -> str:
    head = (
        "<tr><th scope='col'>Outcome</th><th scope='col'>Rule</th><th scope='col'>Subject</th>"
        "<th scope='col'>Where</th><th scope='col' class='what'>What</th>"
        + ("<th scope='col'>Why accepted</th>" if why else "")
        + "</tr>"
    )
    rows: list[str] = []
    for f in findings[:limit]:
        what = e(f.message)
        if f.recommendation and f.status != "pass":
            what += f"<br><span class='note'>{e(f.recommendation)}</span>"
        reason = ""
        if why:
            reason = (
                f"<td>{e(f.waived if f.waived is not None else 'in the baseline, no worse')}</td>"
            )
        rows.append(
            f"<tr><td>{_outcome_badge(f)}</td><td><code>{_breakable(f.rule_id)}</code></td>"
            f"<td>{e(subject_label(f))}</td><td>{_where(f, options)}</td>"
            f"<td class='what'>{what}</td>{reason}</tr>"
        )
    more = ""
    if len(findings) > limit:
        more = f'<p class="note">… and {len(findings) - limit} more (see the JSON report).</p>'
    table = f"<table class='findings'><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"
    return table + more


# --------------------------------------------------------------------------- page


@dataclass(frozen=True)
class _Groups:
    """The report's findings, sorted into what each part of the page shows."""

    failing: list[Finding]
    below: list[Finding]
    accepted: list[Finding]
    passed: list[Finding]
    na: list[Finding]
    quota: dict[str, list[Finding]]
    retention: dict[str, list[tuple[Finding, AlignmentEvidence]]]
    required: list[Finding]


def _groups(report: Report, threshold: FailOn) -> _Groups:
    findings = report.findings
    quota: dict[str, list[Finding]] = defaultdict(list)
    retention: dict[str, list[tuple[Finding, AlignmentEvidence]]] = defaultdict(list)
    required: list[Finding] = []
    for f in findings:
        ev = alignment_of(f) if f.classification in CLASSES else None
        if f.check == "quota":
            quota[f.rule_id].append(f)
        elif ev is not None:
            path = f.location.path if f.location and f.location.path else f.subject
            retention[path].append((f, ev))
        elif any(isinstance(ev, dict) and ev.get("kind") == "element" for ev in f.evidence):
            required.append(f)
    return _Groups(
        failing=[f for f in findings if fails(f, threshold)],
        below=[f for f in findings if f.failed and not f.accepted and not fails(f, threshold)],
        accepted=[f for f in findings if f.accepted],
        passed=[f for f in findings if f.status == "pass"],
        na=[f for f in findings if f.status == "not-applicable"],
        quota=quota,
        retention=retention,
        required=required,
    )


def _verdict(failing: int, threshold: str) -> str:
    if not failing:
        return f"nothing fails the run (--fail-on {threshold})"
    verb = "fails" if failing == 1 else "fail"
    return f"{_plural(failing, 'finding')} {verb} the run (--fail-on {threshold})"


def _verdict_item(v: Verdict) -> str:
    css = "na" if v.kind == "not-applicable" else ("ok" if v.score == 1 else "fail")
    marks = ""
    if v.kind == "retention":
        marks = (
            '<span class="marks">'
            + " ".join(
                badge(c, CLASS_MARKS[c], f"{v.counts.get(c, 0)} {c}")
                for c in CLASSES
                if v.counts.get(c) or c != "strengthened"
            )
            + "</span>"
        )
    score = f'<span class="pscore">{e(score_text(v).strip(" ()"))}</span>' if score_text(v) else ""
    return f'<li class="v-{css}">{e(v.sentence)}{score}{marks}</li>'


def _verdicts(report: Report) -> list[str]:
    """The verdict: one sentence per pack, grouped under each draft's name."""
    groups = verdict_lines(report)
    if not groups:
        return []
    out = ['<section class="verdict" aria-labelledby="verdict"><h2 id="verdict">Verdict</h2>']
    for heading, vs in groups:
        if heading:
            out.append(f"<h3>{e(heading)}</h3>")
        out.append('<ul class="verdicts">' + "".join(_verdict_item(v) for v in vs) + "</ul>")
    out.append("</section>")
    return out


def _toc(g: _Groups) -> str:
    toc = ['<a href="#verdict">Verdict</a>', '<a href="#summary">Summary</a>']
    if g.quota:
        toc.append('<a href="#quotas">Quotas</a>')
    if g.retention:
        toc.append('<a href="#retention">Draft retention</a>')
    if g.required:
        toc.append('<a href="#required">Required language</a>')
    toc.append('<a href="#findings">All findings</a>')
    return f'<nav class="toc" aria-label="Sections">{"".join(toc)}</nav>'


def _summary(
    report: Report, g: _Groups, score: str, verdict: str, options: FormatOptions
) -> list[str]:
    s = report.summary
    width = 0.0 if s.score is None else max(0.0, min(1.0, s.score)) * 100
    below_by = Counter("error" if f.status == "error" else f.severity for f in g.below)
    counts = [
        ("fail" if g.failing else "ok", len(g.failing), "failed", True),
        ("warn", below_by["error"], "failed, not failing the run (--fail-on never)", False),
        ("warn", below_by["warning"], "warning" if below_by["warning"] == 1 else "warnings", False),
        ("", below_by["info"], "note" if below_by["info"] == 1 else "notes", False),
        ("ok", s.by_status.get("pass", 0), "passed", True),
        ("", s.waived, "waived", False),
        ("", s.in_baseline, "in the baseline", False),
        ("", len(g.na), "not applicable", False),
    ]
    return [
        '<section aria-labelledby="summary"><h2 id="summary">Summary</h2>',
        '<div class="summary"><div class="scorecard"><div class="label">Overall score</div>'
        f'<div class="value">{e(score)} <small>/ 1</small></div>'
        f'<div class="meter" role="img" aria-label="score {e(score)} of 1">'
        f'<span style="width:{width:.1f}%"></span></div>'
        f'<p class="note">{e(verdict)}; {_plural(s.findings, "finding")} on '
        f"{_plural(s.subjects, 'subject')}.</p></div>"
        '<ul class="counts">'
        + "".join(
            f'<li class="{css}"><span class="n">{n}</span>{e(label)}</li>'
            for css, n, label, always in counts
            if n or always
        )
        + "</ul></div>",
        *_packs(report),
        *_input_notes(report, options),
        "</section>",
    ]


def _packs(report: Report) -> list[str]:
    used = [p for p in report.summary.packs if p.findings]
    unused = [p for p in report.summary.packs if not p.findings]
    out: list[str] = []
    if used:
        out.append(
            "<table><thead><tr><th scope='col'>Rule pack</th><th scope='col'>Version</th>"
            "<th scope='col' class='num'>Findings</th><th scope='col' class='num'>Score</th>"
            "</tr></thead><tbody>"
        )
        for p in used:
            pscore = "n/a" if p.score is None else f"{p.score:.2f}"
            out.append(
                f"<tr><td>{e(p.title)} <code>{e(p.id)}</code></td><td>{e(p.version)}</td>"
                f"<td class='num'>{p.findings}</td><td class='num'>{e(pscore)}</td></tr>"
            )
        out.append("</tbody></table>")
    if unused:
        out.append(
            '<p class="note">Also loaded, with nothing to check in these inputs: '
            + ", ".join(f"{e(p.title)} <code>{e(p.id)}</code>" for p in unused)
            + ".</p>"
        )
    return out


def _input_notes(report: Report, options: FormatOptions) -> list[str]:
    notes = notes_by_path(report)
    if not notes:
        return []
    return [
        '<h3>Notes on reading the inputs</h3><ul class="input-notes">',
        *(
            f"<li><code>{e(display_path(path, options))}</code>: {e(m)}</li>"
            for path, messages in notes.items()
            for m in messages
        ),
        "</ul>",
    ]


def _quotas(g: _Groups, catalogue: dict[str, RuleInfo], chart_rows: int) -> list[str]:
    if not g.quota:
        return []
    out = [
        '<section class="quotas" aria-labelledby="quotas">'
        '<h2 id="quotas">Bodies against their quotas</h2>'
        '<p class="note">Each bar is a body\'s share of women; the dashed line is the '
        "minimum. Worst first. ✗ marks a body below the minimum, with the seats still "
        "needed; ✓ a body that meets it.</p>"
    ]
    for n, (rule_id, group) in enumerate(g.quota.items()):
        rule = catalogue.get(rule_id) or RuleInfo(
            id=rule_id, pack="", rule=rule_id, title=rule_id, check="quota", severity="error"
        )
        out.append(_quota_chart(rule, group, chart_rows, f"chart{n}"))
    out.append("</section>")
    return out


def _retentions(report: Report, g: _Groups, options: FormatOptions) -> list[str]:
    if not g.retention:
        return []
    return [
        '<section class="retention" aria-labelledby="retention"><h2 id="retention">'
        "Draft retention: WPS language retained, weakened or dropped</h2>",
        *(
            _retention(path, draft_name(report, path), drafts, options, f"d{n}")
            for n, (path, drafts) in enumerate(g.retention.items())
        ),
        "</section>",
    ]


def _required(g: _Groups, catalogue: dict[str, RuleInfo], options: FormatOptions) -> list[str]:
    if not g.required:
        return []
    return [
        '<section aria-labelledby="required"><h2 id="required">Required language</h2>',
        *(_elements(f, catalogue.get(f.rule_id), options) for f in g.required),
        "</section>",
    ]


def _all_findings(g: _Groups, options: FormatOptions, threshold: str, limit: int) -> list[str]:
    out = ['<section aria-labelledby="findings"><h2 id="findings">All findings</h2>']
    if g.failing:
        out.append(f"<h3>To act on ({len(g.failing)})</h3>")
        out.append(_table(g.failing, options, limit))
    else:
        out.append(f"<p>Nothing fails at or above --fail-on {e(threshold)}.</p>")
    for title, group, why in (
        (f"Warnings and notes, not failing the run (--fail-on {threshold})", g.below, False),
        ("Waived or in the baseline", g.accepted, True),
        ("Passed", g.passed, False),
        ("Not applicable", g.na, False),
    ):
        if group:
            # Warnings are few and worth reading: open; the rest folded.
            is_open = " open" if group is g.below and len(group) <= 20 else ""
            out.append(
                f"<details{is_open}><summary>{e(title)} ({len(group)})</summary>"
                f"{_table(group, options, limit, why=why)}</details>"
            )
    out.append("</section>")
    return out


def _grid(report: Report, limit: int) -> list[str]:
    """``--view table``: one row a subject, one column a rule."""
    from wpscheck.formatters.text import table_grid

    ids, rows = table_grid(report)
    if not rows:
        return []
    head = "".join(f"<th scope='col' title='{e(r)}'>{n + 1}</th>" for n, r in enumerate(ids))
    body = [
        f"<tr><th scope='row'>{e(label)}</th>"
        + "".join(f"<td>{e(c)}</td>" for c in cells)
        + "</tr>"
        for label, cells in rows[:limit]
    ]
    if len(rows) > limit:
        body.append(f"<tr><td colspan='{len(ids) + 1}'>… {len(rows) - limit} more</td></tr>")
    legend = "".join(f"<li><code>{e(r)}</code></li>" for r in ids)
    return [
        "<section id='table'><h2>Subjects by rule</h2>",
        f"<table><thead><tr><th scope='col'>Subject</th>{head}</tr></thead>",
        f"<tbody>{''.join(body)}</tbody></table>",
        f"<ol>{legend}</ol>",
        "<p class='note'>✓ pass · ✗ failed · ! warning · i note · – not applicable · "
        "E could not run</p></section>",
    ]


def render(report: Report, options: FormatOptions) -> str:
    """The page: the template (``assets/report.html``) filled with escaped pieces."""
    threshold = fail_on(options)
    limit = int(options.extra.get("max_rows", MAX_ROWS))
    chart_rows = int(options.extra.get("chart_rows", CHART_ROWS))
    catalogue = rule_catalogue(report)
    g = _groups(report, threshold)
    score = "n/a" if report.summary.score is None else f"{report.summary.score:.2f}"
    verdict = _verdict(len(g.failing), threshold)
    main = [
        _toc(g),
        *_verdicts(report),
        *_summary(report, g, score, verdict, options),
        *(_grid(report, limit) if options.extra.get("view") == "table" else []),
        *_quotas(g, catalogue, chart_rows),
        *_retentions(report, g, options),
        *_required(g, catalogue, options),
        *_all_findings(g, options, threshold, limit),
    ]
    inputs = ", ".join(f"<code>{e(display_path(p, options))}</code>" for p in report.inputs)
    return string.Template(asset("report.html")).substitute(
        csp=e(CSP),
        score=e(score),
        verdict=e(verdict),
        style=asset("report.css"),
        inputs=inputs or "none",
        main="\n".join(main),
        version=e(report.tool.get("version", "")),
    )


FORMATTER = Formatter(
    name="html",
    render=render,
    summary="one self-contained page: score, quota charts (SVG), draft retention view",
    suffix=".html",
)
