"""Draft readers: one module per format, each exposing ``READER``.

Shared here: reading a text file's bytes into text with clear errors for what is not
text (an empty file, a binary file, a PDF, a Word file with the wrong suffix, a file too
large to be a draft) and the encodings drafts arrive in.

Encodings: UTF-8 (with or without a byte-order mark); UTF-16 and UTF-32 with a
byte-order mark; otherwise, text that is not valid UTF-8 but has no control characters
is read as Windows-1252 (cp1252, what Word's "Plain text" export writes on Western
Windows) and a note says so.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from wpscheck.errors import DocumentError

if TYPE_CHECKING:
    from wpscheck.models import Document

__all__ = ["MAX_DRAFT_BYTES", "decode_text", "parse_decoded", "read_draft_bytes"]

#: Turns a draft file's bytes into its text and the reader's notes (``show`` names the file).
Decoder = Callable[[bytes, str], tuple[str, list[str]]]


def parse_decoded(path: Path, decode: Decoder) -> Document:
    """Read ``path`` (bounded), decode it with ``decode`` and parse the text as a draft:
    what every text-producing reader does once it has its text."""
    from wpscheck.text.parse import parse_text

    show = path.as_posix()
    text, notes = decode(read_draft_bytes(path), show)
    return parse_text(text, path=show, notes=tuple(notes))


#: Security Council drafts are tens of kilobytes; 10 MiB is a generous bound that keeps a
#: run on a wrong file (a log, a data dump) short.
MAX_DRAFT_BYTES = 10 * 1024 * 1024

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (
        b"%PDF",
        "a PDF file; give it the .pdf suffix (read with wpscheck[pdf]), or extract its "
        "text first (e.g. `pdftotext -layout`)",
    ),
    (b"PK\x03\x04", "a zip archive (a Word .docx?); give it the .docx suffix"),
    (b"\xd0\xcf\x11\xe0", "an old Word .doc (OLE) file; save it as .docx or export it as text"),
    (b"{\\rtf", "an RTF file; save it as .docx or export it as plain text"),
)


def read_draft_bytes(path: Path, *, limit: int = MAX_DRAFT_BYTES) -> bytes:
    """The bytes of a draft, or a clear error (missing, a directory, too large, empty)."""
    from wpscheck.loading import read_bytes

    data = read_bytes(
        path,
        what="draft",
        limit=limit,
        error=DocumentError,
        too_large_hint=" (Security Council drafts are well under 1 MB); is this the right file?",
    )
    if not data.strip():
        raise DocumentError(f"{path.as_posix()}: the file is empty; expected the text of a draft")
    return data


def decode_text(data: bytes, show: str) -> tuple[str, list[str]]:
    """Decode a text draft; returns the text (``\\r\\n`` and ``\\r`` made ``\\n``) and notes."""
    notes: list[str] = []
    text: str | None = None
    for bom, codec, name in (
        (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
        (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
        (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
        (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
        (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise DocumentError(
                    f"{show}: starts with a {name} byte-order mark but is not valid {name} "
                    f"(at byte {exc.start}); save it again as UTF-8"
                ) from None
            if name != "UTF-8":
                notes.append(f"read as {name} (byte-order mark)")
            break
    if text is None:
        for magic, what in _MAGIC:
            if data.startswith(magic):
                raise DocumentError(f"{show} is not a text file: it is {what}")
        if b"\x00" in data[:8192]:
            raise DocumentError(
                f"{show} is a binary file, not a text draft (it holds NUL bytes); give a "
                ".txt, .md or .docx draft (UTF-16 text needs a byte-order mark)"
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = None
            if text is None or _controls(text):
                raise DocumentError(
                    f"{show}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
                    f"{exc.start}) and not Windows-1252 either; save the draft as UTF-8"
                ) from None
            notes.append(
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x} on line {line}): read as "
                "Windows-1252; save the draft as UTF-8 to be sure of its accents and quotes"
            )
    if _controls(text):
        raise DocumentError(
            f"{show} is a binary file, not a text draft (it holds control characters); give "
            "a .txt, .md or .docx draft"
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(f"{show}: the file is empty; expected the text of a draft")
    return text, notes


def _controls(text: str) -> bool:
    """More than a few control characters (other than tab, line breaks, form feed)."""
    sample = text[:65536]
    bad = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v")
    return bad > max(2, len(sample) // 1000)
