"""The parser: refs, sections, leads, headings and spans on real and written texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from wpscheck.models import Document, ParseNote
from wpscheck.text.normalise import normalise
from wpscheck.text.parse import is_furniture, lead_of, merge_unnumbered, parse_text, span_text

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SEED = SHARED / "seed" / "wps-mali-update-2021-04.txt"
CORPUS_2640 = SHARED / "corpus" / "S-RES-2640-2022-draft.txt"


def _read(path: Path) -> str:
    if not path.is_file():
        pytest.skip(f"{path.name} is not in ../shared beside the repository")
    return path.read_text(encoding="utf-8")


def _outline(doc: Document) -> list[tuple[str, str, str | None]]:
    return [(p.ref, p.section, p.lead) for p in doc.walk()]


def test_seed_annex_refs_sections_and_leads() -> None:
    doc = parse_text(_read(SEED), path="seed.txt")
    assert doc.structured
    assert _outline(doc) == [
        ("PP1", "preamble", "Underlining"),
        ("PP2", "preamble", "Welcoming"),
        ("PP3", "preamble", "Strongly condemning"),
        ("OP3", "operative", "Urges"),
        ("OP3-1", "operative", None),
        ("OP4", "operative", "Calls upon"),
        ("OP8", "operative", "Calls for"),
        ("OP28", "operative", "Decides"),
        ("OP28(a)", "operative", None),
        ("OP28(a)(iii)", "operative", "To support"),
        ("OP28(a)(iii)-1", "operative", "to support"),
        ("OP28(a)(v)", "operative", "To encourage"),
        ("OP28(c)", "operative", None),
        ("OP28(c)(iii)", "operative", "to provide"),
        ("OP28(e)", "operative", None),
        ("OP28(e)(iii)", "operative", "to improve"),
        ("OP45", "operative", "Requests"),
        ("OP51", "operative", "Urges"),
        ("OP53", "operative", "Reiterates"),
        ("OP54", "operative", "Welcomes"),
        ("OP56", "operative", "Urges"),
        ("OP57", "operative", "Requests"),
    ]
    op3 = doc.find("OP 3")
    assert op3 is not None
    assert op3.span is not None
    assert (op3.span.line, op3.span.column) == (545, 9)
    assert op3.number == "3"
    assert op3.text.startswith("Urges the Malian parties to take immediate and concrete action")
    assert op3.text.endswith("current mandate: (…)")
    dash = doc.find("OP28(a)(iii)-1")
    assert dash is not None
    assert dash.text.startswith("to support the cantonment, disarmament, demobilization")
    assert dash.text.endswith("taking into account the particular needs of women and children (…),")
    op4 = doc.find("OP4")
    assert op4 is not None
    assert "meeting the 30 per cent quota for women" in op4.text
    assert doc.notes[0].message.startswith("the text is double-spaced")
    assert doc.notes[1].message == (
        "lines 1–515 before the preamble: read as front matter (title, symbol), not as paragraphs"
    )


DRAFT_1_STYLE = """\
United Nations                                   S/2021/999
Security Council                                 Distr.: Limited

Mali

Draft resolution

The Security Council,

Recalling its previous resolutions and statements on Mali, in particular
resolutions 2242 (2015) and 2467 (2019),

Strongly condemning all violations and abuses of human rights, including sexual
and gender-based violence,

Acting under Chapter VII of the Charter of the United Nations,

Political process

1. Decides to extend the mandate of the United Nations Multidimensional Integrated
Stabilization Mission in Mali (MINUSMA) until 30 June 2022;

2. Urges the Malian transitional authorities to ensure the full, equal and
meaningful participation of women, including:
(a) in the mechanisms established by the Agreement;
(b) in the electoral processes, as both voters and candidates;
(i) through the 30 per cent quota;
(ii) through protection against violence;
- for women candidates,
- for women voters;

Priority tasks

3. Calls upon all parties to implement the recommendations of the high-level
workshop;
4. Decides to remain actively seized of the matter.
"""


def test_one_dot_style_draft() -> None:
    doc = parse_text(DRAFT_1_STYLE)
    assert doc.symbol == "S/2021/999"
    assert doc.kind == "mandate-renewal"
    assert [(p.ref, p.section, p.heading) for p in doc.walk()] == [
        ("PP1", "preamble", None),
        ("PP2", "preamble", None),
        ("PP3", "preamble", None),
        ("OP1", "operative", "Political process"),
        ("OP2", "operative", "Political process"),
        ("OP2(a)", "operative", "Political process"),
        ("OP2(b)", "operative", "Political process"),
        ("OP2(b)(i)", "operative", "Political process"),
        ("OP2(b)(ii)", "operative", "Political process"),
        ("OP2(b)(ii)-1", "operative", "Political process"),
        ("OP2(b)(ii)-2", "operative", "Political process"),
        ("OP3", "operative", "Priority tasks"),
        ("OP4", "operative", "Priority tasks"),
    ]
    pp1 = doc.paragraphs[0]
    assert pp1.text == (
        "Recalling its previous resolutions and statements on Mali, in particular "
        "resolutions 2242 (2015) and 2467 (2019),"
    )
    op1 = doc.find("OP1")
    assert op1 is not None
    assert op1.span is not None
    assert (op1.span.line, op1.span.column, op1.span.end_line) == (20, 4, 21)
    assert op1.lead == "Decides"
    assert doc.notes == ()  # six lines of title block: routine, not worth a note


def test_roman_i_after_h_is_a_letter() -> None:
    items = "\n".join(f"({c}) item {c};" for c in "abcdefghij")
    doc = parse_text(f"1. Decides the following:\n{items}\n")
    assert [p.ref for p in doc.walk()][-3:] == ["OP1(h)", "OP1(i)", "OP1(j)"]


def test_unstructured_text_is_one_section_and_says_so() -> None:
    doc = parse_text("Some notes on the meeting.\n\nWomen were 16 percent of the cabinet.\n")
    assert not doc.structured
    assert [(p.ref, p.section) for p in doc.walk()] == [("P1", "body"), ("P2", "body")]
    assert doc.notes[-1].message == (
        "no preamble or operative part recognised (no “The Security Council,” line, no "
        "numbered operative paragraphs): read as 2 plain paragraphs in one section"
    )


def test_pdf_artefacts_do_not_split_or_merge_paragraphs() -> None:
    text = (
        "The Security Council,\n"
        "Recalling its resolution 2242 (2015) and its commitment to ensuring that the\n"
        "relevant expert groups have the necessary gender\n"
        "\n"
        "S/RES/2531 (2020)\n"
        "20-08839 3/15\n"
        "\n"
        "expertise, and welcoming the increased represen-\n"
        "tation of women in Mali,\n"
        "Mindful of its primary responsibility,\n"
        "1. Requests the Panel of Experts to integrate gender as a cross-\n"
        "cutting issue;\n"
        "2 /15\n"
        "2. Decides to remain seized of the matter.\n"
    )
    doc = parse_text(text)
    assert [p.ref for p in doc.walk()] == ["PP1", "PP2", "OP1", "OP2"]
    pp1 = doc.paragraphs[0]
    assert pp1.text == (
        "Recalling its resolution 2242 (2015) and its commitment to ensuring that the relevant "
        "expert groups have the necessary gender expertise, and welcoming the increased "
        "represen-tation of women in Mali,"
    )
    assert pp1.span is not None
    assert "S/RES/2531" in text[pp1.span.start : pp1.span.end]
    assert "S/RES/2531" not in span_text(text, pp1.span)
    assert doc.paragraphs[2].text.endswith("integrate gender as a cross-cutting issue;")
    assert [n.message for n in doc.notes] == [
        "3 lines of page furniture (running heads, page numbers) left out"
    ]


def test_spans_normalise_to_paragraph_text_on_seed() -> None:
    doc = parse_text(_read(SEED))
    for p in doc.walk():
        assert p.span is not None
        assert normalise(span_text(doc.text, p.span)) == normalise(p.text)


def test_2640_draft() -> None:
    doc = parse_text(_read(CORPUS_2640), path="2640.txt")
    assert doc.kind == "mandate-renewal"
    tops = [p.ref for p in doc.paragraphs]
    assert tops[:25] == [f"PP{i}" for i in range(1, 26)]
    ops = [r for r in tops if r.startswith("OP")]
    # OPs 40 and 41 are run into OP 39's line in the extraction ("…; 40. Recognizes …;
    # 41. Requests"); 46-50 lost their numbers.
    assert ops == [f"OP{i}" for i in range(1, 60)]
    assert [n.message for n in doc.notes if n.code == "unnumbered"] == [
        "lines 320, 329, 336, 346 and 363: 5 operative paragraphs without a number; read as "
        "OP46–OP50"
    ]
    op26 = doc.find("OP26")
    assert op26 is not None
    assert op26.heading == "Priority tasks"
    assert [c.ref for c in op26.children] == [f"OP26({c})" for c in "abcde"]
    c = doc.find("OP26(c)(ii)")
    assert c is not None
    assert [d.ref for d in c.children] == [f"OP26(c)(ii)-{i}" for i in range(1, 6)]
    op1 = doc.find("OP1")
    assert op1 is not None
    assert (
        op1.heading
        == "Implementation of the Agreement on Peace and Reconciliation in Mali, Political "
        "situation and elections"
    )
    b = doc.find("OP27(b)")
    assert b is not None
    assert "1267/1989/2253 ISIL" in b.text
    assert doc.find("OP57(v)") is not None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("S/RES/2531 (2020)", True),
        ("20-08839 3/15", True),
        ("  3/15 20-08839  ", True),
        ("12", True),
        ("- 4 -", True),
        ("Page 3 of 15", True),
        ("12. Decides", False),
        ("resolution 2531 (2020)", False),
        ("", False),
    ],
)
def test_furniture(line: str, expected: bool) -> None:
    assert is_furniture(line) is expected


@pytest.mark.parametrize(
    ("text", "section", "lead"),
    [
        ("Strongly condemning all attacks", "preamble", "Strongly condemning"),
        ("Taking note of the report", "preamble", "Taking note"),
        ("Bearing in mind the Charter", "preamble", "Bearing in mind"),
        ("Having considered the report", "preamble", "Having considered"),
        ("Deeply concerned by", "preamble", "Deeply concerned"),
        ("Mindful of", "preamble", "Mindful"),
        ("Calls upon all parties", "operative", "Calls upon"),
        ("Further requests the Panel", "operative", "Further requests"),
        ("Takes note of", "operative", "Takes note"),
        ("Decides to extend", "operative", "Decides"),
        ("To support the cantonment", "operative", "To support"),
        ("Support to the implementation", "operative", None),
        ("The Panel shall", "operative", None),
        ("during the transition", "preamble", None),
    ],
)
def test_lead_of(text: str, section: str, lead: str | None) -> None:
    assert lead_of(text, section) == lead


def test_unnumbered_paragraph_notes_are_merged_when_consecutive() -> None:
    def unnumbered(line: int, n: int) -> ParseNote:
        return ParseNote(
            code="unnumbered",
            message=f"line {line}: an operative paragraph without a number; read as OP{n}",
            lines=(line,),
            refs=(f"OP{n}",),
        )

    reader = ParseNote(code="reader", message="a reader note")
    notes = [reader, unnumbered(320, 46), unnumbered(329, 47), unnumbered(400, 60)]
    merged = merge_unnumbered(notes)
    assert [n.message for n in merged] == [
        "a reader note",
        "lines 320 and 329: 2 operative paragraphs without a number; read as OP46–OP47",
        "line 400: an operative paragraph without a number; read as OP60",
    ]
    assert (merged[1].lines, merged[1].refs) == ((320, 329), ("OP46", "OP47"))
