"""Reading .txt and .md drafts: encodings, bad input with exact messages, Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from wpscheck.cli import main
from wpscheck.errors import DocumentError
from wpscheck.loading import load_document
from wpscheck.readers import MAX_DRAFT_BYTES

DRAFT = (
    "The Security Council,\n\n"
    "Recalling the Comité de suivi de l’Accord,\n\n"
    "1. Requests the Panel of Experts to include the necessary gender expertise;\n"
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize(
    ("encoding", "note"),
    [
        ("utf-8", None),
        ("utf-8-sig", None),
        ("utf-16", "read as UTF-16 (byte-order mark)"),
        ("utf-32", "read as UTF-32 (byte-order mark)"),
    ],
)
def test_encodings(tmp_path: Path, encoding: str, note: str | None) -> None:
    doc = load_document(_write(tmp_path, "d.txt", DRAFT.encode(encoding)))
    assert [p.ref for p in doc.walk()] == ["PP1", "OP1"]
    assert doc.paragraphs[0].text == "Recalling the Comité de suivi de l’Accord,"
    assert ([n.message for n in doc.notes] == [note]) if note else not doc.notes


def test_cp1252_is_read_with_a_note(tmp_path: Path) -> None:
    data = DRAFT.replace("’", "'").encode("cp1252")
    doc = load_document(_write(tmp_path, "d.txt", data))
    assert doc.paragraphs[0].text == "Recalling the Comité de suivi de l'Accord,"
    assert doc.notes[0].message == (
        "not valid UTF-8 (byte 0xe9 on line 3): read as Windows-1252; save the draft as "
        "UTF-8 to be sure of its accents and quotes"
    )


def test_crlf_line_ends(tmp_path: Path) -> None:
    doc = load_document(_write(tmp_path, "d.txt", DRAFT.replace("\n", "\r\n").encode()))
    op1 = doc.find("OP1")
    assert op1 is not None
    assert op1.span is not None
    assert (op1.span.line, op1.span.column) == (5, 4)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty.txt: the file is empty; expected the text of a draft"),
        ("blank.txt", b"  \n\n\t\n", "blank.txt: the file is empty; expected the text of a draft"),
        (
            "bin.txt",
            bytes(range(256)) * 4,
            "bin.txt is a binary file, not a text draft (it holds NUL bytes); give a .txt, .md "
            "or .docx draft (UTF-16 text needs a byte-order mark)",
        ),
        (
            "ctl.txt",
            b"\x01\x02\x03\x04\x05 text",
            "ctl.txt is a binary file, not a text draft (it holds control characters); give a "
            ".txt, .md or .docx draft",
        ),
        (
            "draft.txt",
            b"%PDF-1.7\n...",
            "draft.txt is not a text file: it is a PDF file; give it the .pdf suffix (read "
            "with wpscheck[pdf]), or extract its text first (e.g. `pdftotext -layout`)",
        ),
        (
            "draft.md",
            b"PK\x03\x04rest",
            "draft.md is not a text file: it is a zip archive (a Word .docx?); give it the "
            ".docx suffix",
        ),
        (
            "bad16.txt",
            b"\xff\xfe" + "abc".encode("utf-16-le") + b"\x00",
            "bad16.txt: starts with a UTF-16 byte-order mark but is not valid UTF-16 (at byte "
            "8); save it again as UTF-8",
        ),
    ],
)
def test_bad_input(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    data: bytes,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, name, data)
    with pytest.raises(DocumentError) as exc:
        load_document(Path(name))
    assert str(exc.value) == message
    assert main(["parse", name]) == 2
    assert capsys.readouterr().err == f"error: {message}\n"


def test_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open("big.txt", "wb") as f:
        f.truncate(50 * 1024 * 1024)
    with pytest.raises(DocumentError) as exc:
        load_document(Path("big.txt"))
    assert str(exc.value) == (
        f"big.txt: 52,428,800 bytes is larger than the {MAX_DRAFT_BYTES:,}-byte limit for a "
        "draft (Security Council drafts are well under 1 MB); is this the right file?"
    )


def test_unknown_suffix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "d.odt", b"x")
    with pytest.raises(DocumentError) as exc:
        load_document(Path("d.odt"))
    assert str(exc.value).startswith("d.odt: no reader for .odt (draft formats: ")
    assert ".md" in str(exc.value)
    assert ".txt" in str(exc.value)


MARKDOWN = """\
# Draft resolution on Mali

The Security Council,

*Recalling* its resolutions [2242 (2015)](https://undocs.org/S/RES/2242(2015)),

## Panel of Experts

1. **Decides** to extend the mandate of the Panel of Experts;
2. Requests the Panel:
   * to include the necessary gender expertise;
   * to report;

Reporting
---------

3. Decides to remain seized of the matter.
"""


def test_markdown(tmp_path: Path) -> None:
    doc = load_document(_write(tmp_path, "d.md", MARKDOWN.encode()))
    assert [(p.ref, p.heading) for p in doc.walk()] == [
        ("PP1", None),
        ("OP1", "Panel of Experts"),
        ("OP2", "Panel of Experts"),
        ("OP2-1", "Panel of Experts"),
        ("OP2-2", "Panel of Experts"),
        ("OP3", "Reporting"),
    ]
    assert doc.paragraphs[0].text == "Recalling its resolutions 2242 (2015) ,"
    op1 = doc.find("OP1")
    assert op1 is not None
    assert op1.span is not None
    assert op1.text == "Decides to extend the mandate of the Panel of Experts;"
    assert op1.lead == "Decides"
    # lines and columns are the .md file's own
    assert (op1.span.line, op1.span.column) == (9, 6)
    assert doc.kind == "sanctions-renewal"
    assert doc.title == "Draft resolution on Mali"


def test_cli_parse_text_and_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "d.md", MARKDOWN.encode())
    assert main(["parse", "d.md"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:4] == [
        "d.md: 1 preambular, 3 operative paragraphs, 2 sub-paragraphs",
        "  kind: sanctions-renewal · title: Draft resolution on Mali",
        "preamble",
        "  PP1          5:2  [Recalling] Recalling its resolutions 2242 (2015) ,",
    ]
    assert "  § Panel of Experts" in out
    assert main(["parse", "d.md", "--format", "json"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    assert "text" not in data
    assert data["paragraphs"][1]["ref"] == "OP1"
    assert data["paragraphs"][1]["span"]["line"] == 9
