"""``wpscheck diff``: a whole baseline text aligned with a draft, paragraph by paragraph.

Every paragraph and sub-paragraph of the baseline is aligned with the draft the way the
``retain`` check aligns one provision (see :mod:`wpscheck.text.align`) and classified
retained / modified / weakened / dropped; draft paragraphs that carry no baseline language
are listed as **new**. This module is the comparison; :mod:`wpscheck.formatters.diff`
renders it (text for a person, JSON for a program).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from wpscheck.evidence import AlignmentEvidence
from wpscheck.models import Document, Paragraph, RulePack
from wpscheck.text.align import (
    CLASSIFICATIONS,
    DROPPED_BELOW,
    RETAINED_AT,
    Alignment,
    DraftIndex,
    Provision,
    Vocabulary,
    align,
    join,
    words,
)

if TYPE_CHECKING:
    from wpscheck.registry import Registry

__all__ = ["STATUSES", "DiffEntry", "TextDiff", "diff_documents", "diff_files", "vocabulary_of"]

#: What can happen to a paragraph, in the order the summary lists them.
STATUSES: tuple[str, ...] = (*CLASSIFICATIONS, "new")


@dataclasses.dataclass(frozen=True)
class DiffEntry:
    """One baseline paragraph and what became of it, or one new draft paragraph."""

    status: str
    alignment: Alignment | None = None
    new: Paragraph | None = None

    @property
    def evidence(self) -> AlignmentEvidence | None:
        """The alignment's evidence (None for a new paragraph)."""
        return self.alignment.evidence() if self.alignment else None

    @property
    def score(self) -> float | None:
        return self.alignment.score if self.alignment else None

    @property
    def similarity(self) -> float | None:
        return self.alignment.similarity if self.alignment else None

    @property
    def baseline_ref(self) -> str | None:
        return self.alignment.provision.ref if self.alignment else None

    @property
    def draft_ref(self) -> str | None:
        if self.new is not None:
            return self.new.ref
        return self.alignment.draft_ref if self.alignment else None

    @property
    def line(self) -> int | None:
        para = self.new or (
            self.alignment.draft[0] if self.alignment and self.alignment.draft else None
        )
        return para.span.line if para is not None and para.span else None


@dataclasses.dataclass(frozen=True)
class TextDiff:
    baseline: Document
    draft: Document
    entries: tuple[DiffEntry, ...]

    def counts(self) -> dict[str, int]:
        c = Counter(e.status for e in self.entries)
        return {s: c.get(s, 0) for s in STATUSES}

    @property
    def changed(self) -> bool:
        """True when a baseline paragraph was not retained."""
        return any(e.status not in ("retained", "new") for e in self.entries)


def _units(baseline: Document) -> list[Provision]:
    out: list[Provision] = []
    for top in baseline.paragraphs:
        for p in top.walk():
            if not words(p.text)[0]:
                continue
            governing = None
            if p is not top:
                governing = top.lead or join(words(top.text)[1][:2]) or None
            section = p.section if p.section != "body" else "operative"
            out.append(Provision(ref=p.ref, text=p.text, section=section, governing=governing))
    return out


def diff_documents(
    baseline: Document,
    draft: Document,
    vocab: Vocabulary,
    *,
    retained_at: float = RETAINED_AT,
    dropped_below: float = DROPPED_BELOW,
) -> TextDiff:
    """Align every baseline paragraph with the draft; list the draft's new paragraphs."""
    index = DraftIndex(draft)
    entries: list[DiffEntry] = []
    used: set[int] = set()
    for prov in _units(baseline):
        a = align(prov, index, vocab, retained_at=retained_at, dropped_below=dropped_below)
        entries.append(DiffEntry(a.classification, alignment=a))
        used.update(a.nodes)
    for i, node in enumerate(index.nodes):
        if i not in used and len(node.norm) >= 3:
            entries.append(DiffEntry("new", new=node.para))
    return TextDiff(baseline, draft, tuple(entries))


def vocabulary_of(packs: Sequence[RulePack]) -> Vocabulary:
    """The verb scale, qualifiers and intensifiers of the first pack that defines them
    (none: an empty vocabulary, so only wording and key terms count)."""
    for pack in packs:
        if {"verb_scale", "weakening_qualifiers", "intensifiers"} & set(pack.data):
            return Vocabulary.from_data(pack.data, source=pack.path or pack.id)
    return Vocabulary()


def diff_files(
    baseline: Path, draft: Path, packs: Sequence[RulePack], *, reg: Registry | None = None
) -> TextDiff:
    """Read both texts and compare them with the packs' vocabulary. A pack's
    ``[[baseline]]`` table naming the baseline file gives it its ``symbol``."""
    from wpscheck.loading import load_document

    vocab = vocabulary_of(packs)
    base = load_document(baseline, reg=reg)
    where = baseline.resolve()
    for pack in packs:
        for bid, bpath in pack.baselines.items():
            symbol = pack.baseline_info.get(bid, {}).get("symbol")
            if symbol and Path(bpath) == where:
                base = base.model_copy(update={"symbol": symbol})
    return diff_documents(base, load_document(draft, reg=reg), vocab)
