"""``github`` — GitHub Actions workflow commands: one annotation per failed finding.

``::error file=…,line=…,col=…,title=…::message`` for failures of severity ``error`` and
rules that could not run, ``::warning`` for warnings and ``::notice`` for info. Waived
findings and findings already in the ``--baseline`` are not annotated (they are in the
other formats). Values are escaped as GitHub documents: ``%``, CR and LF in the message;
also ``:`` and ``,`` in properties. A last plain line gives the summary. GitHub shows at
most 10 annotations of each level per step; the order is the report's.
"""

from __future__ import annotations

from wpscheck.formatters import display_path, subject_label
from wpscheck.models import Finding, Report
from wpscheck.plugin import FormatOptions, Formatter

__all__ = ["FORMATTER", "escape_data", "escape_property"]

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(f: Finding, options: FormatOptions) -> str:
    level = "error" if f.status == "error" else _LEVELS.get(f.severity, "warning")
    props: list[str] = []
    loc = f.location
    if loc and loc.path:
        props.append(f"file={escape_property(display_path(loc.path, options))}")
        if loc.line:
            props.append(f"line={loc.line}")
            if loc.column:
                props.append(f"col={loc.column}")
        if loc.end_line:
            props.append(f"endLine={loc.end_line}")
    props.append(f"title={escape_property(f'{f.rule_id} · {subject_label(f)}')}")
    message = f.message
    if f.recommendation:
        message += f"\n{f.recommendation}"
    return f"::{level} {','.join(props)}::{escape_data(message)}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def render(report: Report, options: FormatOptions) -> str:
    lines = [_annotation(f, options) for f in report.findings if f.failed and not f.accepted]
    s = report.summary
    score = "n/a" if s.score is None else f"{s.score:.2f}"
    tail = (
        f"wpscheck: {_plural(s.findings, 'finding')} on {_plural(s.subjects, 'subject')}, "
        f"{len(lines)} annotated, score {score}"
    )
    if s.waived:
        tail += f", {s.waived} waived"
    if s.in_baseline:
        tail += f", {s.in_baseline} in the baseline"
    lines.append(tail)
    return "\n".join(lines) + "\n"


def lists_passes(report: Report, options: FormatOptions) -> bool:
    """Only failed findings are annotated: passes are never listed."""
    return False


FORMATTER = Formatter(
    name="github",
    render=render,
    summary="GitHub Actions annotations (::error file=…,line=…::…) for failed findings",
    suffix=".txt",
    lists_passes=lists_passes,
)
