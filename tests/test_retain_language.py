"""Drafts in another language than a pack's baseline, and ``wpscheck diff`` between two
French texts with the shipped French vocabulary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wpscheck.cli import main
from wpscheck.diff import diff_files, vocabulary_of
from wpscheck.engine import check
from wpscheck.evidence import QualifierAdded, VerbDemoted
from wpscheck.loading import load_document, load_pack
from wpscheck.text.align import Vocabulary

ROOT = Path(__file__).resolve().parents[1]
FR = ROOT / "fixtures" / "retention" / "fr"
PACK = ROOT / "rules" / "resolution-2531-wps.toml"


def test_a_french_draft_gets_one_not_applicable_finding_per_pack() -> None:
    doc = load_document(FR / "draft.txt")
    assert doc.language == "fr"
    report = check([doc], [load_pack(PACK)])
    assert [(f.status, f.message) for f in report.findings] == [
        (
            "not-applicable",
            "the draft is in French; the provisions of S/RES/2531 (2020) are in English, so "
            "they were not looked for",
        )
    ]
    assert report.summary.score is None


def test_the_french_parser_reads_the_preamble_and_the_lead_verbs() -> None:
    doc = load_document(FR / "draft.txt")
    assert [(p.ref, p.lead) for p in doc.walk()] == [
        ("PP1", "Rappelant"),
        ("PP2", "Condamnant"),
        ("OP1", "Décide"),
        ("OP2", "Encourage"),
        ("OP3", "Prie"),
        ("OP4", "Demande"),
        ("OP5", "Décide"),
    ]


def test_diff_between_two_french_texts_uses_the_french_vocabulary() -> None:
    td = diff_files(FR / "baseline.txt", FR / "draft.txt", [load_pack(PACK)])
    got = {e.baseline_ref: (e.status, e.draft_ref) for e in td.entries if e.baseline_ref}
    assert got == {
        "PP1": ("retained", "PP1"),
        "PP2": ("retained", "PP2"),
        "OP1": ("retained", "OP1"),
        "OP2": ("weakened", "OP2"),
        "OP3": ("weakened", "OP3"),
        "OP4": ("retained", "OP4"),
        "OP5": ("retained", "OP5"),
    }
    reasons = {e.baseline_ref: e.alignment.reasons for e in td.entries if e.alignment}
    assert reasons["OP2"] == (VerbDemoted("Exhorte", "Encourage"),)
    assert reasons["OP3"] == (QualifierAdded("le cas échéant"),)


def test_diff_json_of_french_texts(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["diff", str(FR / "baseline.txt"), str(FR / "draft.txt"), "--format", "json"])
    assert code == 1
    data = json.loads(capsys.readouterr().out)
    op3 = next(p for p in data["paragraphs"] if p["baseline_ref"] == "OP3")
    assert op3["reasons"] == ["qualifier added: le cas échéant"]
    assert ["+", "le cas échéant,"] in op3["diff"]


def test_the_vocabulary_follows_the_language() -> None:
    packs = [load_pack(PACK)]
    assert vocabulary_of(packs, "en").language == "en"
    fr = vocabulary_of(packs, "fr")
    assert fr.language == "fr"
    assert fr == Vocabulary.shipped("fr")
    assert ("le", "cas", "échéant") in [q for q, _ in fr.qualifiers]
    # no shipped vocabulary for Spanish: only wording and key terms count
    assert Vocabulary.shipped("es") == Vocabulary(language="es")
