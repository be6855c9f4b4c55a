"""``txt`` — plain-text drafts (typed, exported from Word, or extracted from a PDF).

Encodings and bad-input errors are described in :mod:`wpscheck.readers`. The structure
is recognised by :func:`wpscheck.text.parse.parse_text`.
"""

from __future__ import annotations

from pathlib import Path

from wpscheck.models import Document
from wpscheck.plugin import Reader
from wpscheck.readers import decode_text, parse_decoded

__all__ = ["READER", "read"]


def read(path: Path) -> Document:
    return parse_decoded(path, decode_text)


READER = Reader(
    name="txt",
    suffixes=(".txt", ".text"),
    read=read,
    summary="plain text, UTF-8 / UTF-16 (with BOM) / Windows-1252, also PDF extractions",
)
