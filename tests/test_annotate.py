"""``wpscheck annotate``: the findings as Word comments in a copy of the draft (issue 13)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from wpscheck.annotate import check_and_annotate
from wpscheck.cli import main
from wpscheck.docx_write import comments_of
from wpscheck.loading import shipped_packs

ROOT = Path(__file__).resolve().parents[1]
RETENTION = ROOT / "fixtures" / "retention"
SHARED = Path(
    os.environ.get("WPSCHECK_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared")
)
DRAFT_2022 = SHARED / "corpus" / "S-RES-2640-2022-draft.txt"
MALI = ROOT / "fixtures" / "annotate" / "mali-tracked.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _annotated(draft: Path) -> bytes:
    data, _ = check_and_annotate(draft, shipped_packs())
    return data


def _anchors(data: bytes) -> dict[str, str]:
    """Each comment id: the text of the body paragraph its range starts in, and a check
    that the range ends and the reference follow in document order."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = ET.fromstring(zf.read("word/document.xml"))
    out: dict[str, str] = {}
    ended: set[str] = set()
    for p in root.iter(W + "p"):
        text = "".join(t.text or "" for t in p.iter(W + "t"))
        for el in p.iter():
            cid = el.get(W + "id") or ""
            if el.tag == W + "commentRangeStart":
                out[cid] = text
            elif el.tag == W + "commentRangeEnd":
                assert cid in out
                ended.add(cid)
            elif el.tag == W + "commentReference":
                assert cid in ended
    assert ended == set(out)
    return out


def _mine(data: bytes) -> list[tuple[str, list[str]]]:
    return [(cid, paras) for cid, author, paras in comments_of(data) if author == "wpscheck"]


def test_softened_draft_gets_a_comment_per_failed_finding() -> None:
    data = _annotated(RETENTION / "softened.txt")
    mine = _mine(data)
    anchors = _anchors(data)
    assert len(mine) == 12  # 3 weakened provisions, 9 recommendations missing or partial
    by_anchor = {anchors[cid][:14]: paras for cid, paras in mine if "Weakened" in paras[0]}
    assert sorted(by_anchor) == ["10. Urges all ", "3. Encourages ", "7. Invites the"]
    assert by_anchor["3. Encourages "] == [
        "Weakened: this paragraph (OP3) weakens S/RES/2531 (2020) OP4.",
        "The earlier text said: “Calls upon all parties in Mali to ensure full, effective and "
        "meaningful participation of women in the mechanisms established by the Agreement to "
        "support and monitor its implementation, using the appropriate framework, including "
        "through greater representation of women in the CSA, meeting the 30 per cent quota for "
        "women in all political functions and offices as defined in Mali’s legislation, and "
        "completion of Agreement-related targets laid out in Mali’s third national plan for the "
        "implementation of resolution 1325 (2000), and requests the Secretary-General to pay "
        "specific attention to these points in its regular reporting on MINUSMA;”",
        "Words lost: “Calls upon”.",
        "Words added: “Encourages”.",
        "The verb fell from “Calls upon” to “Encourages”, a weaker one.",
        "Reference: S/RES/2531 (2020) OP 4.",
        "For the record: rule resolution-2531-wps/op4-participation-30pct, score 0.73.",
    ]
    # required language missing from the whole draft: on the first operative paragraph
    whole = [cid for cid, paras in mine if "Nothing in the draft carries it" in " ".join(paras)]
    assert len(whole) == 5
    assert {anchors[cid] for cid in whole} == {
        "1. Decides to extend the mandate of MINUSMA until 30 June 2022;"
    }


def test_dropped_provision_is_commented_where_it_stood() -> None:
    data = _annotated(RETENTION / "dropped.txt")
    anchors = _anchors(data)
    dropped = {
        paras[0]: (paras[1], anchors[cid]) for cid, paras in _mine(data) if "Dropped" in paras[0]
    }
    assert len(dropped) == 3
    said, anchor = dropped[
        "Dropped: S/RES/2531 (2020) PP2 is not in this draft; nothing here carries it."
    ]
    assert said == "It stood after S/RES/2531 (2020) PP1, now this paragraph (PP1)."
    assert anchor.startswith("Underlining that lasting peace and security in the Sahel")


def test_word_draft_keeps_tracked_changes_comments_and_other_parts(tmp_path: Path) -> None:
    source = MALI
    before = source.read_bytes()
    data = _annotated(source)
    assert source.read_bytes() == before  # the input is never changed
    theirs = [c for c in comments_of(data) if c[1] != "wpscheck"]
    assert theirs == [
        ("1", "A. Mensah", ["Check the date against the Secretary-General's report."])
    ]
    mine = _mine(data)
    assert len(mine) == 23
    old, new = zipfile.ZipFile(io.BytesIO(before)), zipfile.ZipFile(io.BytesIO(data))
    assert new.namelist() == old.namelist()
    changed = {"word/document.xml", "word/comments.xml"}
    for name in old.namelist():
        if name not in changed:
            assert new.read(name) == old.read(name), name
    doc_old, doc_new = old.read("word/document.xml"), new.read("word/document.xml")
    for tag in (b"<w:ins ", b"<w:del ", b"<w:delText"):
        assert doc_new.count(tag) == doc_old.count(tag) > 0
    # taking the comments out gives the original document.xml back, byte for byte
    stripped = re.sub(
        rb'<w:commentRange(?:Start|End) w:id="(\d+)"/>'
        rb'|<w:r><w:commentReference w:id="(\d+)"/></w:r>',
        lambda m: m.group(0) if (m.group(1) or m.group(2)) == b"1" else b"",
        doc_new,
    )
    assert stripped == doc_old
    op45 = next(paras for _, paras in mine if paras[0].endswith("OP45."))
    assert op45[:4] == [
        "Weakened: this paragraph (OP3) weakens S/RES/2531 (2020) OP45.",
        "The earlier text said: “Requests the Secretary-General to seek to increase the number "
        "of women in MINUSMA, as well as to ensure the full, effective and meaningful "
        "participation of women in all aspects of operations;”",
        "Words added: “appropriate, as”.",
        "The qualifier “as appropriate” was added.",
    ]
    # a paragraph deleted whole (its mark too) is read joined to the next: the comment
    # range runs from the deleted paragraph to the one it joins
    root = ET.fromstring(doc_new)
    paras = list(root.iter(W + "p"))
    starts = [i for i, p in enumerate(paras) if p.find(W + "commentRangeStart") is not None]
    assert 7 in starts  # the deleted OP (Calls for the inclusion …) holds a range start
    assert paras[7].find(W + "commentRangeEnd") is None


def test_2022_draft_with_the_2531_pack() -> None:
    if not DRAFT_2022.is_file():
        pytest.skip("../shared/corpus/S-RES-2640-2022-draft.txt is absent")
    data = _annotated(DRAFT_2022)
    mine = _mine(data)
    # 3 modified, 4 weakened, 1 dropped, 7 recommendations missing or partial
    assert len(mine) == 15
    heads = [paras[0] for _, paras in mine]
    assert sum(h.startswith("Modified:") for h in heads) == 3
    assert sum(h.startswith("Weakened:") for h in heads) == 4
    assert sum(h.startswith("Dropped:") for h in heads) == 1
    assert sum(h.startswith("Required language missing:") for h in heads) == 7
    first = dict(mine)[mine[0][0]]
    assert first[:2] == [
        "Dropped: S/RES/2531 (2020) PP2 is not in this draft; nothing here carries it.",
        "It stood after S/RES/2531 (2020) PP1, now this paragraph (PP9).",
    ]
    op3 = next(paras for _, paras in mine if paras[0].endswith("weakens S/RES/2531 (2020) OP3."))
    assert op3[0] == "Weakened: this paragraph (PP9) weakens S/RES/2531 (2020) OP3."


def test_same_bytes_twice() -> None:
    for draft in (RETENTION / "softened.txt", MALI):
        assert _annotated(draft) == _annotated(draft)


def test_cli_writes_once_and_refuses_inputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.docx"
    assert main(["annotate", str(RETENTION / "softened.txt"), "-o", str(out)]) == 1
    assert capsys.readouterr().out == f"wrote 12 comments into {out.as_posix()}\n"
    assert main(["annotate", str(RETENTION / "softened.txt"), "-o", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: {out.as_posix()}: already exists; give --force to replace it\n"
    )
    assert main(["annotate", str(RETENTION / "softened.txt"), "-o", str(out), "--force"]) == 1
    copy = tmp_path / "draft.docx"
    shutil.copy(MALI, copy)
    assert main(["annotate", str(copy), "-o", str(copy), "--force"]) == 2
    assert capsys.readouterr().err.endswith(
        f"refusing to write over an input file ({copy.as_posix()}); inputs are never changed: "
        "choose another -o\n"
    )
    assert copy.read_bytes() == (MALI).read_bytes()


def _zip(tmp_path: Path, parts: dict[str, bytes]) -> Path:
    target = tmp_path / "bad.docx"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return target


def test_unsafe_word_files_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "text.docx").write_text("not a zip")
    assert main(["annotate", str(tmp_path / "text.docx"), "-o", str(tmp_path / "o.docx")]) == 2
    assert "is not a Word document (it is not a zip archive)" in capsys.readouterr().err
    with zipfile.ZipFile(MALI) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["word/comments.xml"] = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + parts["word/comments.xml"][38:]
    )
    bad = _zip(tmp_path, parts)
    assert main(["annotate", str(bad), "-o", str(tmp_path / "o.docx")]) == 2
    assert capsys.readouterr().err == (
        f"error: {bad.as_posix()}: word/comments.xml declares a document type or entities; "
        "refused\n"
    )
    parts = {**parts, "word/filler.bin": b"\0" * 70_000_000}
    del parts["word/comments.xml"]
    bomb = _zip(tmp_path, parts)
    assert main(["annotate", str(bomb), "-o", str(tmp_path / "o.docx")]) == 2
    assert "refused as a zip bomb" in capsys.readouterr().err
    assert not (tmp_path / "o.docx").exists()


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    SOFFICE is None,
    reason="no soffice: install Debian's libreoffice-writer (.ci/libreoffice does) to open "
    "the annotated drafts in LibreOffice",
)
def test_libreoffice_opens_the_annotated_drafts(tmp_path: Path) -> None:
    assert SOFFICE is not None
    drafts = {"softened": RETENTION / "softened.txt", "mali": MALI}
    counts = {}
    for name, draft in drafts.items():
        data = _annotated(draft)
        (tmp_path / f"{name}.docx").write_bytes(data)
        counts[name] = len(comments_of(data))
    shutil.copy(MALI, tmp_path / "original.docx")
    profile = (tmp_path / "profile").as_uri()
    for target in (
        "fodt",
        'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
    ):
        subprocess.run(
            [
                SOFFICE,
                "--headless",
                f"-env:UserInstallation={profile}",
                "--convert-to",
                target,
                "--outdir",
                str(tmp_path),
                *(str(tmp_path / f"{n}.docx") for n in [*drafts, "original"]),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    for name, n in counts.items():
        fodt = (tmp_path / f"{name}.fodt").read_text(encoding="utf-8")
        assert len(re.findall(r"<office:annotation[ >]", fodt)) == n
        assert fodt.count("<dc:creator>wpscheck</dc:creator>") == (n - 1 if name == "mali" else n)
        pdf = (tmp_path / f"{name}.pdf").read_bytes()
        assert pdf.startswith(b"%PDF")
        assert len(re.findall(rb"/Subtype\s*/Text\b", pdf)) == n
    mali = (tmp_path / "mali.fodt").read_text(encoding="utf-8")
    original = (tmp_path / "original.fodt").read_text(encoding="utf-8")
    # the tracked changes, still tracked: as many as LibreOffice reads from the original
    assert mali.count("<text:changed-region") == original.count("<text:changed-region") == 6
    assert "The verb fell from “Calls upon” to “Encourages”, a weaker one." in mali


def test_against_adds_the_derived_provisions_comments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.docx"
    annex = ROOT / "rules" / "baselines" / "S-RES-2531-2020-wps-annex.txt"
    args = ["annotate", str(RETENTION / "softened.txt"), "-o", str(out), "--against", str(annex)]
    assert main(args) == 1
    assert capsys.readouterr().out == f"wrote 15 comments into {out.as_posix()}\n"
    derived = [
        paras
        for _, paras in _mine(out.read_bytes())
        if any("rule retain-s-res-2531-2020/" in p for p in paras)
    ]
    assert len(derived) == 3
    assert all(paras[0].startswith("Weakened: ") for paras in derived)
