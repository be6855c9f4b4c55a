"""Loading: rule packs from TOML, snapshots from TOML / JSON / CSV, drafts via readers.

Every mistake in a file becomes a :class:`~wpscheck.errors.WpscheckError` whose message
names the file, the line and column (or the data path such as ``bodies[3].women``), what
was expected, and the closest valid name.
"""

from __future__ import annotations

import csv
import functools
import gc
import io
import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from wpscheck.errors import (
    DocumentError,
    InputError,
    RulePackError,
    SnapshotError,
    WpscheckError,
    closest,
    did_you_mean,
    format_place,
)
from wpscheck.models import (
    BODY_ID,
    RULE_COMMON_KEYS,
    RULE_ID,
    Body,
    Document,
    Rule,
    RulePack,
    Selector,
    Snapshot,
)
from wpscheck.registry import Registry, registry

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

__all__ = [
    "SNAPSHOT_SUFFIXES",
    "describe_validation_error",
    "expand_inputs",
    "load_document",
    "load_inputs",
    "load_pack",
    "load_packs",
    "load_snapshot",
    "read_text",
    "shipped_packs",
]

SNAPSHOT_SUFFIXES = (".toml", ".json", ".csv")
PACK_KEYS = ("pack", "data", "baseline", "rule")
PACK_META_KEYS = ("id", "title", "version", "description", "references")
BASELINE_KEYS = ("id", "path", "title", "symbol")
MAX_INPUT_BYTES = 64 * 1024 * 1024


# --------------------------------------------------------------------------- helpers


def read_text(path: Path, *, what: str = "file") -> str:
    """Read a UTF-8 text file (a BOM is allowed) or raise a clear error."""
    data = read_bytes(path, what=what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{format_place(_show(path), line)}: not UTF-8 text (byte 0x{data[exc.start]:02x} "
            f"at offset {exc.start}); save the {what} as UTF-8"
        ) from None


def read_bytes(
    path: Path,
    *,
    what: str = "file",
    limit: int = MAX_INPUT_BYTES,
    error: type[WpscheckError] = InputError,
    too_large_hint: str = "",
) -> bytes:
    """A file's bytes, or ``error`` saying it is missing, a directory, too large or unreadable."""
    if not path.exists():
        raise error(f"{_show(path)}: no such file or directory")
    if path.is_dir():
        raise error(f"{_show(path)}: is a directory, expected a {what}")
    size = path.stat().st_size
    if size > limit:
        raise error(
            f"{_show(path)}: {size:,} bytes is larger than the {limit:,}-byte limit for a {what}"
            + too_large_hint
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise error(f"{_show(path)}: cannot be read ({exc.strerror})") from None


def _show(path: Path | str) -> str:
    return Path(path).as_posix()


_TOML_POS = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")
_TOML_EOF = re.compile(r"^(?P<msg>.*?)\s*\(at end of document\)$")


def parse_toml(path: Path, text: str, *, error: type[Exception] = RulePackError) -> dict[str, Any]:
    try:
        data: dict[str, Any] = tomllib.loads(text)
        return data
    except tomllib.TOMLDecodeError as exc:
        raw = str(exc)
        m = _TOML_POS.match(raw)
        if m:
            place = format_place(_show(path), int(m["line"]), int(m["col"]))
            msg = m["msg"]
        else:
            e = _TOML_EOF.match(raw)
            place = format_place(_show(path), text.count("\n") + 1)
            msg = e["msg"] if e else raw
        msg = _TOML_FRIENDLY.get(msg, msg)
        raise error(f"{place}: invalid TOML: {msg}{_caret(text, place)}") from None


_TOML_FRIENDLY: Mapping[str, str] = {
    "Illegal character '\\n'": "the line ends inside a string (a closing quote is missing)",
    "Invalid value": "a value is missing or not valid TOML (text goes in quotes)",
    "Cannot overwrite a value": "a key is given twice",
}


def _caret(text: str, place: str) -> str:
    """The offending line with a caret under the column, for a ``path:line:col`` place."""
    parts = place.rsplit(":", 2)
    if len(parts) != 3 or not (parts[1].isdigit() and parts[2].isdigit()):
        return ""
    line, col = int(parts[1]), int(parts[2])
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return ""
    source = lines[line - 1].expandtabs(1)
    return f"\n    {source}\n    {' ' * (col - 1)}^"


def _locate_single_table_key(text: str, header: str, key: str) -> tuple[int | None, int | None]:
    """Line and column of ``key`` in the ``[header]`` table of a TOML text (or of the header
    when the key is not written there; ``(None, None)`` without the table)."""
    lines = text.splitlines()
    table_re = re.compile(r"^\s*\[\s*" + re.escape(header) + r"\s*\]")
    key_re = re.compile(r'^(\s*)(?:"' + re.escape(key) + r'"|' + re.escape(key) + r")\s*=")
    for i, line in enumerate(lines):
        if table_re.match(line):
            for j in range(i + 1, len(lines)):
                if lines[j].lstrip().startswith("["):
                    break
                m = key_re.match(lines[j])
                if m:
                    return j + 1, len(m.group(1)) + 1
            return i + 1, 1
    return None, None


def _locate_table_key(
    text: str, header: str, index: int, key: str | None, subtable: str | None = None
) -> tuple[int | None, int | None]:
    """Line and column of ``key`` in the ``index``-th ``[[header]]`` table of a TOML text.

    With ``key=None``, the line of the table header itself. Best effort: falls back to the
    header's line when the key is not found (e.g. in an inline table).
    """
    lines = text.splitlines()
    count = -1
    start: int | None = None
    table_re = re.compile(r"^\s*\[\[\s*" + re.escape(header) + r"\s*\]\]")
    for i, line in enumerate(lines):
        if table_re.match(line):
            count += 1
            if count == index:
                start = i
                break
    if start is None:
        return None, None
    if key is None:
        return start + 1, 1
    in_sub = subtable is None
    key_re = re.compile(r'^(\s*)(?:"' + re.escape(key) + r'"|' + re.escape(key) + r")\s*=")
    sub_re = (
        re.compile(r"^\s*\[\s*" + re.escape(f"{header}.{subtable}") + r"\s*\]")
        if subtable
        else None
    )
    for j in range(start + 1, len(lines)):
        line = lines[j]
        if table_re.match(line):
            break
        stripped = line.lstrip()
        if stripped.startswith("["):
            if sub_re is not None and sub_re.match(line):
                in_sub = True
                continue
            if not stripped.startswith(f"[{header}."):
                break
            in_sub = False
            continue
        if subtable is not None and not in_sub:
            m_inline = re.match(r"^\s*" + re.escape(subtable) + r"\s*=", line)
            if m_inline and key in line:
                return j + 1, line.index(key) + 1
            continue
        m = key_re.match(line)
        if m:
            return j + 1, len(m.group(1)) + 1
    return start + 1, 1


_FRIENDLY: Mapping[str, str] = {
    "int_parsing": "expected a whole number",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "string_type": "expected text",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "date_parsing": "expected a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "expected a date (YYYY-MM-DD)",
    "date_type": "expected a date (YYYY-MM-DD)",
    "list_type": "expected a list",
    "tuple_type": "expected a list",
    "dict_type": "expected a table",
    "model_type": "expected a table",
    "missing": "is required but missing",
    "string_pattern_mismatch": "has characters that are not allowed",
}

#: What an id pattern allows, said in words, with an example.
_PATTERN_HELP: Mapping[str, str] = {
    RULE_ID: "expected lowercase letters, digits and dashes, not starting or ending with a "
    'dash, such as "csa-30pct"',
    BODY_ID: "expected letters, digits and . _ : -, starting with a letter or digit, "
    'such as "ml-national-assembly-2020"',
}


def _id_suggestion(pattern: str, value: str) -> str:
    """The closest valid id to ``value`` under ``pattern`` ("" when none is obvious)."""
    if pattern == RULE_ID:
        near = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    elif pattern == BODY_ID:
        near = re.sub(r"[^A-Za-z0-9._:-]+", "-", value).strip("-._:")
    else:
        return ""
    return f' (did you mean "{near}"?)' if near and near != value else ""


def _choices(expected: str) -> list[str]:
    """The values of a pydantic ``literal_error``'s ``expected``: "'a', 'b' or 'c'"."""
    return re.findall(r"'([^']*)'", expected)


def _loc_path(loc: Sequence[int | str], root: str = "") -> str:
    out = root
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def describe_validation_error(
    err: Mapping[str, Any], valid_keys: Iterable[str] = (), subject: str = "key"
) -> str:
    """One pydantic error as a sentence: what was expected, what was given."""
    etype = str(err.get("type", ""))
    loc = err.get("loc", ())
    name = str(loc[-1]) if loc else ""
    if etype == "extra_forbidden":
        return f'unknown {subject} "{name}"{did_you_mean(name, valid_keys)}'
    if etype == "value_error":
        msg = str(err.get("msg", "")).removeprefix("Value error, ")
        return msg
    ctx = err.get("ctx") or {}
    given = err.get("input")
    if etype == "string_pattern_mismatch" and str(ctx.get("pattern")) in _PATTERN_HELP:
        pattern = str(ctx["pattern"])
        return (
            f"{_PATTERN_HELP[pattern]}, got {json.dumps(given, ensure_ascii=False)}"
            f"{_id_suggestion(pattern, str(given))}"
        )
    if etype == "literal_error" and "expected" in ctx:
        choices = _choices(str(ctx["expected"]))
        got = json.dumps(given, default=str, ensure_ascii=False)
        near = did_you_mean(str(given), choices) if closest(str(given), choices) else ""
        return f"expected one of {', '.join(choices)}, got {got}{near}"
    bounds = {
        "less_than_equal": "at most",
        "greater_than_equal": "at least",
        "less_than": "less than",
        "greater_than": "more than",
    }
    if etype in bounds:
        limit = next(iter(ctx.values()), "?")
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)
        got = json.dumps(given, default=str, ensure_ascii=False)
        return f"expected a number {bounds[etype]} {limit}, got {got}"
    text = _FRIENDLY.get(etype)
    if text is None:
        text = str(err.get("msg", "is not valid"))
        text = text[0].lower() + text[1:] if text else text
    if etype != "missing" and "input" in err:
        text += f", got {json.dumps(err['input'], default=str, ensure_ascii=False)}"
    return text


def _first_error(exc: ValidationError) -> Any:
    """The error to report: an unknown key first (it is often the misspelt missing one)."""
    errors = exc.errors()
    return next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])


def _fields(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


# --------------------------------------------------------------------------- rule packs


def load_pack(path: str | Path, *, reg: Registry | None = None) -> RulePack:
    """Load and validate one TOML rule pack."""
    reg = reg or registry()
    path = Path(path)
    text = read_text(path, what="rule pack")
    data = parse_toml(path, text)
    show = _show(path)
    if "pack" not in data and "bodies" in data:
        data = {"pack": None}
    for key in data:
        if key not in PACK_KEYS:
            raise RulePackError(
                f'{show}: unknown top-level key "{key}"{did_you_mean(key, PACK_KEYS)}'
            )
    meta = data.get("pack")
    if not isinstance(meta, dict):
        raise RulePackError(
            f"{show}: not a rule pack: it has no [pack] table (id, title, version); "
            f"a snapshot of bodies goes after `wpscheck check`, not after --rules"
        )
    for key in meta:
        if key not in PACK_META_KEYS:
            raise RulePackError(
                f'{show}: [pack]: unknown key "{key}"{did_you_mean(key, PACK_META_KEYS)}'
            )
    baselines: dict[str, str] = {}
    baseline_info: dict[str, dict[str, str]] = {}
    for i, b in enumerate(data.get("baseline", []) or []):
        if not isinstance(b, dict) or "id" not in b or "path" not in b:
            raise RulePackError(f"{show}: baseline[{i}] needs an id and a path")
        for key in b:
            if key not in BASELINE_KEYS:
                line, col = _locate_table_key(text, "baseline", i, key)
                raise RulePackError(
                    f'{format_place(show, line, col)}: baseline "{b["id"]}": unknown key '
                    f'"{key}"{did_you_mean(key, BASELINE_KEYS)}'
                )
        target = (path.parent / str(b["path"])).resolve()
        if not target.is_file():
            line, col = _locate_table_key(text, "baseline", i, "path")
            raise RulePackError(
                f'{format_place(show, line, col)}: baseline "{b["id"]}": no such file '
                f"{_show(Path(str(b['path'])))} (paths are relative to the pack file)"
            )
        baselines[str(b["id"])] = str(target)
        info = {k: str(b[k]) for k in ("symbol", "title") if b.get(k)}
        if info:
            baseline_info[str(b["id"])] = info
    pack_id = meta.get("id")
    try:  # the [pack] table first: its mistakes are reported before the rules'
        RulePack(**{k: str(v) if k == "version" else v for k, v in meta.items()})
    except ValidationError as exc:
        err = exc.errors()[0]
        where = _loc_path(err["loc"])
        line, col = _locate_single_table_key(text, "pack", str(err["loc"][0]))
        sep = " " if err["type"] == "missing" else ": "
        raise RulePackError(
            f"{format_place(show, line, col)}: [pack] {where}{sep}"
            f"{describe_validation_error(err, PACK_META_KEYS)}"
        ) from None
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise RulePackError(f"{show}: rules are written as [[rule]] tables")
    for i, raw in enumerate(raw_rules):
        rules.append(_load_rule(reg, text, show, i, raw, str(pack_id or "")))
        rid = rules[-1].id
        if rid in seen:
            line, _ = _locate_table_key(text, "rule", i, None)
            raise RulePackError(
                f'{format_place(show, line)}: rule "{rid}" is defined twice '
                f"(first as rule {seen[rid] + 1})"
            )
        seen[rid] = i
    try:
        return RulePack(
            id=pack_id,
            title=meta.get("title"),
            version=str(meta.get("version", "1")),
            description=meta.get("description"),
            references=meta.get("references", ()),
            data=data.get("data", {}),
            baselines=baselines,
            baseline_info=baseline_info,
            rules=tuple(rules),
            path=show,
        )
    except ValidationError as exc:
        err = exc.errors()[0]
        where = _loc_path(err["loc"])
        raise RulePackError(
            f"{show}: [pack] {where}: {describe_validation_error(err, PACK_META_KEYS)}"
        ) from None


def _load_rule(reg: Registry, text: str, show: str, index: int, raw: Any, pack_id: str) -> Rule:
    header_line, _ = _locate_table_key(text, "rule", index, None)
    if not isinstance(raw, dict):
        raise RulePackError(f"{format_place(show, header_line)}: a rule must be a table")
    rid = raw.get("id")
    label = f'rule "{rid}"' if rid else f"rule {index + 1} (no id)"
    if "check" not in raw:
        raise RulePackError(
            f'{format_place(show, header_line)}: {label}: missing key "check" '
            f"(valid check kinds: {', '.join(sorted(reg.check_kinds))})"
        )
    check = str(raw["check"])
    if check not in reg.check_kinds:
        line, col = _locate_table_key(text, "rule", index, "check")
        raise RulePackError(
            f'{format_place(show, line, col)}: {label}: unknown check kind "{check}"'
            f"{did_you_mean(check, reg.check_kinds)}"
        )
    kind = reg.check_kinds[check]
    common = {k: v for k, v in raw.items() if k in RULE_COMMON_KEYS}
    params = {k: v for k, v in raw.items() if k not in RULE_COMMON_KEYS}
    param_keys = _fields(kind.params)
    valid_keys = [*RULE_COMMON_KEYS, *param_keys]
    try:
        rule = Rule(**common, pack=pack_id, line=header_line)
    except ValidationError as exc:
        err = _first_error(exc)
        loc = err["loc"]
        sub = "applies_to" if loc and loc[0] == "applies_to" and len(loc) > 1 else None
        key = str(loc[-1]) if loc and not isinstance(loc[-1], int) else str(loc[0]) if loc else None
        if sub and isinstance(loc[-1], int):
            key = str(loc[1])
        line, col = _locate_table_key(text, "rule", index, key, sub)
        what = "selector key" if sub else "key"
        keys = list(Selector.model_fields) if sub else valid_keys
        desc = describe_validation_error(err, keys, what)
        if sub and err["type"] == "extra_forbidden" and key is not None:
            near = closest(key, valid_keys)
            if near and key not in Selector.model_fields:
                desc = (
                    f'unknown selector key "{key}" in [rule.applies_to], which holds only '
                    f"{', '.join(Selector.model_fields)}; "
                    f'"{near[0]}" is a key of the rule itself: write it above [rule.applies_to]'
                )
        prefix = f'key "{_loc_path(loc)}": ' if err["type"] != "extra_forbidden" else ""
        raise RulePackError(f"{format_place(show, line, col)}: {label}: {prefix}{desc}") from None
    try:
        validated = kind.params.model_validate(params)
    except ValidationError as exc:
        err = _first_error(exc)
        loc = err["loc"]
        key = str(loc[0]) if loc else None
        line, col = _locate_table_key(text, "rule", index, key)
        if err["type"] == "extra_forbidden":
            msg = (
                f'unknown key "{key}" for check kind "{check}"{did_you_mean(str(key), valid_keys)}'
            )
        else:
            where = f'key "{_loc_path(loc)}": ' if loc else ""
            msg = where + describe_validation_error(err, param_keys)
        raise RulePackError(f"{format_place(show, line, col)}: {label}: {msg}") from None
    return rule.model_copy(update={"params": validated.model_dump(mode="python")})


def _pack_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.glob("*.toml") if p.is_file())
        if not files:
            raise RulePackError(f"{_show(path)}: directory holds no rule packs (*.toml)")
        return files
    if not path.exists():
        raise RulePackError(f"{_show(path)}: no such file or directory")
    return [path]


def load_packs(paths: Iterable[str | Path], *, reg: Registry | None = None) -> list[RulePack]:
    """Load packs from files and directories (each ``*.toml`` in a directory), in order."""
    reg = reg or registry()
    packs: list[RulePack] = []
    where: dict[str, str] = {}
    for p in paths:
        for f in _pack_files(Path(p)):
            pack = load_pack(f, reg=reg)
            if pack.id in where:
                raise RulePackError(
                    f'{_show(f)}: pack id "{pack.id}" is also used by {where[pack.id]}'
                )
            where[pack.id] = _show(f)
            packs.append(pack)
    return packs


def shipped_packs(reg: Registry | None = None) -> list[RulePack]:
    """The packs every installed plugin (wpscheck itself included) ships."""
    reg = reg or registry()
    return load_packs(reg.pack_paths, reg=reg)


# --------------------------------------------------------------------------- snapshots


@functools.cache
def _bodies_adapter() -> TypeAdapter[tuple[Body, ...]]:
    """The validator of a list of bodies, built on first use (a draft check needs none)."""
    return TypeAdapter(tuple[Body, ...])


SNAPSHOT_KEYS = tuple(k for k in Snapshot.model_fields if k not in ("path", "lines"))
BODY_KEYS = tuple(Body.model_fields)
CSV_REQUIRED = ("id", "name", "kind")
CSV_COLUMNS = tuple(k for k in BODY_KEYS if k not in ("members", "history"))


def load_snapshot(path: str | Path) -> Snapshot:
    """Read a snapshot of bodies from a ``.toml``, ``.json`` or ``.csv`` file."""
    # Loading makes a few objects per body and no reference cycles: the cyclic garbage
    # collector would only rescan the growing heap (a third of loading 100,000 bodies).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_snapshot(Path(path))
    finally:
        if collecting:
            gc.enable()


def _load_snapshot(path: Path) -> Snapshot:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _load_csv(path)
    text = read_text(path, what="snapshot")
    if suffix == ".toml":
        data: Any = parse_toml(path, text, error=SnapshotError)
        if "pack" in data and "rule" in data:
            raise SnapshotError(
                f"{_show(path)}: this is a rule pack, not a snapshot; pass it with --rules"
            )
        lines = _toml_body_lines(text)
    elif suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SnapshotError(
                f"{format_place(_show(path), exc.lineno, exc.colno)}: invalid JSON: {exc.msg}"
            ) from None
        if isinstance(data, list):
            data = {"bodies": data}
        lines = _json_body_lines(text, data)
    else:
        raise InputError(
            f"{_show(path)}: cannot read {suffix or 'a file without a suffix'} as a snapshot "
            f"(expected {', '.join(SNAPSHOT_SUFFIXES)})"
        )
    if not isinstance(data, dict):
        raise SnapshotError(f"{_show(path)}: expected a table with a list of bodies")
    if not data.get("bodies"):
        how = (
            "[[bodies]] tables, each with at least id, name and kind"
            if suffix == ".toml"
            else "a list of bodies, each with at least id, name and kind (or an object with a "
            '"bodies" list)'
        )
        raise SnapshotError(f"{_show(path)}: the snapshot holds no bodies; expected {how}")
    return _validate_snapshot(
        path,
        data,
        lines,
        toml_text=text if suffix == ".toml" else None,
        json_text=text if suffix == ".json" else None,
    )


def _validate_snapshot(
    path: Path,
    data: dict[str, Any],
    lines: list[int | None],
    *,
    toml_text: str | None = None,
    json_text: str | None = None,
) -> Snapshot:
    show = _show(path)
    for key in data:
        if key not in SNAPSHOT_KEYS:
            raise SnapshotError(
                f'{show}: unknown top-level key "{key}"{did_you_mean(key, SNAPSHOT_KEYS)}'
            )
    bodies = data.get("bodies", [])
    if not isinstance(bodies, list):
        raise SnapshotError(f"{show}: bodies: expected a list of bodies ([[bodies]] tables)")
    try:
        parsed = _bodies_adapter().validate_python(bodies)
    except ValidationError as exc:
        raise _snapshot_error(show, exc, lines, toml_text, json_text) from None
    meta = {k: v for k, v in data.items() if k != "bodies"}
    try:
        snap = Snapshot(**meta, path=show, lines=tuple(lines))
    except ValidationError as exc:
        err = exc.errors()[0]
        raise SnapshotError(
            f"{show}: {_loc_path(err['loc'])}: {describe_validation_error(err, SNAPSHOT_KEYS)}"
        ) from None
    _check_unique(show, parsed, lines)
    return snap.model_copy(update={"bodies": parsed})


def _check_unique(show: str, bodies: Sequence[Body], lines: Sequence[int | None]) -> None:
    seen: dict[str, int] = {}
    for i, b in enumerate(bodies):
        if b.id in seen:
            line = lines[i] if i < len(lines) else None
            raise SnapshotError(
                f'{format_place(show, line)}: bodies[{i}].id: "{b.id}" is used twice '
                f"(also by bodies[{seen[b.id]}])"
            )
        seen[b.id] = i


def _snapshot_error(
    show: str,
    exc: ValidationError,
    lines: Sequence[int | None],
    toml_text: str | None = None,
    json_text: str | None = None,
) -> SnapshotError:
    errors = exc.errors()
    err = errors[0]
    loc = err["loc"]
    index = loc[0] if loc and isinstance(loc[0], int) else None
    line = lines[index] if index is not None and index < len(lines) else None
    column: int | None = None
    if index is not None and len(loc) > 1 and isinstance(loc[1], str):
        found: int | None = None
        col: int | None = None
        if toml_text is not None:
            found, col = _locate_table_key(toml_text, "bodies", index, loc[1])
        elif json_text is not None and line is not None:
            found, col = _locate_json_key(json_text, line, loc[1])
        if found is not None and found != line:
            line, column = found, col
    valid: Sequence[str] = BODY_KEYS
    if len(loc) > 2 and loc[1] in ("members", "history"):
        from wpscheck.models import Member, Observation

        valid = _fields(Member if loc[1] == "members" else Observation)
    desc = describe_validation_error(err, valid, "key")
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    place = format_place(show, line, column)
    return SnapshotError(f"{place}: {_loc_path(loc, 'bodies')}: {desc}{more}")


def _locate_json_key(text: str, line: int, key: str) -> tuple[int | None, int | None]:
    """Line and column of ``"key":`` at or after ``line`` in a JSON text (best effort)."""
    pattern = re.compile(r'"' + re.escape(key) + r'"\s*:')
    lines = text.splitlines()
    for i in range(line - 1, min(len(lines), line + 200)):
        m = pattern.search(lines[i])
        if m:
            return i + 1, m.start() + 1
        if i >= line and lines[i].strip().startswith("}"):
            break
    return None, None


def _toml_body_lines(text: str) -> list[int | None]:
    return [
        i + 1
        for i, line in enumerate(text.splitlines())
        if re.match(r"^\s*\[\[\s*bodies\s*\]\]", line)
    ]


def _json_body_lines(text: str, data: Any) -> list[int | None]:
    bodies = data.get("bodies") if isinstance(data, dict) else None
    if not isinstance(bodies, list):
        return []
    out: list[int | None] = []
    pos = 0
    for b in bodies:
        bid = b.get("id") if isinstance(b, dict) else None
        if not isinstance(bid, str):
            out.append(None)
            continue
        m = re.compile(r'"id"\s*:\s*' + re.escape(json.dumps(bid))).search(text, pos)
        if m is None:
            out.append(None)
            continue
        out.append(text.count("\n", 0, m.start()) + 1)
        pos = m.end()
    return out


def _load_csv(path: Path) -> Snapshot:
    show = _show(path)
    text = read_text(path, what="snapshot")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise SnapshotError(
            f"{show}: empty CSV: expected a header row with at least {', '.join(CSV_REQUIRED)}"
        ) from None
    header = [h.strip() for h in header]
    for col in header:
        if col not in CSV_COLUMNS:
            raise SnapshotError(f'{show}:1: unknown column "{col}"{did_you_mean(col, CSV_COLUMNS)}')
    for col in CSV_REQUIRED:
        if col not in header:
            raise SnapshotError(
                f'{show}:1: missing column "{col}" (required columns: '
                f"{', '.join(CSV_REQUIRED)}; the header has: {', '.join(header)})"
            )
    rows: list[dict[str, str]] = []
    lines: list[int | None] = []
    width = len(header)
    for row in reader:
        # A row of blank cells is skipped (the first cell, usually the id, decides most).
        if not row or (not row[0].strip() and all(not c.strip() for c in row)):
            continue
        if len(row) != width:
            raise SnapshotError(
                f"{show}:{reader.line_num}: expected {width} columns, found {len(row)}"
            )
        # An empty cell is an absent value (the field's default).
        if "" in row:
            rows.append({h: c for h, c in zip(header, row, strict=True) if c != ""})
        else:
            rows.append(dict(zip(header, row, strict=True)))
        lines.append(reader.line_num)
    try:
        bodies = _bodies_adapter().validate_python(rows)
    except ValidationError as exc:
        raise _snapshot_error(show, exc, lines) from None
    _check_unique(show, bodies, lines)
    return Snapshot.model_construct(
        as_of=None,
        country=None,
        title=None,
        sources={},
        bodies=bodies,
        path=show,
        lines=tuple(lines),
    )


# --------------------------------------------------------------------------- documents and inputs


def load_document(path: str | Path, *, reg: Registry | None = None) -> Document:
    """Read and parse a draft text with the reader registered for its suffix."""
    reg = reg or registry()
    path = Path(path)
    if not path.exists():
        raise InputError(f"{_show(path)}: no such file or directory")
    reader = reg.reader_for(path)
    if reader is None:
        known = ", ".join(reg.document_suffixes) or "none installed"
        raise DocumentError(
            f"{_show(path)}: no reader for {path.suffix or 'files without a suffix'} "
            f"(draft formats: {known})"
        )
    return reader.read(path)


def expand_inputs(paths: Iterable[str | Path], *, reg: Registry | None = None) -> list[Path]:
    """Files to check: each file as given, each directory's supported files, sorted."""
    reg = reg or registry()
    suffixes = set(SNAPSHOT_SUFFIXES) | set(reg.document_suffixes)
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise InputError(f"{_show(path)}: no such file or directory")
        if path.is_dir():
            found = sorted(
                f
                for f in path.rglob("*")
                if f.is_file()
                and f.suffix.lower() in suffixes
                and not any(part.startswith(".") for part in f.relative_to(path).parts)
            )
            if not found:
                raise InputError(
                    f"{_show(path)}: directory holds no snapshots ({', '.join(SNAPSHOT_SUFFIXES)})"
                    f" or drafts ({', '.join(reg.document_suffixes) or 'no reader installed'})"
                )
            out.extend(found)
        else:
            out.append(path)
    return out


def load_inputs(
    paths: Iterable[str | Path], *, reg: Registry | None = None
) -> list[Snapshot | Document]:
    """Load every input: snapshots by suffix, drafts by their reader."""
    reg = reg or registry()
    subjects: list[Snapshot | Document] = []
    for f in expand_inputs(paths, reg=reg):
        if f.suffix.lower() in SNAPSHOT_SUFFIXES:
            subjects.append(load_snapshot(f))
        else:
            subjects.append(load_document(f, reg=reg))
    return subjects
