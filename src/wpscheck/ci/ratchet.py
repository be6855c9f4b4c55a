"""The baseline ratchet: fail only on what is new or worse than in a previous report.

``wpscheck check … --baseline previous.json`` compares each failed finding with the
findings of ``previous.json`` (a report written by ``--format json``), matched by rule
(``pack/rule``), subject and paragraph ref — never by line, so edits elsewhere in a file
do not make old findings look new. Each failed finding is marked:

- ``new``: it did not fail in the baseline (absent, passed, or not applicable);
- ``worse``: it failed there too, but now its status is worse (``fail`` → ``error``),
  its severity higher, or its score lower;
- ``unchanged``: it failed there and is no worse now.

Every finding stays in the report; only ``new`` and ``worse`` ones can fail the run
(``unchanged`` ones are *accepted*, like waived ones). When a subject has several
findings of one rule, each is compared with the worst of them in the baseline.
Write a new baseline from a clean run to ratchet further.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from wpscheck.ci.policy import SEVERITY_RANK as _SEVERITY_RANK
from wpscheck.errors import InputError, format_place
from wpscheck.models import Finding, Report

__all__ = [
    "Baseline",
    "BaselineEntry",
    "BaselineError",
    "apply_baseline",
    "key_of",
    "load_baseline",
]

_STATUS_RANK = {"pass": 0, "not-applicable": 0, "fail": 1, "error": 2}
SCORE_TOLERANCE = 1e-6
Key = tuple[str, str, str]


class BaselineError(InputError):
    """A baseline file that is not a wpscheck JSON report."""


@dataclasses.dataclass(frozen=True, slots=True)
class BaselineEntry:
    status: str
    severity: str
    score: float

    @property
    def rank(self) -> tuple[int, int]:
        return _STATUS_RANK.get(self.status, 0), _SEVERITY_RANK.get(self.severity, 0)


Baseline = Mapping[Key, BaselineEntry]


def key_of(rule_id: str, subject: str, ref: str | None) -> Key:
    return rule_id, subject, (ref or "").replace(" ", "").upper()


def _worst(a: BaselineEntry, b: BaselineEntry) -> BaselineEntry:
    if a.rank != b.rank:
        return a if a.rank > b.rank else b
    return a if a.score <= b.score else b


def load_baseline(path: str | Path) -> dict[Key, BaselineEntry]:
    """The findings of a previous JSON report, by (rule, subject, ref)."""
    from wpscheck.loading import read_text

    path = Path(path)
    show = path.as_posix()
    text = read_text(path, what="baseline report")
    how = f"write one with: wpscheck check … --format json --output {show}"
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"{format_place(show, exc.lineno, exc.colno)}: the baseline is not JSON ({exc.msg}); "
            + how
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(
            f'{show}: not a wpscheck JSON report (expected an object with a "findings" list); '
            + how
        )
    out: dict[Key, BaselineEntry] = {}
    for i, f in enumerate(data["findings"]):
        if not isinstance(f, dict):
            raise BaselineError(f"{show}: findings[{i}]: expected an object")
        for name in ("rule", "pack", "subject", "status"):
            if not isinstance(f.get(name), str):
                raise BaselineError(
                    f"{show}: findings[{i}].{name}: expected text, got {json.dumps(f.get(name))}"
                )
        score = f.get("score", 0.0)
        if isinstance(score, bool) or not isinstance(score, (int, float)):
            raise BaselineError(
                f"{show}: findings[{i}].score: expected a number, got {json.dumps(score)}"
            )
        loc = f.get("location")
        ref = loc.get("ref") if isinstance(loc, dict) else None
        key = key_of(
            f"{f['pack']}/{f['rule']}", f["subject"], ref if isinstance(ref, str) else None
        )
        entry = BaselineEntry(f["status"], str(f.get("severity", "error")), float(score))
        out[key] = _worst(out[key], entry) if key in out else entry
    return out


def compare(f: Finding, baseline: Baseline) -> Literal["new", "worse", "unchanged"]:
    """How a failed finding stands against the baseline."""
    prev = baseline.get(key_of(f.rule_id, f.subject, f.location.ref if f.location else None))
    if prev is None or prev.status not in ("fail", "error"):
        return "new"
    now = BaselineEntry(f.status, f.severity, f.score)
    if now.rank > prev.rank or f.score < prev.score - SCORE_TOLERANCE:
        return "worse"
    return "unchanged"


def apply_baseline(report: Report, baseline: Baseline) -> Report:
    """The report with every failed finding marked new, worse or unchanged."""
    from wpscheck.engine import resummarise

    findings = [
        dataclasses.replace(f, baseline=compare(f, baseline)) if f.failed else f
        for f in report.findings
    ]
    return resummarise(report, findings)
