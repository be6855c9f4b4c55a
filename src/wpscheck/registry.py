"""The plugin host: the registry of what the plugins provide, by name.

The built-in plugin registers first, then installed entry points (by name), then any
plugins given to :func:`build_registry`. A name is never replaced: a plugin that offers
a check kind, reader (name or file suffix) or format already taken is recorded in
:attr:`Registry.problems`, naming both plugins, and the one registered first keeps it.
A plugin that fails to import or returns something invalid does not stop the others:
it is recorded there too. The engine reports every problem as an ``error`` finding.
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

import pluggy

from wpscheck.errors import InputError, did_you_mean
from wpscheck.plugin import PROJECT, CheckKind, Formatter, Hooks, Profile, Reader

__all__ = ["PluginProblem", "Registry", "build_registry", "registry"]

_T = TypeVar("_T", CheckKind, Reader, Formatter, Profile)


@dataclasses.dataclass(frozen=True)
class PluginProblem:
    """A plugin that could not be used as it is, and why."""

    plugin: str
    message: str


def _taken(what: str, owner: str, name: str) -> str:
    return f'{what} is already provided by plugin "{owner}"; the one from "{name}" is ignored'


def _owned(item: _T, name: str) -> _T:
    """``item`` as registered by plugin ``name`` (a lazy built-in stays lazy)."""
    if item.plugin == name:
        return item
    with_plugin = getattr(item, "with_plugin", None)
    return with_plugin(name) if with_plugin is not None else dataclasses.replace(item, plugin=name)


def _lookup(table: dict[str, _T], name: str, what: str) -> _T:
    try:
        return table[name]
    except KeyError:
        raise InputError(f'unknown {what} "{name}"{did_you_mean(name, table)}') from None


class Registry:
    """Everything the plugins provide, by name."""

    def __init__(self, manager: pluggy.PluginManager, problems: Iterable[PluginProblem] = ()):
        self.manager = manager
        self.problems: list[PluginProblem] = list(problems)
        self.check_kinds: dict[str, CheckKind] = {}
        self.readers: dict[str, Reader] = {}
        self.formatters: dict[str, Formatter] = {}
        self.pack_paths: list[Path] = []
        self.profiles: dict[str, Profile] = {}
        self._by_suffix: dict[str, Reader] = {}
        self._collect()

    def _results(self, hook_name: str) -> list[tuple[str, object]]:
        """Every plugin's items for one hook, plugin by plugin in registration order."""
        hook = getattr(self.manager.hook, hook_name)
        out: list[tuple[str, object]] = []
        for name, plugin in self.manager.list_name_plugin():
            for impl in hook.get_hookimpls():
                if impl.plugin is not plugin:
                    continue
                try:
                    out.extend((name, item) for item in (impl.function() or ()))
                except Exception as exc:
                    self._problem(name, f"{hook_name} failed: {type(exc).__name__}: {exc}")
        return out

    def _problem(self, plugin: str, message: str) -> None:
        self.problems.append(PluginProblem(plugin, message))

    def _offered(self, hook_name: str, cls: type[_T]) -> list[tuple[str, _T]]:
        """The items of ``cls`` the plugins return for a hook; anything else is a problem."""
        out: list[tuple[str, _T]] = []
        for name, item in self._results(hook_name):
            if isinstance(item, cls):
                out.append((name, item))
            else:
                self._problem(name, f"returned {item!r}, not a {cls.__name__}")
        return out

    def _claim(self, table: dict[str, _T], key: str, what: str, name: str, item: _T) -> bool:
        """Register ``item`` under ``key`` for plugin ``name`` unless the key is taken."""
        if key in table:
            self._problem(name, _taken(what, table[key].plugin, name))
            return False
        table[key] = _owned(item, name)
        return True

    def _collect(self) -> None:
        for name, kind in self._offered("wpscheck_check_kinds", CheckKind):
            self._claim(self.check_kinds, kind.id, f'check kind "{kind.id}"', name, kind)
        for name, reader in self._offered("wpscheck_readers", Reader):
            self._add_reader(name, reader)
        for name, fmt in self._offered("wpscheck_formatters", Formatter):
            self._claim(self.formatters, fmt.name, f'format "{fmt.name}"', name, fmt)
        for name, prof in self._offered("wpscheck_profiles", Profile):
            self._claim(self.profiles, prof.name, f'profile "{prof.name}"', name, prof)
        for name, path in self._results("wpscheck_rule_packs"):
            p = Path(path)  # type: ignore[arg-type]
            if not p.exists():
                self._problem(name, f"rule pack path {p} does not exist")
            else:
                self.pack_paths.append(p)

    def _add_reader(self, name: str, reader: Reader) -> None:
        """Register a reader unless its name or one of its suffixes is taken."""
        taken = [s for s in reader.suffixes if s.lower() in self._by_suffix]
        if taken and reader.name not in self.readers:
            other = self._by_suffix[taken[0].lower()]
            self._problem(
                name,
                f'reader "{reader.name}" offers {taken[0]}, already read by reader '
                f'"{other.name}" of plugin "{other.plugin}"; the one from "{name}" is ignored',
            )
        elif self._claim(self.readers, reader.name, f'reader "{reader.name}"', name, reader):
            for suffix in reader.suffixes:
                self._by_suffix[suffix.lower()] = self.readers[reader.name]

    def check_kind(self, name: str) -> CheckKind:
        return _lookup(self.check_kinds, name, "check kind")

    def formatter(self, name: str) -> Formatter:
        return _lookup(self.formatters, name, "format")

    def profile(self, name: str) -> Profile:
        return _lookup(self.profiles, name, "profile")

    def reader_for(self, path: Path) -> Reader | None:
        return self._by_suffix.get(path.suffix.lower())

    @property
    def document_suffixes(self) -> tuple[str, ...]:
        return tuple(sorted(self._by_suffix))


def _ep_key(ep: importlib.metadata.EntryPoint) -> tuple[str, str]:
    return ep.name, ep.value


def _manager(
    *, entry_points: bool, extra: Iterable[object]
) -> tuple[pluggy.PluginManager, list[PluginProblem]]:
    """A plugin manager with the built-ins first, then installed entry points by name,
    then ``extra`` plugins; and the entry points that could not be loaded."""
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(Hooks)
    from wpscheck import builtin

    pm.register(builtin, name="builtin")
    problems: list[PluginProblem] = []
    if entry_points:
        for ep in sorted(importlib.metadata.entry_points(group=PROJECT), key=_ep_key):
            if ep.name == "builtin" and ep.value == "wpscheck.builtin":
                continue  # wpscheck's own entry point: registered above
            if pm.has_plugin(ep.name):
                problems.append(
                    PluginProblem(
                        ep.name,
                        f'entry point "{ep.value}" not loaded: a plugin named "{ep.name}" '
                        "is already registered",
                    )
                )
                continue
            try:
                pm.register(ep.load(), name=ep.name)
            except Exception as exc:
                problems.append(
                    PluginProblem(ep.name, f"could not be loaded: {type(exc).__name__}: {exc}")
                )
    for i, plugin in enumerate(extra):
        pm.register(plugin, name=getattr(plugin, "__name__", f"plugin-{i}"))
    return pm, problems


_default: Registry | None = None


def registry(*, refresh: bool = False) -> Registry:
    """The process-wide registry of installed plugins (built on first use)."""
    global _default
    if _default is None or refresh:
        _default = Registry(*_manager(entry_points=True, extra=()))
    return _default


def build_registry(*plugins: object, entry_points: bool = False) -> Registry:
    """A registry with the built-ins plus ``plugins`` (for tests and embedding)."""
    return Registry(*_manager(entry_points=entry_points, extra=plugins))
