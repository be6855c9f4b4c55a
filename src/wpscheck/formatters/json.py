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
    return _report_json(_displayed(report, options)) + "\n"


#: The findings line of a report written without its findings.
_FINDINGS_LINE = re.compile(r'\n  "findings": \[\](,?)\n')


def _report_json(report: Report) -> str:
    """``report.model_dump_json(indent=2)``, byte for byte, made faster: the findings are
    written by pydantic in one call told which rule-level keys each leaves out, not made
    into Python data first to have keys deleted one by one."""
    if not report.findings:
        return report.model_dump_json(indent=2)
    head = report.model_copy(update={"findings": []}).model_dump_json(indent=2)
    place = _FINDINGS_LINE.search(head)
    assert place is not None  # the model always writes its findings key
    texts = {r.id: (r.references, r.recommendation) for r in report.rules}
    exclude: dict[int, set[str]] = {}
    for i, f in enumerate(report.findings):
        known = texts.get(f.rule_id)
        if known is None:
            continue
        keys = {"references"} if list(f.references) == known[0] else set()
        if f.recommendation == known[1]:
            keys.add("recommendation")
        if keys:
            exclude[i] = keys
    text = _findings_adapter().dump_json(report.findings, indent=2, exclude=exclude).decode()
    items = text[2:-2].replace("\n", "\n  ")  # the items, two spaces further in
    written = f'\n  "findings": [\n  {items}\n  ]{place.group(1)}\n'
    return head[: place.start()] + written + head[place.end() :]


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
)
