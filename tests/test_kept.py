"""State kept with a live document: built once, shared, gone with the document."""

from __future__ import annotations

import gc

from wpscheck.models import Document
from wpscheck.text import kept as kept_module
from wpscheck.text.kept import kept


def test_built_once_per_document_and_name() -> None:
    doc = Document(text="x", paragraphs=())
    other = Document(text="x", paragraphs=())
    calls: list[int] = []

    def build() -> list[int]:
        calls.append(1)
        return [len(calls)]

    first = kept(doc, "n", build)
    assert kept(doc, "n", build) is first
    assert kept(other, "n", build) is not first  # equal, but another document
    assert kept(doc, "m", build) is not first
    assert len(calls) == 3


def test_gone_with_its_document() -> None:
    doc = Document(text="y", paragraphs=())
    kept(doc, "n", dict)
    key = (id(doc), "n")
    assert key in kept_module._KEPT
    del doc
    gc.collect()
    assert key not in kept_module._KEPT
