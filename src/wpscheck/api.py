"""Rendering a report in any registered format (the library side of ``--format``)."""

from __future__ import annotations

from wpscheck.models import Report
from wpscheck.plugin import FormatOptions
from wpscheck.registry import Registry, registry

__all__ = ["render"]


def render(
    report: Report,
    format: str = "text",
    *,
    options: FormatOptions | None = None,
    reg: Registry | None = None,
) -> str:
    """The report in ``format`` (``text``, ``json``, or any plugin's format)."""
    reg = reg or registry()
    return reg.formatter(format).render(report, options or FormatOptions())
