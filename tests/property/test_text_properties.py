"""Invariants of normalisation and parsing, on arbitrary text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wpscheck.text.normalise import join_lines, normalise, skeleton
from wpscheck.text.parse import parse_text, span_text

# Text that looks like resolutions: labels, leads, line breaks, hyphens, furniture.
_PIECES = st.sampled_from(
    [
        "The Security Council,\n",
        "Recalling its resolutions 2242 (2015),\n",
        "Strongly condemning all violations,\n",
        "OP 3. ",
        "1. ",
        "12. ",
        "(a) ",
        "(i) ",
        "(v) ",
        "(iii) ",
        "- ",
        "– ",
        "Decides ",
        "Calls upon ",
        "to support the cross-\n",
        "cutting ",
        "gender expertise;\n",
        "\n",
        "\n\n",
        "S/RES/2531 (2020)\n",
        "20-08839 3/15\n",
        "Priority tasks\n",
        "per cent ",
        "Comité ",
        "“quoted” ",
        " ",
        "\f",
        "\r\n",
    ]
)
RESOLUTIONISH = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=40).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=300), RESOLUTIONISH)


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@settings(max_examples=150, deadline=None)
@given(ANY_TEXT)
def test_join_lines_is_absorbed_by_normalise(text: str) -> None:
    assert normalise(join_lines(text)) == normalise(text)


@settings(max_examples=150, deadline=None)
@given(ANY_TEXT)
def test_skeleton_offsets_point_at_their_characters(text: str) -> None:
    sk = skeleton(text)
    assert len(sk.chars) == len(sk.pos)
    assert all(0 <= p < len(text) for p in sk.pos)
    assert list(sk.pos) == sorted(sk.pos)


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_parse_never_raises_and_spans_hold_the_text(text: str) -> None:
    doc = parse_text(text)
    source = doc.text
    for p in doc.walk():
        assert p.span is not None or p.text == ""
        if p.span is None:
            continue
        assert 0 <= p.span.start <= p.span.end <= len(source)
        assert normalise(span_text(source, p.span)) == normalise(p.text)
        assert p.text == p.text.strip()
    refs = [p.ref for p in doc.walk()]
    assert all(refs)
    if not doc.structured:
        assert all(p.section == "body" for p in doc.walk())


_INVISIBLE = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u00ad", "\ufeff", "\u2060"])
_SMALL_DRAFT = (
    "The Security Council,\n"
    "Recalling its resolutions 1325 (2000) and 2242 (2015),\n"
    "Strongly condemning sexual and gender-based violence,\n"
    "1. Decides to extend the mandate of MINUSMA until 30 June 2023;\n"
    "2. Requests the Secretary-General to integrate a gender perspective; 3. Urges "
    "Member States to increase the number of women;\n"
)


@given(st.lists(st.tuples(st.integers(0, len(_SMALL_DRAFT)), _INVISIBLE), max_size=12))
@settings(max_examples=150)
def test_invisible_characters_inside_words_change_nothing(
    inserts: list[tuple[int, str]],
) -> None:
    # Zero-width spaces, joiners, soft hyphens and byte-order marks, anywhere (inside a
    # verb, a number, a label), leave the structure, the leads and the words unchanged.
    text = _SMALL_DRAFT
    for at, ch in sorted(inserts, reverse=True):
        text = text[:at] + ch + text[at:]
    plain, marked = parse_text(_SMALL_DRAFT), parse_text(text)
    shape = [(p.ref, p.lead, p.text, p.number) for p in plain.walk()]
    assert [(p.ref, p.lead, p.text, p.number) for p in marked.walk()] == shape
    assert marked.kind == plain.kind == "mandate-renewal"
    assert normalise(text) == normalise(_SMALL_DRAFT)
