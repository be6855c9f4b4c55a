"""What keeps the draft path fast: check-kind modules imported only when used, and what a
document's rules share built once per document."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from wpscheck import builtin
from wpscheck.engine import check
from wpscheck.loading import load_document, shipped_packs
from wpscheck.plugin import CheckKind
from wpscheck.registry import build_registry
from wpscheck.text import align, match

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "fixtures" / "drafts" / "minusma-pass.txt"


def test_every_check_kind_module_is_in_the_table() -> None:
    assert set(builtin.CHECK_KIND_MODULES) == set(builtin.CHECK_KINDS)


def test_the_check_kind_table_matches_each_module() -> None:
    for module, row in builtin.CHECK_KINDS.items():
        kind = importlib.import_module(module).KIND
        assert isinstance(kind, CheckKind)
        assert (kind.id, kind.subject, kind.summary) == row, (
            f"update wpscheck.builtin.CHECK_KINDS for {module}"
        )


def test_a_lazy_kind_is_its_modules_kind() -> None:
    reg = build_registry()
    for module in builtin.CHECK_KIND_MODULES:
        kind = importlib.import_module(module).KIND
        lazy = reg.check_kind(kind.id)
        assert isinstance(lazy, builtin.LazyCheckKind)
        assert (lazy.id, lazy.subject, lazy.summary, lazy.plugin) == (
            kind.id,
            kind.subject,
            kind.summary,
            "builtin",
        )
        assert lazy.params is kind.params
        assert lazy.check is kind.check
        assert lazy.doc == kind.doc
        assert lazy.with_plugin("other").plugin == "other"


def _imported_check_kinds(code: str, env: dict[str, str] | None = None) -> list[str]:
    script = (
        "import sys\n"
        f"{code}\n"
        "print(sorted(m for m in sys.modules if m.startswith('wpscheck.checks.')),"
        " file=sys.stderr)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return list(eval(run.stderr.strip().splitlines()[-1]))  # a printed list of names


def test_building_the_registry_imports_no_check_kind() -> None:
    assert _imported_check_kinds("from wpscheck.registry import registry; registry()") == []


def test_a_draft_run_imports_only_the_kinds_its_rules_use(tmp_path: Path) -> None:
    """With the pack cached (validating a pack file builds the model of every kind's
    rules, so a miss imports them all), only the kinds of the rules that run."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "WPSCHECK_CACHE": "on"}
    code = (
        "from wpscheck.cli import main\n"
        "try:\n"
        "    main(['check', 'fixtures/drafts/minusma-pass.txt', '--only-rules',"
        " 'tests/data/against/last-pack.toml', '--fail-on', 'never'])\n"
        "except SystemExit:\n"
        "    pass"
    )
    first = _imported_check_kinds(code, env)
    assert "wpscheck.checks.quota" in first  # validated: every kind's model
    assert _imported_check_kinds(code, env) == ["wpscheck.checks.retain"]


def test_the_draft_index_and_views_are_built_once_per_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built: list[str] = []
    real_index, real_view = align.DraftIndex.__init__, match.view

    def index(self: Any, doc: Any) -> None:
        built.append("index")
        real_index(self, doc)

    def view(source: str, span: Any) -> Any:
        built.append("view")
        return real_view(source, span)

    monkeypatch.setattr(align.DraftIndex, "__init__", index)
    monkeypatch.setattr("wpscheck.checks.require.view", view)
    doc = load_document(DRAFT)
    packs = shipped_packs()
    rules = sum(len(p.rules) for p in packs if p.id != "world-quotas")
    check([doc], packs)
    paragraphs = sum(1 for top in doc.paragraphs for p in top.walk() if p.span is not None)
    assert built.count("index") == 1
    assert 0 < built.count("view") <= paragraphs < rules
    check([doc], packs)  # the same document again: nothing rebuilt
    assert built.count("index") == 1
    assert built.count("view") <= paragraphs
