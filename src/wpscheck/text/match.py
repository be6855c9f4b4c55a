"""Finding phrases, citations and patterns in a paragraph, with source positions.

Everything is searched in a paragraph's *own* text (:func:`view`), i.e. the source its
span covers without page furniture; every hit is reported as offsets into the document's
source text, so a finding can say the line and column.

- **Phrases** match on the skeleton (:mod:`wpscheck.text.normalise`): case, accents,
  quotes, dashes, hyphenation, spacing and line breaks do not matter; word boundaries do.
- **Citations** are recognised by :mod:`wpscheck.text.cite` on the joined text.
- **Regular expressions** (a rule's escape hatch) are checked when the rule pack loads
  (:func:`check_regex`: no quantifier inside a quantifier, no backreference) and run with
  the ``regex`` engine's timeout on the joined text, cut to :data:`REGEX_MAX_CHARS`, so
  no pattern can hang the checker (:func:`search_regex`).
"""

from __future__ import annotations

import dataclasses
import re
import time
from typing import Any

from wpscheck.models import Span
from wpscheck.text.cite import Citation, find_citations
from wpscheck.text.normalise import BROKEN_WORD, Skeleton, phrase_key, skeleton
from wpscheck.text.parse import paragraph_ranges

__all__ = [
    "REGEX_MAX_CHARS",
    "REGEX_TIMEOUT",
    "Hit",
    "ParagraphView",
    "RegexTimeout",
    "check_regex",
    "compile_regex",
    "search_regex",
    "view",
]

#: A regex sees at most this many characters of one paragraph.
REGEX_MAX_CHARS = 20_000
#: Seconds one rule's regular expressions may take on one document, all told.
REGEX_TIMEOUT = 1.0


@dataclasses.dataclass(frozen=True, slots=True)
class Hit:
    """A match: source offsets ``start``–``end`` (end exclusive) and the text as printed
    (lines joined)."""

    start: int
    end: int
    text: str


class ParagraphView:
    """A paragraph's own text prepared for searching."""

    def __init__(self, source: str, ranges: list[tuple[int, int]]) -> None:
        self.source = source
        self.ranges = ranges
        self._skeleton: Skeleton | None = None
        self._joined: tuple[str, list[int]] | None = None
        self._citations: list[Citation] | None = None

    @property
    def skeleton(self) -> Skeleton:
        if self._skeleton is None:
            self._skeleton = skeleton(self.source, self.ranges)
        return self._skeleton

    @property
    def joined(self) -> tuple[str, list[int]]:
        """The joined text (as :func:`~wpscheck.text.normalise.join_lines` makes it) and
        the source offset of each of its characters."""
        if self._joined is None:
            self._joined = _join_with_offsets(self.source, self.ranges)
        return self._joined

    def shown(self, start: int, end: int) -> str:
        """Source offsets ``start``–``end`` as printed: lines joined, spaces collapsed."""
        pieces = [self.source[max(a, start) : min(b, end)] for a, b in self.ranges]
        raw = "\n".join(p for p in pieces if p)
        return " ".join(BROKEN_WORD.sub(r"\1", raw).split())

    def find_phrase(self, phrase: str) -> Hit | None:
        hits = self.skeleton.find(phrase_key(phrase))
        if not hits:
            return None
        a, b = hits[0]
        return Hit(a, b, self.shown(a, b))

    def citations(self) -> list[Citation]:
        """Citations with offsets into the document's source."""
        if self._citations is None:
            text, offs = self.joined
            found = find_citations(text)
            self._citations = [
                dataclasses.replace(c, start=offs[c.start], end=offs[c.end - 1] + 1) for c in found
            ]
        return self._citations

    def joined_hit(self, start: int, end: int) -> Hit:
        """A hit from offsets into the joined text."""
        text, offs = self.joined
        a, b = offs[start], offs[max(start, end - 1)] + 1
        return Hit(a, b, text[start:end])


def _join_with_offsets(source: str, ranges: list[tuple[int, int]]) -> tuple[str, list[int]]:
    chars: list[str] = []
    offs: list[int] = []
    for k, (a, b) in enumerate(ranges):
        if k:
            chars.append("\n")
            offs.append(a - 1 if a else 0)
        chars.extend(source[a:b])
        offs.extend(range(a, b))
    raw = "".join(chars)
    # the same two steps as join_lines, keeping each kept character's offset
    out: list[str] = []
    out_offs: list[int] = []
    pos = 0
    for m in BROKEN_WORD.finditer(raw):
        out.append(raw[pos : m.start()])
        out_offs.extend(offs[pos : m.start()])
        out.append(m.group(1))
        out_offs.append(offs[m.start()])
        pos = m.end()
    out.append(raw[pos:])
    out_offs.extend(offs[pos:])
    raw2 = "".join(out)
    text: list[str] = []
    final: list[int] = []
    pos = 0
    for m in re.finditer(r"\s+", raw2):
        text.append(raw2[pos : m.start()])
        final.extend(out_offs[pos : m.start()])
        text.append(" ")
        final.append(out_offs[m.start()])
        pos = m.end()
    text.append(raw2[pos:])
    final.extend(out_offs[pos:])
    joined = "".join(text)
    lead = len(joined) - len(joined.lstrip())
    trail = len(joined.rstrip())
    return joined[lead:trail], final[lead:trail]


def view(source: str, span: Span) -> ParagraphView:
    """The view of the paragraph with this span in this source text (build it once per
    paragraph and keep it while searching the same document: it caches its skeleton)."""
    return ParagraphView(source, paragraph_ranges(source, span))


# --------------------------------------------------------------------------- regex


def _sre_parse() -> Any:
    try:
        from re import _parser  # type: ignore[attr-defined]

        return _parser
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse

        return sre_parse


def check_regex(pattern: str) -> None:
    """Raise ``ValueError`` (a one-line reason) for a pattern that does not compile, or
    that could take exponential time: a quantifier inside a quantifier such as
    ``(a+)+``, or a backreference."""
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f'the regex "{pattern}" does not compile: {exc}') from None
    parser = _sre_parse()
    tree = parser.parse(pattern)
    repeats = {parser.MAX_REPEAT, parser.MIN_REPEAT}
    possessive = getattr(parser, "POSSESSIVE_REPEAT", None)
    if possessive is not None:
        repeats.add(possessive)
    maxrepeat = parser.MAXREPEAT

    def walk(items: Any, inside: bool) -> None:
        for op, av in items:
            if op in repeats:
                _lo, hi, sub = av
                unbounded = hi == maxrepeat or hi > 50
                if inside and unbounded:
                    raise ValueError(
                        f'the regex "{pattern}" has a quantifier inside a quantifier, which can '
                        "take exponential time; rewrite it without nesting (e.g. `a+` for "
                        "`(a+)+`)"
                    )
                walk(sub, inside or unbounded or hi > 1)
            elif op == parser.GROUPREF or op == getattr(parser, "GROUPREF_EXISTS", None):
                raise ValueError(
                    f'the regex "{pattern}" uses a backreference, which can take exponential '
                    "time; match the words themselves"
                )
            elif op == parser.SUBPATTERN:
                walk(av[-1], inside)
            elif op == parser.BRANCH:
                for branch in av[1]:
                    walk(branch, inside)
            elif op in (parser.ASSERT, parser.ASSERT_NOT):
                walk(av[1], inside)

    walk(tree, False)


def compile_regex(pattern: str) -> Any:
    """The pattern compiled with the ``regex`` engine (case-insensitive), after
    :func:`check_regex`."""
    check_regex(pattern)
    import regex

    return regex.compile(pattern, regex.IGNORECASE | regex.V0)


class RegexTimeout(Exception):
    """A rule's regular expressions used up their time on a document."""


def search_regex(compiled: Any, text: str, deadline: float) -> re.Match[str] | None:
    """``compiled.search(text)`` on at most :data:`REGEX_MAX_CHARS` characters, giving up
    with :class:`RegexTimeout` at ``deadline`` (a ``time.monotonic()`` value)."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise RegexTimeout
    try:
        m: re.Match[str] | None = compiled.search(text[:REGEX_MAX_CHARS], timeout=left)
    except TimeoutError:
        raise RegexTimeout from None
    return m
