"""What is built once per document and kept while the document lives.

A check reads one document with many rules (the engine runs rule by rule over every
document), so what each rule would otherwise rebuild — the aligner's index of the draft,
the skeletons of its paragraphs — is built on first use and kept *with the document*: it
goes when the document does (a finalizer), never in a cache keyed on whole texts or
bounded by a size that a multi-draft run overflows. Documents are not hashable (pydantic
models), so the map is by identity, and an entry never outlives its document.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["kept"]

T = TypeVar("T")

_KEPT: dict[tuple[int, str], Any] = {}
_LOCK = threading.RLock()  # re-entrant: a finalizer may run while it is held


def kept(doc: object, name: str, build: Callable[[], T]) -> T:
    """``build()`` for ``doc`` under ``name``, built on first use and kept while ``doc``
    lives (the same object on every later call for the same document and name)."""
    key = (id(doc), name)
    with _LOCK:
        hit = _KEPT.get(key)
    if hit is not None:
        return hit  # type: ignore[no-any-return]
    value = build()
    with _LOCK:
        if key not in _KEPT:
            _KEPT[key] = value
            weakref.finalize(doc, _forget, key)
        return _KEPT[key]  # type: ignore[no-any-return]


def _forget(key: tuple[int, str]) -> None:
    with _LOCK:
        _KEPT.pop(key, None)
