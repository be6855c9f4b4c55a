"""Normalisation of resolution text for matching, and mapping matches back to the source.

Two views of a text:

- :func:`normalise` — the agreed normal form: Unicode compatibility forms folded (NFKC),
  case folded, typographic quotes and dashes made ASCII, every kind of space and line
  break collapsed to one space, a word broken across a line break by a hyphen rejoined
  (``"cross-\\ncutting"`` → ``"cross-cutting"``, ``"imple-\\nmentation"`` →
  ``"imple-mentation"``: without a dictionary the hyphen cannot be told apart from a
  compound's, so it is kept), and ``"per cent"`` written ``"percent"``. Accents are kept.
  It is idempotent: ``normalise(normalise(s)) == normalise(s)``.
- :func:`skeleton` — what the phrase matcher compares: only letters and digits, case
  and accents folded, with the source offset of every character and the word boundaries
  between them. Spaces, hyphens, apostrophes and punctuation drop out, so "cross-cutting",
  "cross -cutting" (a PDF artefact) and "cross-\\ncutting" are one, "Comité" matches
  "Comite" and "Comite" matches "Comité", and "per cent" matches "percent". A match still
  has to start and end at word boundaries, so "men" does not match inside "women".
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

__all__ = [
    "INVISIBLE",
    "LineIndex",
    "Skeleton",
    "drop_invisible",
    "fold",
    "join_lines",
    "normalise",
    "phrase_key",
    "skeleton",
    "tokens",
]

_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\u02b9\u0060\u00b4"
_DQUOTES = "\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\u02ba"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
#: Characters that are in a text but not seen: soft hyphen, zero-width space, non-joiner and
#: joiner, left-to-right and right-to-left marks, word joiner, invisible operators, and the
#: byte-order mark (zero-width no-break space). They never change a word.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
_DROP = INVISIBLE
_LINEBREAKS = "\r\u2028\u2029\x85\x0b\x0c"

_TABLE: dict[int, str | None] = {}
for _c in _QUOTES:
    _TABLE[ord(_c)] = "'"
for _c in _DQUOTES:
    _TABLE[ord(_c)] = '"'
for _c in _DASHES:
    _TABLE[ord(_c)] = "-"
for _c in _DROP:
    _TABLE[ord(_c)] = None
for _c in _LINEBREAKS:
    _TABLE[ord(_c)] = "\n"

_BREAKS = "\n" + _LINEBREAKS
#: A hyphen or dash at the end of a line, right after a letter, with a letter or digit
#: starting the next line: the word is rejoined and the dash kept (group 1). Applied to
#: the raw text, before any other step, by both :func:`normalise` and :func:`join_lines`,
#: so that a paragraph's joined text and its source normalise alike.
#: (The letter before the dash is looked behind for after the dash, so that the search
#: skips from dash to dash instead of trying the look-behind at every character.)
BROKEN_WORD = re.compile(
    r"([-" + _DASHES + r"])(?<=[^\W\d_][-" + _DASHES + r"])"
    r"[^\S" + _BREAKS + r"]*[" + _BREAKS + r"]\s*(?=[^\W_])"
)
_PER_CENT = re.compile(r"\bper cent\b")


def _fold_unicode(text: str) -> str:
    # NFKC(casefold(NFKD(casefold(NFD(x))))) is Unicode's caseless compatibility form;
    # the quote/dash table runs after it because NFKC can produce characters it maps.
    text = unicodedata.normalize("NFD", text).casefold()
    text = unicodedata.normalize("NFKD", text).casefold()
    return unicodedata.normalize("NFKC", text)


_INVISIBLE_CHAR = re.compile("[" + INVISIBLE + "]")


def drop_invisible(text: str) -> str:
    """``text`` without its invisible characters (:data:`INVISIBLE`)."""
    return _INVISIBLE_CHAR.sub("", text) if _INVISIBLE_CHAR.search(text) else text


def normalise(text: str) -> str:
    """The normal form of ``text`` used to compare wording (see the module docstring)."""
    text = BROKEN_WORD.sub(r"\1", drop_invisible(text))
    text = unicodedata.normalize("NFKC", text).translate(_TABLE)
    text = _fold_unicode(text).translate(_TABLE)
    text = " ".join(text.split())  # every run of spaces one space, as \s+ → " "
    return _PER_CENT.sub("percent", text)


def join_lines(text: str) -> str:
    """Lines joined as a paragraph's text is shown: a word broken across a line by a
    hyphen rejoined, every run of spaces and line breaks one space; nothing else changes,
    so ``normalise(join_lines(s)) == normalise(s)``."""
    # str.split() splits at exactly the characters \s matches: one space for each run
    return " ".join(BROKEN_WORD.sub(r"\1", drop_invisible(text)).split())


_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


def tokens(text: str) -> list[str]:
    """The normalised words of ``text``: letters and digits, keeping a hyphen or an
    apostrophe inside a word (``cross-cutting``, ``women's``); punctuation drops out."""
    return _WORD.findall(normalise(text))


@lru_cache(maxsize=4096)
def fold(ch: str) -> str:
    """What one character contributes to a skeleton: its letters and digits, case and
    accents folded (``"É"`` → ``"e"``, ``"ﬁ"`` → ``"fi"``, ``"ß"`` → ``"ss"``)."""
    decomposed = unicodedata.normalize("NFKD", ch).casefold()
    decomposed = unicodedata.normalize("NFKD", decomposed)
    return "".join(c for c in decomposed if c.isalnum())


def _is_joiner(ch: str) -> bool:
    """A character that is part of a word but contributes nothing (a combining accent,
    a soft hyphen, a zero-width joiner): it does not make a word boundary."""
    return ch in _DROP or unicodedata.category(ch).startswith("M")


@dataclasses.dataclass(frozen=True, slots=True)
class Skeleton:
    """Letters and digits of a text, folded, with their source offsets.

    ``chars[i]`` came from source offset ``pos[i]``; ``starts`` and ``ends`` hold the
    indexes of ``chars`` at which a word starts and after which one ends.
    """

    chars: str
    pos: tuple[int, ...]
    starts: frozenset[int]
    ends: frozenset[int]

    def find(self, needle: str) -> list[tuple[int, int]]:
        """Every match of a skeleton ``needle`` at word boundaries, as source offsets
        ``(start, end)`` with ``end`` exclusive."""
        out: list[tuple[int, int]] = []
        if not needle:
            return out
        n = len(needle)
        i = self.chars.find(needle)
        while i >= 0:
            j = i + n
            if i in self.starts and j in self.ends:
                out.append((self.pos[i], self.pos[j - 1] + 1))
            i = self.chars.find(needle, i + 1)
        return out


_ASCII_RUN = re.compile(r"[a-z0-9]+")
#: A stretch of ASCII, or one other character.
_CHUNK = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]")
#: For each ASCII byte, 1 if it is a letter or digit (kept in a skeleton), else 0.
_KEPT = bytes(int(chr(i).isalnum()) if i < 128 else 0 for i in range(256))


def skeleton(text: str, ranges: Iterable[tuple[int, int]] | None = None) -> Skeleton:
    """The skeleton of ``text``, or of the given ``(start, end)`` ranges of it in order
    (the ranges of a paragraph, with page furniture left out). Offsets are into ``text``.
    A gap between two ranges is a word boundary."""
    spans = [(0, len(text))] if ranges is None else list(ranges)
    return _skeleton(text, tuple(spans))


def _skeleton(text: str, spans: tuple[tuple[int, int], ...]) -> Skeleton:
    chars: list[str] = []
    pos: list[int] = []
    starts: set[int] = set()
    ends: set[int] = set()
    n = 0  # characters so far
    for a, b in spans:
        piece = text[a:b]
        # Each stretch of ASCII is done a whole stretch at a time (its letter and digit
        # runs are words); a character beyond ASCII folds on its own and continues the
        # word it touches, unless it folds to nothing and is not a joiner.
        boundary = True  # the next letter starts a word
        whole = ((0, b - a),)
        chunks = whole if piece.isascii() else (m.span() for m in _CHUNK.finditer(piece))
        for k, e in chunks:
            seg = piece[k:e]
            if seg.isascii():
                low = seg.lower()
                runs = _ASCII_RUN.findall(low)
                if not runs:
                    boundary = True
                    continue
                acc = list(itertools.accumulate(map(len, runs), initial=n))
                inner = acc[1:-1]
                starts.update(inner)
                ends.update(inner)
                if boundary or not _KEPT[ord(low[0])]:
                    starts.add(n)
                    if n:
                        ends.add(n)
                chars.append("".join(runs))
                pos.extend(itertools.compress(range(a + k, a + e), low.encode().translate(_KEPT)))
                n = acc[-1]
                boundary = not _KEPT[ord(low[-1])]
                continue
            ch = piece[k]
            f = fold(ch)
            if not f:
                if not _is_joiner(ch):
                    boundary = True
                continue
            if boundary:
                if n:
                    ends.add(n)
                starts.add(n)
                boundary = False
            chars.append(f)
            pos.extend([a + k] * len(f))
            n += len(f)
        if n:
            ends.add(n)
    return Skeleton("".join(chars), tuple(pos), frozenset(starts), frozenset(ends))


@lru_cache(maxsize=4096)
def phrase_key(phrase: str) -> str:
    """The skeleton of a phrase as a rule author wrote it (what :meth:`Skeleton.find` takes)."""
    return skeleton(phrase).chars


class LineIndex:
    """1-based line and column of a character offset in a text (lines split at ``\\n``)."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        i = text.find("\n")
        while i >= 0:
            self._starts.append(i + 1)
            i = text.find("\n", i + 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[line - 1]

    @property
    def lines(self) -> int:
        return len(self._starts)
