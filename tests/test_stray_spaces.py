"""PDF artefacts: a stray space splitting a word ("response t o gender-based violence")
neither hides a key term from the retain alignment nor a phrase from a require rule, and
joins nothing that is two words of its own."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wpscheck.evidence import DiffRun
from wpscheck.models import Document, Paragraph, Span
from wpscheck.text.align import (
    DraftIndex,
    Provision,
    Vocabulary,
    align,
    is_fragment,
    rejoin,
    words,
)
from wpscheck.text.match import ParagraphView

OP56 = (
    "Urges all parties to prevent and eliminate sexual violence in conflict and post-conflict "
    "situations, further encourages Malian authorities to continue to take steps towards the "
    "enactment of the draft law on prevention, prosecution and response to gender-based "
    "violence, and requests MINUSMA to support efforts in this regard;"
)
KEY = "draft law on prevention, prosecution and response to gender-based violence"
VOCAB = Vocabulary.from_data(
    {"verb_scale": [["decides"], ["urges", "requests"], ["encourages"]]}, source="test"
)


def _rejoined(text: str, known: str) -> list[str]:
    norm, surface = words(text)
    return rejoin(norm, surface, set(words(known)[0]))[0]


def test_a_fragment_is_joined_to_its_neighbour_when_the_other_text_has_the_word() -> None:
    assert _rejoined("response t o gender-based", "response to gender") == [
        "response",
        "to",
        "gender",
        "based",
    ]
    assert _rejoined("the respon se of", "the response of") == ["the", "response", "of"]
    assert _rejoined("the MD SF in the North", "the MDSF") == ["the", "mdsf", "in", "the", "north"]
    assert _rejoined("Jama’at Nasr a l-Islam", "Nasr al-Islam") == [
        "jama'at",
        "nasr",
        "al",
        "islam",
    ]


def test_longer_pieces_are_joined_only_when_neither_is_a_word_elsewhere() -> None:
    norm, surface = words("the preven tion of it")
    known = {"prevention"}
    assert rejoin(norm, surface, known, once={"preven", "tion"})[0] == [
        "the",
        "prevention",
        "of",
        "it",
    ]
    # "preven" also stands alone elsewhere in the draft: a word of its own, kept apart
    assert rejoin(norm, surface, known, once={"tion"})[0] == norm
    # "not able" is two words the draft uses elsewhere, not "notable"
    norm, surface = words("they were not able to")
    assert rejoin(norm, surface, {"notable"}, once={"they", "were", "to"})[0] == norm


def test_nothing_is_joined_without_a_fragment_or_a_known_word() -> None:
    # two words of their own: "in to" is not "into", "a cross" not "across"
    assert _rejoined("went in to the room", "into") == ["went", "in", "to", "the", "room"]
    assert _rejoined("a cross", "across") == ["a", "cross"]
    # a fragment whose joined form the other text does not have
    assert _rejoined("response t o gender", "response gender") == ["response", "t", "o", "gender"]
    # punctuation between the pieces: not a stray space
    assert _rejoined("t, o", "to") == ["t", "o"]
    # a blank line between them: two paragraphs' words
    assert _rejoined("t\n\no", "to") == ["t", "o"]


def test_is_fragment() -> None:
    candidates = ("t", "o", "se", "md", "a", "to", "de", "un", "abc", "12")
    assert [w for w in candidates if is_fragment(w)] == ["t", "o", "se", "md"]


def _doc(text: str) -> Document:
    span = Span(line=3, column=1, end_line=3, end_column=len(text) + 1)
    return Document(
        path="draft.txt",
        kind="mandate-renewal",
        paragraphs=(Paragraph(ref="OP50", section="operative", text=text, span=span),),
    )


def test_the_retain_alignment_sees_through_a_stray_space() -> None:
    prov = Provision("OP56", OP56, "operative", key_terms=(KEY,))
    split = OP56.replace("response to", "response t o").replace("prevention", "preven tion")
    a = align(prov, DraftIndex(_doc(split)), VOCAB)
    assert (a.classification, a.similarity, a.lost_terms) == ("retained", 1.0, ())
    # every word is the provision's: one unchanged run, nothing removed or added
    assert a.diff == (DiffRun("=", OP56),)


def test_a_key_term_really_lost_is_still_lost() -> None:
    prov = Provision("OP56", OP56, "operative", key_terms=(KEY,))
    lost = OP56.replace("response to", "to")  # a word gone, not split
    a = align(prov, DraftIndex(_doc(lost)), VOCAB)
    assert a.classification == "modified"
    assert a.lost_terms == (KEY,)


def test_applies_if_mentions_sees_through_a_stray_space() -> None:
    index = DraftIndex(_doc("Requests MINU SMA to support efforts in this regard;"))
    assert index.find_term(["minusma"]) == 0
    other = DraftIndex(_doc("Requests the mission to support efforts;"))
    assert other.find_term(["minusma"]) is None


def test_phrase_matching_sees_through_a_stray_space() -> None:
    source = (
        "further encourages the enactment of the draft law on prevention, prosecution and "
        "response t o\ngender-based violence;"
    )
    v = ParagraphView(source, [(0, len(source))])
    hit = v.find_phrase("response to gender-based violence")
    assert hit is not None
    assert hit.text == "response t o gender-based violence"
    # word boundaries still count: "men" is not found inside "women"
    assert ParagraphView("women", [(0, 5)]).find_phrase("men") is None


_word = st.text(alphabet="abcdefghij", min_size=1, max_size=6)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(_word, min_size=1, max_size=12),
    st.lists(_word, max_size=12),
    st.lists(_word, max_size=12),
)
def test_rejoin_only_ever_joins_pieces_into_a_known_word(
    text_words: list[str], known_words: list[str], once_words: list[str]
) -> None:
    norm, surface = words(" ".join(text_words))
    known = set(known_words)
    out, out_surface = rejoin(norm, surface, known, set(once_words))
    assert "".join(out) == "".join(norm)  # letters neither lost nor added
    assert "".join(out_surface) == "".join(surface)  # the text as printed is kept
    assert len(out) == len(out_surface)
    assert all(w in norm or w in known for w in out)
    if not any(is_fragment(w) for w in norm) and not once_words:
        assert out == norm
