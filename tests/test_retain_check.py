"""The retain check kind through the engine, on documents built directly."""

from __future__ import annotations

from pathlib import Path

import pytest

from wpscheck.engine import check
from wpscheck.errors import RulePackError
from wpscheck.loading import load_pack
from wpscheck.models import Document, Paragraph, Span

OP45 = (
    "Requests the Secretary-General to seek to increase the number of women in MINUSMA, as well "
    "as to ensure the full, effective and meaningful participation of women in all aspects of "
    "operations;"
)

PACK = """
[pack]
id = "mini"
title = "Mini"

[data]
verb_scale = [["decides"], ["requests", "urges"], ["encourages"]]
weakening_qualifiers = ["as appropriate"]

[[rule]]
id = "op45"
check = "retain"
title = "OP 45"
text = '''{text}'''
key_terms = {terms}
applies_if_mentions = ["MINUSMA"]
not_for_kinds = ["sanctions-renewal"]
"""


def pack(tmp_path: Path, text: str = OP45, terms: str = '["number of women in MINUSMA"]') -> Path:
    p = tmp_path / "mini.toml"
    p.write_text(PACK.format(text=text, terms=terms), encoding="utf-8")
    return p


def draft(text: str, kind: str | None = "mandate-renewal") -> Document:
    span = Span(line=7, column=4, end_line=9, end_column=12)
    return Document(
        path="draft.txt",
        kind=kind,
        paragraphs=(
            Paragraph(ref="OP1", section="operative", text="Decides to extend the mandate."),
            Paragraph(ref="OP49", section="operative", text=text, span=span),
        ),
    )


def test_weakened_finding_carries_location_classification_and_evidence(tmp_path: Path) -> None:
    doc = draft(OP45.replace("Requests", "Encourages"))
    report = check([doc], [load_pack(pack(tmp_path))])
    (f,) = report.findings
    assert (f.status, f.classification, f.check) == ("fail", "weakened", "retain")
    assert f.message == "op45 weakened in OP49: verb: Requests → Encourages"
    assert f.location is not None
    assert (f.location.path, f.location.line, f.location.column, f.location.ref) == (
        "draft.txt",
        7,
        4,
        "OP49",
    )
    ev = f.evidence[0]
    assert (ev["kind"], ev["baseline_ref"], ev["draft_ref"]) == ("alignment", "op45", "OP49")
    assert ev["reasons"] == ["verb: Requests → Encourages"]
    assert ev["diff"][:2] == [["-", "Requests"], ["+", "Encourages"]]


def test_retained_is_the_only_pass(tmp_path: Path) -> None:
    report = check([draft(OP45)], [load_pack(pack(tmp_path))])
    (f,) = report.findings
    assert (f.status, f.classification, f.score) == ("pass", "retained", 1.0)
    assert f.message == "op45 retained as OP49 (100 % of the wording)"


def test_a_draft_that_does_not_mention_the_mission_is_not_applicable(tmp_path: Path) -> None:
    text = OP45.replace("MINUSMA", "UNMISS")
    report = check([draft(text)], [load_pack(pack(tmp_path, terms="[]"))])
    (f,) = report.findings
    assert (f.status, f.classification) == ("not-applicable", None)
    assert f.message == "the draft does not mention MINUSMA, so this provision does not apply to it"
    assert f.subject_name == "Mini op45"


def test_a_sanctions_draft_is_not_applicable(tmp_path: Path) -> None:
    report = check([draft(OP45, kind="sanctions-renewal")], [load_pack(pack(tmp_path))])
    (f,) = report.findings
    assert f.status == "not-applicable"
    assert f.message == "the draft is a sanctions renewal, so this provision does not apply to it"


def test_key_term_not_in_the_provision_is_a_load_error(tmp_path: Path) -> None:
    p = pack(tmp_path, terms='["observatory"]')
    with pytest.raises(RulePackError) as exc:
        load_pack(p)
    assert str(exc.value) == (
        f'{p.as_posix()}:15:1: rule "op45": key term "observatory" does not occur in the '
        "provision's text; a key term is a phrase of the provision whose loss matters"
    )


def test_ref_and_text_together_is_a_load_error(tmp_path: Path) -> None:
    p = tmp_path / "bad.toml"
    p.write_text(
        PACK.format(text=OP45, terms="[]").replace(
            'title = "OP 45"', 'title = "OP 45"\nref = "OP45"'
        ),
        encoding="utf-8",
    )
    with pytest.raises(RulePackError) as exc:
        load_pack(p)
    assert str(exc.value) == (
        f'{p.as_posix()}:10:1: rule "op45": give either "ref" (a baseline paragraph) or '
        '"text", not both'
    )


def test_unknown_ref_in_the_baseline_names_the_nearest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "base.txt").write_text("x", encoding="utf-8")
    p = tmp_path / "refs.toml"
    p.write_text(
        '[pack]\nid = "refs"\ntitle = "Refs"\n\n[[baseline]]\nid = "b"\npath = "base.txt"\n\n'
        '[[rule]]\nid = "r1"\ncheck = "retain"\ntitle = "R"\nref = "OP99"\n',
        encoding="utf-8",
    )
    from wpscheck.checks import retain

    baseline = Document(
        path="base.txt",
        paragraphs=(Paragraph(ref="OP9", section="operative", text="Requests a report."),),
    )
    monkeypatch.setattr(retain, "load_baseline", lambda path: baseline)
    with pytest.raises(RulePackError) as exc:
        load_pack(p)
    assert str(exc.value) == (
        f'{p.as_posix()}:13:1: rule "r1": baseline "b" has no paragraph "OP99" '
        '(did you mean "OP9"?)'
    )


FRENCH_PACK = """
[pack]
id = "fr"
title = "Mission : le mandat"
version = "1"

[data]
vocabulary = "vocabularies/retention-fr.toml"
{extra}
[[rule]]
id = "mandat"
check = "retain"
title = "prorogation"
text = "Exhorte toutes les parties à garantir la participation pleine et égale des femmes ;"
"""


def _french_pack(tmp_path: Path, extra: str = "", vocabulary: str = "retention-fr") -> Path:
    (tmp_path / "vocabularies").mkdir(exist_ok=True)
    shipped = Path(__file__).resolve().parents[1] / "rules" / "vocabularies"
    text = (shipped / "retention-fr.toml").read_text("utf-8")
    (tmp_path / "vocabularies" / f"{vocabulary}.toml").write_text(text, "utf-8")
    p = tmp_path / "fr.toml"
    p.write_text(FRENCH_PACK.format(extra=extra), "utf-8")
    return p


def test_a_pack_names_its_vocabulary_file(tmp_path: Path) -> None:
    doc = Document(
        path="projet.txt",
        language="fr",
        paragraphs=(
            Paragraph(
                ref="OP2",
                section="operative",
                text="Encourage toutes les parties à garantir la participation pleine et égale "
                "des femmes ;",
            ),
        ),
    )
    (f,) = check([doc], [load_pack(_french_pack(tmp_path))]).findings
    assert (f.classification, f.message) == (
        "weakened",
        "mandat weakened in OP2: verb: Exhorte → Encourage",
    )


def test_a_vocabulary_file_and_lists_together_are_an_error(tmp_path: Path) -> None:
    path = _french_pack(tmp_path, extra='verb_scale = [["décide"]]\n')
    with pytest.raises(RulePackError) as exc:
        load_pack(path)
    assert str(exc.value) == (
        f"{path.as_posix()}:7:1: in [data], give the vocabulary either as a file "
        "(vocabulary = …) or as lists (verb_scale, weakening_qualifiers, intensifiers), not both"
    )


def test_a_missing_vocabulary_file_is_an_error(tmp_path: Path) -> None:
    path = _french_pack(tmp_path, vocabulary="other")
    with pytest.raises(RulePackError) as exc:
        load_pack(path)
    assert str(exc.value) == (
        f'{path.as_posix()}:8:1: [data] vocabulary: no such file "vocabularies/retention-fr.toml" '
        "(paths are relative to the pack file)"
    )
