"""The documentation says what the code does: generated pages are current, and the
pages that list things from the code list exactly those things."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from gendocs import check_kinds_markdown, main
from tests.conftest import RunCli
from wpscheck.models import BODY_KINDS, BODY_LEVELS, Body, Finding, Report, Summary

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _table_keys(page: str, marker: str) -> list[str]:
    text = (DOCS / page).read_text(encoding="utf-8")
    block = text.split(f"<!-- {marker}:start -->")[1].split(f"<!-- {marker}:end -->")[0]
    return re.findall(r"^\| `([a-z_]+)` \|", block, flags=re.MULTILINE)


def test_check_kinds_page_is_generated_from_the_code() -> None:
    committed = (DOCS / "check-kinds.md").read_text(encoding="utf-8")
    assert committed == check_kinds_markdown(), "run: python tools/gendocs.py"


def test_docs_check_mode(tmp_path: Path) -> None:
    page = tmp_path / "check-kinds.md"
    assert main(["--output", str(page), "--check"]) == 1
    assert main(["--output", str(page)]) == 0
    assert main(["--output", str(page), "--check"]) == 0


def test_snapshot_page_lists_every_body_field() -> None:
    assert _table_keys("snapshots.md", "body-fields") == list(Body.model_fields)
    text = (DOCS / "snapshots.md").read_text(encoding="utf-8")
    assert "one of: " + ", ".join(BODY_KINDS) + " |" in text
    assert "one of: " + ", ".join(BODY_LEVELS) + " |" in text


def test_json_report_page_lists_every_finding_field() -> None:
    fields = [f.name for f in dataclasses.fields(Finding)]
    assert _table_keys("json-report.md", "finding-fields") == fields
    text = (DOCS / "json-report.md").read_text(encoding="utf-8")
    for key in (*Summary.model_fields, *Report.model_fields):
        assert f"| `{key}` |" in text, key


def test_readme_keeps_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install . && wpscheck check fixtures/mali/\n" in readme
    assert "pip install -e '.[test]' && python -m pytest\n" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]' && python -m pytest\n" in ci


def test_shown_output_is_real(run_cli: RunCli) -> None:
    """Every output line the README and the getting-started page show is printed."""
    out = run_cli("check", "fixtures/mali/").out.splitlines()
    for page in (ROOT / "README.md", DOCS / "getting-started.md"):
        text = page.read_text(encoding="utf-8")
        block = (
            text.split("$ wpscheck check fixtures/mali/\n")[-1] if "$ wpscheck" in text else text
        )
        shown = re.search(r"```text\n(.*?)```", text, flags=re.DOTALL)
        assert shown is not None, page
        del block
        for line in shown.group(1).splitlines():
            if line.strip() in ("…", "") or line.startswith("$ "):
                continue
            assert line in out, (page.name, line)


def test_generated_pages_are_current() -> None:
    from gendocs import generated_pages

    pages = generated_pages(DOCS)
    assert set(pages) == {DOCS / "check-kinds.md", DOCS / "cli.md", DOCS / "plugins.md"}
    for path, text in pages.items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name}: run python tools/gendocs.py"
    assert main(["--docs", str(DOCS), "--check"]) == 0


def test_every_cli_option_has_help_and_is_in_the_reference() -> None:
    import argparse

    from wpscheck.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    cli = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert list(sub.choices) == re.findall(r"^## `wpscheck (\w+)`$", cli, re.M)
    for name, p in sub.choices.items():
        assert p.description, name
        for a in p._actions:
            if isinstance(a, argparse._HelpAction):
                continue
            assert a.help, (name, a.dest)
            for option in a.option_strings:
                assert f"`{option}`" in cli, option


def test_plugin_reference_documents_every_field() -> None:
    from gendocs import FIELD_DOCS
    from wpscheck.plugin import CheckKind, FormatOptions, Formatter, Hooks, Reader

    for cls in (CheckKind, Reader, Formatter, FormatOptions):
        assert list(FIELD_DOCS[cls.__name__]) == [f.name for f in dataclasses.fields(cls)]
    page = (DOCS / "plugins.md").read_text(encoding="utf-8")
    for hook in (h for h in vars(Hooks) if h.startswith("wpscheck_")):
        assert f"| `{hook}()` |" in page, hook


def test_index_links_every_page() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([\w-]+\.md)\)", index))
    pages = {p.name for p in DOCS.glob("*.md")} - {"index.md"}
    assert linked == pages


def test_links_between_pages_resolve() -> None:
    for page in [*DOCS.glob("*.md"), ROOT / "README.md"]:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", text):
            assert (page.parent / target).is_file(), (page.name, target)
