"""Draft texts, read by the reader registered for their suffix."""

from __future__ import annotations

from pathlib import Path

from wpscheck.errors import DocumentError, InputError
from wpscheck.loading.files import show
from wpscheck.models import Document
from wpscheck.registry import Registry, registry

__all__ = ["load_document"]


def load_document(path: str | Path, *, reg: Registry | None = None) -> Document:
    """Read and parse a draft text with the reader registered for its suffix."""
    reg = reg or registry()
    path = Path(path)
    if not path.exists():
        raise InputError(f"{show(path)}: no such file or directory")
    reader = reg.reader_for(path)
    if reader is None:
        known = ", ".join(reg.document_suffixes) or "none installed"
        raise DocumentError(
            f"{show(path)}: no reader for {path.suffix or 'files without a suffix'} "
            f"(draft formats: {known})"
        )
    return reader.read(path)
