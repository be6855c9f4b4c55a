"""Country codes and names: what a source prints, mapped to one ISO 3166-1 code."""

from __future__ import annotations

import pytest

from wpscheck.countries import UnknownCountry, country, lookup


@pytest.mark.parametrize(
    ("given", "code", "how"),
    [
        ("ML", "ML", "alpha-2"),
        ("MLI", "ML", "alpha-3"),
        ("466", "ML", "numeric"),
        ("Mali", "ML", "name"),
        ("SSD", "SS", "alpha-3"),
        ("Bolivia (Plurinational State of)", "BO", "name"),
        ("Congo, Dem. Rep.", "CD", "name"),
        ("Democratic Republic of the Congo", "CD", "name"),
        ("Congo, Rep.", "CG", "name"),
        ("Congo", "CG", "name"),
        ("Gambia, The", "GM", "name"),
        ("Gambia (The)", "GM", "name"),
        ("Cote d'Ivoire", "CI", "name"),
        ("Korea, Dem. People's Rep.", "KP", "name"),
        ("Republic of Korea", "KR", "name"),
        ("Egypt, Arab Rep.", "EG", "name"),
        ("Micronesia, Fed. Sts.", "FM", "name"),
        ("St. Lucia", "LC", "name"),
        ("Turkey", "TR", "name"),
        ("Türkiye", "TR", "name"),
        ("United Republic of Tanzania", "TZ", "name"),
        ("Niger", "NE", "name"),
        ("Nigeria", "NG", "name"),
        ("South Sudan", "SS", "name"),
        ("USSR", "SUHH", "name"),
    ],
)
def test_lookup(given: str, code: str, how: str) -> None:
    found = lookup(given)
    assert (found.country.code, found.how) == (code, how)


def test_the_note_says_how_a_value_was_read() -> None:
    assert lookup("Colombia").note == '"Colombia" read as CO (Colombia), from its name'
    assert lookup("SSD").note == '"SSD" read as SS (South Sudan), from its alpha-3'


def test_former_countries_are_marked() -> None:
    ussr = country("SUHH")
    assert ussr.former
    assert ussr.withdrawn == "1992"
    assert not country("ML").former


def test_lower_case_code_is_an_error_naming_the_code() -> None:
    with pytest.raises(UnknownCountry) as err:
        lookup("co")
    assert str(err.value) == 'country "co": codes are upper case: CO (Colombia)'


def test_unknown_name_names_the_nearest() -> None:
    with pytest.raises(UnknownCountry) as err:
        lookup("Sudan/Darfur")
    assert str(err.value) == (
        'country "Sudan/Darfur" is not an ISO 3166-1 country: give its alpha-2 code '
        "(e.g. ML), alpha-3 code or name; nearest: SD (Sudan)"
    )


def test_unknown_code() -> None:
    with pytest.raises(UnknownCountry) as err:
        country("QQ")
    assert str(err.value).startswith('country "QQ" is not an ISO 3166-1 country')
