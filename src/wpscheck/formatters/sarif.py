"""``sarif`` — SARIF 2.1.0 for GitHub code scanning and other SARIF readers.

One run; ``tool.driver.rules`` describes every rule that ran (id ``pack/rule``, title,
description, help with references and the recommendation, default level, tags).

Which findings become results:

- ``fail`` and ``error`` findings, with ``level`` ``error`` / ``warning`` / ``note`` from
  the rule's severity (a rule that could not run is always ``error``);
- a waived finding keeps its result with a ``suppressions`` entry (``accepted``, the
  waiver's reason), so code scanning shows it as dismissed rather than forgetting it;
- with ``--baseline``, ``baselineState`` says ``new``, ``updated`` (worse) or
  ``unchanged``;
- passes and not-applicable findings are left out (code scanning would show every
  passing body as an alert); ``--verbose`` adds passes as ``kind: "pass"``, level ``none``.

What reading the inputs noticed (the report's ``notes``: a draft with no recognisable
structure, an encoding guessed) goes in ``invocations[0].toolExecutionNotifications``,
level ``note``, each located at its input.

Each result points at a file: a draft's paragraph (line and column), a body's record in
its snapshot (its line), or, for a finding with no place of its own, the rule in its pack
file or the first input. Paths stay relative (``uriBaseId: "%SRCROOT%"``) unless
``--absolute-paths``. ``partialFingerprints["wpscheck/v1"]`` is a hash of the rule, the
subject and the paragraph ref — never of a line number — so an alert survives edits
elsewhere in the file.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from wpscheck.formatters import display_path, rule_catalogue, subject_label
from wpscheck.models import Finding, Report, RuleInfo
from wpscheck.plugin import FormatOptions, Formatter

__all__ = ["FORMATTER", "fingerprint", "to_sarif"]

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "wpscheck/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
BASELINE_STATES = {"new": "new", "worse": "updated", "unchanged": "unchanged"}


def fingerprint(f: Finding) -> str:
    """A stable identity for an alert: rule, subject and paragraph ref (no line numbers)."""
    ref = f.location.ref if f.location and f.location.ref else ""
    key = "\x1f".join((f.rule_id, f.subject, ref))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _uri(path: str, options: FormatOptions) -> dict[str, Any]:
    if options.absolute_paths:
        return {"uri": Path(path).resolve().as_uri()}
    return {"uri": quote(Path(path).as_posix(), safe="/"), "uriBaseId": "%SRCROOT%"}


def _help(rule: RuleInfo) -> tuple[str, str]:
    text = [rule.description or rule.title]
    md = [rule.description or rule.title]
    if rule.recommendation:
        text.append(f"Recommendation: {rule.recommendation}")
        md.append(f"**Recommendation:** {rule.recommendation}")
    if rule.references:
        text.append("References: " + "; ".join(rule.references))
        md.append("**References:**\n\n" + "\n".join(f"- {r}" for r in rule.references))
    md.append(f"Check kind `{rule.check}`, pack `{rule.pack}`.")
    return "\n\n".join(text), "\n\n".join(md)


def _rule(rule: RuleInfo) -> dict[str, Any]:
    text, markdown = _help(rule)
    return {
        "id": rule.id,
        "name": rule.rule,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.description or rule.title},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {
            "tags": sorted({"wps", rule.pack, rule.check, *rule.tags}),
            "precision": "very-high",
        },
    }


def _place(f: Finding, rule: RuleInfo | None, report: Report) -> tuple[str, int, int | None]:
    loc = f.location
    if loc and loc.path:
        return loc.path, loc.line or 1, loc.column
    if rule and rule.source:
        return rule.source, rule.line or 1, None
    return (report.inputs[0] if report.inputs else "."), 1, None


def _message(f: Finding) -> str:
    text = f"{subject_label(f)}: {f.message}".rstrip()
    if f.recommendation and f.status != "pass":
        if not text.endswith((".", "!", "?")):
            text += "."
        text += f" Recommendation: {f.recommendation}"
    return text


def _result(
    f: Finding, index: int, rule: RuleInfo | None, report: Report, opts: FormatOptions
) -> dict[str, Any]:
    path, line, column = _place(f, rule, report)
    region: dict[str, Any] = {"startLine": line, "startColumn": column or 1}
    loc = f.location
    if loc and loc.end_line:
        region["endLine"] = loc.end_line
        if loc.end_column:
            region["endColumn"] = loc.end_column
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": _uri(path, opts), "region": region}
    }
    logical: dict[str, Any] = {"name": f.subject, "kind": "object"}
    if loc and loc.ref:
        logical = {
            "name": loc.ref,
            "fullyQualifiedName": f"{f.subject}#{loc.ref}",
            "kind": "member",
        }
    elif loc and loc.data_path:
        logical["fullyQualifiedName"] = loc.data_path
    location["logicalLocations"] = [logical]
    result: dict[str, Any] = {
        "ruleId": f.rule_id,
        "ruleIndex": index,
    }
    if f.status == "pass":
        result["kind"] = "pass"
        result["level"] = "none"
    else:
        result["level"] = "error" if f.status == "error" else LEVELS.get(f.severity, "warning")
    result["message"] = {"text": _message(f)}
    result["locations"] = [location]
    result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint(f)}
    if f.waived is not None:
        result["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": f.waived}
        ]
    if f.baseline is not None:
        result["baselineState"] = BASELINE_STATES[f.baseline]
    props: dict[str, Any] = {"subject": f.subject, "status": f.status, "score": f.score}
    if f.subject_name:
        props["subjectName"] = f.subject_name
    if f.classification:
        props["classification"] = f.classification
    if f.observed:
        props["observed"] = f.observed
    if f.expected:
        props["expected"] = f.expected
    result["properties"] = props
    return result


def to_sarif(report: Report, options: FormatOptions | None = None) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log (a JSON-ready dict)."""
    options = options or FormatOptions()
    catalogue = rule_catalogue(report)
    ids = sorted(catalogue)
    index = {rid: i for i, rid in enumerate(ids)}
    results = [
        _result(f, index[f.rule_id], catalogue.get(f.rule_id), report, options)
        for f in report.findings
        if f.failed or (f.status == "pass" and options.verbose)
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": report.tool.get("name", "wpscheck"),
                "version": report.tool.get("version", ""),
                "semanticVersion": report.tool.get("version", ""),
                "rules": [_rule(catalogue[rid]) for rid in ids],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {
            "score": report.summary.score,
            "inputs": [display_path(p, options) for p in report.inputs],
        },
    }
    if report.notes:
        # what reading the inputs noticed: tool notes, not alerts about the text
        run["invocations"] = [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [
                    {
                        "level": "note",
                        "message": {"text": note.message},
                        "locations": [
                            {"physicalLocation": {"artifactLocation": _uri(note.path, options)}}
                        ],
                    }
                    for note in report.notes
                ],
            }
        ]
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: Report, options: FormatOptions) -> str:
    return json.dumps(to_sarif(report, options), indent=2, ensure_ascii=False) + "\n"


def lists_passes(report: Report, options: FormatOptions) -> bool:
    """Passes are listed only with ``--all`` (``--verbose``)."""
    return options.verbose


FORMATTER = Formatter(
    name="sarif",
    render=render,
    summary="SARIF 2.1.0 for GitHub code scanning: failures as results, stable fingerprints",
    suffix=".sarif",
    lists_passes=lists_passes,
)
