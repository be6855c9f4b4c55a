"""The rewritten hot spots give exactly what the plain algorithms they replaced give.

Each reference below is the straightforward version (a loop over every character, word or
phrase) that the speed work replaced; the property holds the fast one equal to it on
arbitrary text, including the Unicode cases (case folding that changes a word's length,
accents, apostrophes, invisible characters) where the fast paths take another route.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from wpscheck.text import align, normalise, wps
from wpscheck.text.normalise import Skeleton, fold

_PIECES = st.sampled_from(
    [
        "Women",
        "women’s",
        "ʼs ",
        "gender-based ",
        "per cent",
        " cent ",
        "(2019–2023) ",
        "Secretary-General, ",
        "Comité ",
        "STRAẞE ",
        "ﬁnance ",
        "İstanbul ",
        "e\u0301 ",
        "co\u00adordination ",
        "zero\u200bwidth ",
        "“quoted” ",
        "\n",
        "\t",
        "  ",
        ", ",
        "; ",
        "resolution 1325 (2000) ",
        "resolutions 1820 (2008) and 2467 (2019) ",
        "1325 ",
        "sexual and gender-based violence ",
        "sexual exploitation and abuse ",
        "peacebuilding ",
        "peace-building ",
        "`x` ",
        "Σίσυφος ",
    ]
)
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=25).map("".join)


def _words_reference(text: str) -> tuple[list[str], list[str]]:
    norm: list[str] = []
    bounds: list[tuple[int, int]] = []
    for m in align._WORD.finditer(text):
        n = m.group(0).casefold().translate(align._APOSTROPHES)
        if n == "cent" and norm and norm[-1] == "per":
            norm[-1] = "percent"
            bounds[-1] = (bounds[-1][0], m.end())
            continue
        norm.append(n)
        bounds.append((m.start(), m.end()))
    cuts = [0]
    for (_, end), (start, _) in itertools.pairwise(bounds):
        gap = text[end:start]
        last = max(gap.rfind(" "), gap.rfind("\n"), gap.rfind("\t"))
        cuts.append(end + last + 1 if last >= 0 else start)
    cuts.append(len(text))
    surface = [text[a:b] for a, b in itertools.pairwise(cuts)] if bounds else []
    return norm, surface


def _find_reference(seq: Sequence[str], phrase: Sequence[str], start: int = 0) -> int:
    n = len(phrase)
    if n == 0:
        return -1
    for i in range(start, len(seq) - n + 1):
        if list(seq[i : i + n]) == list(phrase):
            return i
    return -1


def _skeleton_reference(text: str, spans: Sequence[tuple[int, int]]) -> Skeleton:
    # Each character: its folded letters (or None for one that ends a word, "" for one
    # that joins); the words are the runs between the ends.
    chars, pos, starts, ends = "", [], set(), set()
    for a, b in spans:
        marks: list[tuple[int, str | None]] = []
        for k, ch in enumerate(text[a:b], start=a):
            f = fold(ch) if not ch.isascii() else (ch.lower() if ch.isalnum() else "")
            joiner = ch in normalise.INVISIBLE or unicodedata.category(ch).startswith("M")
            marks.append((k, f if f or joiner else None))
        for ends_word, run in itertools.groupby(marks, key=lambda m: m[1] is None):
            letters = [(k, f) for k, f in run if f]
            if ends_word or not letters:
                continue
            starts.add(len(chars))
            for k, f in letters:
                chars += f
                pos += [k] * len(f)
            ends.add(len(chars))
    return Skeleton(chars, tuple(pos), frozenset(starts), frozenset(ends))


def _terms_reference(text: str, vocab: wps.WpsVocabulary) -> tuple[wps.TermHit, ...]:
    ws = wps.words(text)
    found: list[tuple[int, int, wps.Term, str]] = []
    for i, w in enumerate(ws):
        for term in vocab.terms:
            for phrase in term.phrases:
                if wps._matches(ws, i, phrase):
                    found.append((i, len(phrase), term, " ".join(ws[i : i + len(phrase)])))
            if w in term.resolutions and wps._as_resolution(ws, i):
                found.append((i, 1, term, f"resolution {w}"))
    hits: list[wps.TermHit] = []
    end = 0
    for start, length, term, words_found in sorted(found, key=lambda f: (f[0], -f[1])):
        if start >= end or (hits and hits[-1].word == start and start + length == end):
            hits.append(wps.TermHit(term.name, term.group, words_found, start))
            end = max(end, start + length)
    return tuple(hits)


@settings(max_examples=300)
@given(_TEXT)
def test_words_as_the_per_word_loop_gives_them(text: str) -> None:
    assert align.words(text) == _words_reference(text)


_WORDS = st.lists(st.sampled_from(["a", "b", "c", "per", "cent"]), max_size=12)


@settings(max_examples=300)
@given(_WORDS, _WORDS, st.integers(min_value=0, max_value=14))
def test_find_as_the_linear_search_gives_it(seq: list[str], phrase: list[str], start: int) -> None:
    expected = _find_reference(seq, phrase, start)
    assert align._find(seq, phrase, start) == expected
    assert align._find(tuple(seq), tuple(phrase), start) == expected


@settings(max_examples=300)
@given(_TEXT, st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), max_size=3))
def test_skeleton_as_the_per_character_loop_gives_it(
    text: str, cuts: list[tuple[int, int]]
) -> None:
    spans = [(0, len(text)), *sorted((min(a, b), max(a, b)) for a, b in cuts)]
    for chosen in (spans[:1], spans[1:]):
        assert normalise._skeleton(text, tuple(chosen)) == _skeleton_reference(text, chosen)


@settings(max_examples=300)
@given(_TEXT)
def test_terms_as_every_phrase_tried_at_every_word_gives_them(text: str) -> None:
    vocab = wps.default_vocabulary()
    assert wps.terms_in(text, vocab) == _terms_reference(text, vocab)


@settings(max_examples=200)
@given(
    st.lists(_TEXT, min_size=1, max_size=6),
    _TEXT,
    st.integers(0, 60),
    st.integers(1, 4),
    st.booleans(),
)
def test_find_term_as_every_paragraph_tried_gives_it(
    paragraphs: list[str], other: str, at: int, length: int, exact: bool
) -> None:
    from wpscheck.text.parse import parse_text

    body = "\n".join(f"{k + 1}. Decides {p}" for k, p in enumerate(paragraphs))
    doc = parse_text("The Security Council,\n\n" + body + "\n")
    index = align.DraftIndex(doc)
    # a term from the draft's own words (shuffled by where it is cut), or from other text
    draft_words = [w for n in index.nodes for w in n.norm]
    term = draft_words[at : at + length] if at % 3 else align.words(other)[0][:length]
    expected = None
    for i, n in enumerate(index.nodes):
        if align.has_term(n.norm, term, exact) or (
            i in index.fragmented
            and all(w in index._joined_letters(i) for w in term)
            and align.has_term(
                align.rejoin(n.norm, n.surface, set(term), index.once)[0], term, exact
            )
        ):
            expected = i
            break
    assert index.find_term(term, exact) == expected
