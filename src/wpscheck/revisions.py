"""Tracked changes (Word revisions) in a draft: the record type and which text is checked.

A Word draft passed between delegations carries tracked changes: insertions (``w:ins``),
deletions (``w:del`` / ``w:delText``), moves (``w:moveFrom`` / ``w:moveTo``) and changed
paragraph marks (a ``w:ins`` or ``w:del`` in a paragraph's ``w:pPr/w:rPr``: a paragraph
added, or two paragraphs joined). The ``docx`` reader checks one of two texts:

- ``accept`` (the default): the *proposed* text, every change accepted;
- ``reject``: the *original* text, every change rejected.

Which one is set by ``--tracked`` on the command line, or by the environment variable
:data:`TRACKED_ENV` (so that worker processes of a parallel check read alike), or for a
block of code with :func:`tracked`.

Every change becomes a :class:`Revision` on :attr:`wpscheck.models.Document.revisions`,
placed in the text that was checked: ``ref`` is the paragraph it falls in and ``span`` its
characters in :attr:`Document.text <wpscheck.models.Document.text>` (an insertion checked
as proposed covers its text; a deletion checked as proposed is an empty span where the
words were; the other way round when checked as original). A finding whose paragraph and
characters overlap a revision's was caused, or touched, by that edit.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal

from wpscheck.errors import InputError

__all__ = [
    "MODES",
    "TRACKED_ENV",
    "Revision",
    "RevisionKind",
    "TrackedMode",
    "tracked",
    "tracked_mode",
    "tracked_note",
]

TrackedMode = Literal["accept", "reject"]
MODES: tuple[TrackedMode, ...] = ("accept", "reject")
TRACKED_ENV = "WPSCHECK_TRACKED"

RevisionKind = Literal[
    "insertion",
    "deletion",
    "move-from",
    "move-to",
    "paragraph-inserted",
    "paragraph-deleted",
]


@dataclasses.dataclass(frozen=True, slots=True)
class Revision:
    """One tracked change, where it falls in the checked text."""

    kind: RevisionKind
    author: str
    date: str | None
    text: str  # the words inserted, deleted or moved ("" for a paragraph mark)
    ref: str | None  # the paragraph (PP3, OP4(a)…) of the checked text it falls in
    line: int  # 1-based line of Document.text (the Word paragraph)
    column: int  # 1-based column of its start on that line
    start: int  # character offsets in Document.text; start == end when its words
    end: int  # are not in the checked text (a deletion checked as proposed)
    id: str | None = None  # Word's w:id

    @property
    def in_text(self) -> bool:
        """Whether its words are part of the checked text."""
        return self.end > self.start


#: The mode a ``with tracked(...)`` block sets, for this thread or task only (a web
#: server checks several uploads at once; the environment is the whole process's).
_MODE: ContextVar[TrackedMode | None] = ContextVar("wpscheck_tracked", default=None)


def tracked_mode() -> TrackedMode:
    """The mode set by :func:`tracked`, else by :data:`TRACKED_ENV` (``accept`` when
    neither is set)."""
    mode = _MODE.get()
    if mode is not None:
        return mode
    value = os.environ.get(TRACKED_ENV, "accept").strip().lower() or "accept"
    if value not in MODES:
        raise InputError(
            f'{TRACKED_ENV}="{value}": expected "accept" (check the proposed text) or '
            '"reject" (check the original text)'
        )
    return value


@contextmanager
def tracked(mode: TrackedMode) -> Iterator[None]:
    """Read Word drafts in ``mode`` inside the block (this thread or task only)."""
    token = _MODE.set(mode)
    try:
        yield
    finally:
        _MODE.reset(token)


def changes(revisions: Sequence[Revision]) -> int:
    """How many tracked changes: each record, a move (from and to) counted once."""
    return sum(1 for r in revisions if r.kind != "move-from")


def tracked_note(revisions: Sequence[Revision], mode: TrackedMode) -> str | None:
    """The report's note: how many changes, by whom, and which text was checked."""
    if not revisions:
        return None
    n = changes(revisions)
    authors: list[str] = []
    for r in revisions:
        if r.author not in authors:
            authors.append(r.author)
    checked = (
        "checked as proposed (all accepted)"
        if mode == "accept"
        else "checked as original (all rejected)"
    )
    return (
        f"this draft has {n} tracked change{'s' if n != 1 else ''} by "
        f"{', '.join(authors)}; {checked}"
    )
