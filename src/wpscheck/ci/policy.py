"""The exit policy: which findings fail a run, and the exit code.

- ``--fail-on error`` (default): a finding that failed with severity ``error``, or any
  finding with status ``error`` (a rule that could not run), fails the run.
- ``--fail-on warning``: failures of severity ``warning`` fail it too.
- ``--fail-on never``: findings never fail the run (``--min-score`` still applies).
- ``--min-score X``: the run fails when the overall score is below ``X`` (a report with
  no scored finding has no score, and is not failed by it).

A waived finding, or one no worse than in the ``--baseline`` report, never fails the run.
Exit codes: 0 clean, 1 failed by this policy, 2 a usage or input error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from wpscheck.models import Finding, Report

__all__ = [
    "EXIT_CLEAN",
    "EXIT_FINDINGS",
    "EXIT_USAGE",
    "FAIL_ON",
    "SEVERITY_RANK",
    "FailOn",
    "exit_code",
    "exit_reasons",
    "fails",
]

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
#: The values of ``--fail-on``.
FailOn = Literal["error", "warning", "never"]
FAIL_ON: tuple[FailOn, ...] = ("error", "warning", "never")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def fails(f: Finding, fail_on: FailOn) -> bool:
    """Whether this finding fails a run under ``--fail-on fail_on``."""
    if fail_on == "never" or not f.failed or f.accepted:
        return False
    if f.status == "error":
        return True
    return SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on]


def exit_reasons(report: Report, fail_on: FailOn, min_score: float | None = None) -> list[str]:
    """Why the run fails, one sentence each (empty when it passes)."""
    reasons: list[str] = []
    n = sum(1 for f in report.findings if fails(f, fail_on))
    if n:
        what = "finding" if n == 1 else "findings"
        reasons.append(f"{n} {what} at or above --fail-on {fail_on}")
    score = report.summary.score
    if min_score is not None and score is not None and score < min_score:
        reasons.append(f"score {score:.2f} is below --min-score {min_score:g}")
    return reasons


def exit_code(report: Report, fail_on: FailOn, min_score: float | None = None) -> int:
    """0 when the run passes the policy, 1 when it fails it."""
    return EXIT_FINDINGS if exit_reasons(report, fail_on, min_score) else EXIT_CLEAN
