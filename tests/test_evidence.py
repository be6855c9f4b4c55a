"""Typed evidence: each record's message, the JSON it writes, and reading it back."""

from __future__ import annotations

import pickle

from hypothesis import given
from hypothesis import strategies as st

from wpscheck.evidence import (
    AlignmentEvidence,
    CarriedAcross,
    DiffRun,
    EvidenceItem,
    IntensifierDropped,
    LostTerm,
    MovedToPreamble,
    Note,
    QualifierAdded,
    Reason,
    TermElsewhere,
    VerbDemoted,
    WordingKept,
    alignment_of,
    reasons_message,
)
from wpscheck.models import Finding


def test_every_reason_says_what_happened() -> None:
    said: list[tuple[Reason, str]] = [
        (VerbDemoted("Calls upon", "Encourages"), "verb: Calls upon → Encourages"),
        (
            VerbDemoted("Decides", "Encourages", governing=True),
            "verb: Decides → Encourages (the paragraph it sits under)",
        ),
        (QualifierAdded("as appropriate"), "qualifier added: as appropriate"),
        (IntensifierDropped("strongly"), "intensifier dropped: strongly"),
        (MovedToPreamble(), "moved from the operative part to the preamble"),
        (LostTerm("30 per cent quota"), "key term lost: 30 per cent quota"),
        (TermElsewhere("quota", "OP6(a)-2"), "key term “quota” is now in OP6(a), second dash"),
        (WordingKept(0.194), "19 % of the wording kept"),
        (CarriedAcross(("OP5", "OP6", "OP7-1")), "carried across OP5, OP6 and OP7, first dash"),
        (Note("as a plugin put it"), "as a plugin put it"),
    ]
    for reason, message in said:
        assert reason.message == message


def test_lost_terms_are_said_once_where_the_first_is() -> None:
    reasons = (LostTerm("a"), WordingKept(0.5), LostTerm("b"), QualifierAdded("as appropriate"))
    assert reasons_message(reasons) == (
        "key terms lost: “a”, “b”; 50 % of the wording kept; qualifier added: as appropriate"
    )
    assert reasons_message((LostTerm("a"),)) == "key term lost: “a”"
    assert reasons_message(()) == ""


def test_the_json_form_is_the_report_s_and_holds_the_record() -> None:
    record = AlignmentEvidence(
        baseline_ref="OP4",
        baseline_text="Calls upon all parties",
        draft_ref="OP3",
        draft_text="Encourages all parties",
        diff=(DiffRun("-", "Calls upon"), DiffRun("+", "Encourages"), DiffRun("=", "all parties")),
        reasons=(LostTerm("parties"), VerbDemoted("Calls upon", "Encourages")),
        baseline="S/RES/2531 (2020)",
        baseline_title=None,
    )
    item = EvidenceItem(record)
    assert item == {
        "kind": "alignment",
        "baseline_ref": "OP4",
        "baseline_text": "Calls upon all parties",
        "draft_ref": "OP3",
        "draft_text": "Encourages all parties",
        "diff": [["-", "Calls upon"], ["+", "Encourages"], ["=", "all parties"]],
        "reasons": ["key term lost: parties", "verb: Calls upon → Encourages"],
        "lost_terms": ["parties"],
        "baseline": "S/RES/2531 (2020)",
        "baseline_title": None,
    }
    finding = Finding("r", "p", "d.txt", "fail", "error", 0.5, "m", evidence=(item,))
    assert alignment_of(finding) is record
    # across processes (the parallel runner pickles findings)
    again = pickle.loads(pickle.dumps(finding))
    assert alignment_of(again) == record
    assert again.evidence == finding.evidence


def test_a_plain_alignment_dict_is_read_field_by_field() -> None:
    data = {
        "kind": "alignment",
        "baseline_ref": "OP4",
        "baseline_text": "text",
        "draft_ref": None,
        "draft_text": None,
        "diff": [["=", "kept"], ["?", "odd"], ["+", "added"]],
        "reasons": ["key term lost: quota", "verb: A → B"],
        "lost_terms": ["quota"],
    }
    finding = Finding("r", "p", "d.txt", "fail", "error", 0.5, "m", evidence=({"x": 1}, data))
    record = alignment_of(finding)
    assert record is not None
    assert record.lost_terms == ("quota",)
    assert record.reasons == (LostTerm("quota"), Note("verb: A → B"))
    assert record.diff == (DiffRun("=", "kept"), DiffRun("+", "added"))
    assert alignment_of(Finding("r", "p", "d", "pass", "error", 1.0, "m")) is None


def test_a_cut_run_says_so() -> None:
    assert DiffRun("+", "to ensure that", cut_before=True).message == "… {+to ensure that+}"
    assert DiffRun("+", "and to report", cut_after=True).message == "{+and to report+} …"
    assert DiffRun("-", "Calls upon").message == "[-Calls upon-]"


_text = st.text(max_size=12)
_reason: st.SearchStrategy[Reason] = st.one_of(
    st.builds(VerbDemoted, _text, _text, st.booleans()),
    st.builds(QualifierAdded, _text),
    st.builds(IntensifierDropped, _text),
    st.just(MovedToPreamble()),
    st.builds(LostTerm, _text),
    st.builds(WordingKept, st.floats(0, 1)),
)


@given(
    st.lists(_reason, max_size=6),
    st.lists(st.builds(DiffRun, st.sampled_from(["=", "-", "+"]), _text), max_size=6),
)
def test_reading_the_json_back_keeps_every_field_and_message(
    reasons: list[Reason], diff: list[DiffRun]
) -> None:
    # the lost key terms come first, as the aligner gives them
    reasons.sort(key=lambda r: not isinstance(r, LostTerm))
    record = AlignmentEvidence("OP1", "b", "OP2", "d", tuple(diff), tuple(reasons))
    back = AlignmentEvidence.from_data(record.to_data())
    assert back.to_data() == record.to_data()
    assert back.lost_terms == record.lost_terms
    assert back.diff == record.diff
