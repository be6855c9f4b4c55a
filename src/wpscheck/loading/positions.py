"""Where a mistake is: positions in TOML and JSON texts, the offending line with a caret,
and pydantic validation errors said as sentences.

TOML and JSON parsers report a line and column; the validators report a data path
(``rule[2].min_share``). The locators here find the line and column of a key in a TOML
table (``[pack]``, the third ``[[rule]]``, its ``[rule.applies_to]``) or a JSON object, so
that every message can say ``file:line:col``.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from wpscheck.errors import RulePackError, closest, did_you_mean, format_place
from wpscheck.loading.files import show
from wpscheck.models import BODY_ID, RULE_ID

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

__all__ = [
    "caret",
    "describe_validation_error",
    "first_error",
    "loc_path",
    "locate_json_key",
    "locate_single_table_key",
    "locate_table_key",
    "locate_top_level_key",
    "parse_json",
    "parse_toml",
]

#: Said when a parser runs out of stack: nesting this deep is never a real pack or snapshot.
_TOO_DEEP = (
    "nested too deeply (lists or tables inside one another more than a few hundred levels "
    "deep); no pack or snapshot needs that"
)


_TOML_POS = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")
_TOML_EOF = re.compile(r"^(?P<msg>.*?)\s*\(at end of document\)$")


def parse_toml(path: Path, text: str, *, error: type[Exception] = RulePackError) -> dict[str, Any]:
    try:
        data: dict[str, Any] = tomllib.loads(text)
        return data
    except RecursionError:
        raise error(f"{show(path)}: invalid TOML: {_TOO_DEEP}") from None
    except tomllib.TOMLDecodeError as exc:
        raw = str(exc)
        m = _TOML_POS.match(raw)
        if m:
            place = format_place(show(path), int(m["line"]), int(m["col"]))
            msg = m["msg"]
        else:
            e = _TOML_EOF.match(raw)
            place = format_place(show(path), text.count("\n") + 1)
            msg = e["msg"] if e else raw
        msg = _TOML_FRIENDLY.get(msg, msg)
        raise error(f"{place}: invalid TOML: {msg}{caret(text, place)}") from None


_TOML_FRIENDLY: Mapping[str, str] = {
    "Illegal character '\\n'": "the line ends inside a string (a closing quote is missing)",
    "Invalid value": "a value is missing or not valid TOML (text goes in quotes)",
    "Cannot overwrite a value": "a key is given twice",
}


def caret(text: str, place: str) -> str:
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


def parse_json(path: Path, text: str, *, error: type[Exception]) -> Any:
    """The data of a JSON text, or ``error`` with the line and column of the mistake."""
    try:
        return json.loads(text)
    except RecursionError:
        raise error(f"{show(path)}: invalid JSON: {_TOO_DEEP}") from None
    except json.JSONDecodeError as exc:
        place = format_place(show(path), exc.lineno, exc.colno)
        raise error(f"{place}: invalid JSON: {exc.msg}") from None


def locate_single_table_key(text: str, header: str, key: str) -> tuple[int | None, int | None]:
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


def locate_top_level_key(text: str, key: str) -> tuple[int | None, int | None]:
    """Line and column of a top-level ``key = …`` or ``[key]`` / ``[[key]]`` of a TOML text."""
    name = re.escape(key)
    pattern = re.compile(rf'^(\s*)(?:\[\[?\s*{name}\s*\]|(?:"{name}"|{name})\s*=)')
    for i, line in enumerate(text.splitlines()):
        m = pattern.match(line)
        if m:
            return i + 1, len(m.group(1)) + 1
    return None, None


def locate_table_key(
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


def loc_path(loc: Sequence[int | str], root: str = "") -> str:
    out = root
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _given(value: Any, limit: int = 80) -> str:
    """A value as the message quotes it (JSON), cut short if long."""
    text = json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_validation_error(
    err: Mapping[str, Any], valid_keys: Iterable[str] = (), subject: str = "key"
) -> str:
    """One pydantic error as a sentence: what was expected, what was given."""
    etype = str(err.get("type", ""))
    loc = err.get("loc", ())
    name = str(loc[-1]) if loc else ""
    if etype == "extra_forbidden":
        return f'unknown {subject} "{name}"{did_you_mean(name, valid_keys)}'
    if etype in ("value_error", "pack_problem"):
        return str(err.get("msg", "")).removeprefix("Value error, ")
    ctx = err.get("ctx") or {}
    given = err.get("input")
    if etype == "string_pattern_mismatch" and str(ctx.get("pattern")) in _PATTERN_HELP:
        pattern = str(ctx["pattern"])
        return f"{_PATTERN_HELP[pattern]}, got {_given(given)}{_id_suggestion(pattern, str(given))}"
    if etype == "literal_error" and "expected" in ctx:
        choices = _choices(str(ctx["expected"]))
        got = _given(given)
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
        got = _given(given)
        return f"expected a number {bounds[etype]} {limit}, got {got}"
    text = _FRIENDLY.get(etype)
    if text is None:
        text = str(err.get("msg", "is not valid"))
        text = text[0].lower() + text[1:] if text else text
    if etype != "missing" and "input" in err:
        text += f", got {_given(err['input'])}"
    return text


def first_error(exc: ValidationError) -> Any:
    """The error to report: an unknown key first (it is often the misspelt missing one)."""
    errors = exc.errors()
    return next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])


def locate_json_key(text: str, line: int, key: str) -> tuple[int | None, int | None]:
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
