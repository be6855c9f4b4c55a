"""``json`` — the report as JSON: a stable, versioned contract for other tools.

Top level: ``format`` (``wpscheck-report``), ``version`` (2), ``tool``, ``inputs``,
``summary`` (``score``, ``findings``, ``subjects``, ``by_status``, ``by_severity``,
``packs``, ``by_rule``), ``passes_listed``, ``findings`` in stable order (every finding
but the passes, which the summary counts; ``--all`` lists them too), ``rules`` (a table
keyed by qualified rule id: the rule-level text, stated once) and ``notes``. Its JSON
Schema is ``wpscheck schema report``; docs/json-report.md says what changed from
version 1. Keys are written in a fixed order, with two-space indentation and a final
newline, so the same input gives byte-identical output.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import TypeAdapter

from wpscheck.engine import without_passes
from wpscheck.formatters import display_path
from wpscheck.models import Finding, Report
from wpscheck.plugin import FormatOptions, Formatter

__all__ = ["FORMATTER", "report_to_data"]


def _displayed(report: Report, options: FormatOptions) -> Report:
    """The report as written: passes left out unless ``--all`` (``verbose``), paths as the
    options show them."""
    if not options.verbose:
        report = without_passes(report)
    if not options.absolute_paths:
        return report

    def finding(f: Finding) -> Finding:
        loc = f.location
        if loc is None or not loc.path:
            return f
        return dataclasses.replace(
            f, location=dataclasses.replace(loc, path=display_path(loc.path, options))
        )

    return report.model_copy(
        update={
            "inputs": [display_path(p, options) for p in report.inputs],
            "notes": [
                n.model_copy(update={"path": display_path(n.path, options)}) for n in report.notes
            ],
            "findings": [finding(f) for f in report.findings],
        }
    )


def report_to_data(report: Report, options: FormatOptions | None = None) -> dict[str, Any]:
    """The report as plain JSON data (what ``--format json`` writes)."""
    return _displayed(report, options or FormatOptions()).model_dump(mode="json")


def render(report: Report, options: FormatOptions) -> str:
    return "".join(chunks(report, options))


#: The findings line of a report written without its findings.
_FINDINGS_LINE = re.compile(r'\n  "findings": \[\](,?)\n')

#: Findings written at a time: a large report is never held whole as one text.
_PIECE = 2000


def chunks(report: Report, options: FormatOptions) -> Iterator[str]:
    """``report.model_dump_json(indent=2)`` and a newline, byte for byte, in pieces: the
    findings are written by pydantic a few thousand at a time, each told which
    rule-level keys it leaves out, instead of the whole report being made into Python
    data to have keys deleted finding by finding."""
    report = _displayed(report, options)
    if not report.findings:
        yield report.model_dump_json(indent=2) + "\n"
        return
    head = report.model_copy(update={"findings": []}).model_dump_json(indent=2)
    place = _FINDINGS_LINE.search(head)
    assert place is not None  # the model always writes its findings key
    yield head[: place.start()] + '\n  "findings": [\n'
    texts = {r.id: (r.references, r.recommendation) for r in report.rules}
    findings = report.findings
    for start in range(0, len(findings), _PIECE):
        piece = findings[start : start + _PIECE]
        text = _findings_json(piece, texts)
        last = start + _PIECE >= len(findings)
        yield "  " + text[2:-2].replace("\n", "\n  ") + ("\n" if last else ",\n")
    yield f"  ]{place.group(1)}\n" + head[place.end() :] + "\n"


def _findings_json(
    findings: Sequence[Finding], texts: dict[str, tuple[list[str], str | None]]
) -> str:
    """The findings as a JSON list (two-space indent), each without the rule-level text
    its rule states."""
    exclude: dict[int, set[str]] = {}
    for i, f in enumerate(findings):
        known = texts.get(f.rule_id)
        if known is None:
            continue
        keys = {"references"} if list(f.references) == known[0] else set()
        if f.recommendation == known[1]:
            keys.add("recommendation")
        if keys:
            exclude[i] = keys
    return _findings_adapter().dump_json(list(findings), indent=2, exclude=exclude).decode()


@functools.cache
def _findings_adapter() -> TypeAdapter[list[Finding]]:
    return TypeAdapter(list[Finding])


def lists_passes(report: Report, options: FormatOptions) -> bool:
    """Passes are listed only with ``--all`` (``--verbose``)."""
    return options.verbose


FORMATTER = Formatter(
    name="json",
    render=render,
    summary="the report as JSON (schema: wpscheck schema report)",
    suffix=".json",
    lists_passes=lists_passes,
    chunks=chunks,
)
