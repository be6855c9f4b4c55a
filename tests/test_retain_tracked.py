"""A ``retain`` finding on a Word draft with tracked changes names the edits that weakened,
modified or dropped the provision, with their author and date."""

from __future__ import annotations

from pathlib import Path

from wpscheck.engine import check
from wpscheck.evidence import QualifierAdded, TrackedEdit, alignment_of
from wpscheck.loading import load_document, load_pack

ROOT = Path(__file__).resolve().parents[1]
DOCX = ROOT / "fixtures" / "drafts" / "mission-tracked.docx"

# The original (all changes rejected) text of OP 2 and OP 3 of mission-tracked.docx, built
# by fixtures/drafts/make_docx.py, and a provision no edit touched.
PACK = r'''
[pack]
id = "tracked"
title = "UNMISS: the participation and SEA provisions of the last text"
version = "1"

[[rule]]
id = "participation"
check = "retain"
title = "participation of women in the peace process"
text = """Calls upon the parties to ensure the full, equal and meaningful participation of women \
in the peace process, including in the constitution-making process;"""

[[rule]]
id = "sea"
check = "retain"
title = "sexual exploitation and abuse, and sexual harassment"
text = """Requests the Secretary-General to take the necessary measures to prevent sexual \
exploitation and abuse and sexual harassment within the Mission;"""
key_terms = ["sexual harassment"]

[[rule]]
id = "mandate"
check = "retain"
title = "the mandate"
text = "Decides to extend the mandate of UNMISS until 30 April 2023;"
'''


def test_a_weakening_names_the_tracked_edit_and_its_author(tmp_path: Path) -> None:
    pack_file = tmp_path / "tracked.toml"
    pack_file.write_text(PACK, "utf-8")
    report = check([load_document(DOCX)], [load_pack(pack_file)])
    got = {f.rule: f for f in report.findings}
    part = alignment_of(got["participation"])
    assert part is not None
    assert got["participation"].classification == "weakened"
    assert part.reasons[0] == QualifierAdded("as appropriate")
    edits = [r for r in part.reasons if isinstance(r, TrackedEdit)]
    assert [e.message for e in edits] == [
        "tracked insertion of “as appropriate” by A. Mensah, 2022-06-20",
        "tracked move of “, including in the constitution-making process” by K. Larsen, 2022-06-21",
    ]
    assert got["participation"].message.endswith(
        "; tracked insertion of “as appropriate” by A. Mensah, 2022-06-20; tracked move of "
        "“, including in the constitution-making process” by K. Larsen, 2022-06-21"
    )
    sea = alignment_of(got["sea"])
    assert sea is not None
    assert got["sea"].classification == "modified"
    assert [r for r in sea.reasons if isinstance(r, TrackedEdit)] == [
        TrackedEdit("deletion", "and sexual harassment", "K. Larsen", "2022-06-21T09:30:00Z")
    ]
    # a provision no edit touched names none
    assert got["mandate"].classification == "retained"
    mandate = alignment_of(got["mandate"])
    assert mandate is not None
    assert mandate.reasons == ()
