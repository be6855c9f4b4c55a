"""Writing Word comments into a ``.docx`` package, and a new ``.docx`` from plain paragraphs.

Only what comments need is changed, as text, so that everything else stays byte for byte
what Word wrote (its namespaces, ``mc:Ignorable`` prefixes, tracked changes, existing
comments): ``word/document.xml`` gets ``w:commentRangeStart`` / ``w:commentRangeEnd`` and a
``w:commentReference`` run in the anchored paragraphs; ``word/comments.xml`` gets one
``w:comment`` per comment (created when absent); ``word/_rels/document.xml.rels`` and
``[Content_Types].xml`` get the comments part's relationship and content type when they lack
them. Every other part is copied as it is, with its zip entry's name, date and compression.

The comments have the author ``wpscheck`` and no ``w:date`` (the attribute is optional): a
timestamp would make two runs on the same draft differ, and a fixed one would show a false
date in Word's margin. New zip entries take the date of ``word/document.xml``'s entry.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import re
import zipfile
from collections.abc import Sequence
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

from wpscheck.errors import DocumentError

__all__ = ["AUTHOR", "Comment", "add_comments", "body_paragraphs", "new_package"]

AUTHOR = "wpscheck"
INITIALS = "WPS"
MAIN_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + MAIN_NS + "}"
COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
DOCUMENT = "word/document.xml"
DOC_RELS = "word/_rels/document.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
#: The date of the entries of a new package (zip dates start in 1980).
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@dataclasses.dataclass(frozen=True)
class Comment:
    """A comment on the body paragraphs ``first`` to ``last`` (0-based, in document order,
    as the Word reader counts them), one Word paragraph per item of ``paragraphs``."""

    first: int
    last: int
    paragraphs: tuple[str, ...]


# --------------------------------------------------------------------------- scanning XML

_TAG = re.compile(
    rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>"
    rb"|<(/?)([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>",
    re.S,
)


@dataclasses.dataclass
class _Para:
    """A ``w:p`` in document.xml: where its start tag ends, where its properties end (the
    place for a range start), where its end tag starts; ``empty``: written ``<w:p/>``."""

    tag_start: int
    tag_end: int
    after_ppr: int
    close: int
    empty: bool


def _prefix(data: bytes, where: str) -> str:
    """The prefix (``w``, or ``""`` for a default namespace) the root element of ``data``
    gives the WordprocessingML namespace."""
    m = re.search(rb"<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*/?>", data)
    if m is not None and not m.group(1).startswith(b"?"):
        for name, value in re.findall(
            rb"\s(xmlns(?::[^\s=]+)?)\s*=\s*[\"']([^\"']*)[\"']", m.group(2)
        ):
            if value.decode() == MAIN_NS:
                return str(name.decode())[6:]
    raise DocumentError(f"{where}: does not declare the WordprocessingML namespace on its root")


def _qn(prefix: str, local: str) -> str:
    return f"{prefix}:{local}" if prefix else local


def body_paragraphs(document_xml: bytes, where: str) -> list[_Para]:
    """Every ``w:p`` inside ``w:body``, in document order (the order of
    ``body.iter(w:p)``, which is the order the Word reader gives the draft's lines)."""
    prefix = _prefix(document_xml, where)
    p, ppr, body = (_qn(prefix, n).encode() for n in ("p", "pPr", "body"))
    stack: list[tuple[bytes, _Para | None]] = []
    out: list[_Para] = []
    in_body = False
    for m in _TAG.finditer(document_xml):
        closing, name, _, empty = m.group(1), m.group(2), m.group(3), m.group(4)
        if name is None:  # a comment, CDATA or a processing instruction
            continue
        if closing:
            if not stack or stack[-1][0] != name:
                raise DocumentError(f"{where}: {DOCUMENT} is not well-formed XML")
            _, para = stack.pop()
            if para is not None:
                para.close = m.start()
            if name == body:
                in_body = False
            elif name == ppr and stack and stack[-1][1] is not None:
                stack[-1][1].after_ppr = m.end()  # a paragraph's own properties
            continue
        if name == body:
            in_body = True
        if name == p and in_body:
            para = _Para(m.start(), m.end(), m.end(), m.start(), bool(empty))
            out.append(para)
            if not empty:
                stack.append((name, para))
            continue
        if not empty:
            stack.append((name, None))
        elif name == ppr and stack and stack[-1][1] is not None:
            stack[-1][1].after_ppr = m.end()  # <w:pPr/>
    return out


# --------------------------------------------------------------------------- writing


def _clean(text: str) -> str:
    """Text that XML 1.0 may hold (control characters, e.g. a PDF's form feed, as spaces)."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", " ", text)


def _run_text(prefix: str, text: str) -> str:
    w = functools.partial(_qn, prefix)
    return f'<{w("r")}><{w("t")} xml:space="preserve">{escape(_clean(text))}</{w("t")}></{w("r")}>'


def _comment_xml(prefix: str, cid: int, paragraphs: Sequence[str]) -> str:
    w = functools.partial(_qn, prefix)
    body = "".join(f"<{w('p')}>{_run_text(prefix, t)}</{w('p')}>" for t in paragraphs)
    attrs = (
        f'{w("id")}="{cid}" {w("author")}={quoteattr(AUTHOR)} {w("initials")}={quoteattr(INITIALS)}'
    )
    return f"<{w('comment')} {attrs}>{body}</{w('comment')}>"


def _anchor(document_xml: bytes, comments: Sequence[tuple[int, Comment]], where: str) -> bytes:
    paras = body_paragraphs(document_xml, where)
    prefix = _prefix(document_xml, where)
    w = functools.partial(_qn, prefix)
    # inserted from the end of the text so that the offsets stay true
    edits: list[tuple[int, int, bytes, int]] = []  # offset, replace-length, text, order
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for cid, c in comments:
        if not 0 <= c.first <= c.last < len(paras):
            raise DocumentError(
                f"{where}: cannot place a comment on paragraph {c.last + 1}: the document has "
                f"{len(paras)} paragraphs"
            )
        starts.setdefault(c.first, []).append(cid)
        ends.setdefault(c.last, []).append(cid)
    for index in sorted(set(starts) | set(ends)):
        para = paras[index]
        head = "".join(
            f'<{w("commentRangeStart")} {w("id")}="{cid}"/>' for cid in starts.get(index, ())
        )
        tail = "".join(
            f'<{w("commentRangeEnd")} {w("id")}="{cid}"/>'
            f'<{w("r")}><{w("commentReference")} {w("id")}="{cid}"/></{w("r")}>'
            for cid in ends.get(index, ())
        )
        if para.empty:  # <w:p …/> becomes <w:p …>…</w:p>
            tag = document_xml[para.tag_start : para.tag_end]
            opened = re.sub(rb"\s*/>$", b">", tag)
            text = opened + (head + tail + f"</{w('p')}>").encode()
            edits.append((para.tag_start, len(tag), text, 0))
            continue
        # at one offset the later insertion lands first: the end (1) before the start (0)
        edits.append((para.close, 0, tail.encode(), 1))
        edits.append((para.after_ppr, 0, head.encode(), 0))
    out = document_xml
    for offset, length, text, _ in sorted(edits, key=lambda e: (e[0], e[3]), reverse=True):
        out = out[:offset] + text + out[offset + length :]
    return out


def _ids(*parts: bytes) -> int:
    """The highest ``w:id`` used in the parts (comments, revisions, bookmarks), or 0."""
    found = [int(v) for part in parts for v in re.findall(rb':id\s*=\s*["\'](-?\d+)["\']', part)]
    return max([0, *found])


def _insert_before_close(data: bytes, local: str, text: str, where: str) -> bytes:
    found = list(re.finditer(rb"</(?:[^\s>:]+:)?" + local.encode() + rb"\s*>", data))
    if not found:
        raise DocumentError(f"{where}: has no closing </{local}>")
    m = found[-1]
    return data[: m.start()] + text.encode() + data[m.start() :]


def _comments_target(rels: bytes) -> str | None:
    for m in re.finditer(rb"<(?:[^\s>:]+:)?Relationship\s[^>]*>", rels):
        tag = m.group(0)
        if (
            b'"' + COMMENTS_TYPE.encode() + b'"' in tag
            or b"'" + COMMENTS_TYPE.encode() + b"'" in tag
        ):
            t = re.search(rb"Target\s*=\s*[\"']([^\"']*)[\"']", tag)
            if t is not None:
                target = t.group(1).decode()
                return target.lstrip("/") if target.startswith("/") else "word/" + target
    return None


def _add_relationship(rels: bytes) -> bytes:
    taken = {v.decode() for v in re.findall(rb"\sId\s*=\s*[\"']([^\"']*)[\"']", rels)}
    n = 1
    while f"rId{n}" in taken:
        n += 1
    row = f'<Relationship Id="rId{n}" Type="{COMMENTS_TYPE}" Target="comments.xml"/>'
    return _insert_before_close(rels, "Relationships", row, DOC_RELS)


def _add_content_type(types: bytes, part: str) -> bytes:
    if re.search(rb"PartName\s*=\s*[\"']/" + re.escape(part.encode()) + rb"[\"']", types):
        return types
    row = f'<Override PartName="/{part}" ContentType="{COMMENTS_CONTENT}"/>'
    return _insert_before_close(types, "Types", row, CONTENT_TYPES)


_EMPTY_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    "</Relationships>"
)


def add_comments(package: bytes, comments: Sequence[Comment], where: str) -> bytes:
    """``package`` (a ``.docx`` already read through the Word reader's guards) with
    ``comments`` added; every part the comments do not need is copied unchanged."""
    from wpscheck.readers.docx import guard_package, read_part

    zf = zipfile.ZipFile(io.BytesIO(package))
    with zf:
        guard_package(zf, where)
        for name in (DOCUMENT, DOC_RELS, CONTENT_TYPES):
            read_part(zf, name, where)  # refuses DTDs and XML that is not well-formed
        names = zf.namelist()
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
        infos = {info.filename: info for info in zf.infolist()}
        rels = parts.get(DOC_RELS, _EMPTY_RELS.encode())
        target = _comments_target(rels)
        if target is not None and target in parts:
            read_part(zf, target, where)
    if DOCUMENT not in parts or CONTENT_TYPES not in parts:
        raise DocumentError(f"{where}: is not a Word document (no {DOCUMENT} or {CONTENT_TYPES})")
    changed: dict[str, bytes] = {}
    if target is None:
        target = "word/comments.xml"
        changed[DOC_RELS] = _add_relationship(rels)
    existing = parts.get(target)
    first = _ids(parts[DOCUMENT], existing or b"") + 1
    numbered = [(first + n, c) for n, c in enumerate(comments)]
    changed[DOCUMENT] = _anchor(parts[DOCUMENT], numbered, where)
    if existing is None:
        prefix = "w"
        xml = "".join(_comment_xml(prefix, cid, c.paragraphs) for cid, c in numbered)
        changed[target] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:comments xmlns:w="{MAIN_NS}">{xml}</w:comments>\n'
        ).encode()
    else:
        prefix = _prefix(existing, f"{where}: {target}")
        xml = "".join(_comment_xml(prefix, cid, c.paragraphs) for cid, c in numbered)
        changed[target] = _insert_before_close(existing, "comments", xml, f"{where}: {target}")
    changed[CONTENT_TYPES] = _add_content_type(parts[CONTENT_TYPES], target)
    date = infos[DOCUMENT].date_time
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names:
            z.writestr(infos[name], changed.get(name, parts[name]))
        for name in (DOC_RELS, target):
            if name not in infos:
                info = zipfile.ZipInfo(name, date_time=date)
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, changed[name])
    return out.getvalue()


_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_OOXML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_NEW_TYPES = (
    _XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_OOXML}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_OOXML}.styles+xml"/></Types>\n'
)
_NEW_RELS = (
    _XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>\n'
)
_NEW_STYLES = (
    _XML + f'<w:styles xmlns:w="{MAIN_NS}"><w:docDefaults>'
    '<w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault>'
    "</w:docDefaults></w:styles>\n"
)
_STYLES_ROW = (
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
)
#: A4 with 2.5 cm margins, as UN documents are printed.
_SECTION = (
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" '
    'w:footer="708" w:gutter="0"/></w:sectPr>'
)


def new_package(paragraphs: Sequence[str]) -> bytes:
    """A new, minimal ``.docx`` with one Word paragraph per item (11 pt, 6 pt after each
    paragraph; otherwise Word's and LibreOffice's defaults apply)."""
    body = "".join(f"<w:p>{_run_text('w', t)}</w:p>" if t else "<w:p/>" for t in paragraphs)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{MAIN_NS}"><w:body>{body}{_SECTION}</w:body></w:document>\n'
    )
    parts = {
        CONTENT_TYPES: _NEW_TYPES,
        "_rels/.rels": _NEW_RELS,
        DOCUMENT: document,
        DOC_RELS: _EMPTY_RELS.replace("</Relationships>", _STYLES_ROW + "</Relationships>"),
        "word/styles.xml": _NEW_STYLES,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return out.getvalue()


def comments_of(package: bytes) -> list[tuple[str, str, list[str]]]:
    """The comments of a ``.docx`` as ``(id, author, paragraphs)``, in file order (for
    tests and tools that read an annotated draft back)."""
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        rels = zf.read(DOC_RELS) if DOC_RELS in zf.namelist() else b""
        target = _comments_target(rels)
        if target is None or target not in zf.namelist():
            return []
        root = ET.fromstring(zf.read(target))
    return [
        (
            c.get(W + "id") or "",
            c.get(W + "author") or "",
            ["".join(t.text or "" for t in p.iter(W + "t")) for p in c.iter(W + "p")],
        )
        for c in root.iter(W + "comment")
    ]
