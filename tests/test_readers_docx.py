"""The Word reader: automatic numbering rebuilt, and bad .docx files refused clearly."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path

import pytest

import wpscheck
from wpscheck.cli import main
from wpscheck.errors import DocumentError
from wpscheck.loading import load_document, load_packs
from wpscheck.readers.docx import W, _Numbering

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


def test_fixture_is_what_the_script_writes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_docx", DOCX.parent / "make_docx.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write(tmp_path / "out.docx")
    assert (tmp_path / "out.docx").read_bytes() == DOCX.read_bytes()


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
