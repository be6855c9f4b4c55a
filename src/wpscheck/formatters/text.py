"""``text`` — the terminal view: findings grouped by input file, then a one-line summary.

Failures and errors are always listed (a waived one with its reason, one already in the
``--baseline`` marked so, with ``~``); passes are listed too unless a file has more than
20 of them (``--verbose`` lists them all), except the passes of data-integrity checks
(``consistency``), which only say the data is fine; not-applicable findings only with
``--verbose`` (otherwise counted by pack and reason: "… 16 not applicable
(resolution-2531-wps): the draft does not mention MINUSMA"). What reading a draft noticed
(no structure recognised, an encoding guessed) comes first under its heading, as
``note:`` lines. Colour only on a terminal, and never when ``NO_COLOR`` is set.

``--view table`` (``FormatOptions.extra["view"]``; also in Markdown and HTML) prints one
row a subject (a body, a list, a draft) and one column a rule, numbered and listed below,
each cell ✓ ✗ ! i – E (· where the rule did not look at the subject), then the summary
line. It is asked for, never automatic: the same command always prints the same view.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator

from wpscheck.evidence import human_ref
from wpscheck.formatters import display_path, notes_by_path
from wpscheck.models import Finding, Report
from wpscheck.plugin import FormatOptions, Formatter
from wpscheck.verdict import CLASS_MARKS, score_text, verdict_lines

__all__ = ["FORMATTER", "cell_mark", "mark", "table_grid", "unscored_note"]

PASS_LIMIT = 20
#: Check kinds whose passes say only "the data is fine": counted, listed with --verbose.
QUIET_PASSES = frozenset({"consistency"})
_COLORS = {
    "red": "31",
    "yellow": "33",
    "green": "32",
    "blue": "34",
    "magenta": "35",
    "dim": "2",
    "bold": "1",
}


_CLASS_COLORS = {
    "retained": "green",
    "strengthened": "green",
    "modified": "yellow",
    "weakened": "red",
    "dropped": "magenta",
}


def verdict_block(report: Report, c: Callable[[str, str], str]) -> list[str]:
    """The verdict: one sentence per pack, under the draft's name, then a blank line."""
    out: list[str] = []
    for heading, vs in verdict_lines(report):
        indent = "  "
        if heading:
            out.append(f"  {c(heading, 'bold')}")
            indent = "    "
        out += [f"{indent}{v.sentence}{c(score_text(v), 'dim')}" for v in vs]
    return [c("Verdict", "bold"), *out, ""] if out else []


def mark(f: Finding) -> tuple[str, str]:
    """The symbol and colour for a finding."""
    if f.accepted:
        return "~", "dim"
    if f.classification in CLASS_MARKS and f.status in ("pass", "fail"):
        return CLASS_MARKS[f.classification], _CLASS_COLORS[f.classification]
    if f.status == "pass":
        return "✓", "green"
    if f.status == "error":
        return "E", "red"
    if f.status == "not-applicable":
        return "–", "dim"
    if f.severity == "error":
        return "✗", "red"
    if f.severity == "warning":
        return "!", "yellow"
    return "i", "blue"


#: How bad each cell mark is, so a subject with two findings of one rule shows the worst.
_CELL_RANK = {"": 0, "–": 1, "✓": 2, "▲": 2, "~": 3, "i": 4, "≈": 5, "!": 5, "▼": 6, "✗": 6, "E": 7}


def cell_mark(f: Finding) -> str:
    """A table cell: ✓ pass, ✗ failed (error), ! warning, i info, – not applicable,
    E could not run, ~ waived or in the baseline."""
    return mark(f)[0]


def table_grid(report: Report) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The table view: the rules (qualified ids, in report order) and one row a subject
    (its name, then one mark per rule; empty where the rule did not look at it)."""
    rules: dict[str, int] = {}
    rows: dict[str, tuple[str, dict[str, str]]] = {}
    for f in report.findings:
        if f.subject == "(no subject)" or f.rule == "plugin":
            continue
        rules.setdefault(f.rule_id, len(rules))
        label = f.subject_name or f.subject
        row = rows.setdefault(f.subject, (label, {}))[1]
        m = cell_mark(f)
        if _CELL_RANK[m] > _CELL_RANK[row.get(f.rule_id, "")]:
            row[f.rule_id] = m
    ids = list(rules)
    return ids, [(label, [cells.get(r, "") for r in ids]) for label, cells in rows.values()]


def _text_table(report: Report) -> list[str]:
    ids, rows = table_grid(report)
    if not rows:
        return []
    width = max(len(label) for label, _ in rows)
    head = " ".join(f"{n + 1:>2}" for n in range(len(ids)))
    lines = [f"{'':{width}}  {head}"]
    for label, cells in rows:
        lines.append(f"{label:{width}}  " + " ".join(f"{c or '·':>2}" for c in cells).rstrip())
    lines.append("")
    lines += [f"{n + 1:>2} {rid}" for n, rid in enumerate(ids)]
    legend = "✓ pass · ✗ failed · ! warning · i note · – not applicable · E could not run"
    lines.append(f"   {legend} · · not checked")
    return lines


def unscored_note(report: Report) -> str:
    """`` (3 info findings not scored)`` when info-level rules without a weight gave
    pass/fail findings (the engine keeps them out of the score); else empty."""
    n = sum(
        1
        for f in report.findings
        if f.severity == "info" and f.weight == 0 and f.status in ("pass", "fail")
    )
    if (unlisted := report.unlisted_passes) is not None:
        n += sum(len(r.which) for r in unlisted.runs if r.severity == "info" and r.weight == 0)
    if not n:
        return ""
    return f" ({_plural(n, 'info finding')} not scored: give the rule a weight to score it)"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


#: Not-applicable findings are summarised by reason when they have at most this many.
NA_REASONS = 3


def _hidden_lines(passes: int, not_applicable: list[Finding]) -> list[str]:
    """What a file's hidden findings were: the passes counted, the not-applicable ones
    counted by pack and reason (their message), so a draft no rule applied to says why."""
    out: list[str] = []
    reasons: dict[tuple[str, str], int] = {}
    for f in not_applicable:
        key = (f.pack, f.message)
        reasons[key] = reasons.get(key, 0) + 1
    if len(reasons) <= NA_REASONS:
        for (pack, message), n in reasons.items():
            out.append(f"  … {n} not applicable ({pack}): {message}")
    elif not_applicable:
        out.append(f"  … {len(not_applicable)} not applicable")
    if passes:
        out.append(f"  … {passes} passed")
    if out:
        out[-1] += " (--verbose lists them)"
    return out


def _with_pass_only_paths(
    groups: dict[str, list[Finding]],
    counted: Counter[str],
    rank: Callable[[str], tuple[int, str]],
) -> dict[str, list[Finding]]:
    """The groups, with a heading for each input whose findings were all passes counted
    but not listed, where a report listing them would put it."""
    if all(path in groups for path in counted):
        return groups

    def key(path: str) -> tuple[int, str]:
        return rank("") if path == "(plugins)" else rank(path)

    merged = {p: groups.get(p, []) for p in sorted({*groups, *counted}, key=key)}
    return defaultdict(list, merged)


def lists_passes(report: Report, options: FormatOptions) -> bool:
    """Whether the text report shows passes that ``report`` counts without listing: with
    ``--verbose`` or ``--view table``, or when an input has a few (at most ``PASS_LIMIT``)
    passes of the kinds whose passes are listed."""
    unlisted = report.unlisted_passes
    if unlisted is None or not len(unlisted):
        return False
    if options.verbose or options.extra.get("view") == "table":
        return True
    loud = unlisted.by_input(leave_out=QUIET_PASSES)
    return any(0 < n <= PASS_LIMIT for n in loud.values())


def _lines(report: Report, options: FormatOptions) -> Iterator[str]:
    """The report's lines, one at a time (a large report is never held whole)."""

    def c(text: str, color: str) -> str:
        if not options.color:
            return text
        return f"\033[{_COLORS[color]}m{text}\033[0m"

    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        key = f.location.path if f.location and f.location.path else "(plugins)"
        groups[key].append(f)
    unlisted = report.unlisted_passes
    counted: Counter[str] = Counter()
    if unlisted is not None:
        counted = unlisted.by_input()
        groups = _with_pass_only_paths(groups, counted, unlisted.rank)
    notes = notes_by_path(report)
    for path in notes:
        groups.setdefault(path, [])
    lines = verdict_block(report, c)
    any_line = bool(lines)
    yield from lines
    table = options.extra.get("view") == "table"
    if table:
        rows = _text_table(report)
        any_line = any_line or bool(rows)
        yield from rows
        groups = {k: [f for f in v if f.subject == "(no subject)"] for k, v in groups.items()}
        groups = {k: v for k, v in groups.items() if v}
    for path, findings in groups.items():
        any_line = True
        yield c(display_path(path, options) if path != "(plugins)" else path, "bold")
        for note in notes.get(path, ()):
            yield c(f"  note: {note}", "dim")
        passes = [f for f in findings if f.status == "pass" and f.check not in QUIET_PASSES]
        show_passes = options.verbose or len(passes) <= PASS_LIMIT
        hidden_passes = counted[path]  # counted, not listed: lists_passes says none shows
        hidden_na: list[Finding] = []
        for f in findings:
            if (
                f.status == "pass"
                and not options.verbose
                and (not show_passes or f.check in QUIET_PASSES)
            ):
                hidden_passes += 1
                continue
            if f.status == "not-applicable" and not options.verbose:
                hidden_na.append(f)
                continue
            symbol, color = mark(f)
            where = f.subject_name or f.subject
            if where == path:  # the heading already names the file: say what in it
                where = "the draft as a whole" if not (f.location and f.location.ref) else ""
            if f.location and f.location.ref:
                where = f"{where} {human_ref(f.location.ref)}".strip()
            if f.location and f.location.line:
                where += c(f" (line {f.location.line})", "dim")
            yield f"  {c(symbol, color)} {c(f.rule_id, color)}  {where}"
            yield f"      {f.message}"
            if f.failed and f.waived is not None:
                yield c(f"      waived: {f.waived}", "dim")
            elif f.failed and f.baseline == "unchanged":
                yield c("      in the baseline, and no worse: does not fail the run", "dim")
            elif f.failed and f.baseline == "worse":
                yield c("      worse than in the baseline", color)
            if f.status != "pass" and f.references:
                yield c("      " + " · ".join(f.references), "dim")
        for line in _hidden_lines(hidden_passes, hidden_na):
            yield c(line, "dim")
    s = report.summary
    failed = s.by_status.get("fail", 0)
    open_by_severity = {
        sev: sum(1 for f in report.findings if f.failed and not f.accepted and f.severity == sev)
        for sev in ("error", "warning", "info")
    }
    # "13 failed (error)", not "13 errors": the findings failed, the tool did not.
    parts = [
        f"{_plural(s.findings, 'finding')} on {_plural(s.subjects, 'subject')}",
        f"{open_by_severity['error']} failed (error)",
        _plural(open_by_severity["warning"], "warning"),
    ]
    if open_by_severity["info"]:
        parts.append(_plural(open_by_severity["info"], "note"))
    parts.append(f"{s.by_status.get('pass', 0)} passed")
    if s.by_status.get("error", 0):
        parts.append(f"{s.by_status['error']} could not run")
    if s.waived:
        parts.append(f"{s.waived} waived")
    if s.in_baseline:
        parts.append(f"{s.in_baseline} in the baseline")
    parts.append(
        "score " + ("n/a" if s.score is None else f"{s.score:.2f}") + unscored_note(report)
    )
    if any_line:
        yield ""
    yield c(" · ".join(parts), "bold" if failed else "green")


def render(report: Report, options: FormatOptions) -> str:
    return "".join(chunks(report, options))


def chunks(report: Report, options: FormatOptions) -> Iterator[str]:
    """The output in pieces of a few thousand lines: ``render`` joins them."""
    batch: list[str] = []
    for line in _lines(report, options):
        batch.append(line)
        if len(batch) >= 4096:
            yield "\n".join(batch) + "\n"
            batch = []
    if batch:
        yield "\n".join(batch) + "\n"


FORMATTER = Formatter(
    name="text",
    render=render,
    summary="for a terminal: grouped by file, colour on a terminal (NO_COLOR honoured)",
    suffix=".txt",
    lists_passes=lists_passes,
    chunks=chunks,
)
