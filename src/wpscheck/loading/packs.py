"""Rule packs from TOML: validated whole by the pack-file model, every mistake reported.

One validation (:func:`wpscheck.packfile.pack_file_model`) checks the whole file: the
``[pack]`` table, the ``[[baseline]]`` paths (inside the pack's folder), the ``[data]``
vocabularies, and every rule with its check kind's parameters and what they point at (a
retain rule's ``ref`` in its baseline, its key terms in the provision). Each mistake is
said with ``file:line:col``, the rule, what was expected and the closest valid name; all
of them are reported together, one ``error:`` line each.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from wpscheck.errors import RulePackError, closest, did_you_mean, format_place
from wpscheck.loading.files import read_text, show
from wpscheck.loading.packcache import PackCache
from wpscheck.loading.packcache import enabled as cache_enabled
from wpscheck.loading.positions import (
    describe_validation_error,
    loc_path,
    locate_single_table_key,
    locate_table_key,
    locate_top_level_key,
    parse_toml,
)
from wpscheck.models import RULE_COMMON_KEYS, Rule, RulePack, Selector
from wpscheck.packfile import BaselineTable, PackContext, PackData, PackFile, PackTable
from wpscheck.packfile import pack_file_model as _file_model
from wpscheck.registry import Registry, registry

__all__ = ["load_pack", "load_packs", "shipped_packs"]

PACK_KEYS = (*PackFile.model_fields, "rule")


class _Source:
    """The text of one pack file and its raw data, for placing each mistake."""

    def __init__(self, path: Path, text: str, data: dict[str, Any], reg: Registry) -> None:
        self.show = show(path)
        self.text = text
        self.data = data
        self.reg = reg

    def place(self, line: int | None, col: int | None = None) -> str:
        return format_place(self.show, line, col)

    def raw_rule(self, index: int) -> dict[str, Any]:
        rules = self.data.get("rule")
        raw = rules[index] if isinstance(rules, list) and index < len(rules) else None
        return raw if isinstance(raw, dict) else {}

    def rule_label(self, index: int) -> str:
        rid = self.raw_rule(index).get("id")
        return f'rule "{rid}"' if rid else f"rule {index + 1} (no id)"


def load_pack(path: str | Path, *, reg: Registry | None = None) -> RulePack:
    """Load and validate one TOML rule pack; every mistake in it is in the error."""
    reg = reg or registry()
    path = Path(path)
    text = read_text(path, what="rule pack")
    cache = PackCache(path, text, reg) if cache_enabled() else None
    if cache is not None and (hit := cache.get()) is not None:
        return hit
    data = parse_toml(path, text)
    src = _Source(path, text, data, reg)
    if not isinstance(data.get("pack"), dict) and ("bodies" in data or "pack" not in data):
        raise RulePackError(
            f"{src.show}: not a rule pack: it has no [pack] table (id, title, version); "
            f"a snapshot of bodies goes after `wpscheck check`, not after --rules"
        )
    declared = data["pack"].get("kinds") if isinstance(data.get("pack"), dict) else None
    kinds = tuple(k for k in declared if isinstance(k, str)) if isinstance(declared, list) else ()
    context = PackContext(folder=path.resolve().parent, kinds=kinds)
    problems = _duplicate_rules(src)
    try:
        model = _file_model(reg).model_validate(data, context=context)
    except ValidationError as exc:
        problems += _describe(src, exc.errors())
    if problems:
        problems.sort(key=lambda p: (p[0] or 0, p[1] or 0))
        lines = list(dict.fromkeys(message for _, _, message in problems))
        raise RulePackError("\nerror: ".join(lines))
    pack = _pack(src, model, context)
    if cache is not None:
        cache.put(pack, _files_read(model, context))
    return pack


def _files_read(model: PackFile, context: PackContext) -> list[Path]:
    """The files besides the pack file that validating it read: baselines, vocabulary."""
    files = list((context.baselines or {}).values())
    if model.data.vocabulary is not None:
        files.append(context.resolve(model.data.vocabulary))
    return files


def _pack(src: _Source, model: PackFile, context: PackContext) -> RulePack:
    meta = model.pack
    rules = []
    raw_rules: Sequence[BaseModel] = getattr(model, "rule", ())
    for i, m in enumerate(raw_rules):
        kind = src.reg.check_kinds[str(getattr(m, "check"))]  # noqa: B009
        header, _ = locate_table_key(src.text, "rule", i, None)
        params = m.model_dump(mode="python", include=set(kind.params.model_fields))
        common = {k: getattr(m, k) for k in RULE_COMMON_KEYS if k in m.model_fields_set}
        rules.append(Rule(**common, params=params, pack=meta.id, line=header))
    baselines = context.baselines or {}
    return RulePack(
        id=meta.id,
        title=meta.title,
        version=meta.version,
        description=meta.description,
        references=meta.references,
        data=src.data.get("data", {}),
        baselines={b: str(p) for b, p in baselines.items()},
        baseline_info={
            b.id: {k: v for k in ("symbol", "title") if (v := getattr(b, k))}
            for b in model.baseline
            if b.symbol or b.title
        },
        rules=tuple(rules),
        path=src.show,
    )


Problem = tuple[int | None, int | None, str]


def _duplicate_rules(src: _Source) -> list[Problem]:
    out: list[Problem] = []
    seen: dict[str, int] = {}
    rules = src.data.get("rule")
    for i, raw in enumerate(rules if isinstance(rules, list) else ()):
        rid = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(rid, str):
            continue
        if rid in seen:
            line, _ = locate_table_key(src.text, "rule", i, None)
            out.append(
                (
                    line,
                    None,
                    f'{src.place(line)}: rule "{rid}" is defined twice '
                    f"(first as rule {seen[rid] + 1})",
                )
            )
        else:
            seen[rid] = i
    return out


def _describe(src: _Source, errors: Sequence[Any]) -> list[Problem]:
    """Each validation error as a problem with its place; a "missing" key is left out
    when the same table has an unknown key that is its misspelling."""
    unknown: dict[tuple[Any, ...], list[str]] = {}
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden" and loc[:1] == ("rule",):
            unknown.setdefault(loc[:2], []).append(str(loc[-1]))
    out: list[Problem] = []
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "missing" and loc[:1] == ("rule",):
            name = str(loc[-1])
            if any(u == name or closest(u, [name]) for u in unknown.get(loc[:2], [])):
                continue
        out.append(_problem(src, err, loc))
    return out


def _problem(src: _Source, err: Any, loc: tuple[Any, ...]) -> Problem:
    top = loc[0] if loc else None
    if top == "rule" and len(loc) > 1 and isinstance(loc[1], int):
        return _rule_problem(src, err, loc[1], loc[2:])
    if top == "pack" and len(loc) > 1:
        return _table_problem(src, err, "pack", loc[1:], PackTable)
    if top == "data" and len(loc) > 1:
        return _table_problem(src, err, "data", loc[1:], PackData)
    if top == "baseline" and len(loc) > 2 and isinstance(loc[1], int):
        return _baseline_problem(src, err, loc[1], loc[2:])
    if err["type"] == "extra_forbidden" and len(loc) == 1:
        line, col = locate_top_level_key(src.text, str(top))
        near = did_you_mean(str(top), PACK_KEYS)
        return line, col, f'{src.place(line, col)}: unknown top-level key "{top}"{near}'
    shapes = {
        "rule": "rules are written as [[rule]] tables",
        "baseline": "baselines are written as [[baseline]] tables",
        "pack": "[pack] is a table of id, title, version, description and references",
        "data": "[data] is a table of vocabularies: verb_scale, weakening_qualifiers, intensifiers",
    }
    line, col = locate_top_level_key(src.text, str(top))
    text = shapes.get(str(top)) if err["type"] != "value_error" else None
    return line, col, f"{src.place(line, col)}: {text or describe_validation_error(err)}"


def _table_problem(
    src: _Source, err: Any, table: str, loc: tuple[Any, ...], model: type[BaseModel]
) -> Problem:
    key = str(loc[0])
    line, col = locate_single_table_key(src.text, table, key)
    if err["type"] == "extra_forbidden":
        msg = f'[{table}]: unknown key "{key}"{did_you_mean(key, model.model_fields)}'
    else:
        sep = " " if err["type"] == "missing" else ": "
        msg = f"[{table}] {loc_path(loc)}{sep}{describe_validation_error(err)}"
    return line, col, f"{src.place(line, col)}: {msg}"


def _baseline_problem(src: _Source, err: Any, index: int, loc: tuple[Any, ...]) -> Problem:
    raw = src.data.get("baseline")
    entry = raw[index] if isinstance(raw, list) and index < len(raw) else {}
    bid = entry.get("id") if isinstance(entry, dict) else None
    label = f'baseline "{bid}"' if bid else f"baseline {index + 1}"
    key = str(loc[0])
    line, col = locate_table_key(src.text, "baseline", index, key)
    if err["type"] == "extra_forbidden":
        msg = f'unknown key "{key}"{did_you_mean(key, BaselineTable.model_fields)}'
    elif err["type"] == "missing":
        msg = f'missing key "{key}" (a baseline needs an id and a path)'
    else:
        msg = f'key "{loc_path(loc)}": {describe_validation_error(err)}'
    return line, col, f"{src.place(line, col)}: {label}: {msg}"


def _rule_problem(src: _Source, err: Any, index: int, loc: tuple[Any, ...]) -> Problem:
    header, _ = locate_table_key(src.text, "rule", index, None)
    label = src.rule_label(index)
    kinds = src.reg.check_kinds
    etype = err["type"]
    if etype == "union_tag_not_found":
        return (
            header,
            None,
            f'{src.place(header)}: {label}: missing key "check" '
            f"(valid check kinds: {', '.join(sorted(kinds))})",
        )
    if etype == "union_tag_invalid":
        check = str(src.raw_rule(index).get("check"))
        line, col = locate_table_key(src.text, "rule", index, "check")
        return (
            line,
            col,
            f'{src.place(line, col)}: {label}: unknown check kind "{check}"'
            f"{did_you_mean(check, kinds)}",
        )
    if etype in ("model_type", "dict_type") and len(loc) <= 1:
        return header, 1, f"{src.place(header, 1)}: a rule must be a table"
    check = str(src.raw_rule(index).get("check"))
    rest = loc[1:] if loc and loc[0] in kinds else loc
    param_keys = list(kinds[check].params.model_fields) if check in kinds else []
    valid_keys = [*RULE_COMMON_KEYS, *param_keys]
    if not rest:  # about the rule as a whole, or a key the validator names
        key = (err.get("ctx") or {}).get("key") if etype == "pack_problem" else None
        line, col = locate_table_key(src.text, "rule", index, key) if key else (header, 1)
        return line, col, f"{src.place(line, col)}: {label}: {describe_validation_error(err)}"
    if rest[0] == "applies_to" and len(rest) > 1:
        return _selector_problem(src, err, index, label, rest, valid_keys)
    key = str(rest[0])
    line, col = locate_table_key(src.text, "rule", index, key)
    if etype == "extra_forbidden":
        msg = f'unknown key "{key}" for check kind "{check}"{did_you_mean(key, valid_keys)}'
    else:
        msg = f'key "{loc_path(rest)}": {describe_validation_error(err, param_keys)}'
    return line, col, f"{src.place(line, col)}: {label}: {msg}"


def _selector_problem(
    src: _Source, err: Any, index: int, label: str, rest: tuple[Any, ...], valid: list[str]
) -> Problem:
    key = str(rest[1])
    line, col = locate_table_key(src.text, "rule", index, key, "applies_to")
    selector_keys = list(Selector.model_fields)
    if err["type"] == "extra_forbidden":
        desc = describe_validation_error(err, selector_keys, "selector key")
        near = closest(key, valid)
        if near and key not in selector_keys:
            desc = (
                f'unknown selector key "{key}" in [rule.applies_to], which holds only '
                f"{', '.join(selector_keys)}; "
                f'"{near[0]}" is a key of the rule itself: write it above [rule.applies_to]'
            )
        return line, col, f"{src.place(line, col)}: {label}: {desc}"
    desc = describe_validation_error(err, selector_keys, "selector key")
    return line, col, f'{src.place(line, col)}: {label}: key "{loc_path(rest)}": {desc}'


def _pack_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.glob("*.toml") if p.is_file())
        if not files:
            raise RulePackError(f"{show(path)}: directory holds no rule packs (*.toml)")
        return files
    if not path.exists():
        raise RulePackError(f"{show(path)}: no such file or directory")
    return [path]


def load_packs(
    paths: Iterable[str | Path], *, reg: Registry | None = None, every_file: bool = False
) -> list[RulePack]:
    """Load packs from files and directories (each ``*.toml`` in a directory), in order.

    With ``every_file``, a pack with mistakes does not stop the others: the error names
    the mistakes of every file."""
    reg = reg or registry()
    packs: list[RulePack] = []
    where: dict[str, str] = {}
    problems: list[str] = []
    for p in paths:
        for f in _pack_files(Path(p)):
            try:
                pack = load_pack(f, reg=reg)
                if pack.id in where:
                    raise RulePackError(
                        f'{show(f)}: pack id "{pack.id}" is also used by {where[pack.id]}'
                    )
            except RulePackError as exc:
                if not every_file:
                    raise
                problems.append(str(exc))
                continue
            where[pack.id] = show(f)
            packs.append(pack)
    if problems:
        raise RulePackError("\nerror: ".join(problems))
    return packs


def shipped_packs(reg: Registry | None = None) -> list[RulePack]:
    """The packs every installed plugin (wpscheck itself included) ships."""
    reg = reg or registry()
    return load_packs(reg.pack_paths, reg=reg)
