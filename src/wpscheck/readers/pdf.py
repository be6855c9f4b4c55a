"""``pdf`` — PDF drafts as the UN's document system prints them (needs ``wpscheck[pdf]``).

The text layer is read with pypdfium2 (PDFium, the engine of Chromium's PDF viewer),
chosen by measuring it against pypdf and pdfminer.six on UN-style PDFs (see
``docs/drafts.md``): the same structure as the ``.txt`` of the same document, and the
fastest of the three by far.

The text handed to the parser is laid out as ``pdftotext -layout`` lays it out, so a
PDF and its ``pdftotext -layout`` export parse alike:

- one line of text per printed line, lines in reading order (top to bottom, as printed,
  not in the order the PDF's content stream draws them: a running head drawn last is
  still the first line of its page); pieces printed on one baseline (``2/7`` and the job
  number at the foot) are one line, three spaces apart;
- the indentation of each line, in spaces, from the page's left text edge;
- a blank line where the space between two lines is clearly more than the page's usual
  line spacing (between paragraphs);
- pages separated by a form feed (``\\f``) at the start of each page after the first.

Page heads, job numbers, bar codes and page numbers are kept as printed: recognising
them is the parser's job (:func:`wpscheck.text.parse.parse_text`), as for a ``.txt``.

Refused with a clear error: a file that is not a PDF or is damaged, a password-protected
PDF, one of more than :data:`MAX_PAGES` pages (or more than the draft size limit), and
one with no text layer (a scan). Pages without text among pages with text get a note.
"""

from __future__ import annotations

import itertools
import statistics
import threading
from pathlib import Path
from typing import Any

from wpscheck.errors import DocumentError
from wpscheck.models import Document
from wpscheck.plugin import Reader
from wpscheck.readers import parse_decoded

__all__ = ["MAX_PAGES", "READER", "layout_lines", "pdf_text", "read"]

#: Security Council drafts run to a few dozen pages; an annexed report to a few hundred.
MAX_PAGES = 300

INSTALL_HINT = (
    "reading a PDF needs wpscheck's optional PDF support, which is not installed: "
    "pip install 'wpscheck[pdf]' (it adds pypdfium2), or extract the text first "
    "(`pdftotext -layout`) and check the .txt"
)

# PDFium is not thread-safe; a check run in threads must not enter it twice at once.
_LOCK = threading.Lock()

#: A line (baseline, left edge, right edge, text) as read from a page, PDF units.
Line = tuple[float, float, float, str]


def _pdfium() -> Any:
    try:
        import pypdfium2
    except ImportError:
        return None
    return pypdfium2


def layout_lines(lines: list[Line]) -> str:
    """One page's text, laid out like ``pdftotext -layout``: lines sorted top to bottom
    (left to right on one baseline), indented from the leftmost line, a blank line for a
    gap between paragraphs. Ends with a newline unless the page is empty."""
    lines = [ln for ln in lines if ln[3].strip()]
    if not lines:
        return ""
    lines.sort(key=lambda ln: (-ln[0], ln[1]))
    rows: list[list[Line]] = []
    for ln in lines:
        # pieces on one baseline (within 2 units, a fifth of a 10-point line) are one row
        if rows and abs(rows[-1][0][0] - ln[0]) <= 2.0:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    widths = [(r - x) / len(t.strip()) for _, x, r, t in lines if r > x and len(t.strip()) > 8]
    char = statistics.median(widths) if widths else 5.0
    left = min(ln[1] for ln in lines)
    pitches = [a[0][0] - b[0][0] for a, b in itertools.pairwise(rows)]
    # the line spacing: most pitches on a page of running text, but a page of one-line
    # paragraphs has more paragraph gaps than line gaps, so take a low quantile
    usual = sorted(pitches)[len(pitches) // 5] if pitches else 0.0
    out: list[str] = []
    for i, row in enumerate(rows):
        if i and pitches[i - 1] > 1.4 * usual:
            out.append("")
        row.sort(key=lambda ln: ln[1])
        text = ""
        for _, x, _, piece in row:
            col = min(80, round((x - left) / char))
            gap = col - len(text) if text else col
            text += " " * (max(3, gap) if text else max(0, gap)) + piece.strip()
        out.append(text.rstrip())
    return "\n".join(out) + "\n"


def _page_lines(textpage: Any) -> list[Line]:
    text: str = textpage.get_text_range()
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\r\n"):
        start = pos
        pos += len(raw) + 2
        stripped = raw.strip()
        if not stripped:
            continue
        first = start + (len(raw) - len(raw.lstrip()))
        last = start + len(raw.rstrip()) - 1
        x0, bottom, _, _ = textpage.get_charbox(first, loose=True)
        _, _, x1, _ = textpage.get_charbox(last, loose=True)
        piece = " ".join(stripped.replace("\r", " ").replace("\n", " ").split())
        lines.append((float(bottom), float(x0), float(x1), piece))
    return lines


def pdf_text(data: bytes, show: str) -> tuple[str, list[str]]:
    """The text of a PDF laid out like ``pdftotext -layout``, pages separated by ``\\f``,
    and the reader's notes; a clear :class:`DocumentError` for what cannot be read."""
    head = data[:1024]
    if b"%PDF-" not in head:
        raise DocumentError(
            f"{show} is not a PDF file (it does not start with %PDF-); give a .pdf, .docx, "
            ".txt or .md draft"
        )
    pdfium = _pdfium()
    if pdfium is None:
        raise DocumentError(f"{show}: {INSTALL_HINT}")
    with _LOCK:
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            why = str(exc)
            if "password" in why.lower():
                raise DocumentError(
                    f"{show} is a password-protected (encrypted) PDF; save an unprotected "
                    "copy, or give the draft as .docx or .txt"
                ) from None
            raise DocumentError(
                f"{show} is not a readable PDF (PDFium: {why.rstrip('.')}); the file may be "
                "damaged or incomplete: download it again, or give the draft as .docx or .txt"
            ) from None
        try:
            n = len(doc)
            if n == 0:
                raise DocumentError(f"{show}: the PDF has no pages; expected a draft")
            if n > MAX_PAGES:
                raise DocumentError(
                    f"{show}: the PDF has {n:,} pages, more than the {MAX_PAGES}-page limit "
                    "(Security Council drafts run to a few dozen); is this the right file?"
                )
            pages: list[str] = []
            for i in range(n):
                page = doc[i]
                textpage = page.get_textpage()
                try:
                    pages.append(layout_lines(_page_lines(textpage)))
                finally:
                    textpage.close()
                    page.close()
        finally:
            doc.close()
    empty = [i + 1 for i, p in enumerate(pages) if not p.strip()]
    if len(empty) == n:
        raise DocumentError(
            f"{show}: the PDF has no text layer ({n} page{'s' if n != 1 else ''} of images "
            "only: a scan?); run it through OCR (e.g. `ocrmypdf`) or give the draft as "
            ".docx or .txt"
        )
    notes = [f"read from PDF: {n} page{'s' if n != 1 else ''}, pages separated by form feeds"]
    if empty:
        shown = ", ".join(str(p) for p in empty)
        notes.append(
            f"page{'s' if len(empty) != 1 else ''} {shown} of the PDF "
            f"ha{'ve' if len(empty) != 1 else 's'} no text (images only?): not checked"
        )
    return "\f".join(pages), notes


def read(path: Path) -> Document:
    return parse_decoded(path, pdf_text)


READER = Reader(
    name="pdf",
    suffixes=(".pdf",),
    read=read,
    summary="PDF with a text layer, laid out as pdftotext -layout (needs wpscheck[pdf])",
)
