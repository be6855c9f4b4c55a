"""``docx`` — Word drafts, read with the standard library (``zipfile`` and ``xml.etree``).

No extra is needed: python-docx would add a dependency and still not give the numbers
Word shows, because operative paragraphs are numbered automatically and the number is
not in the text. This reader rebuilds it from each paragraph's numbering properties
(``w:numPr``: ``numId`` and ``ilvl``, directly or through its style) and
``word/numbering.xml``: the level's format (``decimal``, ``lowerLetter``,
``upperLetter``, ``lowerRoman``, ``upperRoman``, ``bullet``), its text (``%1.``,
``(%2)``), its ``start``, a ``startOverride`` on the list, and the restart of deeper
levels when a shallower one advances. A bullet becomes a dash item.

The text handed to the parser has one line per Word paragraph, so a finding's line is
the paragraph's position in the document (blank paragraphs count). Heading styles
(``Heading 1`` …, ``Title``) become section headings.

Tracked changes (see :mod:`wpscheck.revisions`): the text is the proposed one (every
change accepted) or the original (every change rejected), and each insertion, deletion,
move and changed paragraph mark becomes a :class:`~wpscheck.revisions.Revision` on
``Document.revisions``, placed in that text. A paragraph whose mark is not in the checked
text runs into the next one, which keeps its own properties (as Word joins them).

Guards: a file that is not a zip archive, a zip without ``word/document.xml``, a zip bomb
(more than :data:`MAX_UNCOMPRESSED` bytes uncompressed in all, or a member expanding more
than :data:`MAX_RATIO` times) and XML with a document type declaration (entity expansion)
are refused with a clear error.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from wpscheck.errors import DocumentError
from wpscheck.models import Document, ParseNote
from wpscheck.plugin import Reader
from wpscheck.readers import read_draft_bytes
from wpscheck.revisions import Revision, RevisionKind, TrackedMode, tracked_mode, tracked_note
from wpscheck.text.parse import parse_text

__all__ = ["MAX_RATIO", "MAX_UNCOMPRESSED", "READER", "guard_package", "read", "read_part"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 5000


def _not_word(show: str, why: str) -> DocumentError:
    return DocumentError(
        f"{show} is not a Word document ({why}). Save it as .docx, or give a .txt or .md export."
    )


def read_part(zf: zipfile.ZipFile, name: str, show: str) -> ET.Element | None:
    """The XML part ``name`` of a Word package (None when absent), size-bounded, with DTDs
    and entity declarations refused (shared with the annotator, which writes Word files)."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    with zf.open(info) as f:
        data = f.read(MAX_UNCOMPRESSED + 1)
    if len(data) > MAX_UNCOMPRESSED:
        raise DocumentError(f"{show}: {name} expands beyond {MAX_UNCOMPRESSED:,} bytes")
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise DocumentError(f"{show}: {name} declares a document type or entities; refused")
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise DocumentError(f"{show}: {name} is not well-formed XML ({exc})") from None


def guard_package(zf: zipfile.ZipFile, show: str) -> None:
    """Refuse a package with too many members or a zip bomb, before any part is read."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise DocumentError(f"{show}: the archive holds {len(infos):,} files; refused")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(1, info.compress_size):
            ratio = info.file_size // max(1, info.compress_size)
            raise DocumentError(
                f"{show}: {info.filename} would expand {ratio:,} times (to {info.file_size:,} "
                "bytes); refused as a zip bomb"
            )
    if total > MAX_UNCOMPRESSED:
        raise DocumentError(
            f"{show}: the archive would expand to {total:,} bytes, more than the "
            f"{MAX_UNCOMPRESSED:,}-byte limit; refused as a zip bomb"
        )


def _val(el: ET.Element | None, tag: str) -> str | None:
    if el is None:
        return None
    child = el.find(W + tag)
    return child.get(W + "val") if child is not None else None


class _Numbering:
    def __init__(self, root: ET.Element | None) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for absn in root.findall(W + "abstractNum"):
            aid = absn.get(W + "abstractNumId") or ""
            lv: dict[int, tuple[str, str, int]] = {}
            for lvl in absn.findall(W + "lvl"):
                ilvl = int(lvl.get(W + "ilvl") or 0)
                fmt = _val(lvl, "numFmt") or "decimal"
                text = _val(lvl, "lvlText") or ""
                start = int(_val(lvl, "start") or 1)
                lv[ilvl] = (fmt, text, start)
            self.levels[aid] = lv
        for num in root.findall(W + "num"):
            nid = num.get(W + "numId") or ""
            aid = _val(num, "abstractNumId") or ""
            overrides: dict[int, int] = {}
            for ov in num.findall(W + "lvlOverride"):
                so = _val(ov, "startOverride")
                if so is not None:
                    overrides[int(ov.get(W + "ilvl") or 0)] = int(so)
            self.nums[nid] = (aid, overrides)

    def label(self, num_id: str, ilvl: int) -> str | None:
        if num_id == "0" or num_id not in self.nums:
            return None
        aid, overrides = self.nums[num_id]
        levels = self.levels.get(aid, {})
        if ilvl not in levels:
            return None
        counters = self.counters.setdefault(aid, {})
        if overrides and num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        fmt, text, start = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return None

        def level_value(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lfmt, _, lstart = levels.get(k, ("decimal", "", 1))
            return _format(counters.get(k, lstart), lfmt)

        return re.sub(r"%(\d)", level_value, text).strip() or None


_ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        out = ""
        for v, r in _ROMAN:
            while n >= v:
                out += r
                n -= v
        return out.upper() if fmt == "upperRoman" else out
    return str(n)


def _styles(root: ET.Element | None) -> tuple[dict[str, tuple[str, int]], set[str]]:
    numbered: dict[str, tuple[str, int]] = {}
    headings: set[str] = set()
    if root is None:
        return numbered, headings
    based: dict[str, str] = {}
    for st in root.findall(W + "style"):
        sid = st.get(W + "styleId") or ""
        name = (_val(st, "name") or "").lower()
        if re.match(r"^(heading \d|title)$", name):
            headings.add(sid)
        parent = _val(st, "basedOn")
        if parent:
            based[sid] = parent
        ppr = st.find(W + "pPr")
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        if numpr is not None:
            numbered[sid] = (_val(numpr, "numId") or "0", int(_val(numpr, "ilvl") or 0))
    for sid in list(based):
        seen = {sid}
        cur = sid
        while cur in based and cur not in numbered and based[cur] not in seen:
            cur = based[cur]
            seen.add(cur)
        if cur in numbered and sid not in numbered:
            numbered[sid] = numbered[cur]
    return numbered, headings


_CHANGES: dict[str, RevisionKind] = {
    W + "ins": "insertion",
    W + "del": "deletion",
    W + "moveFrom": "move-from",
    W + "moveTo": "move-to",
}
_REMOVES = {"deletion", "move-from"}  # their words are in the original text only
_TEXT = (W + "t", W + "delText")
_SPACES = (W + "tab", W + "br", W + "cr")


class _Change:
    """A tracked change met in a paragraph, and where it falls in the checked text."""

    def __init__(self, el: ET.Element, kind: RevisionKind) -> None:
        self.kind = kind
        self.author = el.get(W + "author") or "unknown author"
        self.date = el.get(W + "date")
        self.id = el.get(W + "id")
        self.words: list[str] = []
        self.start: int | None = None  # offset in the paragraph's checked text
        self.end = 0


def _paragraph_text(p: ET.Element, mode: TrackedMode) -> tuple[str, list[_Change]]:
    """The paragraph's text in ``mode`` (line breaks as spaces) and its tracked changes,
    with their offsets in that text."""
    parts: list[str] = []
    length = 0
    changes: list[_Change] = []

    def walk(el: ET.Element, open_: list[_Change]) -> None:
        nonlocal length
        for child in el:
            tag = child.tag
            if tag in (W + "pPr", W + "rPr"):  # properties: a paragraph mark's change is
                continue  # read by _mark_change
            kind = _CHANGES.get(tag)
            if kind is not None:
                change = _Change(child, kind)
                changes.append(change)
                walk(child, [*open_, change])
                if change.start is None:
                    change.start = length
                change.end = max(change.end, change.start)
                continue
            piece = None
            if tag in _TEXT and child.text:
                piece = child.text
            elif tag in _SPACES:
                piece = " "
            if piece is not None:
                removed = any(c.kind in _REMOVES for c in open_)
                added = any(c.kind not in _REMOVES for c in open_)
                shown = not removed if mode == "accept" else not added
                for c in open_:
                    if tag in _TEXT:
                        c.words.append(piece)
                    if c.start is None:
                        c.start = length
                if shown:
                    parts.append(piece)
                    length += len(piece)
                    for c in open_:
                        c.end = length
                continue
            walk(child, open_)

    walk(p, [])
    return re.sub(r"[\r\n]+", " ", "".join(parts)), changes


def _mark_change(ppr: ET.Element | None) -> _Change | None:
    """A tracked change of the paragraph mark (``w:pPr/w:rPr/w:ins`` or ``w:del``)."""
    rpr = ppr.find(W + "rPr") if ppr is not None else None
    if rpr is None:
        return None
    marks: tuple[tuple[str, RevisionKind], ...] = (
        (W + "ins", "paragraph-inserted"),
        (W + "del", "paragraph-deleted"),
    )
    for tag, kind in marks:
        el = rpr.find(tag)
        if el is not None:
            return _Change(el, kind)
    return None


class _Word:
    """One Word paragraph as read: properties, text in the checked mode, changes."""

    def __init__(self, p: ET.Element, mode: TrackedMode) -> None:
        self.ppr = p.find(W + "pPr")
        self.text, self.changes = _paragraph_text(p, mode)
        self.mark = _mark_change(self.ppr)
        # where each change starts in self.text (shifted when paragraphs are joined)
        self.offsets: list[tuple[_Change, int, int]] = [
            (c, c.start or 0, c.end) for c in self.changes
        ]

    def joins_next(self, mode: TrackedMode) -> bool:
        """Its mark is not in the checked text, so it runs into the next paragraph."""
        if self.mark is None:
            return False
        wanted = "paragraph-deleted" if mode == "accept" else "paragraph-inserted"
        return self.mark.kind == wanted


def _joined(words: list[_Word], mode: TrackedMode) -> list[_Word]:
    """Paragraphs whose mark is not in the checked text joined to the next one (Word keeps
    the properties of the mark that remains: the later paragraph's)."""
    out: list[_Word] = []
    carry: _Word | None = None
    for w in words:
        if carry is not None and carry.mark is not None:
            shift = len(carry.text)
            w.offsets = [
                *carry.offsets,
                (carry.mark, shift, shift),  # the mark that went: where the two now meet
                *((c, a + shift, b + shift) for c, a, b in w.offsets),
            ]
            w.text = carry.text + w.text
            carry = None
        if w.joins_next(mode):
            carry = w
            continue
        out.append(w)
    if carry is not None:
        out.append(carry)
    return out


def read(path: Path) -> Document:
    show = path.as_posix()
    mode = tracked_mode()
    data = read_draft_bytes(path)
    if not data.startswith(b"PK"):
        raise _not_word(show, "it is not a zip archive")
    import io

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise _not_word(show, "it is not a zip archive") from None
    with zf:
        guard_package(zf, show)
        body_root = read_part(zf, "word/document.xml", show)
        if body_root is None:
            raise _not_word(show, "the zip archive has no word/document.xml")
        numbering = _Numbering(read_part(zf, "word/numbering.xml", show))
        style_numbering, heading_styles = _styles(read_part(zf, "word/styles.xml", show))
    body = body_root.find(W + "body")
    raw = [_Word(p, mode) for p in (body.iter(W + "p") if body is not None else ())]
    lines: list[str] = []
    headings: set[int] = set()
    numbered = 0
    # (change, line index, start, end) in the text handed to the parser
    placed: list[tuple[_Change, int, int, int]] = []
    marks: list[tuple[_Change, int, int]] = []
    for w in _joined(raw, mode):
        ppr = w.ppr
        style = _val(ppr, "pStyle") if ppr is not None else None
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        num: tuple[str, int] | None = None
        if numpr is not None:
            num = (_val(numpr, "numId") or "0", int(_val(numpr, "ilvl") or 0))
        elif style in style_numbering:
            num = style_numbering[style]
        text = w.text.strip()
        lead = len(w.text) - len(w.text.lstrip())
        label = numbering.label(*num) if num is not None else None
        prefix = 0
        if label and text:
            numbered += 1
            text = f"{label} {text}"
            prefix = len(label) + 1
        if style in heading_styles and text:
            headings.add(len(lines) + 1)
        for c, a, b in w.offsets:
            at = min(len(text), max(prefix, prefix + a - lead))
            to = min(len(text), max(at, prefix + b - lead))
            placed.append((c, len(lines), at, to))
        if w.mark is not None:
            marks.append((w.mark, len(lines), len(text)))
        lines.append(text)
    if not any(lines):
        raise DocumentError(f"{show}: the Word document has no text; expected a draft")
    notes = [f"read from Word: {len(lines)} paragraphs, one per line"]
    if numbered:
        notes[0] += f"; automatic numbering rebuilt for {numbered}"
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln) + 1)
    records = [(c, i, a, b) for c, i, a, b in placed] + [(c, i, a, a) for c, i, a in marks]
    records.sort(key=lambda r: (r[1], r[2], r[3]))
    doc = parse_text(
        "\n".join(lines),
        path=show,
        headings=frozenset(headings),
        hard_breaks=True,
        notes=tuple(notes),
    )
    revisions = tuple(
        Revision(
            kind=c.kind,
            author=c.author,
            date=c.date,
            text=" ".join("".join(c.words).split()),
            ref=_ref_at(doc, starts[i] + a, starts[i] + b),
            line=i + 1,
            column=a + 1,
            start=starts[i] + a,
            end=starts[i] + b,
            id=c.id,
        )
        for c, i, a, b in records
    )
    if not revisions:
        return doc
    note = tracked_note(revisions, mode)
    with_note = (*doc.notes, ParseNote(code="tracked", message=note)) if note else doc.notes
    return doc.model_copy(update={"revisions": revisions, "notes": with_note})


def _ref_at(doc: Document, start: int, end: int) -> str | None:
    """The deepest paragraph whose span holds ``[start, end)``."""
    best: str | None = None
    for p in doc.walk():
        if p.span is not None and p.span.start <= start and end <= max(p.span.end, start):
            best = p.ref
    return best


READER = Reader(
    name="docx",
    suffixes=(".docx",),
    read=read,
    summary="Word .docx (standard library only); automatic numbering rebuilt",
)
