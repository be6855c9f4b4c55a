"""Output formats: one module each, each exposing ``FORMATTER``.

This package also holds what several formats share: how a path is shown, how a finding
is labelled, and the rule metadata a finding refers to.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from wpscheck.models import Finding, Report, RuleInfo
from wpscheck.plugin import FailOn, FormatOptions

if TYPE_CHECKING:
    from wpscheck.registry import Registry

__all__ = [
    "display_path",
    "fail_on",
    "formats_table",
    "notes_by_path",
    "outcome",
    "pct",
    "rule_catalogue",
    "subject_label",
]


def display_path(path: str | None, options: FormatOptions) -> str:
    """A path as the report shows it: as given, or absolute when asked for."""
    if not path:
        return ""
    if options.absolute_paths:
        return Path(path).resolve().as_posix()
    return path


def place_of(f: Finding, options: FormatOptions, *, column: bool = False) -> str:
    """Where a finding is, as ``path:line`` (``:column`` too when asked and known); ``""``
    when it has no file."""
    loc = f.location
    if not loc or not loc.path:
        return ""
    place = display_path(loc.path, options)
    if loc.line:
        place += f":{loc.line}"
        if column and loc.column:
            place += f":{loc.column}"
    return place


def notes_by_path(report: Report) -> dict[str, list[str]]:
    """The report's notes (what reading each input noticed), grouped by input, in order."""
    out: dict[str, list[str]] = {}
    for note in report.notes:
        out.setdefault(note.path, []).append(note.message)
    return out


def fail_on(options: FormatOptions) -> FailOn:
    """The ``--fail-on`` threshold of the run (``FormatOptions.fail_on``)."""
    return options.fail_on


def subject_label(f: Finding) -> str:
    """What a finding is about, for people: the subject's name and the paragraph ref."""
    from wpscheck.evidence import human_ref

    label = f.subject_name or f.subject
    if f.location and f.location.ref and f.location.ref not in label:
        label += f" {human_ref(f.location.ref)}"
    return label


def outcome(f: Finding) -> str:
    """One word for a finding: passed, failed, warning, info, error, waived, baseline, n/a."""
    if f.failed and f.waived is not None:
        return "waived"
    if f.failed and f.baseline == "unchanged":
        return "baseline"
    if f.status == "error":
        return "error"
    if f.status == "pass":
        return "passed"
    if f.status == "not-applicable":
        return "n/a"
    return {"error": "failed", "warning": "warning"}.get(f.severity, "info")


def pct(share: Any, digits: int = 1) -> str:
    """``0.16`` → ``16.0 %``; anything not a number → ``?``."""
    if isinstance(share, bool) or not isinstance(share, (int, float)):
        return "?"
    return f"{share * 100:.{digits}f} %"


def rule_catalogue(report: Report) -> dict[str, RuleInfo]:
    """Every rule a finding names, by qualified id: the report's rules, and a description
    made from the finding for those it does not list (plugin errors, waiver findings)."""
    rules = {r.id: r for r in report.rules}
    for f in report.findings:
        if f.rule_id not in rules:
            rules[f.rule_id] = RuleInfo(
                id=f.rule_id,
                pack=f.pack,
                rule=f.rule,
                title=_INTERNAL_TITLES.get(f.rule_id, f.rule_id),
                check=f.check or f.rule,
                severity=f.severity,
                references=list(f.references),
            )
    return rules


_INTERNAL_TITLES = {
    "wpscheck/plugin": "A plugin failed to load or returned something invalid",
}


def formats_table(reg: Registry) -> str:
    """The Markdown table of installed formats that docs/formats.md carries."""
    rows = ["| Format | File suffix | What it is for | Plugin |", "|---|---|---|---|"]
    for name in sorted(reg.formatters):
        f = reg.formatters[name]
        rows.append(f"| `{name}` | `{f.suffix}` | {f.summary} | {f.plugin} |")
    return "\n".join(rows) + "\n"
