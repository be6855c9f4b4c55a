"""Waivers: findings a team has accepted, for a reason and perhaps until a date.

A waivers file is TOML with one ``[[waiver]]`` table per accepted finding::

    [[waiver]]
    rule = "mali-law-052/appointments-30pct"   # pack/rule, or the rule id alone
    subject = "ml-national-ddr-commission"      # a body id, or a draft's subject
    ref = "OP5"                                 # optional: only this paragraph
    reason = "Commission recomposed in June; figures follow in the next snapshot"
    expires = 2021-09-30                        # optional: valid up to and including this day

``rule`` and ``subject`` may use shell wildcards (``*``, ``?``). A failed finding that
a waiver matches is *waived*: it stays in every report, with the reason, and does not
fail the run. The first matching waiver in the file wins. Two kinds of finding come
from the waivers themselves (pack ``wpscheck``):

- ``wpscheck/expired-waiver`` (severity error): the waiver's ``expires`` date has
  passed; it no longer applies, so the finding it covered counts again;
- ``wpscheck/stale-waiver`` (severity warning): the waiver matches no failing finding —
  the problem is fixed or the rule or subject is gone — so it should be removed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from fnmatch import fnmatchcase
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from wpscheck.errors import InputError, did_you_mean, format_place
from wpscheck.models import Finding, Location, Report, RuleInfo, Severity

__all__ = [
    "EXPIRED_RULE",
    "STALE_RULE",
    "WAIVER_KEYS",
    "Waiver",
    "WaiverError",
    "apply_waivers",
    "load_waivers",
]

WAIVER_KEYS = ("rule", "subject", "ref", "reason", "expires")


class WaiverError(InputError):
    """A waivers file that does not parse or does not validate."""


class Waiver(BaseModel):
    """One accepted finding."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    rule: str = Field(min_length=1, description="pack/rule or the rule id; wildcards allowed")
    subject: str = Field(min_length=1, description="the finding's subject; wildcards allowed")
    ref: str | None = Field(default=None, description="only the finding at this paragraph ref")
    reason: str = Field(min_length=1, description="why the finding is accepted")
    expires: date | None = Field(default=None, description="last day the waiver applies")
    path: str | None = Field(default=None, description="the file it was read from (set by loader)")
    line: int | None = Field(default=None, description="line of its [[waiver]] table")

    @field_validator("reason")
    @classmethod
    def _real_reason(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("a waiver needs a reason")
        return v

    def matches(self, f: Finding) -> bool:
        if not (fnmatchcase(f.rule_id, self.rule) or fnmatchcase(f.rule, self.rule)):
            return False
        if not fnmatchcase(f.subject, self.subject):
            return False
        if self.ref is not None:
            ref = f.location.ref if f.location else None
            return (
                ref is not None
                and ref.replace(" ", "").upper() == self.ref.replace(" ", "").upper()
            )
        return True

    @property
    def label(self) -> str:
        where = f" {self.ref}" if self.ref else ""
        return f'waiver for "{self.rule}" on "{self.subject}"{where}'


def _waiver_rule(rule: str, title: str, severity: Severity, description: str) -> RuleInfo:
    return RuleInfo(
        id=f"wpscheck/{rule}",
        pack="wpscheck",
        rule=rule,
        title=title,
        check="waiver",
        severity=severity,
        description=description,
    )


EXPIRED_RULE = _waiver_rule(
    "expired-waiver",
    "A waiver has expired",
    "error",
    "The waiver's expires date has passed: it no longer applies, and the finding "
    "it accepted counts again. Fix the finding, or renew the waiver with a new date.",
)
STALE_RULE = _waiver_rule(
    "stale-waiver",
    "A waiver matches no failing finding",
    "warning",
    "No failing finding matches the waiver: the problem is fixed, or the rule or "
    "the subject is gone. Remove the waiver so it cannot hide a future failure.",
)


def load_waivers(path: str | Path) -> list[Waiver]:
    """Read and validate a waivers file."""
    from wpscheck.loading import describe_validation_error, locate_table_key, parse_toml, read_text

    path = Path(path)
    show = path.as_posix()
    text = read_text(path, what="waivers file")
    data = parse_toml(path, text, error=WaiverError)
    for top in data:
        if top != "waiver":
            line, col = _top_level_line(text, top)
            hint = did_you_mean(top, ("waiver",))
            raise WaiverError(
                f'{format_place(show, line, col)}: unknown top-level key "{top}"{hint}; '
                "a waivers file holds [[waiver]] tables with rule, subject, reason and "
                "optionally ref and expires"
            )
    raw = data.get("waiver", [])
    if not isinstance(raw, list):
        raise WaiverError(f"{show}: waivers are written as [[waiver]] tables, not [waiver]")
    out: list[Waiver] = []
    for i, item in enumerate(raw):
        header, _ = locate_table_key(text, "waiver", i, None)
        if not isinstance(item, dict):
            raise WaiverError(f"{format_place(show, header)}: waiver {i + 1} is not a table")
        try:
            out.append(Waiver.model_validate({**item, "path": show, "line": header}))
        except ValidationError as exc:
            errors = exc.errors()
            # An unknown key first: it is often the misspelt missing one.
            err = next((x for x in errors if x["type"] == "extra_forbidden"), errors[0])
            key: str | None = str(err["loc"][0]) if err["loc"] else None
            if err["type"] == "missing":
                line, col = header, 1
            else:
                line, col = locate_table_key(text, "waiver", i, key)
            raise WaiverError(
                f"{format_place(show, line, col)}: waiver {i + 1}: "
                + (f'"{key}" ' if key and err["type"] != "extra_forbidden" else "")
                + describe_validation_error(err, WAIVER_KEYS)
            ) from None
    return out


def _top_level_line(text: str, key: str) -> tuple[int | None, int | None]:
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith((f"[{key}]", f"[[{key}]]", f"{key} ", f"{key}=")):
            return n, line.index(key) + 1
    return None, None


def apply_waivers(report: Report, waivers: Sequence[Waiver], *, today: date) -> Report:
    """The report with each failed finding a valid waiver matches marked as waived, plus a
    finding for every expired waiver and every waiver that matches no failing finding."""
    live = [w for w in waivers if w.expires is None or w.expires >= today]
    used: set[int] = set()
    findings: list[Finding] = []
    for f in report.findings:
        if f.failed and f.waived is None:
            for i, w in enumerate(live):
                if w.matches(f):
                    used.add(i)
                    f = dataclasses.replace(f, waived=w.reason)
                    break
        findings.append(f)
    extra = [
        _waiver_finding(
            w,
            EXPIRED_RULE.rule,
            "error",
            f"the {w.label} expired on {w.expires.isoformat()}; "
            f"the finding counts again (reason given: {w.reason})",
            "fix the finding, or renew the waiver with a new expires date",
        )
        for w in waivers
        if w.expires is not None and w.expires < today
    ]
    extra += [
        _waiver_finding(
            w,
            STALE_RULE.rule,
            "warning",
            f"the {w.label} matches no failing finding; remove it",
            "delete the waiver: what it accepted no longer fails",
        )
        for i, w in enumerate(live)
        if i not in used
    ]
    extra.sort(key=lambda f: ((f.location.line or 0) if f.location else 0, f.rule))
    from wpscheck.engine import resummarise

    rules = [r for r in (EXPIRED_RULE, STALE_RULE) if any(f.rule == r.rule for f in extra)]
    if rules and waivers:
        source = waivers[0].path
        rules = [r.model_copy(update={"source": source}) for r in rules]
    return resummarise(report, findings + extra, extra_rules=rules)


def _waiver_finding(
    w: Waiver, rule: str, severity: Severity, message: str, recommendation: str
) -> Finding:
    """A finding about a waiver itself (expired or stale), pointing at its line."""
    return Finding(
        rule=rule,
        pack="wpscheck",
        subject=f"{w.rule} {w.subject}" + (f" {w.ref}" if w.ref else ""),
        subject_name=w.label,
        status="fail",
        severity=severity,
        score=0.0,
        message=message,
        location=Location(path=w.path, line=w.line, column=1 if w.line else None),
        check="waiver",
        weight=0.0,
        recommendation=recommendation,
    )
