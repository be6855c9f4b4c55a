"""``wpscheck precedents``: where a phrase was used before — agreed language.

Negotiators defend a proposal by pointing at agreed language: "full, equal and meaningful
participation of women" is in S/RES/2531 (2020), OP 4, under "Calls upon". This module
finds every paragraph of a set of texts that uses a phrase, or a close variant of it.

**A close variant** keeps every word of the phrase, in the phrase's order, and allows:

- *inflections*: words are compared by a crude English stem — case, accents, quotes and
  apostrophes folded, a possessive ``'s`` dropped, and the endings ``-ies`` (as ``-y``),
  ``-ing``, ``-ed``, ``-es``, ``-s`` and then a final ``-e`` removed from words of more
  than four letters, so "ensures" = "ensuring" = "ensure", "women's" = "women",
  "organizations" = "organization";
- *small insertions*: at most ``insertions`` words (default :data:`INSERTIONS`) in all
  between the phrase's words ("full, equal, effective and meaningful participation");
- punctuation is ignored.

No word of the phrase may be missing or replaced, and the phrase must sit inside one
paragraph's own text (a sub-paragraph is a paragraph of its own). A hit whose words are
the phrase's words exactly, with nothing inserted, is **exact**; the others are
**variants**. Each paragraph is listed once, with its fewest-insertions use.

Each hit names the document (its symbol, else its file name), the paragraph ref and the
lead verb that carries it: the paragraph's own ("Calls upon"), or for a sub-paragraph,
that of the paragraph it sits under ("Decides", with that paragraph's ref), since "(a) to
ensure …" carries what "Decides" or "Requests" makes of it.
Hits are sorted by document name, then in document order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from wpscheck.errors import InputError
from wpscheck.lineage import document_name
from wpscheck.models import Document, Paragraph
from wpscheck.text.align import join, words

if TYPE_CHECKING:
    from wpscheck.registry import Registry

__all__ = ["INSERTIONS", "Precedent", "find_precedents", "precedents_in_files", "stem"]

#: How many words may be inserted, in all, between the words of the phrase.
INSERTIONS = 3
_ENDINGS = (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


def stem(word: str) -> str:
    """A normalised word reduced to the stem a variant may share (see the module doc)."""
    w = word.removesuffix("'s").removesuffix("'")
    if len(w) > 4 and not w.endswith("ss"):
        for end, repl in _ENDINGS:
            if w.endswith(end) and len(w) - len(end) >= 3:
                w = w[: -len(end)] + repl
                break
    return w[:-1] if len(w) > 4 and w.endswith("e") else w


@dataclasses.dataclass(frozen=True)
class Precedent:
    """One paragraph that uses the phrase: where, under which verb, and the words found."""

    document: str
    path: str | None
    ref: str
    verb: str | None
    verb_ref: str | None
    exact: bool
    inserted: int
    found: str
    text: str
    line: int | None

    def to_data(self) -> dict[str, object]:
        return dataclasses.asdict(self)


def _paragraphs(doc: Document) -> Iterator[tuple[Paragraph, Paragraph]]:
    """Every paragraph of ``doc`` (annexes too) with the top-level paragraph it sits under."""
    for top in (*doc.paragraphs, *(p for a in doc.annexes for p in a.paragraphs)):
        for p in top.walk():
            yield p, top


def _match(stems: Sequence[str], phrase: Sequence[str], limit: int) -> tuple[int, int] | None:
    """The span ``(start, end)`` of the use of ``phrase`` in ``stems`` with the fewest
    insertions (at most ``limit``), the earliest of equals. Leftmost matching from each
    start gives the shortest span from that start."""
    best: tuple[int, int] | None = None
    n, m = len(stems), len(phrase)
    for start in range(n - m + 1):
        if stems[start] != phrase[0]:
            continue
        i, k = start + 1, 1
        while k < m and i < n and i - start - k <= limit:
            if stems[i] == phrase[k]:
                k += 1
            i += 1
        if k == m and i - start - m <= limit and (best is None or i - start < best[1] - best[0]):
            best = (start, i)
            if i - start == m:
                break
    return best


def find_precedents(
    phrase: str, docs: Sequence[Document], *, insertions: int = INSERTIONS
) -> list[Precedent]:
    """Every paragraph of ``docs`` that uses ``phrase`` or a close variant, sorted."""
    pnorm = words(phrase)[0]
    if not pnorm:
        raise InputError(f'precedents: the phrase "{phrase}" has no words to look for')
    pstems = [stem(w) for w in pnorm]
    hits: list[tuple[tuple[str, str, int], Precedent]] = []
    for doc in docs:
        name = document_name(doc, "document")
        for order, (para, top) in enumerate(_paragraphs(doc)):
            norm, surface = words(para.text)
            span = _match([stem(w) for w in norm], pstems, insertions)
            if span is None:
                continue
            a, b = span
            verb, verb_ref = para.lead, para.ref if para.lead else None
            if top is not para and top.lead:
                verb, verb_ref = top.lead, top.ref
            hit = Precedent(
                document=name,
                path=doc.path,
                ref=para.ref,
                verb=verb,
                verb_ref=verb_ref,
                exact=b - a == len(pnorm) and norm[a:b] == pnorm,
                inserted=b - a - len(pnorm),
                found=join(surface[a:b]).rstrip(",;:."),
                text=para.text,
                line=para.span.line if para.span else None,
            )
            hits.append(((name, doc.path or "", order), hit))
    hits.sort(key=lambda h: h[0])
    return [h for _, h in hits]


def precedents_in_files(
    phrase: str,
    paths: Sequence[str | Path],
    *,
    insertions: int = INSERTIONS,
    reg: Registry | None = None,
) -> tuple[list[Precedent], int]:
    """Read the texts (files, and the readable files of directories) and find the phrase;
    also how many texts were searched."""
    from wpscheck.loading import expand_inputs, load_document
    from wpscheck.loading.files import show
    from wpscheck.registry import registry

    reg = reg or registry()
    readable = set(reg.document_suffixes)
    files: list[Path] = []
    for given in paths:
        found = expand_inputs([given], reg=reg)
        texts = [f for f in found if f.suffix.lower() in readable]
        if not texts:
            what = "holds no texts" if Path(given).is_dir() else "is not a text"
            raise InputError(
                f"{show(Path(given))}: {what} to search; expected "
                f"{', '.join(sorted(readable))} files"
            )
        files.extend(texts)
    docs = [load_document(f, reg=reg) for f in dict.fromkeys(files)]
    return find_precedents(phrase, docs, insertions=insertions), len(docs)
