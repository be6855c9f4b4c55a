"""Normalisation and the phrase skeleton: what matches what, and where."""

from __future__ import annotations

import pytest

from wpscheck.text.normalise import LineIndex, join_lines, normalise, phrase_key, skeleton, tokens


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Calls  Upon\nall parties", "calls upon all parties"),
        ("“the Agreement”", '"the agreement"'),
        ("women’s observatory", "women's observatory"),
        ("2019–2023 — and", "2019-2023 - and"),
        ("cross-\ncutting issue", "cross-cutting issue"),
        ("cross-\n \n  cutting", "cross-cutting"),
        ("imple-\nmentation", "imple-mentation"),
        ("troop- and police-contributing", "troop- and police-contributing"),
        ("the 30 per\ncent quota", "the 30 percent quota"),
        ("30 PER CENT", "30 percent"),
        ("Comité de suivi de l’Accord", "comité de suivi de l'accord"),
        ("OP\u202f3.\u202f\u202fUrges", "op 3. urges"),
        ("ﬁnancial\u00a0support\u200b", "financial support"),
        ("  \t\n ", ""),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_tokens_keep_inner_hyphens_and_apostrophes() -> None:
    assert tokens("Women’s cross-\ncutting role, 30 per cent (2015).") == [
        "women's",
        "cross-cutting",
        "role",
        "30",
        "percent",
        "2015",
    ]


def test_join_lines() -> None:
    assert join_lines("gender-\n  based violence,\n and   post-\nconflict") == (
        "gender-based violence, and post-conflict"
    )


@pytest.mark.parametrize(
    ("text", "phrase", "found"),
    [
        (
            "the Comité de suivi de l’Accord",
            "Comite de suivi de l'Accord",
            "Comité de suivi de l’Accord",
        ),
        (
            "the Comite de suivi de l'Accord",
            "Comité de suivi de l’Accord",
            "Comite de suivi de l'Accord",
        ),
        ("a cross -cutting issue", "cross-cutting issue", "cross -cutting issue"),
        ("a cross-\ncutting issue", "cross-cutting issue", "cross-\ncutting issue"),
        (
            "the necessary gender\nexpertise",
            "necessary gender expertise",
            "necessary gender\nexpertise",
        ),
        ("30 per cent", "30 percent", "30 per cent"),
        ("internat ional law", "international law", "internat ional law"),
    ],
)
def test_skeleton_matches_both_ways(text: str, phrase: str, found: str) -> None:
    hits = skeleton(text).find(phrase_key(phrase))
    assert [text[a:b] for a, b in hits] == [found]


def test_skeleton_respects_word_boundaries() -> None:
    sk = skeleton("women and the Panel of Experts; paragraph 60")
    assert sk.find(phrase_key("men")) == []
    assert sk.find(phrase_key("panel")) == [(14, 19)]
    assert sk.find(phrase_key("paragraph 6")) == []
    assert sk.find(phrase_key("paragraph 60")) == [(32, 44)]


def test_skeleton_over_ranges_skips_the_gap() -> None:
    text = "gender\nS/RES/2531 (2020)\nexpertise"
    sk = skeleton(text, [(0, 6), (25, 34)])
    assert [text[a:b] for a, b in sk.find(phrase_key("gender expertise"))] == [
        "gender\nS/RES/2531 (2020)\nexpertise"
    ]


def test_line_index() -> None:
    idx = LineIndex("ab\ncd\n\nef")
    assert idx.line_col(0) == (1, 1)
    assert idx.line_col(4) == (2, 2)
    assert idx.line_col(7) == (4, 1)
    assert idx.lines == 4
