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
