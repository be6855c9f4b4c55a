"""Which paragraphs of a resolution are women, peace and security provisions.

The terms come from a vocabulary file (``rules/vocabularies/wps-en.toml``: data, not code).
A paragraph or sub-paragraph is a WPS provision when its own words — not its
sub-paragraphs', which are judged on their own — hold one of the vocabulary's phrases, or
name one of its resolutions as a resolution ("resolution 1325 (2000)", "resolutions 1820
(2008) and 2467 (2019)"). Each provision comes with the terms that made it one.

Words are compared after :func:`wpscheck.text.normalise.tokens` (case, accents, quotes and
dashes folded); hyphens separate words and a possessive ``'s`` is dropped, so
"gender-based" = "gender based" and "women's" = "women".
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from wpscheck.errors import InputError, did_you_mean
from wpscheck.models import Document, Paragraph
from wpscheck.text.normalise import tokens

__all__ = [
    "Term",
    "TermHit",
    "WpsProvision",
    "WpsVocabulary",
    "default_vocabulary",
    "detect",
    "terms_in",
]

_YEAR = re.compile(r"^(19|20)\d\d$")
_NUMBER = re.compile(r"^\d+$")
_TERM_KEYS = ("name", "group", "phrases", "resolutions")
_TOP_KEYS = ("vocabulary", "term")
_META_KEYS = ("id", "language", "title")


def words(text: str) -> list[str]:
    """The words of ``text`` as the detector compares them."""
    out: list[str] = []
    for tok in tokens(text):
        tok = tok.removesuffix("'s").removesuffix("'")
        out.extend(w for w in tok.split("-") if w)
    return out


@dataclasses.dataclass(frozen=True)
class Term:
    """One term of the agenda: its name, its group and the phrases that count as it."""

    name: str
    group: str
    #: Each phrase as words; a last word ending in ``*`` matches any word it begins.
    phrases: tuple[tuple[str, ...], ...] = ()
    #: Resolution numbers that count when named as resolutions.
    resolutions: frozenset[str] = frozenset()


@dataclasses.dataclass(frozen=True)
class TermHit:
    """A term found in a text: which term, the words that carried it and where (word index)."""

    term: str
    group: str
    found: str
    word: int


@dataclasses.dataclass(frozen=True)
class WpsProvision:
    """A paragraph or sub-paragraph that is a WPS provision, and the terms that made it one."""

    paragraph: Paragraph
    hits: tuple[TermHit, ...]

    @property
    def ref(self) -> str:
        return self.paragraph.ref

    @property
    def terms(self) -> tuple[str, ...]:
        """The names of the terms found, each once, in the vocabulary's order of finding."""
        return tuple(dict.fromkeys(h.term for h in self.hits))


@dataclasses.dataclass(frozen=True)
class WpsVocabulary:
    """The terms of a vocabulary file, ready to match."""

    id: str
    language: str
    title: str
    terms: tuple[Term, ...]

    @classmethod
    def from_file(cls, path: Path) -> WpsVocabulary:
        from wpscheck.loading import parse_toml, read_text

        text = read_text(path, what="vocabulary")
        data = parse_toml(path, text, error=InputError)
        return cls.from_data(data, source=path.as_posix())

    @classmethod
    def from_data(cls, data: dict[str, Any], *, source: str) -> WpsVocabulary:
        _known(data, _TOP_KEYS, source, "")
        meta = data.get("vocabulary")
        if not isinstance(meta, dict):
            raise InputError(f"{source}: a [vocabulary] table with id, language and title")
        _known(meta, _META_KEYS, source, "[vocabulary]")
        raw_terms = data.get("term")
        if not isinstance(raw_terms, list) or not raw_terms:
            raise InputError(f"{source}: at least one [[term]] table")
        terms = tuple(_term(t, source, i) for i, t in enumerate(raw_terms))
        return cls(
            id=_text(meta, "id", source, "[vocabulary]"),
            language=_text(meta, "language", source, "[vocabulary]"),
            title=_text(meta, "title", source, "[vocabulary]"),
            terms=terms,
        )

    @functools.cached_property
    def _index(self) -> _PhraseIndex:
        """The phrases by their first word (what :func:`terms_in` looks up at each word)."""
        index = _PhraseIndex()
        for t, term in enumerate(self.terms):
            for k, phrase in enumerate(term.phrases):
                first = phrase[0]
                if first.endswith("*"):
                    index.prefixed.append((first[:-1], (t, k, phrase)))
                else:
                    index.by_first.setdefault(first, []).append((t, k, phrase))
            for number in sorted(term.resolutions):
                index.by_number.setdefault(number, []).append((t, len(term.phrases), None))
        return index


#: A phrase to try at a word: (term index, phrase index, phrase); None for a resolution
#: number (after the term's phrases: the order :func:`terms_in` tries them in).
_Entry = tuple[int, int, "tuple[str, ...] | None"]


@dataclasses.dataclass
class _PhraseIndex:
    by_first: dict[str, list[_Entry]] = dataclasses.field(default_factory=dict)
    prefixed: list[tuple[str, _Entry]] = dataclasses.field(default_factory=list)
    by_number: dict[str, list[_Entry]] = dataclasses.field(default_factory=dict)


def _known(table: dict[str, Any], keys: Sequence[str], source: str, where: str) -> None:
    for key in table:
        if key not in keys:
            place = f"{where} " if where else ""
            raise InputError(
                f'{source}: {place}unknown key "{key}"{did_you_mean(key, keys)}; '
                f"expected one of {', '.join(keys)}"
            )


def _text(table: dict[str, Any], key: str, source: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f'{source}: {where} "{key}" must be a non-empty string')
    return value


def _term(raw: Any, source: str, index: int) -> Term:
    where = f"term[{index}]"
    if not isinstance(raw, dict):
        raise InputError(f"{source}: {where} must be a table")
    _known(raw, _TERM_KEYS, source, where)
    phrases = raw.get("phrases", [])
    resolutions = raw.get("resolutions", [])
    for key, value in (("phrases", phrases), ("resolutions", resolutions)):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(f'{source}: {where} "{key}" must be a list of strings')
    if not phrases and not resolutions:
        raise InputError(f'{source}: {where} needs "phrases" or "resolutions"')
    for number in resolutions:
        if not _NUMBER.match(number):
            raise InputError(f'{source}: {where} resolution "{number}" is not a number')
    parsed = []
    for phrase in phrases:
        star = phrase.rstrip().endswith("*")
        ws = words(phrase.rstrip().removesuffix("*"))
        if not ws:
            raise InputError(f'{source}: {where} phrase "{phrase}" has no words')
        parsed.append((*ws[:-1], ws[-1] + "*") if star else tuple(ws))
    return Term(
        name=_text(raw, "name", source, where),
        group=_text(raw, "group", source, where),
        phrases=tuple(dict.fromkeys(parsed)),
        resolutions=frozenset(resolutions),
    )


def _matches(ws: Sequence[str], i: int, phrase: tuple[str, ...]) -> bool:
    if i + len(phrase) > len(ws):
        return False
    for k, p in enumerate(phrase):
        w = ws[i + k]
        if p.endswith("*"):
            if not w.startswith(p[:-1]):
                return False
        elif w != p:
            return False
    return True


def _as_resolution(ws: Sequence[str], i: int) -> bool:
    """Whether the number at ``ws[i]`` is named as a resolution: a year follows it
    ("1325 (2000)"), or "resolution(s)" stands before it across a list of numbers."""
    if i + 1 < len(ws) and _YEAR.match(ws[i + 1]):
        return True
    j = i - 1
    while j >= 0 and (_NUMBER.match(ws[j]) or ws[j] == "and"):
        j -= 1
    return j >= 0 and ws[j] in ("resolution", "resolutions")


def terms_in(text: str, vocabulary: WpsVocabulary | None = None) -> tuple[TermHit, ...]:
    """Every WPS term in ``text``, in the order of the text; where phrases overlap, the
    longest one that starts first is the term ("sexual and gender-based violence", not
    also "gender-based violence" and "gender" inside it)."""
    vocab = vocabulary or default_vocabulary()
    index = vocab._index
    ws = words(text)
    found: list[tuple[int, int, Term, str]] = []
    for i, w in enumerate(ws):
        entries = index.by_first.get(w, [])
        starred = [e for prefix, e in index.prefixed if w.startswith(prefix)]
        numbers = index.by_number.get(w)
        if numbers and _as_resolution(ws, i):
            starred += numbers
        if starred:
            entries = sorted([*entries, *starred], key=lambda e: (e[0], e[1]))
        for t, _, phrase in entries:
            term = vocab.terms[t]
            if phrase is None:
                found.append((i, 1, term, f"resolution {w}"))
            elif _matches(ws, i, phrase):
                found.append((i, len(phrase), term, " ".join(ws[i : i + len(phrase)])))
    hits: list[TermHit] = []
    end = 0
    for start, length, term, words_found in sorted(found, key=lambda f: (f[0], -f[1])):
        if start >= end or (hits and hits[-1].word == start and start + length == end):
            hits.append(TermHit(term.name, term.group, words_found, start))
            end = max(end, start + length)
    return tuple(hits)


def _walk(paragraphs: Iterable[Paragraph]) -> Iterator[Paragraph]:
    for p in paragraphs:
        yield p
        yield from _walk(p.children)


def detect(doc: Document, vocabulary: WpsVocabulary | None = None) -> list[WpsProvision]:
    """The WPS provisions of ``doc``, paragraphs and sub-paragraphs, in document order."""
    found = []
    for para in _walk(doc.paragraphs):
        hits = terms_in(para.text, vocabulary)
        if hits:
            found.append(WpsProvision(para, hits))
    return found


def vocabularies_dir() -> Path:
    """Where the shipped vocabularies are: ``vocabularies/`` beside the shipped packs."""
    from wpscheck.builtin import shipped_packs_dir

    return shipped_packs_dir() / "vocabularies"


@cache
def default_vocabulary() -> WpsVocabulary:
    """The shipped English WPS vocabulary (``wps-en.toml``)."""
    return WpsVocabulary.from_file(vocabularies_dir() / "wps-en.toml")
