"""Alignment and classification on documents built directly (no parser involved)."""

from __future__ import annotations

import dataclasses

import pytest

from wpscheck.errors import RulePackError
from wpscheck.evidence import (
    CarriedAcross,
    DiffRun,
    LostTerm,
    TermElsewhere,
    VerbDemoted,
    VerbPromoted,
)
from wpscheck.models import Document, Paragraph
from wpscheck.text.align import DraftIndex, Provision, Vocabulary, align, has_term, join, words

VOCAB = Vocabulary.from_data(
    {
        "verb_scale": [
            ["decides"],
            ["requests", "calls upon", "urges", "calls for"],
            ["encourages", "invites"],
            ["welcomes", "notes"],
        ],
        "weakening_qualifiers": ["as appropriate", "where possible", "within existing resources"],
    }
)

OP4 = (
    "Calls upon all parties in Mali to ensure full, effective and meaningful participation of "
    "women in the mechanisms established by the Agreement to support and monitor its "
    "implementation, using the appropriate framework, including through greater representation "
    "of women in the CSA, meeting the 30 per cent quota for women in all political functions and "
    "offices as defined in Mali’s legislation, and requests the Secretary-General to pay specific "
    "attention to these points in its regular reporting on MINUSMA;"
)
OP45 = (
    "Requests the Secretary-General to seek to increase the number of women in MINUSMA, as well "
    "as to ensure the full, effective and meaningful participation of women in all aspects of "
    "operations;"
)
OTHER = (
    "Decides to renew until 31 August the measures on travel and financial assets imposed by "
    "paragraphs 1 to 4 of resolution 2374 (2017) on the situation in the region concerned;"
)


def doc(*paras: tuple[str, str, str]) -> Document:
    return Document(
        path="draft.txt",
        paragraphs=tuple(Paragraph(ref=r, section=s, text=t) for r, s, t in paras),
    )


def run(text_or_doc: Document, prov: Provision) -> tuple[str, float, str | None, tuple[str, ...]]:
    a = align(prov, DraftIndex(text_or_doc), VOCAB)
    return a.classification, a.score, a.draft_ref, tuple(r.message for r in a.reasons)


P4 = Provision("OP4", OP4, "operative", key_terms=("30 per cent quota",))
P45 = Provision("OP45", OP45, "operative")


def test_words_normalise_case_quotes_hyphens_and_per_cent() -> None:
    assert words("Mali’s 30 per cent gender-based")[0] == [
        "mali's",
        "30",
        "percent",
        "gender",
        "based",
    ]
    assert words("Mali’s 30 per cent,\nquota")[1] == ["Mali’s ", "30 ", "per cent,\n", "quota"]
    assert join(words("the Secretary-General,\n  as")[1]) == "the Secretary-General, as"


def test_retained_wherever_it_sits_and_however_written() -> None:
    d = doc(
        ("PP1", "preamble", "Recalling its previous resolutions on Mali,"),
        ("OP1", "operative", OTHER),
        ("OP9", "operative", OP4.replace("per cent", "percent").replace("’", "'").upper()),
    )
    assert run(d, P4) == ("retained", 1.0, "OP9", ())


def test_softer_verb_is_weakened_with_the_verbs_named() -> None:
    a = align(
        P4, DraftIndex(doc(("OP5", "operative", OP4.replace("Calls upon", "Encourages")))), VOCAB
    )
    assert (a.classification, a.draft_ref, a.reasons) == (
        "weakened",
        "OP5",
        (VerbDemoted(baseline="Calls upon", draft="Encourages"),),
    )
    assert a.reasons[0].message == "verb: Calls upon → Encourages"
    n = len(words(OP4)[0])
    assert a.score == round(0.75 * (n - 2) / n, 4)
    assert DiffRun("-", "Calls upon") in a.diff
    assert DiffRun("+", "Encourages") in a.diff


@pytest.mark.parametrize("verb", ["Urges", "Strongly urges", "Calls upon"])
def test_same_verb_tier_is_not_weakened(verb: str) -> None:
    cls, _, _, reasons = run(doc(("OP5", "operative", OP4.replace("Calls upon", verb))), P4)
    assert cls == "retained", reasons


def test_stronger_verb_is_strengthened() -> None:
    index = DraftIndex(doc(("OP5", "operative", OP4.replace("Calls upon", "Decides"))))
    a = align(P4, index, VOCAB)
    assert (a.classification, a.draft_ref, a.reasons) == (
        "strengthened",
        "OP5",
        (VerbPromoted(baseline="Calls upon", draft="Decides"),),
    )
    assert a.reasons[0].message == "verb raised: Calls upon → Decides"
    assert a.score == a.similarity


def test_added_qualifier_is_weakened() -> None:
    d = doc(("OP5", "operative", OP45.replace("to seek to", "to seek, where possible, to")))
    assert run(d, P45) == ("weakened", 0.75, "OP5", ("qualifier added: where possible",))


def test_qualifier_already_in_the_baseline_is_not_a_weakening() -> None:
    prov = Provision("OP28", "to report regularly on sexual violence, as appropriate.", "operative")
    d = doc(("OP30", "operative", "To report regularly on sexual violence, as appropriate;"))
    assert run(d, prov)[0] == "retained"
    twice = doc(
        (
            "OP30",
            "operative",
            "To report, as appropriate, regularly on sexual violence, as appropriate;",
        )
    )
    assert run(twice, prov)[3] == ("qualifier added: as appropriate",)


def test_moved_to_the_preamble_is_weakened() -> None:
    d = doc(("PP7", "preamble", OP45), ("OP1", "operative", OTHER))
    assert run(d, P45) == (
        "weakened",
        0.75,
        "PP7",
        ("moved from the operative part to the preamble",),
    )


def test_operative_copy_wins_over_a_preambular_one() -> None:
    d = doc(("PP7", "preamble", OP45), ("OP12", "operative", OP45))
    assert run(d, P45) == ("retained", 1.0, "OP12", ())


def test_lost_key_term_is_modified_and_named() -> None:
    text = OP4.replace(
        "meeting the 30 per cent quota for women in all political functions and offices as "
        "defined in Mali’s legislation, ",
        "",
    )
    a = align(P4, DraftIndex(doc(("OP5", "operative", text))), VOCAB)
    assert a.classification == "modified"
    assert a.lost_terms == ("30 per cent quota",)
    assert a.reasons[0] == LostTerm("30 per cent quota")
    assert a.reasons[0].message == "key term lost: 30 per cent quota"


def test_key_term_moved_elsewhere_is_not_lost() -> None:
    text = OP4.replace("meeting the 30 per cent quota", "meeting the quota")
    d = doc(
        ("OP5", "operative", text),
        ("OP6", "operative", "Recalls the 30 per cent quota of law 052;"),
    )
    a = align(P4, DraftIndex(d), VOCAB)
    assert a.lost_terms == ()
    assert TermElsewhere("30 per cent quota", "OP6") in a.reasons
    assert "key term “30 per cent quota” is now in OP6" in [r.message for r in a.reasons]


def test_split_over_two_paragraphs_is_retained() -> None:
    first, second = OP4.split(", and requests ")
    d = doc(
        ("OP1", "operative", OTHER),
        ("OP5", "operative", first + ";"),
        ("OP6", "operative", "Requests " + second),
    )
    a = align(P4, DraftIndex(d), VOCAB)
    assert (a.classification, a.draft_ref) == ("retained", "OP5")
    assert [p.ref for p in a.draft] == ["OP5", "OP6"]
    assert CarriedAcross(("OP5", "OP6")) in a.reasons
    assert "carried across OP5 and OP6" in [r.message for r in a.reasons]


def test_two_merged_into_one_paragraph_are_both_retained() -> None:
    d = doc(("OP7", "operative", OP4.rstrip(";") + ", and " + OP45[0].lower() + OP45[1:]))
    assert run(d, P4)[:3] == ("retained", 1.0, "OP7")
    assert run(d, P45)[:3] == ("retained", 1.0, "OP7")


def test_unrelated_text_drops_everything() -> None:
    d = doc(
        ("OP1", "operative", OTHER), ("OP2", "operative", "Decides to remain seized of the matter.")
    )
    a = align(P4, DraftIndex(d), VOCAB)
    assert (a.classification, a.score, a.draft_ref, a.draft) == ("dropped", 0.0, None, ())
    assert a.evidence().draft_text is None


def test_sub_paragraph_under_a_weaker_verb_is_weakened() -> None:
    task = (
        "to provide specific protection and assistance for women and children affected by conflict;"
    )
    prov = Provision(
        "OP28(c)(iii)",
        task,
        "operative",
        governing="Decides",
    )
    child = Paragraph(
        ref="OP20(a)",
        section="operative",
        text=task,
    )
    top = Paragraph(
        ref="OP20",
        section="operative",
        lead="Encourages",
        text="Encourages MINUSMA:",
        children=(child,),
    )
    a = align(prov, DraftIndex(Document(paragraphs=(top,))), VOCAB)
    assert (a.classification, a.draft_ref) == ("weakened", "OP20(a)")
    assert a.reasons == (VerbDemoted("Decides", "Encourages", governing=True),)
    assert a.reasons[0].message == "verb: Decides → Encourages (the paragraph it sits under)"


def test_evidence_has_the_agreed_shape() -> None:
    a = align(
        P45,
        DraftIndex(doc(("OP49", "operative", OP45.replace("to seek", "to seek, as appropriate,")))),
        VOCAB,
    )
    ev = a.evidence().to_data()
    assert list(ev) == [
        "kind",
        "baseline_ref",
        "baseline_text",
        "draft_ref",
        "draft_text",
        "diff",
        "reasons",
        "lost_terms",
    ]
    assert ev["kind"] == "alignment"
    assert ev["diff"][:3] == [
        ["=", "Requests the Secretary-General to seek"],
        ["+", "as appropriate,"],
        [
            "=",
            "to increase the number of women in MINUSMA, as well as to ensure the full, effective "
            "and meaningful participation of women in all aspects of operations;",
        ],
    ]


def test_verb_scale_listing_a_verb_twice_is_an_error() -> None:
    with pytest.raises(RulePackError) as exc:
        Vocabulary.from_data({"verb_scale": [["urges"], ["Urges"]]}, source="p.toml")
    assert str(exc.value) == 'p.toml: [data] verb_scale: "Urges" is listed twice (also as "urges")'


def test_verb_scale_of_the_wrong_shape_is_an_error() -> None:
    with pytest.raises(RulePackError) as exc:
        Vocabulary.from_data({"verb_scale": ["urges", "encourages"]}, source="p.toml")
    assert str(exc.value) == (
        "p.toml: [data] verb_scale: expected a list of tiers, strongest first, each a list of "
        'verbs, e.g. [["decides"], ["calls upon", "urges"], ["encourages"]]'
    )


def test_copies_in_one_part_do_not_crowd_out_a_copy_in_the_other() -> None:
    """Found by hypothesis: six preambular copies of a text took every candidate slot, so
    its operative copy was never compared and the provision read as demoted."""
    from wpscheck.models import Document, Paragraph
    from wpscheck.text.align import CANDIDATES, DraftIndex, Provision, Vocabulary, align

    text = (
        "Underlining that lasting peace and security in the Sahel region will not be achieved "
        "without a combination of political, security and development efforts,"
    )
    paras = [Paragraph(ref=f"PP{i}", section="preamble", text=text) for i in range(CANDIDATES)]
    paras.append(Paragraph(ref="OP1", section="operative", text=text))
    a = align(
        Provision("X", text, "operative"),
        DraftIndex(Document(paragraphs=tuple(paras))),
        Vocabulary(),
    )
    assert (a.classification, a.score, a.draft_ref) == ("retained", 1.0, "OP1")


def test_one_index_per_document_while_it_lives() -> None:
    import gc
    import weakref

    d = doc(("OP1", "operative", OP4))
    index = DraftIndex.of(d)
    assert DraftIndex.of(d) is index
    assert DraftIndex.of(doc(("OP1", "operative", OP4))) is not index  # equal, not the same
    gone = weakref.ref(index)
    del d, index
    gc.collect()
    assert gone() is None


def test_word_diff_keeps_punctuation_with_its_words() -> None:
    """An inserted parenthetical keeps its opening bracket; a removed quotation its opening
    quote mark, which is not shown as kept."""
    base = (
        "Welcomes the third national plan for the implementation of resolution 1325 and the "
        "“Women and peace” agenda;"
    )
    draft = (
        "Welcomes the third national plan (2019–2023) for the implementation of resolution "
        "1325 and the agenda;"
    )
    a = align(
        Provision("PP2", base, "preamble"), DraftIndex(doc(("PP2", "preamble", draft))), VOCAB
    )
    assert a.diff == (
        DiffRun("=", "Welcomes the third national plan"),
        DiffRun("+", "(2019–2023)"),
        DiffRun("=", "for the implementation of resolution 1325 and the"),
        DiffRun("-", "“Women and peace”"),
        DiffRun("=", "agenda;"),
    )


def test_words_as_written_give_back_the_text() -> None:
    text = "  (a) To ensure, as per cent of “all” seats (2019–2023); and"
    norm, surface = words(text)
    assert norm == [
        "a",
        "to",
        "ensure",
        "as",
        "percent",
        "of",
        "all",
        "seats",
        "2019",
        "2023",
        "and",
    ]
    assert "".join(surface) == text
    assert (surface[4], surface[6], surface[8]) == ("per cent ", "“all” ", "(2019–")


@pytest.mark.parametrize(
    ("text", "term", "exact", "found"),
    [
        # an inserted parenthetical date
        (
            "Mali’s third national plan (2019–2023) for the implementation of resolution 1325",
            "third national plan for the implementation of resolution 1325",
            False,
            True,
        ),
        # reordered, "per cent" as two words and a few words between
        ("meeting the quota of at least 30 per cent women", "30 percent quota", False, True),
        # reordered: lost when the pack marks the term exact
        ("meeting the quota of at least 30 per cent women", "30 per cent quota", True, False),
        # an inserted date keeps an exact term (the order is the same)
        (
            "the third national plan (2019–2023) for women",
            "third national plan for women",
            True,
            True,
        ),
        # hyphenation: one word or two
        ("women peace-builders and mediators", "women peacebuilders", False, True),
        ("a zero tolerance policy", "zero-tolerance policy", True, True),
        # a word of the term gone
        (
            "full, equal and meaningful participation of women",
            "full, effective and meaningful participation of women",
            False,
            False,
        ),
        # the words too far apart are not the term
        (
            "the quota is a matter for the electoral law, which sets 30 per cent",
            "30 per cent quota",
            False,
            False,
        ),
    ],
)
def test_key_terms_are_found_with_a_readers_tolerance(
    text: str, term: str, exact: bool, found: bool
) -> None:
    assert has_term(words(text)[0], words(term)[0], exact) is found


def test_an_exact_term_reordered_is_lost() -> None:
    op4 = OP4.replace("meeting the 30 per cent quota", "meeting the quota of 30 per cent")
    loose = Provision("OP4", OP4, "operative", key_terms=("30 per cent quota",))
    exact = dataclasses.replace(loose, exact_terms=frozenset({"30 per cent quota"}))
    index = DraftIndex(doc(("OP5", "operative", op4)))
    assert align(loose, index, VOCAB).classification == "retained"
    a = align(exact, index, VOCAB)
    assert (a.classification, a.lost_terms) == ("modified", ("30 per cent quota",))
