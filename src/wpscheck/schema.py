"""JSON Schemas for rule packs, snapshots and reports (``wpscheck schema …``).

Each is generated from the model the loader validates with, so a file the loader accepts
validates against its schema and a key the schema advertises is one the loader reads. The
rule-pack schema comes from :func:`wpscheck.packfile.pack_file_model`, built from the
installed check kinds: each ``[[rule]]`` is the common rule keys plus the parameters of
its ``check`` kind, so editors can complete and validate packs (a ``#:schema`` line at the
top of a pack points at it), and a plugin's kinds appear once it is installed.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from wpscheck.models import Body, Report, SnapshotFile
from wpscheck.registry import Registry, registry

__all__ = ["SCHEMAS", "schema"]

SCHEMAS = ("rules", "snapshot", "report")


def schema(name: str, *, reg: Registry | None = None) -> dict[str, Any]:
    if name == "snapshot":
        return _with_id(_snapshot_schema(), name)
    if name == "report":
        return _with_id(TypeAdapter(Report).json_schema(mode="serialization"), name)
    if name == "rules":
        from wpscheck.packfile import pack_file_model

        return _with_id(pack_file_model(reg or registry()).model_json_schema(), name)
    from wpscheck.errors import InputError, did_you_mean

    raise InputError(f'unknown schema "{name}"{did_you_mean(name, SCHEMAS)}')


def _snapshot_schema() -> dict[str, Any]:
    """A snapshot file, or (in JSON) a bare list of bodies, which the loader also reads."""
    s = SnapshotFile.model_json_schema()
    defs = s.pop("$defs", {})
    return {
        "title": s.get("title"),
        "anyOf": [
            {"$ref": "#/$defs/SnapshotFile"},
            {"type": "array", "items": {"$ref": "#/$defs/Body"}, "minItems": 1},
        ],
        "$defs": {**defs, "SnapshotFile": s, "Body": defs.get("Body", Body.model_json_schema())},
    }


def _with_id(s: dict[str, Any], name: str) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"wpscheck:{name}",
        **s,
    }
