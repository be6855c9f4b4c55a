"""The renderings of ``wpscheck precedents`` (:mod:`wpscheck.precedents`): text for a
person, JSON for a program (schema in ``docs/lineage.md``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Literal

from wpscheck.evidence import human_ref
from wpscheck.precedents import Precedent

__all__ = ["render"]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _verb(h: Precedent) -> str:
    if h.verb is None:
        return "—"
    return h.verb if h.verb_ref in (None, h.ref) else f"{h.verb} ({human_ref(h.verb_ref)})"


def _kind(h: Precedent) -> str:
    if h.exact:
        return "exact"
    return f"variant +{h.inserted}" if h.inserted else "variant"


def render_text(phrase: str, hits: Sequence[Precedent], searched: int) -> str:
    if not hits:
        return (
            f"“{phrase}”: no use, and no close variant, in {_plural(searched, 'text')} searched\n"
        )
    docs = len({(h.document, h.path) for h in hits})
    exact = sum(h.exact for h in hits)
    lines = [
        f"“{phrase}”: {_plural(len(hits), 'paragraph')} in {_plural(docs, 'text')} "
        f"(of {searched} searched), {exact} exact",
        "",
    ]
    rows = [(h.document, human_ref(h.ref), _verb(h), _kind(h)) for h in hits]
    w = [max(len(r[k]) for r in rows) for k in range(4)]
    for (doc, ref, verb, kind), h in zip(rows, hits, strict=True):
        lines.append(
            f"  {doc.ljust(w[0])}  {ref.ljust(w[1])}  {verb.ljust(w[2])}  {kind.ljust(w[3])}  "
            f"“{h.found}”"
        )
    lines += ["", "variant: other inflections, or +N words inserted between the phrase's words"]
    return "\n".join(lines) + "\n"


def render(
    phrase: str, hits: Sequence[Precedent], searched: int, fmt: Literal["text", "json"] = "text"
) -> str:
    if fmt == "json":
        data = {"phrase": phrase, "searched": searched, "hits": [h.to_data() for h in hits]}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return render_text(phrase, hits, searched)
