"""Intensifiers are pack data: dropping one the baseline had weakens a provision; keeping,
moving or adding one does not; a pack without the list never says so."""

from __future__ import annotations

import pytest

from wpscheck.errors import RulePackError
from wpscheck.models import Document, Paragraph, Span
from wpscheck.text.align import DraftIndex, Provision, Vocabulary, align

PP3 = (
    "Strongly condemning all violations and abuses of international human rights law and "
    "violations of international humanitarian law, including sexual and gender-based violence, "
    "and trafficking in persons,"
)
OP3 = (
    "Urges the Malian parties to take immediate and concrete action, in a spirit of genuine "
    "cooperation, to fulfil the following priority measures before the end of the mandate;"
)
DATA = {
    "verb_scale": [["decides"], ["condemns", "strongly condemns", "urges"], ["encourages"]],
    "intensifiers": ["strongly", "immediate"],
}
VOCAB = Vocabulary.from_data(DATA, source="test")


def _align(prov: Provision, text: str, vocab: Vocabulary = VOCAB) -> tuple[str, list[str]]:
    span = Span(line=5, column=1, end_line=5, end_column=len(text) + 1)
    doc = Document(
        path="d.txt",
        paragraphs=(Paragraph(ref="X1", section=prov.section, text=text, span=span),),
    )
    a = align(prov, DraftIndex(doc), vocab)
    return a.classification, [r.message for r in a.reasons]


@pytest.mark.parametrize(
    ("text", "section", "draft", "expected"),
    [
        (
            PP3,
            "preamble",
            PP3.replace("Strongly condemning", "Condemning"),
            ("weakened", ["intensifier dropped: strongly"]),
        ),
        (
            OP3,
            "operative",
            OP3.replace("immediate and concrete", "concrete"),
            ("weakened", ["intensifier dropped: immediate"]),
        ),
        # kept
        (PP3, "preamble", PP3, ("retained", [])),
        # added: "Strongly urges", "immediately" — no weakening
        (OP3, "operative", "Strongly " + OP3[0].lower() + OP3[1:], ("retained", [])),
        (PP3, "preamble", PP3.replace("including", "including immediately"), ("retained", [])),
    ],
    ids=["strongly-dropped", "immediate-dropped", "kept", "added", "added-elsewhere"],
)
def test_intensifiers(text: str, section: str, draft: str, expected: tuple[str, list[str]]) -> None:
    assert _align(Provision("P", text, section), draft) == expected


def test_a_pack_without_intensifiers_never_reports_one() -> None:
    plain = Vocabulary.from_data({"verb_scale": DATA["verb_scale"]}, source="test")
    draft = PP3.replace("Strongly condemning", "Condemning")
    assert _align(Provision("P", PP3, "preamble"), draft, plain) == ("retained", [])


def test_intensifiers_must_be_a_list_of_phrases() -> None:
    with pytest.raises(RulePackError) as exc:
        Vocabulary.from_data({"intensifiers": "strongly"}, source="my-pack.toml")
    assert str(exc.value) == (
        "my-pack.toml: [data] intensifiers: expected a list of words or phrases, e.g. "
        '["strongly", "immediate", "all necessary"]'
    )
