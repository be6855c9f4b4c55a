"""``junit`` — JUnit XML for CI test reports (GitLab ``artifacts:reports:junit``, Jenkins).

One ``<testsuite>`` per rule pack, one ``<testcase>`` per rule and subject:
``classname`` is ``pack.rule`` (Jenkins shows the pack as the package and the rule as
the class), ``name`` is the subject — the body's name and id, or the draft and paragraph
ref — and ``file``/``line`` point at it.

- a failed finding at or above ``--fail-on`` (default ``error``) is a ``<failure>``;
  below it (a warning by default) the test case passes and the message is kept in
  ``<system-out>``, so warnings do not fail the build unless ``--fail-on warning``;
- a rule that could not run is an ``<error>``;
- waived findings, findings already in the ``--baseline``, and not-applicable findings
  are ``<skipped>`` with the reason.

No timestamps and ``time="0"``: the same input gives the same bytes.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from wpscheck.ci.policy import SEVERITY_RANK
from wpscheck.formatters import display_path, fail_on, rule_catalogue, subject_label
from wpscheck.models import Finding, Report
from wpscheck.plugin import FormatOptions, Formatter

__all__ = ["FORMATTER", "render"]

# Characters XML 1.0 cannot hold at all, even escaped.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _ILLEGAL.sub("\ufffd", text)


def _is_failure(f: Finding, threshold: str) -> bool:
    # ``never`` still reports error-severity failures as failures: the XML says what
    # failed; whether the job fails is the exit code's business.
    floor = SEVERITY_RANK["error" if threshold == "never" else threshold]
    return f.status == "fail" and not f.accepted and SEVERITY_RANK[f.severity] >= floor


def _pairs(data: dict[str, object]) -> str:
    return ", ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in data.items())


def _detail(f: Finding, options: FormatOptions) -> str:
    lines = [f.message]
    loc = f.location
    if loc and loc.path:
        place = display_path(loc.path, options)
        if loc.line:
            place += f":{loc.line}"
            if loc.column:
                place += f":{loc.column}"
        lines.append(f"at {place}" + (f" ({loc.ref})" if loc.ref else ""))
    if f.observed:
        lines.append("observed: " + _pairs(f.observed))
    if f.expected:
        lines.append("expected: " + _pairs(f.expected))
    if f.recommendation:
        lines.append(f"recommendation: {f.recommendation}")
    lines.extend(f"reference: {r}" for r in f.references)
    return _clean("\n".join(lines))


def render(report: Report, options: FormatOptions) -> str:
    threshold = fail_on(options)
    catalogue = rule_catalogue(report)
    by_pack: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_pack[f.pack].append(f)
    titles = {p.id: p for p in report.summary.packs}
    root = ET.Element("testsuites", {"name": "wpscheck"})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for pack_id in sorted(by_pack):
        findings = by_pack[pack_id]
        suite = ET.SubElement(root, "testsuite", {"name": pack_id})
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        pack = titles.get(pack_id)
        if pack is not None:
            props = ET.SubElement(suite, "properties")
            ET.SubElement(props, "property", {"name": "title", "value": _clean(pack.title)})
            ET.SubElement(props, "property", {"name": "version", "value": pack.version})
            if pack.score is not None:
                ET.SubElement(props, "property", {"name": "score", "value": f"{pack.score:.4f}"})
        for f in findings:
            counts["tests"] += 1
            case = ET.SubElement(
                suite,
                "testcase",
                {
                    "classname": f"{f.pack}.{f.rule}",
                    "name": _clean(f"{subject_label(f)} [{f.subject}]"),
                    "time": "0",
                },
            )
            if f.location and f.location.path:
                case.set("file", display_path(f.location.path, options))
                if f.location.line:
                    case.set("line", str(f.location.line))
            title = catalogue[f.rule_id].title if f.rule_id in catalogue else f.rule_id
            if f.failed and f.waived is not None:
                counts["skipped"] += 1
                ET.SubElement(case, "skipped", {"message": _clean(f"waived: {f.waived}")})
                ET.SubElement(case, "system-out").text = _detail(f, options)
            elif f.failed and f.baseline == "unchanged":
                counts["skipped"] += 1
                ET.SubElement(case, "skipped", {"message": "in the baseline report, and no worse"})
                ET.SubElement(case, "system-out").text = _detail(f, options)
            elif f.status == "error":
                counts["errors"] += 1
                el = ET.SubElement(
                    case, "error", {"message": _clean(f.message), "type": f.check or "error"}
                )
                el.text = _detail(f, options)
            elif _is_failure(f, threshold):
                counts["failures"] += 1
                el = ET.SubElement(
                    case,
                    "failure",
                    {
                        "message": _clean(f"{title}: {f.message}"),
                        "type": f"{f.severity}:{f.check or f.rule}",
                    },
                )
                el.text = _detail(f, options)
            elif f.status == "fail":
                ET.SubElement(case, "system-out").text = f"{f.severity}: " + _detail(f, options)
            elif f.status == "not-applicable":
                counts["skipped"] += 1
                ET.SubElement(case, "skipped", {"message": _clean(f"not applicable: {f.message}")})
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("time", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", "0")
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


FORMATTER = Formatter(
    name="junit",
    render=render,
    summary="JUnit XML for GitLab and Jenkins: a test suite per pack, a test case per finding",
    suffix=".xml",
)
