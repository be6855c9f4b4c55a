"""``wpscheck diff --format markdown|html``: the text's content, in the look of ``check``."""

from __future__ import annotations

from pathlib import Path

import pytest

from wpscheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "rules/baselines/S-RES-2531-2020-wps-annex.txt"


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["diff", *argv])
    return code, capsys.readouterr().out


def test_markdown_verdict_and_one_item_per_paragraph(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, BASELINE, "fixtures/retention/softened.txt", "--format", "markdown")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "## S/RES/2531 (2020) → softened.txt"
    assert lines[2] == (
        "**Of the 20 paragraphs of S/RES/2531 (2020), softened.txt keeps 15, strengthens 2, "
        "modifies 0, weakens 3 and drops 0; 3 of its paragraphs are new.**"
    )
    assert lines[4] == "✓ 15 retained · ▲ 2 strengthened · ▼ 3 weakened · + 3 new"
    assert sum(line.startswith("- ") for line in lines) == 23
    assert "- ▼ **weakened** · OP4 → OP3 (line 17) — verb: Calls upon → Encourages" in lines
    assert (
        "  > ~~Calls upon~~ **Encourages** all parties in Mali to … its regular reporting on "
        "MINUSMA;" in lines
    )


def test_markdown_dropped_quotes_the_baseline(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, BASELINE, "fixtures/retention/dropped.txt", "--format", "markdown")
    assert "- ✗ **dropped** · OP8 → —" in out.splitlines()
    assert "  > nothing in the draft carries: “Calls for the inclusion within national" in out


def test_html_cards_distinct_symbols_and_escaping(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    base = tmp_path / "base.txt"
    base.write_text(
        "The Security Council,\n\n1. Calls upon the <i>parties</i> to ensure the participation "
        "of women & girls in the talks;\n\n2. Requests the Mission to deploy women protection "
        "advisers to every region;\n",
        encoding="utf-8",
    )
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "The Security Council,\n\n1. Encourages the <i>parties</i> to ensure the participation "
        "of women & girls in the talks;\n",
        encoding="utf-8",
    )
    code, page = run(capsys, str(base), str(draft), "--format", "html")
    assert code == 1
    assert page.startswith("<!DOCTYPE html>")
    assert (
        '<p class="verdict">Of the 2 paragraphs of base.txt, draft.txt keeps 0, modifies 0, '
        "weakens 1 and drops 1; none of its paragraphs is new.</p>"
    ) in page
    assert '<li class="c-weakened" id="p0">' in page
    assert '<li class="c-dropped" id="p1">' in page
    assert '<span class="badge b-weakened">▼ Weakened</span>' in page
    assert '<span class="badge b-dropped">✗ Dropped</span>' in page
    assert "<li>verb: Calls upon → Encourages</li>" in page
    assert "<del>Calls upon</del> <ins>Encourages</ins>" in page
    assert "<i>parties</i>" not in page
    assert "&lt;i&gt;parties&lt;/i&gt;" in page
    assert "women &amp; girls" in page
    # weakened and dropped differ in colour, not only in symbol
    assert ".b-weakened{color:#9a3412;background:#ffedd5}" in page
    assert ".b-dropped{color:#fff;background:#3b0d0a}" in page
