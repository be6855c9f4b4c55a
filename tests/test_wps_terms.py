"""The WPS detector's terms: what counts, what does not, and a vocabulary file's errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wpscheck.errors import InputError
from wpscheck.text.wps import WpsVocabulary, default_vocabulary, terms_in, words


def names(text: str) -> list[str]:
    return sorted({h.term for h in terms_in(text)})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Requests UNMISS to take fully into account gender considerations as a "
            "crosscutting issue throughout its mandate",
            ["gender"],
        ),
        (
            "to monitor violations committed against children and women, including those "
            "involving all forms of sexual and gender-based violence",
            ["sexual violence", "women"],
        ),
        (
            "the continued use of the Mission's Child Protection and Women Protection Advisers",
            ["women protection advisers"],
        ),
        (
            "Recalling its resolutions 1325 (2000), 1820 (2008) and 2467 (2019)",
            ["women, peace and security resolutions"],
        ),
        ("Recalling resolution 2242", ["women, peace and security resolutions"]),
        (
            "zero-tolerance policy on sexual exploitation and abuse",
            ["sexual exploitation and abuse"],
        ),
        ("a survivor‑centred approach", ["survivors"]),
        ("ensuring that the specific needs of girls are addressed", ["women"]),
    ],
)
def test_terms_found(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "noting with alarm the increasing trend of harassment and intimidation of "
        "humanitarian personnel",
        "to exercise his or her good offices to lead the UN system",
        "the release of all children in their ranks",
        "youth, peace and security requirements under resolutions 2250 (2015)",
        "as set out in paragraph 1325 of the report",
        "a budget of 1820 million",
    ],
)
def test_no_term_in_what_is_not_wps(text: str) -> None:
    assert terms_in(text) == ()


def test_hits_name_the_words_found_and_where() -> None:
    hits = terms_in("Condemns rape and other forms of sexual and gender-based violence")
    assert [(h.term, h.found, h.word) for h in hits] == [
        ("sexual violence", "rape", 1),
        ("sexual violence", "sexual and gender based violence", 6),
    ]


def test_words_split_hyphens_and_drop_possessives() -> None:
    assert words("Women’s gender‑based, cross-cutting") == [
        "women",
        "gender",
        "based",
        "cross",
        "cutting",
    ]


def test_the_shipped_vocabulary() -> None:
    vocab = default_vocabulary()
    assert (vocab.id, vocab.language) == ("wps-en", "en")
    assert len(vocab.terms) == 10


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "vocab.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_vocabulary_unknown_key_names_the_nearest(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '[vocabulary]\nid = "x"\nlanguage = "en"\ntitle = "t"\n'
        '[[term]]\nname = "a"\ngroup = "g"\nphrase = ["women"]\n',
    )
    with pytest.raises(InputError) as err:
        WpsVocabulary.from_file(path)
    assert str(err.value) == (
        f'{path.as_posix()}: term[0] unknown key "phrase" (did you mean "phrases"?); '
        "expected one of name, group, phrases, resolutions"
    )


def test_vocabulary_term_without_phrases(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '[vocabulary]\nid = "x"\nlanguage = "en"\ntitle = "t"\n[[term]]\nname = "a"\ngroup = "g"\n',
    )
    with pytest.raises(InputError) as err:
        WpsVocabulary.from_file(path)
    assert str(err.value) == f'{path.as_posix()}: term[0] needs "phrases" or "resolutions"'


def test_vocabulary_bad_resolution_number(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '[vocabulary]\nid = "x"\nlanguage = "en"\ntitle = "t"\n'
        '[[term]]\nname = "a"\ngroup = "g"\nresolutions = ["13x5"]\n',
    )
    with pytest.raises(InputError) as err:
        WpsVocabulary.from_file(path)
    assert str(err.value) == f'{path.as_posix()}: term[0] resolution "13x5" is not a number'


_PHRASES = [
    "the full, equal and meaningful participation of women",
    "conflict-related sexual violence",
    "Women Protection Advisers",
    "resolution 1325 (2000)",
    "the needs of the population",
    "the mandate of the Mission",
]


@given(
    parts=st.lists(st.sampled_from(_PHRASES), min_size=1, max_size=5),
    seps=st.lists(st.sampled_from([" ", "\n", "  ", " \n "]), min_size=5, max_size=5),
    upper=st.booleans(),
)
def test_terms_do_not_depend_on_line_breaks_or_case(
    parts: list[str], seps: list[str], upper: bool
) -> None:
    plain = " ".join(parts)
    wrapped = "".join(p + s for p, s in zip(parts, seps, strict=False))
    if upper:
        wrapped = wrapped.upper()
    assert [(h.term, h.found, h.word) for h in terms_in(wrapped)] == [
        (h.term, h.found, h.word) for h in terms_in(plain)
    ]
