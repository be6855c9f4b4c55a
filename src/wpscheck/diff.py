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
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from wpscheck.checks.retain import RetainParams, pack_vocabulary, provision_of, rules_on
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
    provision_from_paragraph,
    words,
)

if TYPE_CHECKING:
    from wpscheck.registry import Registry

__all__ = ["STATUSES", "DiffEntry", "TextDiff", "diff_documents", "diff_files", "vocabulary_of"]

#: What can happen to a paragraph, in the order the summary lists them.
STATUSES: tuple[str, ...] = (*CLASSIFICATIONS, "new")
#: The classifications that are a pass: nothing of the baseline was lost.
PASSES = frozenset({"retained", "strengthened"})


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
class Scope:
    """A diff narrowed to some provisions (``diff --wps``): how many baseline paragraphs
    were compared, of how many."""

    provisions: int
    paragraphs: int

    @property
    def note(self) -> str:
        s = "" if self.paragraphs == 1 else "s"
        return (
            f"WPS provisions only: {self.provisions} of {self.paragraphs} baseline "
            f"paragraph{s} compared"
        )


@dataclasses.dataclass(frozen=True)
class TextDiff:
    baseline: Document
    draft: Document
    entries: tuple[DiffEntry, ...]
    #: Set when the diff was narrowed (``--wps``); every rendering says it.
    scope: Scope | None = None

    def counts(self) -> dict[str, int]:
        c = Counter(e.status for e in self.entries)
        return {s: c.get(s, 0) for s in STATUSES}

    @property
    def changed(self) -> bool:
        """True when a baseline paragraph was not retained."""
        return any(e.status not in (*PASSES, "new") for e in self.entries)


def _units(baseline: Document, rules: Mapping[str, RetainParams]) -> list[Provision]:
    """Every paragraph and sub-paragraph of the baseline; one a ``retain`` rule names is
    the provision the rule checks (with its sub-paragraphs and key terms), so that ``diff``
    and ``check`` classify it alike."""
    out: list[Provision] = []

    def visit(p: Paragraph) -> None:
        params = rules.get(p.ref)
        if params is not None:
            out.append(provision_of(baseline, p, params))
            return
        if words(p.text)[0]:
            out.append(provision_from_paragraph(baseline, p, whole=False))
        for child in p.children:
            visit(child)

    for top in baseline.paragraphs:
        visit(top)
    return out


def diff_documents(
    baseline: Document,
    draft: Document,
    vocab: Vocabulary | None = None,
    *,
    retained_at: float = RETAINED_AT,
    dropped_below: float = DROPPED_BELOW,
    rules: Mapping[str, RetainParams] | None = None,
) -> TextDiff:
    """Align every baseline paragraph with the draft; list the draft's new paragraphs.

    ``vocab``: the verb scale, qualifiers and intensifiers (default: the shipped vocabulary
    of the draft's language); ``rules``: the ``retain`` rules on this baseline, by ref
    (see :func:`wpscheck.checks.retain.rules_on`), whose key terms and thresholds count.
    """
    rules = rules or {}
    vocab = vocab or Vocabulary.shipped(draft.language or baseline.language)
    index = DraftIndex(draft)
    entries: list[DiffEntry] = []
    used: set[int] = set()
    for prov in _units(baseline, rules):
        params = rules.get(prov.ref)
        a = align(
            prov,
            index,
            vocab,
            retained_at=params.retained_at if params else retained_at,
            dropped_below=params.dropped_below if params else dropped_below,
        )
        entries.append(DiffEntry(a.classification, alignment=a))
        used.update(a.nodes)
    for i, node in enumerate(index.nodes):
        if i not in used and len(node.norm) >= 3:
            entries.append(DiffEntry("new", new=node.para))
    return TextDiff(baseline, draft, tuple(entries))


def vocabulary_of(packs: Sequence[RulePack], language: str | None = None) -> Vocabulary:
    """The vocabulary of the first pack that gives one (``[data] vocabulary`` or its own
    lists) in ``language`` (default English); none: the shipped vocabulary of that language."""
    want = language or "en"
    for pack in packs:
        vocab = pack_vocabulary(pack)
        if vocab.language == want and (vocab.verbs or vocab.qualifiers or vocab.intensifiers):
            return vocab
    return Vocabulary.shipped(want)


def diff_files(
    baseline: Path, draft: Path, packs: Sequence[RulePack], *, reg: Registry | None = None
) -> TextDiff:
    """Read both texts and compare them with the packs' vocabulary in the drafts' language.
    A pack's ``[[baseline]]`` table naming the baseline file gives it its ``symbol``, and
    its ``retain`` rules on that file give their provisions' key terms."""
    from wpscheck.loading import load_document

    base = load_document(baseline, reg=reg)
    where = baseline.resolve()
    for pack in packs:
        for bid, bpath in pack.baselines.items():
            symbol = pack.baseline_info.get(bid, {}).get("symbol")
            if symbol and Path(bpath) == where:
                base = base.model_copy(update={"symbol": symbol})
    doc = load_document(draft, reg=reg)
    vocab = vocabulary_of(packs, doc.language or base.language)
    return diff_documents(base, doc, vocab, rules=rules_on(packs, where))
