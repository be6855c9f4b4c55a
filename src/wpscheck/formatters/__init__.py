"""Output formats: one module each, each exposing ``FORMATTER``."""

from __future__ import annotations

from pathlib import Path

from wpscheck.plugins import FormatOptions

__all__ = ["display_path"]


def display_path(path: str | None, options: FormatOptions) -> str:
    """A path as the report shows it: as given, or absolute when asked for."""
    if not path:
        return ""
    if options.absolute_paths:
        return Path(path).resolve().as_posix()
    return path
