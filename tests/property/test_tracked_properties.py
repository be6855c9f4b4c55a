"""Tracked changes in a Word paragraph: whatever the mix of insertions, deletions and
moves, the proposed text keeps exactly the plain, inserted and moved-to words, the original
exactly the plain, deleted and moved-from words, and every record's span holds its words
in the text that was checked (or is empty where they are not)."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import given
from hypothesis import strategies as st

from wpscheck.loading import load_document
from wpscheck.readers.docx import W
from wpscheck.revisions import MODES, tracked

KINDS = ("plain", "ins", "del", "moveFrom", "moveTo")
SHOWN = {"accept": {"plain", "ins", "moveTo"}, "reject": {"plain", "del", "moveFrom"}}
words = st.lists(st.sampled_from(["women", "peace", "security", "Council", "all", "(2000)"]))
segments = st.lists(
    st.tuples(st.sampled_from(KINDS), words.filter(bool).map(" ".join)), min_size=1, max_size=8
)


def _docx(segs: list[tuple[str, str]]) -> bytes:
    runs = ""
    for i, (kind, text) in enumerate(segs):
        tag = "delText" if kind == "del" else "t"
        run = f'<w:r><w:{tag} xml:space="preserve">{escape(text)} </w:{tag}></w:r>'
        if kind == "plain":
            runs += run
        else:
            who = f'w:id="{i}" w:author="A{i % 2}" w:date="2022-01-0{i % 9 + 1}"'
            runs += f"<w:{kind} {who}>{run}</w:{kind}>"
    body = (
        "<w:p><w:r><w:t>The Security Council,</w:t></w:r></w:p>"
        f'<w:p><w:r><w:t xml:space="preserve">Recalling </w:t></w:r>{runs}</w:p>'
    )
    xml = f'<w:document xmlns:w="{W[1:-1]}"><w:body>{body}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", xml)
    return buf.getvalue()


@given(segments)
def test_both_texts_and_every_span(segs: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "t.docx"
        path.write_bytes(_docx(segs))
        for mode in MODES:
            with tracked(mode):
                doc = load_document(path)
            line = doc.text.split("\n")[1]
            kept = [text for kind, text in segs if kind in SHOWN[mode]]
            assert line.split() == ["Recalling", *" ".join(kept).split()]
            changed = [(kind, text) for kind, text in segs if kind != "plain"]
            assert len(doc.revisions) == len(changed)
            for r, (kind, text) in zip(doc.revisions, changed, strict=True):
                assert r.text == text
                assert r.line == 2
                assert r.ref == "PP1"
                span = doc.text[r.start : r.end]
                if kind in SHOWN[mode]:
                    assert span.split() == text.split()
                else:
                    assert span == ""
