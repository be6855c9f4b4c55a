"""The plugin host: hook specifications and the registry built from them.

Every check kind, reader, formatter and rule pack — the built-in ones included —
arrives through these hooks. A third-party package registers a module or object under
the ``wpscheck`` entry-point group::

    [project.entry-points.wpscheck]
    mine = "my_package.wpscheck_plugin"

and implements any of the hooks below with ``@wpscheck.plugins.hookimpl``.
A plugin that fails to import or returns something invalid does not stop the others:
it is recorded in :attr:`Registry.problems` and reported as an ``error`` finding.
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pluggy
from pydantic import BaseModel

from wpscheck.errors import InputError, did_you_mean

if TYPE_CHECKING:
    from wpscheck.engine import CheckContext
    from wpscheck.models import Document, Finding, Report

__all__ = [
    "CheckKind",
    "Formatter",
    "Reader",
    "Registry",
    "hookimpl",
    "hookspec",
    "registry",
]

PROJECT = "wpscheck"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)

SubjectType = Literal["body", "document"]


@dataclasses.dataclass(frozen=True)
class CheckKind:
    """A check kind: an id, a parameter model and one generator of findings.

    ``check(ctx, subject)`` receives a :class:`wpscheck.engine.CheckContext` (the rule,
    its validated parameters, its pack) and one subject: a
    :class:`wpscheck.engine.BodySubject` for ``subject="body"`` kinds, a
    :class:`wpscheck.models.Document` for ``subject="document"`` kinds.

    ``check_many(ctx, subjects)``, optional, checks every subject a rule selects in one
    call and returns the same findings as ``check`` on each subject in turn, in the same
    order; the engine prefers it (a check of 100,000 bodies then runs in one frame per
    rule, and can reuse a verdict for bodies with the same figures:
    :func:`wpscheck.engine.memoised` makes one from ``check``). Should it raise, the engine
    runs ``check`` one subject at a time, so the error finding names the subject.
    """

    id: str
    subject: SubjectType
    params: type[BaseModel]
    check: Callable[[CheckContext, Any], Iterable[Finding]]
    summary: str
    doc: str = ""
    plugin: str = "builtin"
    check_many: Callable[[CheckContext, Sequence[Any]], Iterable[Finding]] | None = None


@dataclasses.dataclass(frozen=True)
class Reader:
    """Reads a draft text of some file formats into a :class:`Document`."""

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[Path], Document]
    summary: str = ""
    plugin: str = "builtin"


@dataclasses.dataclass(frozen=True)
class Formatter:
    """Turns a report into text or bytes for one output format.

    ``render_bytes``, optional, gives the same output as ``render`` encoded as UTF-8, for
    a format whose serialiser makes bytes (``json``): the CLI writes them as they are,
    without turning a report of hundreds of megabytes into text and back.
    """

    name: str
    render: Callable[[Report, FormatOptions], str]
    summary: str = ""
    suffix: str = ".txt"
    plugin: str = "builtin"
    render_bytes: Callable[[Report, FormatOptions], bytes] | None = None


@dataclasses.dataclass(frozen=True)
class FormatOptions:
    """What a formatter may need beyond the report."""

    color: bool = False
    absolute_paths: bool = False
    verbose: bool = False
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)


class Hooks:
    """The hook specifications. Each returns a list; pluggy gathers every plugin's."""

    @hookspec
    def wpscheck_check_kinds(self) -> Sequence[CheckKind]:  # type: ignore[empty-body]
        """Return the check kinds this plugin provides."""

    @hookspec
    def wpscheck_rule_packs(self) -> Sequence[Path]:  # type: ignore[empty-body]
        """Return TOML rule-pack files or directories of them that apply by default."""

    @hookspec
    def wpscheck_readers(self) -> Sequence[Reader]:  # type: ignore[empty-body]
        """Return readers for draft-text file formats."""

    @hookspec
    def wpscheck_formatters(self) -> Sequence[Formatter]:  # type: ignore[empty-body]
        """Return output formats for reports."""


@dataclasses.dataclass(frozen=True)
class PluginProblem:
    plugin: str
    message: str


class Registry:
    """Everything the plugins provide, by name."""

    def __init__(self, manager: pluggy.PluginManager) -> None:
        self.manager = manager
        self.problems: list[PluginProblem] = []
        self.check_kinds: dict[str, CheckKind] = {}
        self.readers: dict[str, Reader] = {}
        self.formatters: dict[str, Formatter] = {}
        self.pack_paths: list[Path] = []
        self._collect()

    def _plugin_name(self, impl: Any) -> str:
        return self.manager.get_name(impl.plugin) or repr(impl.plugin)

    def _results(self, hook_name: str) -> list[tuple[str, Any]]:
        hook = getattr(self.manager.hook, hook_name)
        out: list[tuple[str, Any]] = []
        for impl in reversed(hook.get_hookimpls()):
            name = self._plugin_name(impl)
            try:
                result = impl.function()
                out.extend((name, item) for item in (result or ()))
            except Exception as exc:
                self.problems.append(
                    PluginProblem(name, f"{hook_name} failed: {type(exc).__name__}: {exc}")
                )
        return out

    def _collect(self) -> None:
        for name, kind in self._results("wpscheck_check_kinds"):
            if not isinstance(kind, CheckKind):
                self.problems.append(PluginProblem(name, f"returned {kind!r}, not a CheckKind"))
                continue
            if kind.id in self.check_kinds:
                other = self.check_kinds[kind.id].plugin
                self.problems.append(
                    PluginProblem(name, f'check kind "{kind.id}" is already provided by {other}')
                )
                continue
            self.check_kinds[kind.id] = dataclasses.replace(kind, plugin=name)
        for name, reader in self._results("wpscheck_readers"):
            if not isinstance(reader, Reader):
                self.problems.append(PluginProblem(name, f"returned {reader!r}, not a Reader"))
                continue
            self.readers[reader.name] = dataclasses.replace(reader, plugin=name)
        for name, fmt in self._results("wpscheck_formatters"):
            if not isinstance(fmt, Formatter):
                self.problems.append(PluginProblem(name, f"returned {fmt!r}, not a Formatter"))
                continue
            self.formatters[fmt.name] = dataclasses.replace(fmt, plugin=name)
        for name, path in self._results("wpscheck_rule_packs"):
            p = Path(path)
            if not p.exists():
                self.problems.append(PluginProblem(name, f"rule pack path {p} does not exist"))
                continue
            self.pack_paths.append(p)

    def check_kind(self, name: str) -> CheckKind:
        try:
            return self.check_kinds[name]
        except KeyError:
            raise InputError(
                f'unknown check kind "{name}"{did_you_mean(name, self.check_kinds)}'
            ) from None

    def formatter(self, name: str) -> Formatter:
        try:
            return self.formatters[name]
        except KeyError:
            raise InputError(
                f'unknown format "{name}"{did_you_mean(name, self.formatters)}'
            ) from None

    def reader_for(self, path: Path) -> Reader | None:
        suffix = path.suffix.lower()
        for reader in sorted(self.readers.values(), key=lambda r: r.name):
            if suffix in reader.suffixes:
                return reader
        return None

    @property
    def document_suffixes(self) -> tuple[str, ...]:
        return tuple(sorted({s for r in self.readers.values() for s in r.suffixes}))


def make_manager(
    *, entry_points: bool = True, extra: Iterable[object] = ()
) -> pluggy.PluginManager:
    """A plugin manager with the built-ins, installed entry points and ``extra`` plugins."""
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(Hooks)
    from wpscheck import builtin

    pm.register(builtin, name="builtin")
    problems: list[PluginProblem] = []
    if entry_points:
        for ep in sorted(importlib.metadata.entry_points(group=PROJECT), key=lambda e: e.name):
            if ep.name == "builtin" or pm.has_plugin(ep.name):
                continue
            try:
                pm.register(ep.load(), name=ep.name)
            except Exception as exc:
                problems.append(
                    PluginProblem(ep.name, f"could not be loaded: {type(exc).__name__}: {exc}")
                )
    for i, plugin in enumerate(extra):
        pm.register(plugin, name=getattr(plugin, "__name__", f"plugin-{i}"))
    pm._wpscheck_load_problems = problems  # type: ignore[attr-defined]
    return pm


_default: Registry | None = None


def registry(*, refresh: bool = False) -> Registry:
    """The process-wide registry of installed plugins (built on first use)."""
    global _default
    if _default is None or refresh:
        pm = make_manager()
        reg = Registry(pm)
        reg.problems[:0] = pm._wpscheck_load_problems  # type: ignore[attr-defined]
        _default = reg
    return _default


def build_registry(*plugins: object, entry_points: bool = False) -> Registry:
    """A registry with the built-ins plus ``plugins`` (for tests and embedding)."""
    pm = make_manager(entry_points=entry_points, extra=plugins)
    reg = Registry(pm)
    reg.problems[:0] = pm._wpscheck_load_problems  # type: ignore[attr-defined]
    return reg
