"""The draft and require docs stay true to the code."""

from __future__ import annotations

from pathlib import Path

from wpscheck.checks.require import Element, RequireParams
from wpscheck.registry import registry

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_require_doc_lists_every_option() -> None:
    text = (DOCS / "require.md").read_text(encoding="utf-8")
    for name in RequireParams.model_fields:
        assert f"`{name}`" in text, name
    for name in Element.model_fields:
        assert f"`{name}`" in text, name


def test_drafts_doc_lists_every_builtin_reader_suffix() -> None:
    text = (DOCS / "drafts.md").read_text(encoding="utf-8")
    for reader in registry().readers.values():
        if reader.plugin == "builtin":
            for suffix in reader.suffixes:
                assert f"`{suffix}`" in text, suffix


def test_index_links_the_draft_docs() -> None:
    text = (DOCS / "index.md").read_text(encoding="utf-8")
    assert "(drafts.md)" in text
    assert "(require.md)" in text
