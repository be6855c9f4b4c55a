"""Aligning the provisions of a baseline text with a draft, and classifying what happened.

This is the engine of the ``retain`` check and of ``wpscheck diff``. For each baseline
provision it finds the draft paragraph (or run of adjacent paragraphs) that carries its
language, whatever the numbering, line wrapping, quote style or order, and classifies it:

- **retained** — the wording is there (similarity ≥ ``retained_at``), every key term is there,
  nothing weakened it;
- **weakened** — the wording is there but the operative verb fell on the verb scale, a
  weakening qualifier was added that the baseline did not have, an intensifier it had was
  dropped ("Strongly condemning" → "Condemning"), or the provision moved from the
  operative part to the preamble;
- **modified** — named key terms are gone, or much of the wording changed
  (``dropped_below`` ≤ similarity < ``retained_at``);
- **dropped** — nothing in the draft carries it (similarity < ``dropped_below``, and no
  paragraph with half that similarity keeps one of its key terms).

How it stays fast (near-linear in the size of the draft): the draft is indexed once by word
bigrams (pairs of adjacent normalised words that are not both function words), each
provision looks up its own bigrams to pick at most :data:`CANDIDATES` candidate paragraphs,
and only those are compared word by word (longest common subsequence, rapidfuzz). A candidate
grows into its neighbours while that raises the similarity (a baseline paragraph split in
two). The alignment kept is the candidate with the highest score; ties go to the earliest.

*Similarity* is the share of the provision's words found, in order, in the candidate
(runs of two or more words, and single words that are not function words). *Score* is
the similarity scaled by the classification, so that a better classification always scores
higher: retained = similarity (≥ 0.8 by default), weakened = 0.75 × similarity,
modified = 0.5 × the mean of the similarity and the share of key terms the paragraph
keeps (so that of two loose matches, the one carrying the key terms wins), dropped = 0.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, cast

from wpscheck.errors import RulePackError
from wpscheck.evidence import (
    AlignmentEvidence,
    CarriedAcross,
    ChapeauLost,
    DiffRun,
    IntensifierAdded,
    IntensifierDropped,
    LostTerm,
    MovedToPreamble,
    QualifierAdded,
    QualifierRemoved,
    Reason,
    Strengthening,
    TermElsewhere,
    VerbDemoted,
    VerbPromoted,
    Weakening,
    WordingKept,
    WpsTermsAdded,
)
from wpscheck.models import Document, Paragraph
from wpscheck.text.kept import kept

__all__ = [
    "CANDIDATES",
    "CLASSIFICATIONS",
    "DROPPED_BELOW",
    "FUNCTION_WORDS",
    "RESCUE_SHARE",
    "RETAINED_AT",
    "Alignment",
    "DraftIndex",
    "Provision",
    "Vocabulary",
    "align",
    "classify",
    "has_term",
    "is_fragment",
    "join",
    "provision_from_paragraph",
    "rejoin",
    "words",
]

Classification = Literal["retained", "strengthened", "modified", "weakened", "dropped"]
CLASSIFICATIONS: tuple[Classification, ...] = (
    "retained",
    "strengthened",
    "modified",
    "weakened",
    "dropped",
)
#: How many candidate paragraphs (by shared bigrams) are compared word by word.
CANDIDATES = 6
#: A candidate grows to at most this many adjacent paragraphs (a split provision).
MAX_WINDOW = 4
#: Leading or trailing added words beyond this many are trimmed from the evidence: they
#: belong to another provision merged into the same paragraph.
CONTEXT = 8
#: The share of a neighbour's own words that must be the provision's for it to join a window.
GROW_SHARE = 0.6
#: Words added inside a provision beyond this many are another provision merged into it,
#: not a strengthening of this one.
INSERTED = 2 * CONTEXT
WEAKENED_FACTOR = 0.75
MODIFIED_FACTOR = 0.5

#: Function words (English and French): a match of one of these alone says nothing about
#: retention.
_FUNCTION_WORDS = """a an and are as at be been by for from has have in into is it its of on or
that the their them these this those to was were which with
le la les l de des du d un une et à au aux en dans par pour sur que qui se ses son sa leur
leurs ce cette ces est sont"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})


def words(text: str) -> tuple[list[str], list[str]]:
    """The words of ``text`` as ``(normalised, as written)``.

    Normalised words are case-folded with apostrophes unified, hyphens split ("gender-based"
    and "gender based" compare equal) and "per cent" joined into "percent", the way
    :func:`wpscheck.text.normalise.normalise` compares text. Each word as written carries
    the punctuation printed with it: what opens before it ("(", "“") and what closes after
    it (",", ")", ";"), with the space that follows, so that :func:`join` of a run of them
    gives back the text a person reads ("(2019–2023)", "Secretary-General,"), and a run
    never ends on the opening bracket or quote of the word after it.
    """
    parts = _WORD_SPLIT.split(text)  # gap, word, gap, word, …, gap
    found = parts[1::2]
    if not found:
        return [], []
    # Case folding and the apostrophe table map one character at a time, whatever its
    # neighbours, so the words are folded in one go ("\0" is in no word).
    norm = "\0".join(found).casefold().translate(_APOSTROPHES).split("\0")
    # Each gap between two words is cut after its last space: before it, the first word's
    # closing punctuation; after it, the second word's opening punctuation.
    opens = [parts[0]]
    closes: list[str] = []
    for gap in parts[2:-1:2]:
        last = -1 if gap[-1] in " \n\t" else max(gap.rfind(" "), gap.rfind("\n"), gap.rfind("\t"))
        if last < 0:  # the usual case: the gap ends with a space (or has none)
            closes.append(gap)
            opens.append("")
        else:
            closes.append(gap[: last + 1])
            opens.append(gap[last + 1 :])
    closes.append(parts[-1])
    surface = [o + w + c for o, w, c in zip(opens, found, closes, strict=True)]
    if "cent" in norm:
        return _percent(norm, surface)
    return norm, surface


def _percent(norm: list[str], surface: list[str]) -> tuple[list[str], list[str]]:
    """ "per" followed by "cent" made one word, "percent"."""
    out_n: list[str] = []
    out_s: list[str] = []
    for n, s in zip(norm, surface, strict=True):
        if n == "cent" and out_n and out_n[-1] == "per":
            out_n[-1] = "percent"
            out_s[-1] += s
            continue
        out_n.append(n)
        out_s.append(s)
    return out_n, out_s


def join(surface: Sequence[str]) -> str:
    """A run of words as written, spaces and line breaks collapsed."""
    return " ".join("".join(surface).split())


#: Real words of one or two letters (English, and French as in "Comité de suivi de
#: l'Accord"). Any other token of one or two letters may be a piece of a word that a PDF
#: extraction split with a stray space ("response t o gender-based", "Nasr a l-Islam").
_SHORT_WORDS = """a i am an as at be by do go he if in is it me my no of on or so to up us we
un de la le du au en et"""
SHORT_WORDS = frozenset(_SHORT_WORDS.split())
_LEADING_WORD = re.compile(r"\w+(?:['’]\w+)*")


def is_fragment(word: str) -> bool:
    """A token of one or two letters that is not a word of its own (``t``, ``se``, ``md``)."""
    return len(word) <= 2 and word.isalpha() and word not in SHORT_WORDS


def rejoin(
    norm: Sequence[str],
    surface: Sequence[str],
    known: Container[str],
    once: Container[str] = frozenset(),
) -> tuple[list[str], list[str]]:
    """Words split by a stray space joined again (a PDF artefact).

    Two adjacent words separated only by spaces (or one line break) become one when the
    joined word is ``known`` (a word of the other text) and either one of them
    :func:`is_fragment` ("t o" → "to", "respon se" → "response"), or neither is a word of
    the other text nor found anywhere else in this one (``once``: the words this text
    has only once; "preven tion" → "prevention", "MINU SMA" → "MINUSMA"). Two words of their
    own stay apart: "in to" is not "into", "not able" is not "notable". The surface keeps
    the text as printed.
    """
    out_n: list[str] = []
    out_s: list[str] = []
    n = len(norm)
    # Whether each word could be a piece: a fragment, or a word this text has only once.
    frag = [len(w) <= 2 and is_fragment(w) for w in norm]
    single = [w in once for w in norm]
    i = 0
    while i < n:
        a = norm[i]
        if i + 1 < n and (frag[i] or frag[i + 1] or (single[i] and single[i + 1])):
            b = norm[i + 1]
            if (
                a + b in known
                and a.isalpha()
                and b.isalpha()
                and (
                    frag[i]
                    or frag[i + 1]
                    or (
                        a not in known
                        and b not in known
                        and a not in SHORT_WORDS
                        and b not in SHORT_WORDS
                    )
                )
            ):
                m = _LEADING_WORD.search(surface[i])
                gap = surface[i][m.end() :] if m else "x"
                opens = _LEADING_WORD.match(surface[i + 1]) is not None
                if opens and gap and gap.isspace() and gap.count("\n") <= 1:
                    out_n.append(a + b)
                    out_s.append(surface[i] + surface[i + 1])
                    i += 2
                    continue
        out_n.append(a)
        out_s.append(surface[i])
        i += 1
    return out_n, out_s


def _bigrams(norm: Sequence[str]) -> set[tuple[str, str]]:
    return {
        (a, b)
        for a, b in itertools.pairwise(norm)
        if not (a in FUNCTION_WORDS and b in FUNCTION_WORDS)
    }


def _find(seq: Sequence[str], phrase: Sequence[str], start: int = 0) -> int:
    """Index of the first occurrence of ``phrase`` in ``seq`` at or after ``start``, or -1."""
    n = len(phrase)
    if n == 0:
        return -1
    items = seq if isinstance(seq, list) else list(seq)
    wanted = phrase if isinstance(phrase, list) else list(phrase)
    first = wanted[0]
    stop = len(items) - n + 1
    i = max(start, 0)
    while i < stop:
        try:
            i = items.index(first, i, stop)
        except ValueError:
            return -1
        if n == 1 or items[i : i + n] == wanted:
            return i
        i += 1
    return -1


def _without(seq: Sequence[str], phrases: Sequence[Sequence[str]]) -> list[str]:
    """``seq`` with every occurrence of the phrases taken out (a qualifier inserted into a
    key term does not hide the term: it is reported as a qualifier)."""
    out = list(seq)
    for phrase in phrases:
        i = _find(out, phrase)
        while i >= 0:
            del out[i : i + len(phrase)]
            i = _find(out, phrase, i)
    return out


def _count(seq: Sequence[str], phrase: Sequence[str]) -> int:
    n, i = 0, _find(seq, phrase)
    while i >= 0:
        n += 1
        i = _find(seq, phrase, i + len(phrase))
    return n


#: How many words a reader lets into a key term ("third national plan (2019–2023) for …"):
#: this many, plus one for every three words of the term.
TERM_SLACK = 3


def has_term(seq: Sequence[str], term: Sequence[str], exact: bool = False) -> bool:
    """Whether ``seq`` carries the key term ``term`` (both normalised, see :func:`words`),
    with the tolerance a reader has.

    The term's words may be interrupted by a few others (:data:`TERM_SLACK`: a parenthetical,
    a date, a short word) and, unless ``exact``, come in another order ("the quota of at
    least 30 per cent women" carries "30 per cent quota"); function words of the term may
    be missing (not when ``exact``). A term written as one word or two ("peace-building",
    "peacebuilding") is the same term.
    """
    if not term:
        return False
    if _find(seq, term) >= 0:
        return True
    span = len(term) + TERM_SLACK + len(term) // 3
    present = set(seq)
    if exact:
        if present.issuperset(term) and any(
            _subsequence(seq[i : i + span], term) for i, w in enumerate(seq) if w == term[0]
        ):
            return True
        return _joined(seq, term)
    need = Counter(w for w in term if w not in FUNCTION_WORDS) or Counter(term)
    if present.issuperset(need):
        for i, w in enumerate(seq):
            if w in need and not need - Counter(seq[i : i + span]):
                return True
    return _joined(seq, term)


def _subsequence(window: Sequence[str], term: Sequence[str]) -> bool:
    it = iter(window)
    return all(any(w == t for w in it) for t in term)


def _joined(seq: Sequence[str], term: Sequence[str]) -> bool:
    """The term's letters, word boundaries ignored, from a word start to a word end."""
    letters = "".join(term)
    text = "".join(seq)
    at = text.find(letters)
    if at < 0:
        return False
    starts = set(itertools.accumulate((len(w) for w in seq), initial=0))
    while at >= 0:
        if at in starts and at + len(letters) in starts:
            return True
        at = text.find(letters, at + 1)
    return False


# --------------------------------------------------------------------------- vocabulary


@dataclasses.dataclass(frozen=True)
class Vocabulary:
    """The verb scale, the weakening qualifiers and the intensifiers of one language: pack
    data, not code.

    ``verb_scale`` lists tiers of verbs, strongest first; verbs in one tier are equal.
    ``qualifiers`` are phrases that soften a commitment when a draft adds them (and
    strengthen it when a draft removes one the baseline had); ``intensifiers`` are words
    that strengthen one, whose loss softens it. ``language``: the language the words are
    in (``en``, ``fr``…).
    """

    verbs: tuple[tuple[tuple[str, ...], int, str], ...] = ()
    qualifiers: tuple[tuple[tuple[str, ...], str], ...] = ()
    #: words whose loss weakens a provision ("Strongly condemning" → "Condemning")
    intensifiers: tuple[tuple[tuple[str, ...], str], ...] = ()
    language: str = "en"

    @classmethod
    def from_data(
        cls, data: Mapping[str, Any], *, source: str = "rule pack", language: str = "en"
    ) -> Vocabulary:
        """Read ``verb_scale``, ``weakening_qualifiers`` and ``intensifiers`` from a pack's
        ``[data]`` table (or a retention vocabulary file)."""
        from pydantic import ValidationError

        from wpscheck.loading.positions import describe_validation_error, loc_path
        from wpscheck.packfile import PackData

        try:
            typed = PackData.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            raise RulePackError(
                f"{source}: [data] {loc_path(err['loc'])}: {describe_validation_error(err)}"
            ) from None
        scale, quals, intens = typed.verb_scale, typed.weakening_qualifiers, typed.intensifiers
        verbs = [
            (tuple(words(v)[0]), len(scale) - i, v) for i, tier in enumerate(scale) for v in tier
        ]
        # Longest phrases first, so that "calls upon" wins over "calls".
        verbs.sort(key=lambda t: (-len(t[0]), t[0]))
        qualifiers = tuple((tuple(words(q)[0]), q) for q in quals)
        intensifiers = tuple((tuple(words(q)[0]), q) for q in intens)
        return cls(tuple(verbs), qualifiers, intensifiers, language)

    @classmethod
    def from_file(cls, path: Path) -> Vocabulary:
        """A retention vocabulary file (``rules/vocabularies/retention-en.toml``): its
        ``language`` and ``title``, then ``verb_scale``, ``weakening_qualifiers`` and
        ``intensifiers`` as a pack's ``[data]`` gives them."""
        from wpscheck.loading import parse_toml, read_text

        data = parse_toml(path, read_text(path, what="vocabulary"))
        language = data.pop("language", None)
        data.pop("title", None)
        if not isinstance(language, str) or not language:
            raise RulePackError(
                f'{path.as_posix()}: a retention vocabulary names its language (language = "en")'
            )
        return cls.from_data(data, source=path.as_posix(), language=language)

    @staticmethod
    def shipped(language: str | None) -> Vocabulary:
        """The shipped vocabulary of ``language`` (``retention-<language>.toml`` beside the
        shipped packs), English when the language is unknown; an empty vocabulary (only
        wording and key terms count) for a language none is shipped for."""
        return _shipped(language or "en")

    def verbs_in(self, norm: Sequence[str]) -> list[tuple[int, int, int]]:
        """Every scale verb in ``norm`` as ``(start, end, rank)``, left to right, no overlaps
        (the longest phrase wins: "calls upon", not "calls")."""
        found: list[tuple[int, int, int]] = []
        by_first = self._by_first
        i, n = 0, len(norm)
        while i < n:
            for phrase, rank in by_first.get(norm[i], ()):
                k = len(phrase)
                if tuple(norm[i : i + k]) == phrase:
                    found.append((i, i + k, rank))
                    i += k - 1
                    break
            i += 1
        return found

    @functools.cached_property
    def _by_first(self) -> dict[str, list[tuple[tuple[str, ...], int]]]:
        out: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
        for phrase, rank, _ in self.verbs:  # longest first
            out[phrase[0]].append((phrase, rank))
        return dict(out)

    def lead_verb(self, norm: Sequence[str]) -> tuple[int, int, int] | None:
        """The scale verb a paragraph opens with (within its first four words), if any."""
        for start, end, rank in self.verbs_in(norm[:6]):
            if start <= 3:
                return start, end, rank
        return None


@functools.cache
def _shipped(language: str) -> Vocabulary:
    path = shipped_vocabulary_file(language)
    return Vocabulary.from_file(path) if path else Vocabulary(language=language)


def shipped_vocabulary_file(language: str) -> Path | None:
    """The shipped retention vocabulary of ``language``
    (``rules/vocabularies/retention-<language>.toml``), or None when none is shipped."""
    from wpscheck.text.wps import vocabularies_dir

    path = vocabularies_dir() / f"retention-{language}.toml"
    return path if path.is_file() else None


# --------------------------------------------------------------------------- provisions


@dataclasses.dataclass(frozen=True)
class Provision:
    """One baseline provision to look for: its text, where it sat, and its key terms."""

    ref: str
    text: str
    section: str = "operative"
    #: for a sub-paragraph, the lead verb of the paragraph it sits under (e.g. "Decides")
    governing: str | None = None
    key_terms: tuple[str, ...] = ()
    #: the key terms that count only in their own word order (see :func:`has_term`)
    exact_terms: frozenset[str] = frozenset()
    #: the text of its sub-paragraphs, the end of ``text`` (None: it has none)
    items: str | None = None

    @property
    def tokens(self) -> tuple[list[str], list[str]]:
        return words(self.text)


def provision_from_paragraph(
    doc: Document,
    para: Paragraph,
    key_terms: Iterable[str] = (),
    *,
    exact_terms: Iterable[str] = (),
    whole: bool = True,
) -> Provision:
    """The provision a baseline paragraph states: with its sub-paragraphs (``whole``, as a
    ``retain`` rule names it) or its own text only (as ``wpscheck diff`` lists each
    sub-paragraph). ``exact_terms`` are key terms too, found only in their own order."""
    top = _top_of(doc, para)
    governing = None
    if top is not None and top is not para:
        governing = top.lead or join(words(top.text)[1][:2]) or None
    keys, exact = tuple(key_terms), tuple(exact_terms)
    text = para.full_text() if whole else para.text
    items = text[len(para.text) :].strip() if whole and para.children else ""
    return Provision(
        ref=para.ref,
        text=text,
        items=items if items and text.startswith(para.text) else None,
        section=para.section if para.section != "body" else "operative",
        governing=governing,
        key_terms=(*keys, *(t for t in exact if t not in keys)),
        exact_terms=frozenset(exact),
    )


def _top_of(doc: Document, para: Paragraph) -> Paragraph | None:
    for top in doc.paragraphs:
        for p in top.walk():
            if p is para:
                return top
    return None


# --------------------------------------------------------------------------- the draft


@dataclasses.dataclass(frozen=True)
class _Node:
    para: Paragraph
    norm: list[str]
    surface: list[str]
    section: str
    top: int  # index of its top-level paragraph's node


class DraftIndex:
    """A draft's paragraphs, in document order, indexed by word bigrams. Build once, reuse:
    :meth:`of` keeps one per document for as long as the document lives."""

    def __init__(self, doc: Document) -> None:
        self.nodes: list[_Node] = []
        self.index: dict[tuple[str, str], list[int]] = defaultdict(list)
        for top in doc.paragraphs:
            top_i = len(self.nodes)
            for p in top.walk():
                norm, surface = words(p.text)
                i = len(self.nodes)
                self.nodes.append(_Node(p, norm, surface, p.section, top_i))
                for bg in _bigrams(norm):
                    self.index[bg].append(i)
        self.all_norm: list[str] = [w for n in self.nodes for w in n.norm]
        counts = Counter(self.all_norm)
        #: the words the draft has only once (a piece of a split word is one)
        self.once: frozenset[str] = frozenset(w for w, c in counts.items() if c == 1)
        #: the nodes holding a possible piece of a split word (see :func:`rejoin`)
        self.fragmented: frozenset[int] = frozenset(
            i
            for i, n in enumerate(self.nodes)
            if any(is_fragment(w) for w in n.norm)
            or any(a in self.once and b in self.once for a, b in itertools.pairwise(n.norm))
        )
        self._letters: dict[int, str] = {}
        self._words: list[frozenset[str]] | None = None
        self._by_word: dict[str, list[int]] | None = None
        self._joined: tuple[str, list[int]] | None = None
        #: what was said once for the whole document, by pack id (a pack's provisions in
        #: another language than the draft's: see the ``retain`` check)
        self.said: set[str] = set()
        #: a bigram found in more paragraphs than this says little about where a provision is
        self.common = max(8, len(self.nodes) // 4)

    @classmethod
    def of(cls, doc: Document) -> DraftIndex:
        """The index of ``doc``, built on first use and dropped when the document is.

        Every rule reading the same document shares it (the engine runs rule by rule over
        all the documents, so building it per rule would cost most of the check's time).
        """
        return kept(doc, "draft-index", lambda: cls(doc))

    def candidates(self, norm: Sequence[str], limit: int = CANDIDATES) -> list[int]:
        """The paragraphs sharing the most bigrams with ``norm``, best first (ties: earliest)."""
        hits: dict[int, int] = defaultdict(int)
        grams = _bigrams(norm)
        rare = [g for g in grams if 0 < len(self.index.get(g, ())) <= self.common]
        for g in rare or [g for g in grams if g in self.index]:
            for i in self.index[g]:
                hits[i] += 1
        ranked = sorted(hits, key=lambda i: (-hits[i], i))
        # A paragraph repeated word for word in the same part is one candidate: copies must
        # not crowd out a copy elsewhere (an operative one beats preambular ones).
        out: list[int] = []
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for i in ranked:
            node = self.nodes[i]
            key = (node.section, tuple(node.norm))
            if key in seen:
                continue
            seen.add(key)
            out.append(i)
            if len(out) == limit:
                break
        return out

    def find_term(self, term: Sequence[str], exact: bool = False) -> int | None:
        """The first node whose text holds ``term`` (see :func:`has_term`), or None."""
        known = set(term)
        # What has_term needs of a paragraph, whichever way it finds the term: the term's
        # content words all among its words, or the term's letters in its joined words.
        need = {w for w in term if w not in FUNCTION_WORDS} or known
        letters = "".join(term)
        present = self._present()
        for i in self._term_candidates(need, letters):
            n = self.nodes[i]
            if (need <= present[i] or letters in self._joined_letters(i)) and has_term(
                n.norm, term, exact
            ):
                return i
            if (
                i in self.fragmented
                and all(w in self._joined_letters(i) for w in term)
                and has_term(rejoin(n.norm, n.surface, known, self.once)[0], term, exact)
            ):
                return i
        return None

    def _term_candidates(self, need: set[str], letters: str) -> list[int]:
        """The nodes :meth:`find_term` must look at, in order: those holding every word of
        ``need``, those whose joined words hold ``letters``, and the fragmented ones."""
        if not need or not letters:
            return list(range(len(self.nodes)))
        postings = self._postings()
        lists = sorted((postings.get(w, ()) for w in need), key=len)
        found = set(lists[0]).intersection(*lists[1:])
        joined, offsets = self._all_letters()
        at = joined.find(letters)
        while at >= 0:
            found.add(bisect.bisect_right(offsets, at) - 1)
            at = joined.find(letters, at + 1)
        found |= self.fragmented
        return sorted(found)

    def _postings(self) -> dict[str, list[int]]:
        """Each word's nodes, in order."""
        if self._by_word is None:
            by_word: dict[str, list[int]] = {}
            for i, words_of in enumerate(self._present()):
                for w in words_of:
                    by_word.setdefault(w, []).append(i)
            self._by_word = by_word
        return self._by_word

    def _all_letters(self) -> tuple[str, list[int]]:
        """Every node's joined words, one string ("\\0" between nodes), and where each starts."""
        if self._joined is None:
            pieces = [self._joined_letters(i) for i in range(len(self.nodes))]
            offsets = list(itertools.accumulate((len(p) + 1 for p in pieces[:-1]), initial=0))
            self._joined = ("\0".join(pieces), offsets)
        return self._joined

    def _present(self) -> list[frozenset[str]]:
        if self._words is None:
            self._words = [frozenset(n.norm) for n in self.nodes]
        return self._words

    def _joined_letters(self, i: int) -> str:
        hit = self._letters.get(i)
        if hit is None:
            hit = self._letters[i] = "".join(self.nodes[i].norm)
        return hit


# --------------------------------------------------------------------------- alignment


@dataclasses.dataclass(frozen=True)
class Alignment:
    """Where a provision went in the draft and what happened to it."""

    provision: Provision
    classification: Classification
    score: float
    similarity: float
    nodes: tuple[int, ...] = ()
    draft: tuple[Paragraph, ...] = ()
    diff: tuple[DiffRun, ...] = ()
    #: why it counts as what it is: the lost key terms first, then the rest
    reasons: tuple[Reason, ...] = ()

    @property
    def lost_terms(self) -> tuple[str, ...]:
        return tuple(r.term for r in self.reasons if isinstance(r, LostTerm))

    @property
    def draft_ref(self) -> str | None:
        return self.draft[0].ref if self.draft else None

    @property
    def draft_text(self) -> str | None:
        return " ".join(p.text for p in self.draft) if self.draft else None

    def evidence(
        self, baseline: str | None = None, baseline_title: str | None = None
    ) -> AlignmentEvidence:
        """The alignment as the evidence a finding (or a ``diff`` paragraph) carries."""
        return AlignmentEvidence(
            baseline_ref=self.provision.ref,
            baseline_text=self.provision.text,
            draft_ref=self.draft_ref,
            draft_text=self.draft_text,
            diff=self.diff,
            reasons=self.reasons,
            baseline=baseline,
            baseline_title=baseline_title,
        )


#: The default share of a provision's wording that makes it retained, and the share below
#: which it is dropped (a pack's ``retain`` rule may set its own).
RETAINED_AT = 0.8
DROPPED_BELOW = 0.3
#: A provision below ``dropped_below`` that keeps one of its key terms is still found
#: (modified) down to this share of ``dropped_below`` (0.15 by default).
RESCUE_SHARE = 0.5


@dataclasses.dataclass(frozen=True)
class Thresholds:
    retained_at: float = RETAINED_AT
    dropped_below: float = DROPPED_BELOW


Ops = list[tuple[str, int, int, int, int]]


class _Matcher:
    """Compares one provision with draft windows (word-level longest common subsequence,
    by rapidfuzz: ~100× faster than :class:`difflib.SequenceMatcher` on these inputs);
    results are kept per window."""

    def __init__(self, bnorm: Sequence[str], index: DraftIndex) -> None:
        self.bnorm = list(bnorm)
        self.known = frozenset(bnorm)
        self.index = index
        self.memo: dict[tuple[int, ...], tuple[float, Ops]] = {}
        self.repaired: dict[int, tuple[list[str], list[str]]] = {}

    def node_tokens(self, i: int) -> tuple[list[str], list[str]]:
        """A draft paragraph's words, split words rejoined against the provision's."""
        node = self.index.nodes[i]
        if i not in self.index.fragmented:
            return node.norm, node.surface
        hit = self.repaired.get(i)
        if hit is None:
            hit = self.repaired[i] = rejoin(node.norm, node.surface, self.known, self.index.once)
        return hit

    def window_tokens(self, nodes: Sequence[int]) -> tuple[list[str], list[str]]:
        norm: list[str] = []
        surface: list[str] = []
        for i in nodes:
            n, s = self.node_tokens(i)
            norm.extend(n)
            surface.extend(s)
        return norm, surface

    def compare(self, window: Sequence[int]) -> tuple[float, Ops]:
        """Similarity and word-level opcodes (baseline → draft) of a window of nodes."""
        key = tuple(window)
        hit = self.memo.get(key)
        if hit is None:
            hit = word_diff(self.bnorm, self.window_tokens(key)[0])
            self.memo[key] = hit
        return hit


def word_diff(bnorm: Sequence[str], dnorm: Sequence[str]) -> tuple[float, Ops]:
    """The similarity of ``dnorm`` to ``bnorm`` and the opcodes from one to the other.

    Opcodes are ``(tag, i1, i2, j1, j2)`` as :mod:`difflib` writes them; a function word
    matched alone between two changes is folded into the change (it is chance, not
    retention), and a deletion next to an insertion is one replacement. The similarity is
    the share of the baseline's words in matched runs.
    """
    from rapidfuzz.distance import LCSseq

    # tuples (tag, i1, i2, j1, j2), made in one call rather than read op by op
    raw = cast(Ops, LCSseq.opcodes(list(bnorm), list(dnorm)).as_list())
    last = len(raw) - 1
    ops: Ops = []
    for k, (tag, i1, i2, j1, j2) in enumerate(raw):
        lone = (
            tag == "equal"
            and i2 - i1 == 1
            and bnorm[i1] in FUNCTION_WORDS
            and (k > 0 and raw[k - 1][0] != "equal")
            and (k < last and raw[k + 1][0] != "equal")
        )
        if tag != "equal" or lone:
            if ops and ops[-1][0] != "equal":
                _, a1, _, b1, _ = ops[-1]
                ops[-1] = ("?", a1, i2, b1, j2)
            else:
                ops.append(("?", i1, i2, j1, j2))
        else:
            ops.append((tag, i1, i2, j1, j2))
    tidy: Ops = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "?":
            tag = "replace" if i2 > i1 and j2 > j1 else "delete" if i2 > i1 else "insert"
        tidy.append((tag, i1, i2, j1, j2))
    matched = sum(
        i2 - i1
        for tag, i1, i2, _, _ in tidy
        if tag == "equal" and (i2 - i1 >= 2 or bnorm[i1] not in FUNCTION_WORDS)
    )
    return (matched / len(bnorm) if bnorm else 0.0), tidy


def _grow(index: DraftIndex, matcher: _Matcher, seed: int) -> tuple[tuple[int, ...], float, Ops]:
    """The seed paragraph, grown into adjacent ones while that raises the similarity.

    A neighbour joins only if most of its own words (:data:`GROW_SHARE`) are the
    provision's: the other half of a split paragraph, not a paragraph on a related subject.
    """
    window = [seed]
    sim, ops = matcher.compare(window)
    while len(window) < MAX_WINDOW and sim < 0.999:
        best: tuple[float, list[int], Ops] | None = None
        for cand in (window[0] - 1, window[-1] + 1):
            if not 0 <= cand < len(index.nodes) or not index.nodes[cand].norm:
                continue
            trial = sorted([*window, cand])
            s, o = matcher.compare(trial)
            if s < sim + 0.02 or (best is not None and s <= best[0]):
                continue
            if all(_own_share(matcher, trial, i, o) >= GROW_SHARE for i in trial):
                best = (s, trial, o)
        if best is None:
            break
        sim, window, ops = best
    return tuple(window), sim, ops


def _own_share(
    matcher: _Matcher,
    window: Sequence[int],
    node: int,
    ops: Ops,
) -> float:
    """The share of a window node's own words that match the provision."""
    start = sum(len(matcher.node_tokens(i)[0]) for i in window if i < node)
    end = start + len(matcher.node_tokens(node)[0])
    own = sum(max(0, min(j2, end) - max(j1, start)) for tag, _, _, j1, j2 in ops if tag == "equal")
    return own / (end - start) if end > start else 0.0


def _evidence_diff(
    ops: Ops,
    bsurf: Sequence[str],
    dsurf: Sequence[str],
) -> tuple[list[DiffRun], int, int]:
    """The word diff as runs, and the draft word range it covers.

    Long leading and trailing additions (another provision merged into the same paragraph)
    are trimmed to their :data:`CONTEXT` words nearest the provision (the run says it was
    cut).
    """
    out: list[DiffRun] = []
    lo, hi = 0, ops[-1][4] if ops else 0
    last = len(ops) - 1
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        before = after = False
        if tag != "equal" and j2 - j1 > CONTEXT:
            if k == 0 and last > 0:
                j1 = lo = j2 - CONTEXT
                before = True
            elif k == last and last > 0:
                j2 = hi = j1 + CONTEXT
                after = True
        if tag == "equal":
            out.append(DiffRun("=", join(bsurf[i1:i2])))
            continue
        if i2 > i1:
            out.append(DiffRun("-", join(bsurf[i1:i2])))
        if j2 > j1:
            out.append(DiffRun("+", join(dsurf[j1:j2]), cut_before=before, cut_after=after))
    return out, lo, hi


@dataclasses.dataclass(frozen=True)
class _Change:
    """What the draft did to the wording of a provision: the two sides and their ops."""

    prov: Provision
    bnorm: Sequence[str]
    dnorm: Sequence[str]
    dsurf: Sequence[str]
    ops: Ops
    region: Sequence[str]  # the draft words the evidence covers
    index: DraftIndex
    nodes: Sequence[int]

    def interior(self) -> list[tuple[int, int]]:
        """The draft word ranges added inside the provision — in place of some of its
        words, or between two kept runs — at most :data:`INSERTED` words long: not another
        provision merged with it."""
        last = len(self.ops) - 1
        return [
            (j1, j2)
            for k, (tag, _, _, j1, j2) in enumerate(self.ops)
            if (tag == "replace" or (tag == "insert" and 0 < k < last)) and 0 < j2 - j1 <= INSERTED
        ]


def _verb_changes(c: _Change, vocab: Vocabulary) -> tuple[list[Weakening], list[Strengthening]]:
    """A verb of the provision replaced by a lower (higher) one, or a sub-paragraph now
    governed by a weaker (stronger) verb."""
    moves: list[tuple[int, int, str, str, bool]] = []  # (from rank, to rank, from, to, governing)
    labels = {phrase: label for phrase, _, label in vocab.verbs}
    dverbs = vocab.verbs_in(c.dnorm)
    for bs, be, brank in vocab.verbs_in(c.bnorm):
        tag, _, _, j1, j2 = next(op for op in c.ops if op[1] <= bs < op[2])
        near = [v for v in dverbs if j1 - 1 <= v[0] <= j2] if tag == "replace" else []
        if near:
            ds, de, drank = near[0]
            was, now = labels[tuple(c.bnorm[bs:be])], labels[tuple(c.dnorm[ds:de])]
            moves.append((brank, drank, _cap(was, bs), _cap(now, bs), False))
    if c.prov.governing:
        top = c.index.nodes[c.index.nodes[c.nodes[0]].top]
        gnorm = words(c.prov.governing)[0]
        gb, gd = vocab.lead_verb(gnorm), vocab.lead_verb(top.norm)
        if gb and gd:
            was, now = " ".join(gnorm[gb[0] : gb[1]]), " ".join(top.norm[gd[0] : gd[1]])
            moves.append((gb[2], gd[2], _cap(was, 0), _cap(now, 0), True))
    weak: list[Weakening] = []
    strong: list[Strengthening] = []
    for old, new, was, now, governing in moves:
        if new < old:
            weak.append(VerbDemoted(was, now, governing))
        elif new > old:
            strong.append(VerbPromoted(was, now, governing))
    return weak, strong


def _changes(c: _Change, vocab: Vocabulary) -> tuple[list[Weakening], list[Strengthening]]:
    """The weakenings and the strengthenings of a provision found in the draft."""
    weak, strong = _verb_changes(c, vocab)
    inside = [c.dnorm[j1:j2] for j1, j2 in c.interior()]
    for phrase, label in vocab.qualifiers:
        had, has = _count(c.bnorm, phrase), _count(c.region, phrase)
        if has > had:
            weak.append(QualifierAdded(label))
        elif has < had:
            strong.append(QualifierRemoved(label))
    for phrase, label in vocab.intensifiers:
        had, has = _count(c.bnorm, phrase), _count(c.region, phrase)
        if has < had:
            weak.append(IntensifierDropped(label))
        elif has > had and any(_count(run, phrase) for run in inside):
            strong.append(IntensifierAdded(label))
    if c.prov.section == "operative" and all(
        c.index.nodes[i].section == "preamble" for i in c.nodes
    ):
        weak.append(MovedToPreamble())
    return weak, strong


def _wps_terms_added(c: _Change) -> tuple[str, ...]:
    """The WPS terms of the words added inside the provision that it did not have."""
    from wpscheck.text.wps import terms_in

    had = _wps_terms(c.prov.text)
    out: list[str] = []
    for j1, j2 in c.interior():
        for hit in terms_in(join(c.dsurf[j1:j2])):
            if hit.term not in had and hit.term not in out:
                out.append(hit.term)
    return tuple(out)


@functools.lru_cache(maxsize=256)
def _wps_terms(text: str) -> frozenset[str]:
    from wpscheck.text.wps import terms_in

    return frozenset(h.term for h in terms_in(text))


def _cap(text: str, position: int) -> str:
    return text[:1].upper() + text[1:] if position == 0 else text


def _key_terms(
    prov: Provision, dnorm: Sequence[str], index: DraftIndex, vocab: Vocabulary
) -> tuple[list[str], list[TermElsewhere]]:
    """The key terms the aligned paragraphs lost, and those now in another paragraph (a
    qualifier inserted into a term does not hide it: it is reported as a qualifier)."""
    lost: list[str] = []
    elsewhere: list[TermElsewhere] = []
    plain = _without(dnorm, [q for q, _ in vocab.qualifiers])
    for term in prov.key_terms:
        tnorm, exact = words(term)[0], term in prov.exact_terms
        if has_term(plain, tnorm, exact):
            continue
        where = index.find_term(tnorm, exact)
        if where is not None:
            elsewhere.append(TermElsewhere(term, index.nodes[where].para.ref))
        else:
            lost.append(term)
    return lost, elsewhere


def classify(
    sim: float,
    kept_terms: int,
    lost: bool,
    weakened: bool,
    strengthened: bool,
    th: Thresholds,
) -> Classification:
    """The classification of a provision, by the rule ``docs/retention.md`` states:

    1. **dropped** when less than ``dropped_below`` of the wording is found, unless a key
       term is kept and at least :data:`RESCUE_SHARE` × ``dropped_below`` is found;
    2. otherwise (the provision is found) **weakened** when anything weakened it — this
       takes precedence over *modified*;
    3. **modified** when a key term is lost or less than ``retained_at`` of the wording is
       found;
    4. **strengthened** when the wording is there and something strengthened it;
    5. **retained** otherwise.
    """
    if sim < th.dropped_below and not (kept_terms and sim >= th.dropped_below * RESCUE_SHARE):
        return "dropped"
    if weakened:
        return "weakened"
    if lost or sim < th.retained_at:
        return "modified"
    return "strengthened" if strengthened else "retained"


def _evaluate(
    prov: Provision,
    bsurf: list[str],
    index: DraftIndex,
    nodes: tuple[int, ...],
    tokens: tuple[list[str], list[str]],
    sim: float,
    ops: Ops,
    vocab: Vocabulary,
    th: Thresholds,
) -> Alignment:
    bnorm = prov.tokens[0]
    dnorm, dsurf = tokens
    diff, lo, hi = _evidence_diff(ops, bsurf, dsurf)
    change = _Change(prov, bnorm, dnorm, dsurf, ops, dnorm[lo:hi], index, nodes)
    weak, strong = _changes(change, vocab)
    lost, elsewhere = _key_terms(prov, dnorm, index, vocab)
    notes: list[Reason] = []
    if len(nodes) > 1 and len({index.nodes[i].top for i in nodes}) > 1:
        notes.append(CarriedAcross(tuple(index.nodes[i].para.ref for i in nodes)))
    notes.extend(elsewhere)
    kept_terms = len(prov.key_terms) - len(lost) - len(elsewhere)
    cls = classify(sim, kept_terms, bool(lost), bool(weak), bool(strong), th)
    if cls in ("retained", "strengthened") and vocab.language == "en":
        # WPS terms added count only where nothing was lost (the costliest change to see)
        added = _wps_terms_added(change)
        if added:
            strong.append(WpsTermsAdded(added))
            cls = "strengthened"
    if cls == "dropped":
        return Alignment(prov, "dropped", 0.0, round(sim, 4))
    score = sim
    if lost or sim < th.retained_at:
        kept_share = kept_terms / len(prov.key_terms) if prov.key_terms else 1.0
        score = MODIFIED_FACTOR * (sim + kept_share) / 2
        if sim < th.retained_at:
            notes.insert(0, WordingKept(sim))
        notes[:0] = [LostTerm(t) for t in lost]
    elif weak:
        score = WEAKENED_FACTOR * sim
    reasons: tuple[Reason, ...]
    if cls == "weakened":
        reasons = (*weak, *notes, *strong)
    else:
        reasons = (*notes, *strong) if cls == "modified" else (*strong, *notes)
    paras = tuple(index.nodes[i].para for i in nodes)
    return Alignment(prov, cls, round(score, 4), round(sim, 4), nodes, paras, tuple(diff), reasons)


def align(
    prov: Provision,
    index: DraftIndex,
    vocab: Vocabulary,
    *,
    retained_at: float = RETAINED_AT,
    dropped_below: float = DROPPED_BELOW,
) -> Alignment:
    """Align one provision with a draft and classify it.

    A provision with sub-paragraphs whose opening words are gone but whose items survive
    (the chapeau "Urges the Malian parties to … the following priority measures: (…)"
    dropped, its item kept in another paragraph) is *modified* there, not dropped.
    """
    th = Thresholds(retained_at, dropped_below)
    best = _best(prov, index, vocab, th)
    if best.classification != "dropped" or not prov.items:
        return best
    items = _best(dataclasses.replace(prov, text=prov.items, items=None), index, vocab, th)
    if items.classification == "dropped":
        return best
    lead = ChapeauLost(join(words(prov.text[: len(prov.text) - len(prov.items)])[1][:6]))
    score = min(items.score, MODIFIED_FACTOR * (items.similarity + 1) / 2)
    cls: Classification = "weakened" if items.classification == "weakened" else "modified"
    return dataclasses.replace(
        items,
        provision=prov,
        classification=cls,
        score=round(score, 4),
        reasons=(lead, *items.reasons),
    )


def _best(prov: Provision, index: DraftIndex, vocab: Vocabulary, th: Thresholds) -> Alignment:
    """The best-scoring window of the draft for ``prov`` (dropped: none found)."""
    bnorm, bsurf = prov.tokens
    dropped = Alignment(prov, "dropped", 0.0, 0.0)
    if not bnorm:
        return dropped
    matcher = _Matcher(bnorm, index)
    options: dict[tuple[int, ...], tuple[float, Ops]] = {}
    for seed in index.candidates(bnorm):
        options[(seed,)] = matcher.compare([seed])
        nodes, sim, ops = _grow(index, matcher, seed)
        options[nodes] = (sim, ops)
    # The score never exceeds the similarity: classify the most similar windows first and
    # stop when no remaining window could beat the best score.
    ranked = sorted(options.items(), key=lambda kv: (-kv[1][0], kv[0]))
    best: Alignment | None = None
    for nodes, (sim, ops) in ranked:
        if best is not None and sim < best.score:
            break
        tokens = matcher.window_tokens(nodes)
        a = _evaluate(prov, bsurf, index, nodes, tokens, sim, ops, vocab, th)
        if best is None or _key(a) > _key(best):
            best = a
    if best is None or best.classification == "dropped":
        sim = best.similarity if best else 0.0
        return dataclasses.replace(dropped, similarity=sim)
    return best


def _key(a: Alignment) -> tuple[float, float, int]:
    """Higher score first, then higher similarity, then the earliest in the draft."""
    return a.score, a.similarity, -(a.nodes[0] if a.nodes else 0)
