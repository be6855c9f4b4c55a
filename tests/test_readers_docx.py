"""The Word reader: automatic numbering rebuilt, and bad .docx files refused clearly."""

from __future__ import annotations

import importlib.util
import io
import json
import zipfile
from pathlib import Path

import pytest

import wpscheck
from wpscheck.cli import main
from wpscheck.errors import DocumentError, InputError
from wpscheck.loading import load_document, load_packs
from wpscheck.models import Document
from wpscheck.readers.docx import W, _Numbering
from wpscheck.revisions import TrackedMode, tracked

ROOT = Path(__file__).resolve().parents[1]
DOCX = ROOT / "fixtures" / "drafts" / "sanctions-numbered.docx"


def test_numbering_refs_and_headings() -> None:
    doc = load_document(DOCX)
    assert [(p.ref, p.heading) for p in doc.walk() if p.section == "operative"] == [
        ("OP1", "Measures"),
        ("OP2", "Measures"),
        ("OP2(a)", "Measures"),
        ("OP2(b)", "Measures"),
        ("OP2(b)(i)", "Measures"),
        ("OP2(b)(ii)", "Measures"),
        ("OP3", "Panel of Experts"),
        ("OP4", "Panel of Experts"),
        ("OP4-1", "Panel of Experts"),
        ("OP4-2", "Panel of Experts"),
        ("OP5", "Panel of Experts"),
    ]
    op3 = doc.find("OP3")
    assert op3 is not None
    assert op3.span is not None
    assert op3.number == "3"
    assert (op3.span.line, op3.span.column) == (13, 4)
    assert op3.text.startswith("Decides to extend until 30 September 2022 the mandate")
    assert doc.kind == "sanctions-renewal"
    assert doc.notes[0].message == (
        "read from Word: 17 paragraphs, one per line; automatic numbering rebuilt for 11"
    )


def test_docx_passes_the_sanctions_pack() -> None:
    packs = load_packs([ROOT / "rules" / "sanctions-gender-expertise.toml"])
    report = wpscheck.check([load_document(DOCX)], packs)
    assert {
        f.rule: (f.status, f.score, f.location.ref if f.location else None) for f in report.findings
    } == {
        "panel-gender-expertise": ("pass", 1.0, "OP3"),
        "panel-gender-cross-cutting": ("pass", 1.0, "OP4"),
        "designation-criteria-sexual-violence": ("pass", 1.0, "OP2"),
    }


@pytest.mark.parametrize(
    ("writer", "fixture"),
    [("write", "sanctions-numbered.docx"), ("write_tracked", "mission-tracked.docx")],
)
def test_fixture_is_what_the_script_writes(tmp_path: Path, writer: str, fixture: str) -> None:
    spec = importlib.util.spec_from_file_location("make_docx", DOCX.parent / "make_docx.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    getattr(module, writer)(tmp_path / "out.docx")
    assert (tmp_path / "out.docx").read_bytes() == (DOCX.parent / fixture).read_bytes()


def test_start_override_and_restart_of_deeper_levels() -> None:
    def lvl(i: int, fmt: str, text: str) -> str:
        return (
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/></w:lvl>'
        )

    xml = (
        f'<w:numbering xmlns:w="{W[1:-1]}"><w:abstractNum w:abstractNumId="1">'
        + lvl(0, "decimal", "OP %1.")
        + lvl(1, "lowerLetter", "(%2)")
        + lvl(2, "upperRoman", "%1.%3")
        + '</w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="28"/></w:lvlOverride></w:num>'
        "</w:numbering>"
    )
    from xml.etree import ElementTree as ET

    n = _Numbering(ET.fromstring(xml))
    got = [n.label("5", lvl) for lvl in (0, 1, 1, 2, 2, 0, 1)]
    assert got == ["OP 28.", "(a)", "(b)", "28.I", "28.II", "OP 29.", "(a)"]
    assert n.label("9", 0) is None


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"This is plain text saved with a .docx name",
            "draft.docx is not a Word document (it is not a zip archive). Save it as .docx, or "
            "give a .txt or .md export.",
        ),
        (
            b"PK\x03\x04 truncated",
            "draft.docx is not a Word document (it is not a zip archive). Save it as .docx, or "
            "give a .txt or .md export.",
        ),
        (
            _zip({"content.xml": b"<x/>"}),
            "draft.docx is not a Word document (the zip archive has no word/document.xml). Save "
            "it as .docx, or give a .txt or .md export.",
        ),
        (
            _zip({"word/document.xml": b"\0" * 5_000_000}),
            "draft.docx: word/document.xml would expand 1,025 times (to 5,000,000 bytes); "
            "refused as a zip bomb",
        ),
        (
            _zip({"word/document.xml": b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'}),
            "draft.docx: word/document.xml declares a document type or entities; refused",
        ),
        (
            _zip({"word/document.xml": b"<w:document"}),
            "draft.docx: word/document.xml is not well-formed XML (unclosed token: line 1, "
            "column 0)",
        ),
    ],
)
def test_bad_docx(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    data: bytes,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.docx").write_bytes(data)
    with pytest.raises(DocumentError) as exc:
        load_document(Path("draft.docx"))
    assert str(exc.value) == message
    assert main(["check", "draft.docx"]) == 2
    assert capsys.readouterr().err == f"error: {message}\n"


# --------------------------------------------------------------------------- tracked changes

TRACKED = DOCX.parent / "mission-tracked.docx"
MENSAH = ("A. Mensah", "2022-06-20T10:15:00Z")
LARSEN = ("K. Larsen", "2022-06-21T09:30:00Z")


def _load(path: Path, mode: TrackedMode) -> Document:
    with tracked(mode):
        return load_document(path)


PROPOSED = {
    "OP2": "Calls upon the parties to ensure the full, equal and meaningful participation of "
    "women as appropriate in the peace process;",
    "OP3": "Requests the Secretary-General to take the necessary measures to prevent sexual "
    "exploitation and abuse within the Mission;",
    "OP4": "Requests UNMISS to support the participation of women in the electoral process, "
    "including in the constitution-making process;",
    "OP5": "Requests UNMISS to include gender advisers in all its components;",
    "OP6": "Decides to remain actively seized of the matter.",
}
ORIGINAL = {
    "OP2": "Calls upon the parties to ensure the full, equal and meaningful participation of "
    "women in the peace process, including in the constitution-making process;",
    "OP3": "Requests the Secretary-General to take the necessary measures to prevent sexual "
    "exploitation and abuse and sexual harassment within the Mission;",
    "OP4": "Requests UNMISS to support the participation of women in the electoral process;",
    "OP5": "Decides to remain actively seized of the matter.",
}


@pytest.mark.parametrize(
    ("mode", "paragraphs", "expected", "checked"),
    [
        ("accept", 10, PROPOSED, "checked as proposed (all accepted)"),
        ("reject", 9, ORIGINAL, "checked as original (all rejected)"),
    ],
)
def test_tracked_note_and_text(
    mode: TrackedMode, paragraphs: int, expected: dict[str, str], checked: str
) -> None:
    doc = _load(TRACKED, mode)
    assert tuple(n.message for n in doc.notes) == (
        f"read from Word: {paragraphs} paragraphs, one per line; automatic numbering rebuilt "
        f"for {len(expected) + 1}",
        f"this draft has 5 tracked changes by A. Mensah, K. Larsen; {checked}",
    )
    texts = {p.ref: p.text for p in doc.walk() if p.section == "operative"}
    assert list(texts) == [f"OP{i}" for i in range(1, len(expected) + 2)]
    assert {r: t for r, t in texts.items() if r != "OP1"} == expected


def _records(doc: Document) -> list[tuple[str, str, str | None, str, str | None, str]]:
    return [
        (r.kind, r.author, r.date, r.text, r.ref, doc.text[r.start : r.end]) for r in doc.revisions
    ]


def test_revision_records_as_proposed() -> None:
    doc = _load(TRACKED, "accept")
    moved = ", including in the constitution-making process"
    new_op = "Requests UNMISS to include gender advisers in all its components;"
    assert _records(doc) == [
        ("insertion", *MENSAH, "as appropriate", "OP2", "as appropriate "),
        ("move-from", *LARSEN, moved, "OP2", ""),
        ("deletion", *LARSEN, "and sexual harassment", "OP3", ""),
        ("move-to", *LARSEN, moved, "OP4", moved),
        ("insertion", *MENSAH, new_op, "OP5", new_op),
        ("paragraph-inserted", *MENSAH, "", "OP5", ""),
    ]
    # where a deletion was: between "abuse " and "within"
    deletion = doc.revisions[2]
    assert doc.text[deletion.start - 6 : deletion.start + 6] == "abuse within"
    line = doc.text.split("\n")[deletion.line - 1]
    assert line[deletion.column - 1 :].startswith("within the Mission;")
    assert not deletion.in_text
    assert doc.revisions[0].in_text


def test_revision_records_as_original() -> None:
    doc = _load(TRACKED, "reject")
    kept = [(r.kind, r.ref, doc.text[r.start : r.end]) for r in doc.revisions]
    assert kept[:4] == [
        ("insertion", "OP2", ""),
        ("move-from", "OP2", ", including in the constitution-making process"),
        ("deletion", "OP3", "and sexual harassment "),
        ("move-to", "OP4", ""),
    ]


def test_cli_tracked_modes(capsys: pytest.CaptureFixture[str]) -> None:
    def op2(*extra: str) -> tuple[str, list[dict[str, str]], list[str]]:
        assert main(["parse", str(TRACKED), "--format", "json", *extra]) == 0
        data = json.loads(capsys.readouterr().out)
        text = next(p["text"] for p in data["paragraphs"] if p["ref"] == "OP2")
        return text, data["notes"], [r["kind"] for r in data["revisions"]]

    accepted, notes, kinds = op2()
    assert accepted.endswith("women as appropriate in the peace process;")
    assert notes[1]["message"].endswith("checked as proposed (all accepted)")
    assert kinds == [
        "insertion",
        "move-from",
        "deletion",
        "move-to",
        "insertion",
        "paragraph-inserted",
    ]
    rejected, notes, _ = op2("--tracked", "reject")
    assert rejected.endswith(
        "women in the peace process, including in the constitution-making process;"
    )
    assert notes[1]["message"].endswith("checked as original (all rejected)")
    main(["check", str(TRACKED), "--tracked", "reject", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert (
        "this draft has 5 tracked changes by A. Mensah, K. Larsen; checked as original "
        "(all rejected)"
    ) in [n["message"] for n in report["notes"]]


def test_diff_on_one_tracked_docx(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(TRACKED), "--color", "never"]) == 1
    out = capsys.readouterr().out
    first = out.split("\n")[0]
    assert first.startswith("mission-tracked.docx (original) → mission-tracked.docx (proposed)")
    assert "{+as\n" in out or "{+as appropriate+}" in out
    assert "[-and sexual harassment-]" in out
    assert "—   → OP5  NEW" in out


def test_diff_on_one_untracked_docx(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(DOCX)]) == 2
    assert capsys.readouterr().err == (
        f"error: {DOCX.as_posix()}: has no tracked changes, so there is nothing to compare its "
        "text with; give a DRAFT to compare it with (wpscheck diff BASELINE DRAFT)\n"
    )


def _word(body: str) -> bytes:
    xml = (f'<w:document xmlns:w="{W[1:-1]}"><w:body>{body}</w:body></w:document>').encode()
    return _zip({"word/document.xml": xml})


def test_deleted_paragraph_mark_joins_paragraphs(tmp_path: Path) -> None:
    who = 'w:id="1" w:author="B" w:date="2022-01-02T00:00:00Z"'
    body = (
        "<w:p><w:r><w:t>The Security Council,</w:t></w:r></w:p>"
        f"<w:p><w:pPr><w:rPr><w:del {who}/></w:rPr></w:pPr>"
        "<w:r><w:t>Recalling its resolutions</w:t></w:r></w:p>"
        '<w:p><w:r><w:t xml:space="preserve"> 1325 (2000) and 2242 (2015),</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>1. Decides to remain seized of the matter.</w:t></w:r></w:p>"
    )
    path = tmp_path / "joined.docx"
    path.write_bytes(_word(body))
    doc = _load(path, "accept")
    assert [p.text for p in doc.paragraphs] == [
        "Recalling its resolutions 1325 (2000) and 2242 (2015),",
        "Decides to remain seized of the matter.",
    ]
    # no numbering: no word about it
    assert tuple(n.message for n in doc.notes) == (
        "read from Word: 3 paragraphs, one per line",
        "this draft has 1 tracked change by B; checked as proposed (all accepted)",
    )
    (mark,) = doc.revisions
    assert (mark.kind, mark.ref, mark.line, mark.column) == ("paragraph-deleted", "PP1", 2, 26)
    original = _load(path, "reject")
    assert [p.text for p in original.paragraphs][:2] == [
        "Recalling its resolutions",
        "1325 (2000) and 2242 (2015),",
    ]


def test_untracked_docx_has_no_revisions_and_no_note() -> None:
    doc = load_document(DOCX)
    assert doc.revisions == ()
    assert not any("tracked" in n.message for n in doc.notes)


def test_bad_tracked_mode_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WPSCHECK_TRACKED", "both")
    with pytest.raises(InputError) as info:
        load_document(TRACKED)
    assert str(info.value) == (
        'WPSCHECK_TRACKED="both": expected "accept" (check the proposed text) or "reject" '
        "(check the original text)"
    )


def test_jobs_read_word_drafts_in_the_parents_tracked_mode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a.docx", "b.docx"):
        (tmp_path / name).write_bytes(TRACKED.read_bytes())
    drafts = [str(tmp_path / "a.docx"), str(tmp_path / "b.docx")]

    def report(*extra: str) -> str:
        main(["check", *drafts, "--tracked", "reject", "--format", "json", *extra])
        return capsys.readouterr().out

    serial = report("--jobs", "1")
    assert "checked as original (all rejected)" in serial
    assert report("--jobs", "2") == serial
