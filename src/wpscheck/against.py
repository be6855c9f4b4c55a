"""Retention against any earlier resolution, no pack written: ``check DRAFT --against LAST``.

Every WPS provision of LAST (:func:`wpscheck.text.wps.detect`: paragraphs and
sub-paragraphs whose own words hold a term of the agenda) becomes one ``retain`` rule of an
in-memory pack whose ``[[baseline]]`` is LAST; the normal engine runs it, so the findings,
scores and report formats are those of the ``retain`` check. ``wpscheck rules new`` writes
the same pack as TOML (:mod:`wpscheck.packgen`).

**Key terms** (a key term lost makes a provision *modified*). For each WPS term the
detector found in the provision's own words, the key term is the *noun phrase that holds
it*, read off the words around the term as printed:

- to the left, the words that modify it ("meaningful participation of women", "increased
  representation of women"), crossing "of" ("stigma of sexual and gender-based violence",
  "number of women"), but not a comma, "and" or any other function word ("full, effective
  and meaningful participation of women" keeps "meaningful participation of women": a list
  of adjectives is wording, which the similarity measures, not a term);
- to the right, complements joined by "of", "and", "in", "on" or "for" (with "the" after
  them): "women and children", "women in the National Assembly", "women in MINUSMA";
- at most :data:`MAX_WORDS` (8) words as printed, the term's own words included, never
  across punctuation, and never over a verb: an "-ing" form, a word after "to", or a verb
  of Council boilerplate (:data:`_VERBS`: "take into account gender considerations" gives
  "gender considerations"). Eight, not six: a WPS term is often four words already
  ("sexual and gender-based violence"), and the place that makes a provision specific
  follows it ("increased representation of women in the National Assembly").

A term whose phrase adds nothing (no word around it qualifies) is kept as found ("gender
advisors", "women peacebuilders"). Key terms are kept once, in order, and one that lies
inside another key term of the provision is left out (its loss would be reported twice).
Why this method: the WPS terms alone are too common to tell a provision apart ("women" is
in every one), and a WPS term's own noun phrase is what negotiators defend ("the stigma of
sexual and gender-based violence" kept, not merely "sexual violence"); the phrase stays
short enough that rewording elsewhere in the provision does not cost it.

The verb scale, weakening qualifiers and intensifiers are the shipped retention vocabulary,
read by :func:`retention_vocabulary` alone.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from wpscheck.errors import InputError
from wpscheck.models import Document, Paragraph, Rule, RulePack
from wpscheck.text.align import FUNCTION_WORDS, join, words
from wpscheck.text.refs import human_ref
from wpscheck.text.wps import TermHit, WpsProvision, detect
from wpscheck.text.wps import words as wps_words

__all__ = [
    "MAX_WORDS",
    "DerivedProvision",
    "KeyTerm",
    "against_pack",
    "derive",
    "retention_vocabulary",
]

#: The longest key term, in words.
MAX_WORDS = 8
#: Words that join a complement to the right of a term ("women *in* MINUSMA").
_RIGHT_JOINS = frozenset({"of", "and", "in", "on", "for"})
#: Words that join a modifier on the left of a term ("stigma *of* …").
_LEFT_JOINS = frozenset({"of"})
#: Function words beyond the aligner's: none of them is part of a noun phrase's head.
_MORE_STOP = """all any against also among both but each every including such than through
    throughout towards under until upon within without whose who its his her our your
    not no nor so shall should may must will would can could further"""
_STOP = FUNCTION_WORDS | frozenset(_MORE_STOP.split())
#: Verbs of Council boilerplate that stand before a noun phrase ("take into *account*
#: gender considerations", "*address* the stigma"): never part of a key term.
_VERB_LIST = """account address affected aimed combat committed contained eliminate ensure ensures
    established implement include includes involve involved prevent promote protect
    provide requests strengthen support supported urges welcomes"""
_VERBS = frozenset(_VERB_LIST.split())
#: Punctuation that closes a phrase when a word as printed carries it.
_BREAK = re.compile(r"[,;:.()\[\]“”\"…!?]")


def retention_vocabulary(language: str = "en") -> dict[str, Any]:
    """The verb scale, weakening qualifiers and intensifiers a derived pack uses, as a
    pack's ``[data]`` table: those of the shipped vocabulary of LAST's language
    (:func:`wpscheck.text.align.shipped_vocabulary_file`), English when none is shipped
    for it. Written into the pack, so a pack ``rules new`` writes stands on its own."""
    from wpscheck.loading import parse_toml, read_text
    from wpscheck.text.align import shipped_vocabulary_file

    path = shipped_vocabulary_file(language) or shipped_vocabulary_file("en")
    assert path is not None, "the English retention vocabulary is shipped"
    data: dict[str, Any] = parse_toml(path, read_text(path, what="vocabulary"))
    return {k: v for k, v in data.items() if k not in ("language", "title")}


@dataclasses.dataclass(frozen=True)
class KeyTerm:
    """A key term of a derived rule and the WPS term it was chosen for."""

    text: str
    wps_term: str
    found: str


@dataclasses.dataclass(frozen=True)
class DerivedProvision:
    """One WPS provision of LAST as a rule: its ref, the terms found, its key terms."""

    provision: WpsProvision
    key_terms: tuple[KeyTerm, ...]

    @property
    def ref(self) -> str:
        return self.provision.ref

    @property
    def rule_id(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.ref.lower()).strip("-")
        return f"{slug}-{_slug(self.provision.terms[0])}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _closes(surface: str) -> bool:
    """Whether punctuation printed after the word ends the phrase."""
    m = re.search(r"\w", surface[::-1])
    tail = surface[len(surface) - m.start() :] if m else surface
    return bool(_BREAK.search(tail))


def _opens(surface: str) -> bool:
    """Whether punctuation printed before the word (e.g. "(") starts a phrase there."""
    m = re.search(r"\w", surface)
    return bool(_BREAK.search(surface[: m.start()] if m else surface))


def _length(surface: Sequence[str], lo: int, hi: int) -> int:
    """Words as printed in ``surface[lo:hi]``: "gender-based" is one."""
    return sum(1 for s in surface[lo:hi] if not s.endswith("-"))


def _verb_like(norm: Sequence[str], i: int) -> bool:
    """Whether ``norm[i]`` reads as a verb, which ends a noun phrase on its left: an
    "-ing" form ("involving"), a word after "to" ("to eliminate"), or a verb of Council
    boilerplate (:data:`_VERBS`)."""
    w = norm[i]
    return (
        w in _VERBS
        or (w.endswith("ing") and len(w) > 5)
        or (i > 0 and norm[i - 1] in ("to", "into"))
    )


def _noun_phrase(
    norm: Sequence[str], surface: Sequence[str], start: int, end: int
) -> tuple[int, int]:
    """The phrase around the term at words ``[start, end)``: see the module docstring."""
    lo, hi = start, end
    # Left: content words, crossing "of".
    while lo > 0 and not _closes(surface[lo - 1]) and not _opens(surface[lo]):
        w = norm[lo - 1]
        if w in _LEFT_JOINS:
            if (
                lo - 2 < 0
                or norm[lo - 2] in _STOP
                or _verb_like(norm, lo - 2)
                or _closes(surface[lo - 2])
                or _length(surface, lo - 2, hi) > MAX_WORDS
            ):
                break
            lo -= 2
            continue
        if (
            w in _STOP
            or not w.isalpha()
            or _verb_like(norm, lo - 1)
            or _length(surface, lo - 1, hi) > MAX_WORDS
        ):
            break
        lo -= 1
    # Right: a join word (and "the"), then content words, while the phrase stays short.
    while hi < len(norm) and not _closes(surface[hi - 1]):
        j = hi
        if norm[j] not in _RIGHT_JOINS:
            break
        j += 1
        if j < len(norm) and norm[j] == "the" and not _closes(surface[j - 1]):
            j += 1
        k = j
        while k < len(norm) and norm[k] not in _STOP and not _verb_like(norm, k):
            if _opens(surface[k]):
                break
            k += 1
            if _closes(surface[k - 1]):
                break
        if k == j or _length(surface, lo, k) > MAX_WORDS:
            break
        hi = k
    return lo, hi


def _term_span(
    pieces: Sequence[tuple[int, str]], hit: TermHit, taken: set[int]
) -> tuple[int, int] | None:
    """The words (aligner's numbering) that carried ``hit``: ``pieces`` are the detector's
    words, each with the aligner's word it came from."""
    want = hit.found.split()
    if hit.found.startswith("resolution ") and len(want) == 2:
        want = want[1:]  # a numbered resolution is found as its number
    for i in range(len(pieces) - len(want) + 1):
        if i in taken:
            continue
        if [w for _, w in pieces[i : i + len(want)]] == want:
            taken.update(range(i, i + len(want)))
            return pieces[i][0], pieces[i + len(want) - 1][0] + 1
    return None


def _clean(text: str) -> str:
    """A run of words as printed, without the punctuation at its ends."""
    return text.strip(" ,;:.()[]“”\"‘’'…")


def key_terms_of(para: Paragraph, provision: WpsProvision) -> tuple[KeyTerm, ...]:
    """The key terms of one provision (see the module docstring)."""
    norm, surface = words(para.text)
    pieces = [(i, w) for i, s in enumerate(surface) for w in wps_words(s)]
    taken: set[int] = set()
    found: list[tuple[tuple[str, ...], KeyTerm]] = []
    for hit in provision.hits:
        span = _term_span(pieces, hit, taken)
        if span is None:
            continue
        lo, hi = _noun_phrase(norm, surface, *span)
        text = _clean(join(surface[lo:hi]))
        if not text:
            continue
        found.append((tuple(norm[lo:hi]), KeyTerm(text, hit.term, hit.found)))
    out: list[KeyTerm] = []
    seen: set[tuple[str, ...]] = set()
    for key, term in found:
        if key in seen or any(_inside(key, other) for other, _ in found if other != key):
            continue
        seen.add(key)
        out.append(term)
    return tuple(out)


def _inside(part: Sequence[str], whole: Sequence[str]) -> bool:
    n = len(part)
    return n < len(whole) and any(
        tuple(whole[i : i + n]) == tuple(part) for i in range(len(whole) - n + 1)
    )


def derive(doc: Document) -> list[DerivedProvision]:
    """Every WPS provision of ``doc`` with its key terms, in document order.

    A paragraph whose own words hold no WPS term but whose dash items all do (and have none
    of their own) is one provision with them: a dash item continues its paragraph's
    sentence, whose opening words carry the verb that governs it, as when an annex quotes a
    lead and the one item of it that matters ("Urges the Malian parties … (…) implement the
    recommendations of the workshop on participation of women …"). Lettered and numbered
    sub-paragraphs ((a), (iii)) have refs of their own and stay provisions of their own."""
    found = detect(doc)
    by_id = {id(p.paragraph): p for p in found}
    parent_of = {id(c): p for p in doc.walk() for c in p.children}
    out: list[DerivedProvision] = []
    done: set[int] = set()
    for prov in found:
        parent = parent_of.get(id(prov.paragraph))
        if parent is not None and _whole(parent, by_id):
            if id(parent) not in done:
                done.add(id(parent))
                out.append(_merged(parent, [by_id[id(c)] for c in parent.children]))
            continue
        out.append(DerivedProvision(prov, key_terms_of(prov.paragraph, prov)))
    return out


_DASH = re.compile(r"-\d+$")


def _whole(parent: Paragraph, by_id: dict[int, WpsProvision]) -> bool:
    """Whether ``parent`` and its sub-paragraphs are one provision (see :func:`derive`)."""
    return (
        id(parent) not in by_id
        and bool(parent.children)
        and all(id(c) in by_id and not c.children and _DASH.search(c.ref) for c in parent.children)
    )


def _merged(parent: Paragraph, items: Sequence[WpsProvision]) -> DerivedProvision:
    hits = tuple(h for item in items for h in item.hits)
    terms: list[KeyTerm] = []
    for item in items:
        terms.extend(t for t in key_terms_of(item.paragraph, item) if t not in terms)
    return DerivedProvision(WpsProvision(parent, hits), tuple(terms))


@dataclasses.dataclass(frozen=True)
class Derived:
    """What a derived pack is made of, before it is a pack or a file."""

    last: Path
    document: Document
    symbol: str | None
    provisions: tuple[DerivedProvision, ...]

    @property
    def label(self) -> str:
        return self.symbol or self.last.name

    @property
    def baseline_id(self) -> str:
        return _slug(self.label).upper()

    @property
    def pack_id(self) -> str:
        return f"retain-{_slug(self.label)}"

    @property
    def title(self) -> str:
        return f"{self.label}: retain its women, peace and security provisions"

    @property
    def description(self) -> str:
        n = len(self.provisions)
        return (
            f"Derived by wpscheck from {self.last.name}: the {n} paragraph"
            f"{'' if n == 1 else 's'} and sub-paragraph{'' if n == 1 else 's'} the WPS "
            "detector marks as women, peace and security provisions, each a retain rule "
            "whose key terms are the noun phrases holding its WPS terms. The verb scale, "
            "qualifiers and intensifiers are wpscheck's shipped retention vocabulary."
        )

    def rule_title(self, d: DerivedProvision) -> str:
        return f"{human_ref(d.ref)} of {self.label}: {', '.join(d.provision.terms)}"

    def references(self, d: DerivedProvision) -> tuple[str, ...]:
        return (f"{self.label} {human_ref(d.ref)}",)


def read_last(last: Path, symbol: str | None = None) -> Derived:
    """LAST read by the normal readers, its WPS provisions derived; exit-2 error when it
    has none."""
    from wpscheck.checks.retain import load_baseline

    if not last.exists():
        raise InputError(f"{last.as_posix()}: no such file or directory")
    if last.is_dir():
        raise InputError(
            f"{last.as_posix()}: is a directory; the earlier resolution is one file "
            "(.txt, .md, .docx, .pdf)"
        )
    doc = load_baseline(last)
    provisions = tuple(derive(doc))
    if not provisions:
        n = sum(1 for _ in doc.walk())
        raise InputError(
            f"{last.as_posix()}: no women, peace and security provision found in its {n} "
            f"paragraph{'' if n == 1 else 's'} (no term of the WPS vocabulary, "
            "rules/vocabularies/wps-en.toml), so there is nothing to retain; give the "
            "earlier resolution of the mandate, or a pack with --rules"
        )
    return Derived(last, doc, symbol or doc.symbol, provisions)


def rules_of(derived: Derived, lines: Sequence[int | None] = ()) -> tuple[Rule, ...]:
    """The derived ``retain`` rules, as the loader would build them from the pack file
    (``lines``: the line of each ``[[rule]]`` table in that file)."""
    from wpscheck.checks.retain import RetainParams

    rules = []
    for i, d in enumerate(derived.provisions):
        params = RetainParams(ref=d.ref, key_terms=tuple(k.text for k in d.key_terms))
        rules.append(
            Rule(
                id=d.rule_id,
                check="retain",
                title=derived.rule_title(d),
                references=derived.references(d),
                params=params.model_dump(mode="python"),
                pack=derived.pack_id,
                line=lines[i] if i < len(lines) else None,
            )
        )
    return tuple(rules)


def pack_of(derived: Derived, lines: Sequence[int | None] = ()) -> RulePack:
    """The derived pack in memory: what loading the written pack gives, less its path."""
    info = {"symbol": derived.symbol} if derived.symbol else {}
    return RulePack(
        id=derived.pack_id,
        title=derived.title,
        version="1",
        description=derived.description,
        references=(derived.label,),
        data=retention_vocabulary(derived.document.language or "en"),
        baselines={derived.baseline_id: str(derived.last.resolve())},
        baseline_info={derived.baseline_id: info} if info else {},
        rules=rules_of(derived, lines),
    )


def against_pack(last: str | Path, *, symbol: str | None = None) -> RulePack:
    """The retention pack of every WPS provision of ``last`` (``--against``)."""
    from wpscheck.packgen import pack_text

    derived = read_last(Path(last), symbol)
    _, lines = pack_text(derived, Path(last).name)
    return pack_of(derived, lines)


def combine(packs: Sequence[RulePack], derived: RulePack) -> list[RulePack]:
    """The packs in use with the derived one added last; an id already in use is an error."""
    for p in packs:
        if p.id == derived.id:
            raise InputError(
                f'--against: the derived pack "{derived.id}" has the id of the pack '
                f"{p.path or p.id} in use; leave one of them out"
            )
    return [*packs, derived]
