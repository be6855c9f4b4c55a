"""The built-in plugin: wpscheck's own check kinds, readers, formatters and rule packs.

It registers through exactly the hooks a third-party plugin uses. Each hook imports its
modules only when called, so ``import wpscheck`` stays cheap; check kinds, readers and
formatters are registered from the tables below and their modules imported on first use
(a run that writes text never imports the HTML formatter; a check kind's module is
imported when its parameters are validated or it runs). The tables repeat each module's
names and summary: ``tests/test_builtin_lazy.py`` and ``tests/test_draft_speed.py`` hold
them equal to the module's ``READER`` / ``FORMATTER`` / ``KIND``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wpscheck.plugin import (
    CheckKind,
    FormatOptions,
    Formatter,
    Profile,
    Reader,
    SubjectType,
    hookimpl,
)

if TYPE_CHECKING:
    from wpscheck.models import Document, Report

#: Modules holding one ``KIND`` each, in the order the docs list them.
CHECK_KIND_MODULES: tuple[str, ...] = (
    "wpscheck.checks.quota",
    "wpscheck.checks.consistency",
    "wpscheck.checks.trend",
    "wpscheck.checks.retain",
    "wpscheck.checks.require",
    "wpscheck.checks.list_cap",
    "wpscheck.checks.alternation",
    "wpscheck.checks.zipper",
    "wpscheck.checks.top_n",
    "wpscheck.checks.heads_of_list",
)
#: Modules holding one ``READER`` each.
READER_MODULES: tuple[str, ...] = (
    "wpscheck.readers.txt",
    "wpscheck.readers.md",
    "wpscheck.readers.docx",
    "wpscheck.readers.pdf",
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


#: Each check-kind module's ``KIND``: id, subject and summary (read without importing it).
CHECK_KINDS: dict[str, tuple[str, SubjectType, str]] = {
    "wpscheck.checks.quota": (
        "quota",
        "body",
        "A quota law: a minimum share, a number of women or reserved seats",
    ),
    "wpscheck.checks.consistency": (
        "consistency",
        "body",
        "Data integrity: possible counts, no future dates, sources, printed shares",
    ),
    "wpscheck.checks.trend": (
        "trend",
        "body",
        "Women's representation must not fall between dated observations or snapshots",
    ),
    "wpscheck.checks.retain": (
        "retain",
        "document",
        "A baseline provision survives in the draft: retained, modified, weakened, dropped",
    ),
    "wpscheck.checks.require": (
        "require",
        "document",
        "Required language in a draft: phrases, citations, patterns, with partial credit",
    ),
    "wpscheck.checks.list_cap": (
        "list-cap",
        "list",
        "Candidate lists of at least N: no sex above a maximum share",
    ),
    "wpscheck.checks.alternation": (
        "alternation",
        "list",
        "Candidate lists: no run of more than K candidates of one sex",
    ),
    "wpscheck.checks.zipper": (
        "zipper",
        "list",
        "Candidate lists: women and men strictly alternate",
    ),
    "wpscheck.checks.top_n": (
        "top-n",
        "list",
        "Candidate lists: at least K women (or of each sex) in the top N places",
    ),
    "wpscheck.checks.heads_of_list": (
        "heads-of-list",
        "list",
        "Candidate lists: a minimum share of a party's lists headed by women",
    ),
}
#: Each reader module's ``READER``: name, suffixes and summary (read without importing it).
READERS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "wpscheck.readers.txt": (
        "txt",
        (".txt", ".text"),
        "plain text, UTF-8 / UTF-16 (with BOM) / Windows-1252, also PDF extractions",
    ),
    "wpscheck.readers.md": (
        "md",
        (".md", ".markdown"),
        "Markdown: # headings become section headings, list numbers paragraph numbers",
    ),
    "wpscheck.readers.docx": (
        "docx",
        (".docx",),
        "Word .docx (standard library only); automatic numbering rebuilt",
    ),
    "wpscheck.readers.pdf": (
        "pdf",
        (".pdf",),
        "PDF with a text layer, laid out as pdftotext -layout (needs wpscheck[pdf])",
    ),
}
#: Each formatter module's ``FORMATTER``: name, summary and suffix.
FORMATTERS: dict[str, tuple[str, str, str]] = {
    "wpscheck.formatters.text": (
        "text",
        "for a terminal: grouped by file, colour on a terminal (NO_COLOR honoured)",
        ".txt",
    ),
    "wpscheck.formatters.json": (
        "json",
        "the report as JSON (schema: wpscheck schema report)",
        ".json",
    ),
    "wpscheck.formatters.sarif": (
        "sarif",
        "SARIF 2.1.0 for GitHub code scanning: failures as results, stable fingerprints",
        ".sarif",
    ),
    "wpscheck.formatters.junit": (
        "junit",
        "JUnit XML for GitLab and Jenkins: a test suite per pack, a test case per finding",
        ".xml",
    ),
    "wpscheck.formatters.github": (
        "github",
        "GitHub Actions annotations (::error file=…,line=…::…) for failed findings",
        ".txt",
    ),
    "wpscheck.formatters.markdown": (
        "markdown",
        "a pull-request comment or job summary: score, a table of failures, details",
        ".md",
    ),
    "wpscheck.formatters.html": (
        "html",
        "one self-contained page: score, quota charts (SVG), draft retention view",
        ".html",
    ),
}


def _module_attr(module: str, attr: str) -> Any:
    return getattr(importlib.import_module(module), attr)


def _lazy_reader(module: str) -> Reader:
    name, suffixes, summary = READERS[module]

    def read(path: Path) -> Document:
        reader: Reader = _module_attr(module, "READER")
        return reader.read(path)

    read.__qualname__ = read.__name__ = f"read_{name}"
    return Reader(name=name, suffixes=suffixes, read=read, summary=summary)


def _lazy_formatter(module: str) -> Formatter:
    name, summary, suffix = FORMATTERS[module]

    def render(report: Report, options: FormatOptions) -> str:
        formatter: Formatter = _module_attr(module, "FORMATTER")
        return formatter.render(report, options)

    def lists_passes(report: Report, options: FormatOptions) -> bool:
        formatter: Formatter = _module_attr(module, "FORMATTER")
        return formatter.lists_passes is None or formatter.lists_passes(report, options)

    def chunks(report: Report, options: FormatOptions) -> Iterable[str]:
        formatter: Formatter = _module_attr(module, "FORMATTER")
        if formatter.chunks is None:
            return [formatter.render(report, options)]
        return formatter.chunks(report, options)

    render.__qualname__ = render.__name__ = f"render_{name}"
    return Formatter(
        name=name,
        render=render,
        summary=summary,
        suffix=suffix,
        lists_passes=lists_passes,
        chunks=chunks,
    )


class LazyCheckKind(CheckKind[Any, Any]):
    """A built-in check kind known by its table row; its module (and with it ``params``,
    ``check``, ``doc`` and ``quick_pass``) is imported on first use of one of those."""

    def __init__(self, module: str, plugin: str = "builtin") -> None:
        kind_id, subject, summary = CHECK_KINDS[module]
        for name, value in (
            ("module", module),
            ("id", kind_id),
            ("subject", subject),
            ("summary", summary),
            ("plugin", plugin),
        ):
            object.__setattr__(self, name, value)

    module: str

    @property
    def kind(self) -> CheckKind[Any, Any]:
        """The module's own ``KIND`` (imported now if it was not yet)."""
        kind: CheckKind[Any, Any] = _module_attr(self.module, "KIND")
        return kind

    @property
    def params(self) -> Any:
        return self.kind.params

    @property
    def check(self) -> Any:
        return self.kind.check

    @property
    def doc(self) -> str:
        return self.kind.doc

    @property
    def quick_pass(self) -> Any:
        return self.kind.quick_pass

    def with_plugin(self, plugin: str) -> LazyCheckKind:
        """The same kind, registered by ``plugin``."""
        return LazyCheckKind(self.module, plugin)


@hookimpl
def wpscheck_check_kinds() -> list[CheckKind]:
    return [
        LazyCheckKind(m) if m in CHECK_KINDS else _module_attr(m, "KIND")
        for m in CHECK_KIND_MODULES
    ]


@hookimpl
def wpscheck_readers() -> list[Reader]:
    return [_lazy_reader(m) if m in READERS else _module_attr(m, "READER") for m in READER_MODULES]


@hookimpl
def wpscheck_formatters() -> list[Formatter]:
    return [
        _lazy_formatter(m) if m in FORMATTERS else _module_attr(m, "FORMATTER")
        for m in FORMATTER_MODULES
    ]


#: The built-in profiles: name → (module under wpscheck.profiles, summary); each module's
#: ``read`` is imported when a file is read with it.
PROFILES = {
    "ipu-monthly": ("ipu_monthly", "IPU monthly ranking of women in national parliaments (CSV)"),
    "ipu-historical": ("ipu_historical", "IPU historical database 1945-2018 (.xlsx or CSV)"),
    "unsd-sdg": ("unsd_sdg", "a UN Statistics gender data portal series (tab-separated)"),
    "worldbank-wide": ("worldbank_wide", "a World Bank indicator download, a column a year"),
}


def _lazy_profile(name: str) -> Profile:
    module, summary = PROFILES[name]

    def read(path: Path) -> Any:
        return _module_attr(f"wpscheck.profiles.{module}", "read")(path)

    return Profile(name=name, read=read, summary=summary)


@hookimpl
def wpscheck_profiles() -> list[Profile]:
    return [_lazy_profile(name) for name in PROFILES]


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
