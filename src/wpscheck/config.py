"""A team's settings, found the way linters find theirs.

``wpscheck.toml`` (its top level), or the ``[tool.wpscheck]`` table of ``pyproject.toml``,
in the current directory or the nearest parent that has one — the first found wins, and
``wpscheck.toml`` before ``pyproject.toml`` in the same directory::

    # wpscheck.toml
    rules = ["packs/"]     # the team's packs, added to the shipped ones
    shipped = true         # false: only the packs above (as --only-rules)
    fail-on = "warning"    # the default of --fail-on

Paths are relative to the file that names them. Options given on the command line win
over the file; ``--no-config`` ignores it, ``--config FILE`` names one. A run says which
file it used (a report note), so a setting never applies unseen.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from wpscheck.errors import InputError, did_you_mean, format_place

if TYPE_CHECKING:
    from wpscheck.models import RulePack
    from wpscheck.registry import Registry

__all__ = [
    "CONFIG_FILES",
    "Config",
    "ConfigError",
    "PackChoice",
    "choose_packs",
    "discover",
    "load_config",
]

#: The files looked for in each directory, in this order.
CONFIG_FILES = ("wpscheck.toml", "pyproject.toml")
_KEYS = ("rules", "shipped", "fail-on")
_FAIL_ON = ("error", "warning", "never")


class ConfigError(InputError):
    """A settings file that cannot be used as it is."""


@dataclasses.dataclass(frozen=True)
class Config:
    """Settings from one file (``path``); ``rules`` resolved against its folder."""

    path: Path
    rules: tuple[Path, ...] = ()
    shipped: bool = True
    fail_on: Literal["error", "warning", "never"] | None = None

    @property
    def note(self) -> str:
        """What a report says about it."""
        where = self.path.as_posix()
        table = " [tool.wpscheck]" if self.path.name == "pyproject.toml" else ""
        return f"settings from {where}{table}"


def discover(start: Path) -> Path | None:
    """The settings file that applies in ``start``: the first of :data:`CONFIG_FILES`
    that holds wpscheck settings, in ``start`` or the nearest parent."""
    for folder in (start.resolve(), *start.resolve().parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_table(candidate)):
                return candidate
    return None


def _has_table(pyproject: Path) -> bool:
    data = _read(pyproject)
    tool = data.get("tool")
    return isinstance(tool, dict) and "wpscheck" in tool


def _read(path: Path) -> dict[str, Any]:
    from wpscheck.loading import parse_toml, read_text

    return parse_toml(path, read_text(path, what="settings file"), error=ConfigError)


def load_config(path: Path) -> Config:
    """Read and check one settings file."""
    data = _read(path)
    show = path.as_posix()
    if path.name == "pyproject.toml":
        tool = data.get("tool")
        data = tool.get("wpscheck", {}) if isinstance(tool, dict) else {}
        show += " [tool.wpscheck]"
    if not isinstance(data, dict):
        raise ConfigError(f"{show}: the wpscheck settings must be a table")
    for key in data:
        if key not in _KEYS:
            raise ConfigError(
                f'{format_place(show)}: unknown setting "{key}"{did_you_mean(key, _KEYS)}; '
                f"the settings are {', '.join(_KEYS)}"
            )
    rules = data.get("rules", [])
    if isinstance(rules, str):
        rules = [rules]
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        raise ConfigError(f'{show}: "rules" must be a list of paths (packs or folders of packs)')
    shipped = data.get("shipped", True)
    if not isinstance(shipped, bool):
        raise ConfigError(f'{show}: "shipped" must be true or false')
    fail_on = data.get("fail-on")
    if fail_on is not None and fail_on not in _FAIL_ON:
        raise ConfigError(
            f'{show}: "fail-on" is "{fail_on}"{did_you_mean(str(fail_on), _FAIL_ON)}; '
            f"expected one of {', '.join(_FAIL_ON)}"
        )
    folder = path.parent
    resolved = tuple(folder / r for r in rules)
    for r, given in zip(resolved, rules, strict=True):
        if not r.exists():
            raise ConfigError(f'{show}: "rules" names {given}, which does not exist in {folder}')
    if not shipped and not resolved:
        raise ConfigError(f'{show}: "shipped = false" with no "rules" would check nothing')
    return Config(path=path, rules=resolved, shipped=shipped, fail_on=fail_on)


@dataclasses.dataclass(frozen=True)
class PackChoice:
    """The packs a run uses and why: the shipped packs (unless turned off), then the packs
    named by the settings file and ``--rules``, or only ``--only-rules``'s."""

    packs: tuple[RulePack, ...]
    #: The ids of the packs a user named (settings, ``--rules``, ``--only-rules``): a rule of
    #: theirs that selects nothing is worth a warning; a shipped pack's is not.
    named: frozenset[str] = frozenset()
    #: What a report says about the choice (the settings file, a shipped pack replaced).
    notes: tuple[str, ...] = ()

    @property
    def named_first(self) -> tuple[RulePack, ...]:
        """The packs with the named ones first: where the first pack that gives something
        wins (``diff``'s vocabulary), the user's wins over a shipped one."""
        mine = tuple(p for p in self.packs if p.id in self.named)
        return (*mine, *(p for p in self.packs if p.id not in self.named))


def choose_packs(
    *,
    rules: Sequence[str | Path] = (),
    only_rules: Sequence[str | Path] = (),
    config: Config | None = None,
    reg: Registry | None = None,
) -> PackChoice:
    """The packs of a run. ``only_rules``: those alone. Otherwise the shipped packs (unless
    the settings say ``shipped = false``) with the settings' ``rules`` and ``rules`` added;
    a pack with the id of a shipped one replaces it (said in a note)."""
    from wpscheck.loading import load_packs, shipped_packs

    notes = [config.note] if config is not None else []
    if only_rules:
        only = load_packs(only_rules, reg=reg)
        return PackChoice(tuple(only), frozenset(p.id for p in only), tuple(notes))
    base = shipped_packs(reg) if config is None or config.shipped else []
    wanted = [*(config.rules if config else ()), *rules]
    added = load_packs(wanted, reg=reg) if wanted else []
    packs = list(base)
    for pack in added:
        same = next((i for i, p in enumerate(packs) if p.id == pack.id), None)
        if same is None:
            packs.append(pack)
            continue
        if _same_file(packs[same], pack):
            continue
        notes.append(f'pack "{pack.id}" from {pack.path} replaces the shipped pack of that id')
        packs[same] = pack
    return PackChoice(tuple(packs), frozenset(p.id for p in added), tuple(notes))


def _same_file(a: RulePack, b: RulePack) -> bool:
    return bool(a.path and b.path) and Path(a.path or "").resolve() == Path(b.path or "").resolve()
