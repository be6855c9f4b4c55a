"""``json`` — the report as JSON: a stable contract for other tools.

Top level: ``tool``, ``inputs``, ``summary`` (``score``, ``findings``, ``subjects``,
``by_status``, ``by_severity``, ``packs``) and ``findings`` in stable order. Its JSON
Schema is ``wpscheck schema report``. Keys are written in a fixed order, with two-space
indentation and a final newline, so the same input gives byte-identical output.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any

import pydantic_core
from pydantic import BaseModel, TypeAdapter

from wpscheck.formatters import display_path
from wpscheck.models import Finding, Location, Report
from wpscheck.plugins import FormatOptions, Formatter

__all__ = ["FORMATTER", "report_to_data"]


@lru_cache(maxsize=1)
def _adapter() -> TypeAdapter[Report]:
    return TypeAdapter(Report)


def report_to_data(report: Report, options: FormatOptions | None = None) -> dict[str, Any]:
    """The report as plain JSON data (what ``--format json`` writes).

    The summary and rule metadata go through pydantic; the findings are converted field
    by field (the same data pydantic gives: ``tests/test_json_report.py`` holds them
    equal), so that paths can be rewritten without copying every finding.
    """
    options = options or FormatOptions()
    data: dict[str, Any] = _adapter().dump_python(
        report.model_copy(update={"findings": []}), mode="json"
    )
    if options.absolute_paths:
        data["inputs"] = [display_path(p, options) for p in report.inputs]
        for note in data.get("notes", ()):
            note["path"] = display_path(note["path"], options)
    data["findings"] = [_finding_data(f, options) for f in report.findings]
    return data


_FINDING_FIELDS = tuple(f.name for f in dataclasses.fields(Finding))
_LOCATION_FIELDS = tuple(f.name for f in dataclasses.fields(Location))


def _finding_data(f: Finding, options: FormatOptions) -> dict[str, Any]:
    out = {name: getattr(f, name) for name in _FINDING_FIELDS}
    out["references"] = list(f.references)
    out["evidence"] = list(f.evidence)
    loc = f.location
    if loc is not None:
        where = {name: getattr(loc, name) for name in _LOCATION_FIELDS}
        if options.absolute_paths and loc.path:
            where["path"] = display_path(loc.path, options)
        out["location"] = where
    return out


def _plain(value: Any) -> Any:
    """JSON for the values check kinds may put in ``observed``/``expected``/``evidence``."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Fraction):
        return float(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    return str(value)


def render_bytes(report: Report, options: FormatOptions) -> bytes:
    """The report as UTF-8 JSON bytes (what ``render`` gives, encoded)."""
    if not options.absolute_paths:
        # pydantic's serialiser (Rust) is the fastest way to write the whole report.
        return _adapter().dump_json(report, indent=2) + b"\n"
    data = report_to_data(report, options)
    return pydantic_core.to_json(data, indent=2, fallback=_plain) + b"\n"


def render(report: Report, options: FormatOptions) -> str:
    return render_bytes(report, options).decode("utf-8")


FORMATTER = Formatter(
    name="json",
    render=render,
    summary="the report as JSON (schema: wpscheck schema report)",
    suffix=".json",
    render_bytes=render_bytes,
)
