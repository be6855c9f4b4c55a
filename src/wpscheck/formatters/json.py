"""``json`` — the report as JSON: a stable contract for other tools.

Top level: ``tool``, ``inputs``, ``summary`` (``score``, ``findings``, ``subjects``,
``by_status``, ``by_severity``, ``packs``) and ``findings`` in stable order. Its JSON
Schema is ``wpscheck schema report``. Keys are written in a fixed order, with two-space
indentation and a final newline, so the same input gives byte-identical output.
"""

from __future__ import annotations

import dataclasses
import json
from functools import lru_cache
from typing import Any

from pydantic import TypeAdapter

from wpscheck.formatters import display_path
from wpscheck.models import Report
from wpscheck.plugins import FormatOptions, Formatter

__all__ = ["FORMATTER", "report_to_data"]


@lru_cache(maxsize=1)
def _adapter() -> TypeAdapter[Report]:
    return TypeAdapter(Report)


def report_to_data(report: Report, options: FormatOptions | None = None) -> dict[str, Any]:
    """The report as plain JSON data (what ``--format json`` writes)."""
    options = options or FormatOptions()
    if options.absolute_paths:
        findings = [
            dataclasses.replace(
                f,
                location=dataclasses.replace(
                    f.location, path=display_path(f.location.path, options)
                ),
            )
            if f.location and f.location.path
            else f
            for f in report.findings
        ]
        report = report.model_copy(
            update={
                "findings": findings,
                "inputs": [display_path(p, options) for p in report.inputs],
            }
        )
    data: dict[str, Any] = _adapter().dump_python(report, mode="json")
    return data


def render(report: Report, options: FormatOptions) -> str:
    if not options.absolute_paths:
        raw = _adapter().dump_json(report, indent=2).decode("utf-8")
        return raw + "\n"
    return json.dumps(report_to_data(report, options), indent=2, ensure_ascii=False) + "\n"


FORMATTER = Formatter(
    name="json",
    render=render,
    summary="the report as JSON (schema: wpscheck schema report)",
    suffix=".json",
)
