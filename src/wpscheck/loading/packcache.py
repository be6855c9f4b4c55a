"""Validated rule packs kept on disk, so a run does not validate the same pack again.

A pack is validated once (:func:`wpscheck.loading.packs.load_pack`) and stored as JSON —
never pickle — under ``$XDG_CACHE_HOME/wpscheck/packs/`` (else ``~/.cache/wpscheck/packs/``).
An entry is named by a digest of the pack file's text and path, wpscheck's version and the
check kinds the registry holds (id and plugin); it lists every other file the pack read
(its baselines, its vocabulary file) with a digest of its bytes, and is used only while
each of them is unchanged. Editing any of those files, upgrading wpscheck or installing a
plugin with check kinds of its own is therefore a miss, and the pack is validated afresh.

On a hit the :class:`~wpscheck.models.RulePack`, its rules and their selectors are rebuilt
with ``model_construct`` (no validation), equal to the validated ones, fields set included.
An entry that cannot be read, is not JSON or is not in this module's format is ignored (and
replaced on the next write). Entries are written to a temporary file and renamed into
place, so a reader never sees half an entry. ``WPSCHECK_CACHE=off`` (or ``0``, ``no``,
``false``) switches the cache off; a cache folder that cannot be written is not an error.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from wpscheck._version import __version__
from wpscheck.models import Rule, RulePack, Selector
from wpscheck.registry import Registry

__all__ = ["FORMAT", "PackCache", "cache_dir", "enabled"]

#: The entry format; bump it when the encoding or the models' fields change shape.
FORMAT = 1
_MODELS: dict[str, type[BaseModel]] = {"RulePack": RulePack, "Rule": Rule, "Selector": Selector}
_OFF = {"off", "0", "no", "false"}


class _Unencodable(Exception):
    """A value the JSON form cannot carry exactly (the pack is then not cached)."""


def enabled() -> bool:
    return os.environ.get("WPSCHECK_CACHE", "on").strip().lower() not in _OFF


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "wpscheck" / "packs"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _encode(value: Any) -> Any:
    """A JSON form that keeps tuples, lists, dicts and models apart."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, tuple):
        return {"t": [_encode(v) for v in value]}
    if isinstance(value, list):
        return {"l": [_encode(v) for v in value]}
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise _Unencodable("a key that is not text")
        return {"d": {k: _encode(v) for k, v in value.items()}}
    name = type(value).__name__
    if isinstance(value, BaseModel) and _MODELS.get(name) is type(value):
        return {
            "m": name,
            "f": {k: _encode(v) for k, v in value.__dict__.items()},
            "s": sorted(value.model_fields_set),
        }
    raise _Unencodable(name)


def _decode(value: Any) -> Any:
    if not isinstance(value, dict):
        if isinstance(value, list):
            raise ValueError("a bare list")
        return value
    if len(value) == 1:
        ((tag, inner),) = value.items()
        if tag == "t":
            return tuple(_decode(v) for v in inner)
        if tag == "l":
            return [_decode(v) for v in inner]
        if tag == "d":
            return {k: _decode(v) for k, v in inner.items()}
    model = _MODELS[value["m"]]
    fields = {k: _decode(v) for k, v in value["f"].items()}
    if set(fields) != set(model.model_fields):
        raise ValueError(f"{value['m']}: fields differ")
    return model.model_construct(_fields_set=set(value["s"]), **fields)


class PackCache:
    """The cache entry of one pack file (its text as read), for one registry."""

    def __init__(self, path: Path, text: str, reg: Registry) -> None:
        kinds = sorted((k.id, k.plugin) for k in reg.check_kinds.values())
        key = json.dumps(
            [FORMAT, __version__, str(path.resolve()), path.as_posix(), kinds, text],
            ensure_ascii=False,
        )
        self.file = cache_dir() / f"{_digest(key.encode('utf-8'))}.json"
        self.folder = path.resolve().parent

    def get(self) -> RulePack | None:
        """The pack stored for this file, if every file it read is unchanged."""
        try:
            entry = json.loads(self.file.read_text(encoding="utf-8"))
            if not isinstance(entry, dict) or entry.get("format") != FORMAT:
                return None
            for name, digest in entry["files"]:
                if _digest(Path(name).read_bytes()) != digest:
                    return None
            pack = _decode(entry["pack"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        if not isinstance(pack, RulePack) or not all(
            Path(b).is_relative_to(self.folder) for b in pack.baselines.values()
        ):
            return None  # not one this module wrote: a baseline stays inside the pack's folder
        return pack

    def put(self, pack: RulePack, read: Iterable[Path]) -> None:
        """Store ``pack``, valid while each file in ``read`` keeps its bytes; a pack the
        JSON form cannot rebuild equal, or a folder that cannot be written, is skipped."""
        try:
            encoded = _encode(pack)
            if _decode(json.loads(json.dumps(encoded))) != pack:
                return
            files = [[str(p), _digest(p.read_bytes())] for p in sorted(set(read))]
            entry = {"format": FORMAT, "files": files, "pack": encoded}
            import tempfile  # only a miss writes

            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.file.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    json.dump(entry, out, ensure_ascii=False)
                os.replace(tmp, self.file)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except (OSError, _Unencodable, ValueError):
            return
