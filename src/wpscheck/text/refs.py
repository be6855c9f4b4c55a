"""Paragraph refs for people.

The parser names a dash item by its paragraph's ref and its place: ``OP28(a)(iii)-1`` is
the first dash item of OP 28 (a) (iii). That ref stays the machine's (JSON, SARIF,
waivers, ``Document.find``); messages and the text views say ``OP28(a)(iii), first dash``,
as a person would name it in a negotiation.
"""

from __future__ import annotations

import re

__all__ = ["human_ref"]

_ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
)
#: A paragraph ref (``PP2``, ``OP28(a)(iii)``, ``P4`` for an unstructured text) ending in a
#: dash item's place; a rule id such as ``keep-clause-2`` is not one.
_DASH = re.compile(r"^((?:PP|OP|P)\d+(?:\([0-9A-Za-z]+\))*(?:-\d+)*)-(\d+)$")


def human_ref(ref: str | None) -> str:
    """``OP28(a)(iii)-1`` → ``OP28(a)(iii), first dash``; any other ref unchanged
    (``None`` → ``"—"``)."""
    if not ref:
        return "—"
    m = _DASH.match(ref)
    if m is None:
        return ref
    n = int(m.group(2))
    if not 1 <= n <= len(_ORDINALS):
        return f"{m.group(1)}, dash {n}"
    return f"{m.group(1)}, {_ORDINALS[n - 1]} dash"
