"""JSON Schemas for rule packs, snapshots and reports (``wpscheck schema …``).

The rule-pack schema is built from the installed check kinds: each ``[[rule]]`` is the
common rule keys plus the parameters of its ``check`` kind, so editors can complete and
validate packs, and a plugin's kinds appear once it is installed.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from wpscheck.models import RULE_COMMON_KEYS, Report, Rule, Selector, Snapshot
from wpscheck.registry import Registry, registry

__all__ = ["SCHEMAS", "schema"]

SCHEMAS = ("rules", "snapshot", "report")


def schema(name: str, *, reg: Registry | None = None) -> dict[str, Any]:
    if name == "snapshot":
        return _with_id(Snapshot.model_json_schema(), name)
    if name == "report":
        return _with_id(TypeAdapter(Report).json_schema(mode="serialization"), name)
    if name == "rules":
        return _with_id(_rules_schema(reg or registry()), name)
    from wpscheck.errors import InputError, did_you_mean

    raise InputError(f'unknown schema "{name}"{did_you_mean(name, SCHEMAS)}')


def _with_id(s: dict[str, Any], name: str) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"wpscheck:{name}",
        **s,
    }


def _rules_schema(reg: Registry) -> dict[str, Any]:
    rule = Rule.model_json_schema()
    defs: dict[str, Any] = dict(rule.pop("$defs", {}))
    common = {k: v for k, v in rule["properties"].items() if k in RULE_COMMON_KEYS}
    variants = []
    for kind in sorted(reg.check_kinds.values(), key=lambda k: k.id):
        ps = kind.params.model_json_schema()
        defs.update(ps.pop("$defs", {}))
        props = {**common, **ps.get("properties", {})}
        props["check"] = {"const": kind.id, "description": kind.summary}
        variants.append(
            {
                "title": f"rule of check kind {kind.id}",
                "type": "object",
                "properties": props,
                "required": sorted({"id", "check", "title", *ps.get("required", [])}),
                "additionalProperties": False,
            }
        )
    defs["Selector"] = Selector.model_json_schema()
    return {
        "title": "wpscheck rule pack",
        "type": "object",
        "properties": {
            "pack": {
                "type": "object",
                "properties": {
                    "id": {"type": "string", "pattern": rule["properties"]["id"]["pattern"]},
                    "title": {"type": "string"},
                    "version": {"type": "string"},
                    "description": {"type": "string"},
                    "references": {"type": "array", "items": {"type": "string"}},
                },
                "required": ["id", "title"],
                "additionalProperties": False,
            },
            "data": {"type": "object", "description": "vocabularies read by check kinds"},
            "baseline": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "path": {"type": "string", "description": "relative to the pack"},
                        "title": {"type": "string"},
                        "symbol": {"type": "string"},
                    },
                    "required": ["id", "path"],
                    "additionalProperties": False,
                },
            },
            "rule": {"type": "array", "items": {"oneOf": variants}},
        },
        "required": ["pack"],
        "additionalProperties": False,
        "$defs": defs,
    }
