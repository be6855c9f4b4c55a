"""``markdown`` — a summary for a pull-request comment or a GitHub job summary.

The overall score and counts first, what reading the inputs noticed (a draft with no
recognisable structure, an encoding guessed), then a table of what fails (failures and rules that
could not run, worst first as the report orders them), then collapsible ``<details>``
sections: warnings and notes below ``--fail-on``, waived findings with their reasons,
findings already in the ``--baseline``, and what passed. Tables are capped at
``max_rows`` rows (``FormatOptions.extra``, default 100) so a comment stays within
GitHub's size limit; the last row says how many more there are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from wpscheck.ci.policy import fails
from wpscheck.formatters import (
    display_path,
    fail_on,
    notes_by_path,
    outcome,
    place_of,
    subject_label,
)
from wpscheck.formatters.text import table_grid, unscored_note
from wpscheck.models import Finding, Report
from wpscheck.plugin import FormatOptions, Formatter
from wpscheck.verdict import CLASS_MARKS, score_text, verdict_lines

__all__ = ["FORMATTER", "cell"]

MAX_ROWS = 100
_ICONS = {
    "failed": "❌ failed",
    "error": "💥 error",
    "warning": "⚠️ warning",
    "info": "ℹ️ info",
    "waived": "🏳️ waived",
    "baseline": "📌 baseline",
    "passed": "✅ passed",
    "n/a": "➖ n/a",
}
_SPECIAL = str.maketrans({**{c: f"\\{c}" for c in "\\`*_[]<>|#~"}, "\n": " ", "\r": " "})


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _icon(f: Finding) -> str:
    """A finding's outcome; a classified provision by its class (▼ weakened, ✗ dropped)."""
    cls = f.classification
    if cls in CLASS_MARKS and f.status in ("pass", "fail") and not f.accepted:
        return f"{CLASS_MARKS[cls]} {cls}"
    return _ICONS[outcome(f)]


def cell(text: str) -> str:
    """Text made safe for a Markdown table cell: no HTML, no markup, no line breaks."""
    return text.translate(_SPECIAL)


def _grid(report: Report, limit: int) -> list[str]:
    """``--view table``: one row a subject, one column a rule (numbered; listed below)."""
    ids, rows = table_grid(report)
    if not rows:
        return []
    out = [
        "### Subjects by rule",
        "",
        "| Subject | " + " | ".join(str(n + 1) for n in range(len(ids))) + " |",
        "|---|" + "---|" * len(ids),
    ]
    for label, cells in rows[:limit]:
        out.append(f"| {cell(label)} | " + " | ".join(c or " " for c in cells) + " |")
    if len(rows) > limit:
        out.append(f"| … {len(rows) - limit} more subjects |" + " |" * len(ids))
    out.append("")
    out += [f"{n + 1}. `{rid}`" for n, rid in enumerate(ids)]
    out += ["", "✓ pass · ✗ failed · ! warning · i note · – not applicable · E could not run", ""]
    return out


def _where(f: Finding, options: FormatOptions) -> str:
    place = place_of(f, options)
    return f"`{place.replace('`', '')}`" if place else ""


def _table(
    findings: Sequence[Finding], options: FormatOptions, limit: int, *, why: bool = False
) -> list[str]:
    head = "| | Rule | Subject | Where | What |"
    sep = "|---|---|---|---|---|"
    if why:
        head = head[:-1] + " Why accepted |"
        sep += "---|"
    rows = [head, sep]
    for f in findings[:limit]:
        what = f.message
        if f.recommendation and f.status != "pass":
            what += f" — {f.recommendation}"
        row = (
            f"| {_icon(f)} | `{f.rule_id}` | {cell(subject_label(f))} | "
            f"{_where(f, options)} | {cell(what)} |"
        )
        if why:
            reason = f.waived if f.waived is not None else "in the baseline, no worse"
            row += f" {cell(reason)} |"
        rows.append(row)
    if len(findings) > limit:
        more = len(findings) - limit
        rows.append(f"| | | | | … and {more} more (see the full report) |" + (" |" if why else ""))
    return rows


def _details(title: str, rows: list[str]) -> list[str]:
    return ["<details>", f"<summary>{title}</summary>", "", *rows, "", "</details>", ""]


def render(report: Report, options: FormatOptions) -> str:
    threshold = fail_on(options)
    limit = int(options.extra.get("max_rows", MAX_ROWS))
    s = report.summary
    failing = [f for f in report.findings if fails(f, threshold)]
    below = [f for f in report.findings if f.failed and not f.accepted and not fails(f, threshold)]
    accepted = [f for f in report.findings if f.accepted]
    passed = [f for f in report.findings if f.status == "pass"]
    na = [f for f in report.findings if f.status == "not-applicable"]
    score = "n/a" if s.score is None else f"{s.score:.2f}"
    verdict = "❌" if failing else "✅"
    lines = [f"## {verdict} wpscheck — {_plural(len(failing), 'finding')} to act on", ""]
    for heading, vs in verdict_lines(report):
        if heading:
            lines += [f"**{cell(heading)}**", ""]
        lines += [f"- {cell(v.sentence)}{score_text(v)}" for v in vs]
        lines.append("")
    below_by = Counter("error" if f.status == "error" else f.severity for f in below)
    counts = [
        f"**{len(failing)}** failed",
        f"{below_by['error']} failed, not failing the run (--fail-on never)"
        if below_by["error"]
        else "",
        _plural(below_by["warning"], "warning") if below_by["warning"] else "",
        _plural(below_by["info"], "note") if below_by["info"] else "",
        f"{s.by_status.get('pass', 0)} passed",
        f"overall score {score}{unscored_note(report)}",
        f"{s.waived} waived" if s.waived else "",
        f"{s.in_baseline} in the baseline" if s.in_baseline else "",
        f"{len(na)} not applicable" if na else "",
    ]
    lines.append(
        f"{_plural(s.findings, 'finding')} on {_plural(s.subjects, 'subject')}: "
        + " · ".join(c for c in counts if c)
    )
    lines.append("")
    if len(s.packs) > 1 or (s.packs and s.packs[0].score is not None):
        lines += ["| Pack | Version | Findings | Score |", "|---|---|---:|---:|"]
        for p in s.packs:
            pscore = "n/a" if p.score is None else f"{p.score:.2f}"
            lines.append(
                f"| {cell(p.title)} (`{p.id}`) | {cell(p.version)} | {p.findings} | {pscore} |"
            )
        lines.append("")
    if options.extra.get("view") == "table":
        lines += _grid(report, limit)
    notes = notes_by_path(report)
    if notes:
        lines += ["### Notes on reading the inputs", ""]
        for path, messages in notes.items():
            where = f"`{display_path(path, options).replace('`', '')}`"
            lines += [f"- {where}: {cell(m)}" for m in messages]
        lines.append("")
    if failing:
        lines += ["### What fails", "", *_table(failing, options, limit), ""]
    else:
        lines += [f"Nothing fails at or above --fail-on {threshold}.", ""]
    if below:
        lines += _details(
            f"Warnings and notes, not failing the run (--fail-on {threshold}) ({len(below)})",
            _table(below, options, limit),
        )
    if accepted:
        lines += _details(
            f"Waived or in the baseline ({len(accepted)})",
            _table(accepted, options, limit, why=True),
        )
    if passed:
        lines += _details(f"Passed ({len(passed)})", _table(passed, options, limit))
    if na:
        lines += _details(f"Not applicable ({len(na)})", _table(na, options, limit))
    inputs = ", ".join(f"`{display_path(p, options)}`" for p in report.inputs)
    version = report.tool.get("version", "")
    lines.append(f"<sub>wpscheck {cell(version)} · inputs: {inputs or 'none'}</sub>")
    return "\n".join(lines) + "\n"


FORMATTER = Formatter(
    name="markdown",
    render=render,
    summary="a pull-request comment or job summary: score, a table of failures, details",
    suffix=".md",
)
