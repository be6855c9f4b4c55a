"""``wpscheck lineage``: every WPS provision of a series of resolutions, followed text by text.

The texts are the resolutions of one mandate in order (R1, R2 … Rn). Every WPS provision
(:func:`wpscheck.text.wps.detect`) of every text is a *thread*, followed through the series:

- each thread present in R(i-1) is aligned with R(i) the way ``wpscheck diff`` aligns a
  paragraph (:func:`wpscheck.text.align.align`, its WPS terms as key terms), and its cell in
  R(i) says what the aligner found: **kept** (retained), **modified**, **weakened**,
  **strengthened** (when the aligner reports that class) or **dropped**;
- a thread dropped earlier is aligned with each later text; where a WPS provision of that
  text that no other thread carries holds its language, it is **restored** there;
- a WPS provision of R(i) that no thread carries is **introduced** in R(i) (a new thread);
- the provisions of R1 are **present** (the series says nothing of their history);
- a cell after a drop, until a restoration, is **absent**.

A thread's cell holds the paragraph refs that carry it in that text (several when the
provision is split across paragraphs) and what changed (the aligner's reasons). The next
text is compared with what the thread says in this one, so a provision is judged against
its last wording, not its first.

Rows are in a stable order: the threads of R1 in R1's order, then those introduced in R2
in R2's order, and so on. :mod:`wpscheck.formatters.lineage` renders a :class:`Lineage`.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from wpscheck.models import Document, Paragraph, RulePack
from wpscheck.text.align import DraftIndex, Provision, Vocabulary, align, join, words
from wpscheck.text.wps import WpsProvision, WpsVocabulary, detect

if TYPE_CHECKING:
    from wpscheck.registry import Registry

__all__ = [
    "STATUSES",
    "Cell",
    "Lineage",
    "Thread",
    "document_name",
    "lineage_files",
    "lineage_of",
]

#: What a thread's cell can say, in the order the summary lists them.
STATUSES: tuple[str, ...] = (
    "present",
    "introduced",
    "kept",
    "modified",
    "weakened",
    "strengthened",
    "dropped",
    "restored",
    "absent",
)
#: The aligner's classes and the lineage status each becomes (a class it adds later, e.g.
#: "strengthened", keeps its name).
_FROM_ALIGNER = {"retained": "kept", "modified": "modified", "weakened": "weakened"}


@dataclasses.dataclass(frozen=True)
class Cell:
    """What became of a thread in one text: its status, the refs that carry it there, the
    WPS terms it holds there and why it counts as what it is (the aligner's reasons)."""

    status: str
    refs: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    similarity: float | None = None

    @property
    def ref(self) -> str | None:
        return self.refs[0] if self.refs else None

    @property
    def carried(self) -> bool:
        """Whether the text carries the provision (any status but dropped and absent)."""
        return self.status not in ("dropped", "absent")


@dataclasses.dataclass(frozen=True)
class Thread:
    """One WPS provision followed through the series: the text it first appears in (index),
    its wording there and one cell per text (``None`` before it appears)."""

    introduced: int
    text: str
    cells: tuple[Cell | None, ...]

    def statuses(self) -> Counter[str]:
        return Counter(c.status for c in self.cells if c is not None)


@dataclasses.dataclass(frozen=True)
class Lineage:
    texts: tuple[Document, ...]
    threads: tuple[Thread, ...]

    def counts(self) -> dict[str, int]:
        """How many cells have each status (every status listed, zeros included)."""
        c: Counter[str] = Counter()
        for t in self.threads:
            c.update(t.statuses())
        return {s: c.get(s, 0) for s in (*STATUSES, *sorted(set(c) - set(STATUSES)))}

    def paths(self) -> list[str]:
        return [d.path or document_name(d, f"R{i + 1}") for i, d in enumerate(self.texts)]

    def names(self) -> list[str]:
        return [document_name(d, f"R{i + 1}") for i, d in enumerate(self.texts)]


def document_name(doc: Document, fallback: str) -> str:
    """A text as people name it: its symbol, else its file name."""
    return doc.symbol or (doc.path.rsplit("/", 1)[-1] if doc.path else fallback)


# --------------------------------------------------------------------------- following


@dataclasses.dataclass
class _State:
    """Where a thread stands while the series is read: its wording in the last text that
    carried it, as a provision to align with the next text."""

    provision: Provision
    active: bool
    cells: list[Cell | None]
    introduced: int
    text: str


def _governing(doc: Document, para: Paragraph) -> str | None:
    for top in doc.paragraphs:
        if para is top:
            return None
        for p in top.walk():
            if p is para:
                return top.lead or join(words(top.text)[1][:2]) or None
    return None


def _found_in(terms: Sequence[str], text: str) -> tuple[str, ...]:
    """The terms that the aligner's words find in ``text``, each once."""
    norm = words(text)[0]
    out = []
    for t in terms:
        tn = words(t)[0]
        if any(norm[i : i + len(tn)] == tn for i in range(len(norm) - len(tn) + 1)):
            out.append(t)
    return tuple(dict.fromkeys(out))


def _provision(doc: Document, wps: WpsProvision) -> Provision:
    """A WPS provision as the aligner looks for it; its key terms are its WPS terms as
    found, where the aligner's own words find them again (it keeps "women's" whole where
    the detector reads "women")."""
    para = wps.paragraph
    return Provision(
        ref=para.ref,
        text=para.text,
        section=para.section if para.section != "body" else "operative",
        governing=_governing(doc, para),
        key_terms=_found_in([h.found for h in wps.hits], para.text),
    )


def _carried(
    state: _State, index: DraftIndex, vocab: Vocabulary, refs_wps: dict[str, WpsProvision]
) -> tuple[Cell, set[str], Provision | None]:
    """Align a thread with the next text: its cell, the refs it claims and its new wording."""
    a = align(state.provision, index, vocab)
    if a.classification == "dropped":
        return Cell("dropped", similarity=a.similarity), set(), None
    status = _FROM_ALIGNER.get(a.classification, a.classification)
    refs = tuple(p.ref for p in a.draft)
    terms = tuple(dict.fromkeys(t for r in refs if r in refs_wps for t in refs_wps[r].terms))
    reasons = tuple(r.message for r in a.reasons)
    cell = Cell(status, refs, terms, reasons, a.similarity)
    first = a.draft[0]
    text = " ".join(p.text for p in a.draft)
    wording = dataclasses.replace(
        state.provision,
        ref=first.ref,
        text=text,
        section=first.section if first.section != "body" else "operative",
        # a term lost here is said once, in this text, not again in every later one
        key_terms=_found_in(state.provision.key_terms, text),
    )
    return cell, set(refs), wording


def lineage_of(
    texts: Sequence[Document],
    vocab: Vocabulary | None = None,
    wps_vocabulary: WpsVocabulary | None = None,
) -> Lineage:
    """Follow every WPS provision of ``texts`` (in series order) through the series."""
    vocab = vocab or Vocabulary()
    states: list[_State] = []
    n = len(texts)
    for i, doc in enumerate(texts):
        found = detect(doc, wps_vocabulary)
        by_ref = {w.ref: w for w in found}
        claimed: set[str] = set()
        if i:
            index = DraftIndex.of(doc)
            for st in states:
                if not st.active:
                    continue
                cell, refs, wording = _carried(st, index, vocab, by_ref)
                st.cells.append(cell)
                claimed |= refs
                if wording is None:
                    st.active = False
                else:
                    st.provision = wording
            for st in states:
                if st.active or len(st.cells) == i + 1:
                    continue
                cell, refs, wording = _carried(st, index, vocab, by_ref)
                if wording is not None and refs & set(by_ref) and not refs & claimed:
                    st.cells.append(dataclasses.replace(cell, status="restored"))
                    st.provision, st.active = wording, True
                    claimed |= refs
                else:
                    st.cells.append(Cell("absent"))
        for w in found:
            if w.ref in claimed:
                continue
            cell = Cell("introduced" if i else "present", (w.ref,), w.terms)
            prov = _provision(doc, w)
            states.append(_State(prov, True, [None] * i + [cell], i, prov.text))
    threads = tuple(
        Thread(st.introduced, st.text, tuple(st.cells) + (None,) * (n - len(st.cells)))
        for st in states
    )
    return Lineage(tuple(texts), threads)


def lineage_files(
    paths: Sequence[Path], packs: Sequence[RulePack], *, reg: Registry | None = None
) -> Lineage:
    """Read the texts and follow their WPS provisions, with the packs' verb scale."""
    from wpscheck.diff import vocabulary_of
    from wpscheck.loading import load_document

    docs = [load_document(p, reg=reg) for p in paths]
    return lineage_of(docs, vocabulary_of(packs))
