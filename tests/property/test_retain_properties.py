"""Invariants of alignment: more of a provision's text never scores lower; output is stable."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.property.retain_strategies import ANNEX, SETTINGS, drafts, to_document
from wpscheck.text.align import DraftIndex, Provision, Vocabulary, align

VOCAB = Vocabulary.from_data(
    {
        "verb_scale": [
            ["decides"],
            ["requests", "calls upon", "calls on", "calls for", "urges"],
            ["encourages"],
            ["welcomes", "notes", "reiterates", "reaffirms", "recalls"],
        ],
        "weakening_qualifiers": ["as appropriate", "where possible", "within existing resources"],
    }
)


def score(prov: Provision, paras: list[tuple[str, str]]) -> float:
    return align(prov, DraftIndex(to_document(paras)), VOCAB).score


@SETTINGS
@given(drafts(), st.sampled_from(ANNEX), st.booleans(), st.data())
def test_adding_the_exact_text_never_lowers_the_score(
    paras: list[tuple[str, str]], text: str, preamble: bool, data: st.DataObject
) -> None:
    section = "preamble" if preamble else "operative"
    prov = Provision("X", text, section)
    before = score(prov, paras)
    # In the provision's own part of the draft, at any position there.
    positions = [i for i, (s, _) in enumerate(paras) if s == section] or [
        0 if preamble else len(paras)
    ]
    lo, hi = min(positions), max(positions) + 1
    at = data.draw(st.integers(lo, hi))
    after = score(prov, [*paras[:at], (section, text), *paras[at:]])
    assert after >= before
    assert after == 1.0


@SETTINGS
@given(drafts(), st.sampled_from(ANNEX), st.data())
def test_adding_the_exact_text_anywhere_never_lowers_the_score(
    paras: list[tuple[str, str]], text: str, data: st.DataObject
) -> None:
    prov = Provision("X", text, "operative")
    before = score(prov, paras)
    at = data.draw(st.integers(0, len(paras)))
    section = data.draw(st.sampled_from(["preamble", "operative"]))
    after = score(prov, [*paras[:at], (section, text), *paras[at:]])
    assert after >= before


@SETTINGS
@given(drafts(), st.sampled_from(ANNEX), st.data())
def test_deleting_the_exact_text_never_raises_the_score(
    paras: list[tuple[str, str]], text: str, data: st.DataObject
) -> None:
    prov = Provision("X", text, "operative")
    at = data.draw(st.integers(0, len(paras)))
    with_it = [*paras[:at], ("operative", text), *paras[at:]]
    assert score(prov, paras) <= score(prov, with_it)


@SETTINGS
@given(drafts(), st.sampled_from(ANNEX))
def test_alignment_is_deterministic(paras: list[tuple[str, str]], text: str) -> None:
    prov = Provision("X", text, "operative", key_terms=(" ".join(text.split()[2:5]),))
    first = align(prov, DraftIndex(to_document(paras)), VOCAB)
    second = align(prov, DraftIndex(to_document(list(paras))), VOCAB)
    assert first == second
    assert first.evidence() == second.evidence()
