"""``wpscheck rules new --from LAST``: the derived retention pack written as TOML.

The pack is the one ``check --against LAST`` builds in memory (:mod:`wpscheck.against`):
``[pack]``, ``[data]`` (the retention vocabulary), one ``[[baseline]]`` pointing at LAST by
a path relative to the pack file, and one ``[[rule]]`` per WPS provision, with comments
saying which WPS terms made it a provision and what each key term was chosen for. Loaded,
it gives the same pack (so the same report) as ``--against``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from wpscheck.against import Derived, read_last, retention_vocabulary
from wpscheck.errors import InputError

__all__ = ["pack_text", "write_pack"]


def _s(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(value, ensure_ascii=False)


def _list(values: Sequence[Any]) -> str:
    return "[" + ", ".join(_list(v) if isinstance(v, list) else _s(v) for v in values) + "]"


def _data_lines(data: dict[str, Any]) -> list[str]:
    lines = ["[data]", "# The retention vocabulary wpscheck ships (verb tiers strongest first)."]
    for key, value in data.items():
        if value and isinstance(value[0], list):
            lines.append(f"{key} = [")
            lines.extend(f"    {_list(tier)}," for tier in value)
            lines.append("]")
        else:
            lines.append(f"{key} = {_list(value)}")
    return lines


def pack_text(derived: Derived, baseline_path: str) -> tuple[str, list[int]]:
    """The pack file's text, and the line of each ``[[rule]]`` table."""
    out = [
        f"# Retention pack derived by `wpscheck rules new` from {derived.last.name}: one rule",
        "# per women, peace and security provision the WPS detector found. Edit it freely:",
        "# drop a rule, add key terms, or give the rules applies_if_mentions.",
        "",
        "[pack]",
        f"id = {_s(derived.pack_id)}",
        f"title = {_s(derived.title)}",
        'version = "1"',
        f"description = {_s(derived.description)}",
        f"references = {_list([derived.label])}",
        "",
        *_data_lines(retention_vocabulary(derived.document.language or "en")),
        "",
        "[[baseline]]",
        f"id = {_s(derived.baseline_id)}",
        f"path = {_s(baseline_path)}",
    ]
    if derived.symbol:
        out.append(f"symbol = {_s(derived.symbol)}")
    lines: list[int] = []
    for d in derived.provisions:
        found = ", ".join(
            f"“{h.found}”" + ("" if h.found == h.term else f" ({h.term})")
            for h in _unique(d.provision.hits)
        )
        out += ["", f"# {d.ref}: a WPS provision; the detector found {found}."]
        lines.append(len(out) + 1)
        out += [
            "[[rule]]",
            f"id = {_s(d.rule_id)}",
            'check = "retain"',
            f"title = {_s(derived.rule_title(d))}",
            f"ref = {_s(d.ref)}",
        ]
        if d.key_terms:
            out.append("key_terms = [")
            for k in d.key_terms:
                why = (
                    f"the WPS term “{k.found}” as found"
                    if _same(k.text, k.found)
                    else f"the noun phrase holding the WPS term “{k.found}”"
                )
                out.append(f"    {_s(k.text)},  # {why}")
            out.append("]")
        else:
            out.append("key_terms = []")
        out.append(f"references = {_list(list(derived.references(d)))}")
    return "\n".join(out) + "\n", lines


def _unique(hits: Sequence[Any]) -> list[Any]:
    seen: dict[str, Any] = {}
    for h in hits:
        seen.setdefault(h.found, h)
    return list(seen.values())


def _same(text: str, found: str) -> bool:
    from wpscheck.text.wps import words

    return words(text) == found.split() or found == f"resolution {text}"


def write_pack(
    last: str | Path, output: str | Path, *, symbol: str | None = None, force: bool = False
) -> tuple[Path, Derived]:
    """Write the derived pack of ``last`` to ``output``; refuse to overwrite a file (unless
    ``force``), to write over LAST, or to point at a LAST outside the pack's folder."""
    last, output = Path(last), Path(output)
    if output.exists() and output.resolve() == last.resolve():
        raise InputError(
            f"{output.as_posix()}: is the earlier resolution (--from); refusing to write "
            "the pack over it; choose another -o"
        )
    derived = read_last(last, symbol)
    if output.is_dir():
        raise InputError(f"{output.as_posix()}: is a directory; -o names the pack file")
    if output.exists() and not force:
        raise InputError(
            f"{output.as_posix()}: already exists; refusing to overwrite it "
            "(give --force to replace it, or choose another -o)"
        )
    if not output.parent.exists():
        raise InputError(
            f"{output.as_posix()}: the folder {output.parent.as_posix()} does not exist"
        )
    folder = output.parent.resolve()
    where = last.resolve()
    if not where.is_relative_to(folder):
        suggestion = (last.parent / output.name).as_posix()
        raise InputError(
            f"{last.as_posix()}: is not inside {output.parent.as_posix() or '.'}, the folder of "
            f"{output.as_posix()}; a pack's baselines must be inside the pack's folder, so "
            f"write the pack beside the resolution (-o {suggestion}); nothing was written"
        )
    rel = Path(os.path.relpath(where, folder)).as_posix()
    text, _ = pack_text(derived, rel)
    output.write_text(text, encoding="utf-8", newline="\n")
    return output, derived
