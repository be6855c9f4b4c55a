"""``wpscheck precedents``: agreed language, with the document, the ref and the verb."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wpscheck.cli import main
from wpscheck.precedents import find_precedents, stem
from wpscheck.text.parse import parse_text

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_hits_with_refs_and_verbs(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["precedents", "women protection advisers", "fixtures/lineage", "--format", "json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["searched"] == 4
    got = [(h["document"], h["ref"], h["verb"], h["exact"], h["found"]) for h in data["hits"]]
    assert got == [
        ("r1-2021.txt", "OP3", "Requests", True, "Women Protection Advisers"),
        ("r3-2023.txt", "OP5", "Requests", True, "Women Protection Advisers"),
        ("r4-2024.txt", "OP5", "Requests", True, "Women Protection Advisers"),
    ]


def test_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["precedents", "Calls upon the Government", "fixtures/lineage"])
    assert code == 0
    assert capsys.readouterr().out.splitlines() == [
        "“Calls upon the Government”: 3 paragraphs in 3 texts (of 4 searched), 3 exact",
        "",
        "  r1-2021.txt  OP2  Calls upon  exact  “Calls upon the Government”",
        "  r3-2023.txt  OP2  Calls upon  exact  “Calls upon the Government”",
        "  r4-2024.txt  OP2  Calls upon  exact  “Calls upon the Government”",
        "",
        "variant: other inflections, or +N words inserted between the phrase's words",
    ]


DOC = """The Security Council,

1. Decides that the Mission's mandate shall include the following tasks:

(a) to ensure the full, equal, effective and meaningful participation of women's organizations;

(b) to support the participation of women, as appropriate;

2. Urges the parties to ensure the full participation of women and of civil society and youth
and the elderly in the talks;
"""


def test_variants_inflections_insertions_and_the_governing_verb() -> None:
    doc = parse_text(DOC, path="d.txt")
    hits = find_precedents("full, equal and meaningful participation of women organization", [doc])
    assert [(h.ref, h.verb, h.verb_ref, h.exact, h.inserted) for h in hits] == [
        ("OP1(a)", "Decides", "OP1", False, 1)
    ]
    assert (
        hits[0].found
        == "full, equal, effective and meaningful participation of women's organizations"
    )
    # word order kept: a phrase in another order is not a variant
    assert find_precedents("participation of women full", [doc]) == []
    # no more than the allowed insertions, in all
    assert [h.ref for h in find_precedents("full participation of women in the talks", [doc])] == []
    wide = find_precedents("full participation of women in the talks", [doc], insertions=12)
    assert [(h.ref, h.verb, h.inserted) for h in wide] == [("OP2", "Urges", 9)]


def test_stem() -> None:
    assert [stem(w) for w in ("ensures", "ensuring", "women's", "bodies", "process", "calls")] == [
        "ensur",
        "ensur",
        "women",
        "body",
        "process",
        "call",
    ]
    assert stem("ensure") == stem("ensured") == "ensur"


def test_exit_1_when_nothing_matches(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["precedents", "zebra crossing", "fixtures/lineage"]) == 1
    assert capsys.readouterr().out == (
        "“zebra crossing”: no use, and no close variant, in 4 texts searched\n"
    )


def test_exit_2_on_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["precedents", "women", "nowhere"]) == 2
    assert capsys.readouterr().err == "error: nowhere: no such file or directory\n"
    assert main(["precedents", "…", "fixtures/lineage"]) == 2
    assert capsys.readouterr().err == (
        'error: precedents: the phrase "…" has no words to look for\n'
    )
    snap = tmp_path / "s.toml"
    snap.write_text("", encoding="utf-8")
    assert main(["precedents", "women", str(snap)]) == 2
    assert "s.toml: is not a text to search; expected " in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["precedents", "women", "fixtures/lineage", "--insertions", "x"])
    assert exc.value.code == 2
    assert capsys.readouterr().err == (
        'error: wpscheck precedents: --insertions: "x" is not a whole number of words, e.g. 3; '
        "see `wpscheck precedents --help`\n"
    )
