"""Layouts of real drafts (issue 9): form feeds and page furniture of plain ``pdftotext``,
paragraph numbers printed mid-line or without their period, annexes, footnotes, group
headings, renewal phrasings, and the language of a text."""

from __future__ import annotations

import textwrap

import pytest

from tests.test_corpus_unsc import DRAFT_2022, body
from wpscheck.text.parse import guess_language, parse_text


def _paged(text: str, per: int = 46) -> str:
    """``text`` as plain ``pdftotext`` (no ``-layout``) gives a UN PDF of it: wrapped lines,
    no blank lines, a title block, page heads, job numbers, bar codes, page numbers and a
    form feed at every page end."""
    lines: list[str] = []
    for para in text.split("\n"):
        lines += textwrap.wrap(para, 85)
    pages = [lines[i : i + per] for i in range(0, len(lines), per)]
    out = []
    for k, page in enumerate(pages, 1):
        if k == 1:
            head = ["United Nations", "S/2022/500", "Security Council", "Distr.: General"]
            head += ["28 June 2022", "Original: English", "France: draft resolution"]
            foot = ["22-09876 (E) 280622", "*2209876*"]
        else:
            head, foot = ["S/2022/500"], [f"{k}/{len(pages)}", "22-09876"]
        out.append("\n".join(head + page + foot))
    return "\n\f".join(out) + "\n\f"


@pytest.mark.skipif(not DRAFT_2022.is_file(), reason="../shared/corpus 2022 draft is absent")
def test_plain_pdftotext_with_form_feeds_parses_as_the_text() -> None:
    text = body(DRAFT_2022)
    plain = parse_text(text)
    paged = parse_text(_paged(text))
    assert [p.ref for p in paged.paragraphs] == [p.ref for p in plain.paragraphs]
    assert [p.text for p in paged.paragraphs if p.section == "preamble"] == [
        p.text for p in plain.paragraphs if p.section == "preamble"
    ]
    sections = [p.section for p in paged.paragraphs]
    assert (sections.count("preamble"), sections.count("operative")) == (25, 59)
    # the symbol line is a running head (left out); the title block stops at the Council line
    assert paged.title == (
        "United Nations Security Council Distr.: General 28 June 2022 Original: English "
        "France: draft resolution"
    )
    assert paged.symbol == "S/2022/500"
    assert paged.notes[0].code == "furniture"


def test_page_break_inside_a_preambular_paragraph_keeps_it_whole() -> None:
    text = (
        "Security Council draft resolution\nThe Security Council,\n"
        "Recalling its resolutions 1325 (2000), 1820 (2008),\n1888 (2009) and 2242 (2015),\n"
        "21-01234\n2/7\n\fS/2021/99\n"
        "Central to all of which is the participation of women,\n"
        "Stressing the role of women,\n1. Decides to remain seized of the matter.\n"
    )
    doc = parse_text(text)
    assert [p.ref for p in doc.paragraphs] == ["PP1", "PP2", "OP1"]
    assert doc.paragraphs[0].text.endswith("Central to all of which is the participation of women,")
    assert doc.title == "Security Council draft resolution"


def test_numbers_printed_mid_line_and_without_a_period() -> None:
    text = (
        "The Security Council,\nRecalling resolution 2531 (2020), 12 months after it,\n"
        "Acting under Chapter VII of the Charter of the United Nations, 1. Decides to extend "
        "the mandate of UNSOM until 31 August 2021; 2. Expresses concern; 3 Requests the "
        "Secretary-General to report, pursuant to paragraph 3 of resolution 2100 (2013), 4 "
        "times a year;\n4 Condemns all attacks: 5. Urges restraint.\n"
    )
    doc = parse_text(text)
    assert [(p.ref, p.lead) for p in doc.paragraphs] == [
        ("PP1", "Recalling"),
        ("PP2", "Acting"),
        ("OP1", "Decides"),
        ("OP2", "Expresses"),
        ("OP3", "Requests"),
        ("OP4", "Condemns"),
        ("OP5", "Urges"),
    ]
    assert doc.paragraphs[4].text.endswith("4 times a year;")
    assert doc.kind == "mandate-renewal"


def test_annex_after_remain_seized_and_a_footnote() -> None:
    text = (
        "The Security Council,\nRecalling its resolution 1730 (2006),\n"
        "Noting the Aide Memoire, 1\n"
        "Welcoming the work of the Focal Point,\n"
        "__________\n1 Adopted on 15 March 2002 in S/PRST/2002/6.\n\n"
        "1. Adopts the procedure in Annex I;\n2. Decides to remain seized of the matter.\n\n"
        "Annex I\n\nDelisting procedure\n\n"
        "1. Upon receipt of a request, the Focal Point will:\n(a) Acknowledge it;\n"
        "2. The Focal Point will forward it.\n"
    )
    doc = parse_text(text)
    assert [p.ref for p in doc.paragraphs] == ["PP1", "PP2", "PP3", "OP1", "OP2"]
    pp2 = doc.paragraphs[1]
    assert pp2.text == "Noting the Aide Memoire,"
    assert [(f.marker, f.text) for f in pp2.footnotes] == [
        ("1", "Adopted on 15 March 2002 in S/PRST/2002/6.")
    ]
    (annex,) = doc.annexes
    assert (annex.title, annex.ref, annex.heading) == ("Annex I", "AnnexI", "Delisting procedure")
    assert [p.ref for a in doc.annexes for p in a.walk()] == ["AnnexI.1", "AnnexI.1(a)", "AnnexI.2"]
    assert doc.find("AnnexI.2") is not None
    assert [n.code for n in doc.notes] == ["annex", "footnotes"]


def test_roman_group_headings_hold_their_lettered_tasks() -> None:
    text = (
        "The Security Council,\nRecalling its resolutions,\n"
        "1. Decides that the mandate shall include the following tasks:\n"
        "(i) Protection of civilians\n(a) Ensure protection;\n(b) Work with the Government;\n"
        "(ii) Security Sector Reform\n(a) Support the reform of the police;\n"
        "2. Decides to remain seized of the matter.\n"
    )
    doc = parse_text(text)
    assert [p.ref for p in doc.walk()] == [
        "PP1",
        "OP1",
        "OP1(i)",
        "OP1(i)(a)",
        "OP1(i)(b)",
        "OP1(ii)",
        "OP1(ii)(a)",
        "OP2",
    ]


@pytest.mark.parametrize(
    ("op", "kind"),
    [
        (
            "Decides to extend until 31 March 2019 UNSOM’s mandate as set out in resolution 2158;",
            "mandate-renewal",
        ),
        (
            "Expresses its full support for UNFICYP, and decides to extend its mandate for a "
            "further period;",
            "mandate-renewal",
        ),
        (
            "Decides to extend the mandate and personnel strength of MONUC until 15 May 2007;",
            "mandate-renewal",
        ),
        (
            "Decides that the mandate of UNMIL shall be extended until 30 September 2014;",
            "mandate-renewal",
        ),
        (
            "Decides to renew until 31 May 2018 the measures imposed by resolution 2206;",
            "sanctions-renewal",
        ),
        (
            "Decides to extend until 12 March 2019 the mandate of the Panel of Experts;",
            "sanctions-renewal",
        ),
        ("Decides to extend its provision of security services throughout the country;", None),
    ],
)
def test_renewal_phrasings_set_the_kind(op: str, kind: str | None) -> None:
    doc = parse_text(f"The Security Council,\nRecalling its resolutions,\n1. {op}\n")
    assert doc.kind == kind


def test_language_is_noted_when_not_english() -> None:
    fr = (
        "Le Conseil de sécurité,\nRappelant ses résolutions antérieures sur la situation au "
        "Mali et les déclarations de son Président,\n1. Décide de proroger le mandat de la "
        "MINUSMA jusqu’au 30 juin 2023 et prie le Secrétaire général de lui faire rapport sur "
        "la mise en œuvre de la présente résolution dans les pays de la région;\n"
    )
    doc = parse_text(fr)
    assert doc.language == "fr"
    assert [n.message for n in doc.notes if n.code == "language"] == [
        "the text reads as French (fr), not English"
    ]
    en = parse_text(
        "The Security Council,\nRecalling all its previous resolutions on the situation in "
        "Mali and the statements of its President,\n1. Decides to extend the mandate of the "
        "Mission until 30 June 2023 and requests the Secretary-General to report on it;\n"
    )
    assert en.language == "en"
    assert not [n for n in en.notes if n.code == "language"]
    assert (
        guess_language(
            "Decide prorrogar el mandato de la Misión hasta el 30 de junio y "
            "solicita al Secretario General que informe sobre los progresos "
            "de la Misión en el cumplimiento de su mandato y las "
            "recomendaciones para el país y la región"
        )
        == "es"
    )
    assert guess_language("1. 2. 3.") is None
