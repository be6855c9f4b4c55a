"""The built-in plugin: wpscheck's own check kinds, readers, formatters and rule packs.

It registers through exactly the hooks a third-party plugin uses. Each hook imports its
modules only when called, so ``import wpscheck`` stays cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from wpscheck.plugins import CheckKind, Formatter, Reader, hookimpl

#: Modules holding one ``KIND`` each, in the order the docs list them.
CHECK_KIND_MODULES: tuple[str, ...] = (
    "wpscheck.checks.quota",
    "wpscheck.checks.consistency",
    "wpscheck.checks.trend",
    "wpscheck.checks.retain",
    "wpscheck.checks.require",
)
#: Modules holding one ``READER`` each.
READER_MODULES: tuple[str, ...] = (
    "wpscheck.readers.txt",
    "wpscheck.readers.md",
    "wpscheck.readers.docx",
)
#: Modules holding one ``FORMATTER`` each.
FORMATTER_MODULES: tuple[str, ...] = (
    "wpscheck.formatters.text",
    "wpscheck.formatters.json",
    "wpscheck.formatters.sarif",
    "wpscheck.formatters.junit",
    "wpscheck.formatters.github",
    "wpscheck.formatters.markdown",
    "wpscheck.formatters.html",
)


def _load(modules: Sequence[str], attr: str) -> list[object]:
    import importlib

    return [getattr(importlib.import_module(name), attr) for name in modules]


@hookimpl
def wpscheck_check_kinds() -> list[CheckKind]:
    return [k for k in _load(CHECK_KIND_MODULES, "KIND") if isinstance(k, CheckKind)]


@hookimpl
def wpscheck_readers() -> list[Reader]:
    return [r for r in _load(READER_MODULES, "READER") if isinstance(r, Reader)]


@hookimpl
def wpscheck_formatters() -> list[Formatter]:
    return [f for f in _load(FORMATTER_MODULES, "FORMATTER") if isinstance(f, Formatter)]


def shipped_packs_dir() -> Path:
    """The packs installed with the package, or the checkout's ``rules/`` in development."""
    here = Path(__file__).resolve().parent
    installed = here / "_packs"
    if installed.is_dir():
        return installed
    return here.parent.parent / "rules"


@hookimpl
def wpscheck_rule_packs() -> list[Path]:
    return [shipped_packs_dir()]
