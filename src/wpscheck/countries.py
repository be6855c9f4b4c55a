"""Countries as ISO 3166-1 names them: one code per country, whatever a source prints.

A snapshot's ``country`` is an ISO 3166-1 alpha-2 code (``ML``). Sources print alpha-3
codes (``MLI``), numeric M49 codes (``466``), or names in many forms — "Bolivia
(Plurinational State of)", "Congo, Dem. Rep.", "Côte d'Ivoire", "Gambia, The" — and
:func:`lookup` maps each to the country, saying how (so a loader can note it). A value that
names no country is an :class:`UnknownCountry` error with the nearest names.

Former countries (ISO 3166-3: the USSR, Czechoslovakia, Yugoslavia …) have four-letter
codes (``SUHH``) and are found by name, for historical series. The table is
``wpscheck/data/countries.tsv``, written by ``tools/make_countries.py`` from Debian's
iso-codes.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from functools import cache
from importlib import resources
from typing import Literal

from wpscheck.errors import InputError, closest

__all__ = ["Country", "CountryMatch", "UnknownCountry", "country", "lookup", "name_key"]

How = Literal["alpha-2", "alpha-3", "numeric", "name"]

#: Abbreviations in published names, spelt out before names are compared.
_ABBREVIATIONS = {
    "rep": "republic",
    "dem": "democratic",
    "fed": "federated",
    "sts": "states",
    "st": "saint",
    "is": "islands",
    "pdr": "peoples democratic republic",
}
#: Words that never tell two countries apart ("Republic of the Congo" = "Congo, Republic of").
_FILLER = frozenset({"the", "of"})
_NON_WORD = re.compile(r"[^a-z0-9]+")


class UnknownCountry(InputError):
    """A country code or name that names no country."""


@dataclasses.dataclass(frozen=True)
class Country:
    """One country: its code (alpha-2, or alpha-4 for a former country), alpha-3,
    numeric code, ISO short name, the year it was withdrawn (former countries) and the
    other names it goes by."""

    code: str
    alpha3: str
    numeric: str
    name: str
    withdrawn: str = ""
    other_names: tuple[str, ...] = ()

    @property
    def former(self) -> bool:
        return bool(self.withdrawn)


@dataclasses.dataclass(frozen=True)
class CountryMatch:
    """A country found, and how the value named it."""

    country: Country
    how: How
    given: str

    @property
    def note(self) -> str:
        """What a loader says when the value was not the alpha-2 code itself."""
        c = self.country
        return f'"{self.given}" read as {c.code} ({c.name}), from its {self.how}'


def name_key(name: str) -> str:
    """A name as compared: accents, case, punctuation, abbreviations and filler words
    folded ("Congo, Dem. Rep." and "Democratic Republic of the Congo" differ only in order)."""
    text = unicodedata.normalize("NFKD", name.replace("&", " and "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("'", "").replace("’", "")
    words = [_ABBREVIATIONS.get(w, w) for w in _NON_WORD.split(text) if w]
    return " ".join(w for w in words if w not in _FILLER)


def _forms(name: str) -> set[str]:
    """The keys a name can be written under: as it is, and with a trailing ", X" or
    "(X)" moved to the front ("Korea, Republic of" = "Republic of Korea")."""
    keys = {name_key(name)}
    for sep in (",", "("):
        head, _, tail = name.partition(sep)
        if tail and head:
            keys.add(name_key(f"{tail.rstrip(')')} {head}"))
    keys.discard("")
    return keys


@dataclasses.dataclass(frozen=True)
class _Table:
    countries: tuple[Country, ...]
    by_code: dict[str, Country]
    by_alpha3: dict[str, Country]
    by_numeric: dict[str, Country]
    by_name: dict[str, Country]


@cache
def _table() -> _Table:
    text = resources.files("wpscheck.data").joinpath("countries.tsv").read_text("utf-8")
    countries = []
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, alpha3, numeric, name, withdrawn, others = line.split("\t")
        countries.append(
            Country(
                code, alpha3, numeric, name, withdrawn, tuple(o for o in others.split("|") if o)
            )
        )
    by_name: dict[str, Country] = {}
    # Current countries first, so a former country never takes a current one's name.
    for c in sorted(countries, key=lambda c: c.former):
        for n in (c.name, *c.other_names):
            for key in _forms(n):
                by_name.setdefault(key, c)
    current = [c for c in countries if not c.former]
    return _Table(
        countries=tuple(countries),
        by_code={c.code: c for c in countries},
        by_alpha3={c.alpha3: c for c in current if c.alpha3},
        by_numeric={c.numeric: c for c in current if c.numeric},
        by_name=by_name,
    )


def _by_code(value: str) -> CountryMatch | None:
    t = _table()
    if value in t.by_code:
        return CountryMatch(t.by_code[value], "alpha-2", value)
    if value.upper() in t.by_alpha3 and len(value) == 3 and value.isalpha():
        return CountryMatch(t.by_alpha3[value.upper()], "alpha-3", value)
    if value.isdigit() and value.zfill(3) in t.by_numeric:
        return CountryMatch(t.by_numeric[value.zfill(3)], "numeric", value)
    return None


def lookup(value: str) -> CountryMatch:
    """The country ``value`` names: an alpha-2 code (canonical, upper case), an alpha-3
    or numeric code, or a name. Raises :class:`UnknownCountry` with the nearest names."""
    given = value.strip()
    found = _by_code(given)
    if found is not None:
        return found
    for key in _forms(given):
        match = _table().by_name.get(key)
        if match is not None:
            return CountryMatch(match, "name", value)
    raise UnknownCountry(_unknown_message(given))


def country(code: str) -> Country:
    """The country of an alpha-2 (or former alpha-4) code; raises :class:`UnknownCountry`."""
    c = _table().by_code.get(code)
    if c is None:
        raise UnknownCountry(_unknown_message(code))
    return c


def _unknown_message(given: str) -> str:
    t = _table()
    if len(given) == 2 and given.isalpha() and given.upper() in t.by_code:
        c = t.by_code[given.upper()]
        return f'country "{given}": codes are upper case: {c.code} ({c.name})'
    names = {c.name: c for c in t.countries}
    near = closest(given, names, n=3)
    if len(given) <= 3:
        near = [*closest(given.upper(), t.by_code, n=3), *near]
    shown = [f"{names[n].code} ({n})" if n in names else f"{n} ({t.by_code[n].name})" for n in near]
    hint = f"; nearest: {', '.join(dict.fromkeys(shown))}" if shown else ""
    return (
        f'country "{given}" is not an ISO 3166-1 country: give its alpha-2 code (e.g. ML), '
        f"alpha-3 code or name{hint}"
    )
