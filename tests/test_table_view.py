"""``--view table``: one row a subject, one column a rule, in text, Markdown and HTML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.test_selection import INFO_PACK, SNAPSHOT


def _files(tmp_path: Path) -> None:
    (tmp_path / "bodies.toml").write_text(SNAPSHOT, encoding="utf-8")
    (tmp_path / "pack.toml").write_text(INFO_PACK, encoding="utf-8")


def test_text_table(tmp_path: Path, run_cli: Any) -> None:
    _files(tmp_path)
    run = run_cli(
        "check", "bodies.toml", "--only-rules", "pack.toml", "--view", "table", cwd=tmp_path
    )
    assert run.code == 1
    assert run.out.splitlines() == [
        "Verdict",
        "  Of 4 bodies checked against the 30 % minimum of bench, 3 meet it and 1 falls short."
        " (score 0.92)",
        "",
        "                               1  2",
        "Sudan, National Assembly       i  ✓",
        "Somalia, House of the People   i  ✗",
        "Sweden, Riksdag                i  ✓",
        "France, National Assembly      i  ✓",
        "",
        " 1 bench/parity",
        " 2 bench/thirty",
        "   ✓ pass · ✗ failed · ! warning · i note · – not applicable · E could not run"
        " · · not checked",
        "",
        "8 findings on 4 subjects · 1 failed (error) · 0 warnings · 4 notes · 3 passed · "
        "score 0.92 (4 info findings not scored: give the rule a weight to score it)",
    ]


def test_markdown_and_html_tables(tmp_path: Path, run_cli: Any) -> None:
    _files(tmp_path)
    args = ("check", "bodies.toml", "--only-rules", "pack.toml", "--view", "table")
    md = run_cli(*args, "--format", "markdown", cwd=tmp_path).out
    assert "| Subject | 1 | 2 |\n|---|---|---|\n| Sudan, National Assembly | i | ✓ |\n" in md
    assert "| Somalia, House of the People | i | ✗ |" in md
    assert "1. `bench/parity`\n2. `bench/thirty`" in md
    page = run_cli(*args, "--format", "html", cwd=tmp_path).out
    assert "<tr><th scope='row'>Somalia, House of the People</th><td>i</td><td>✗</td></tr>" in page
    plain = run_cli(
        "check", "bodies.toml", "--only-rules", "pack.toml", "--format", "html", cwd=tmp_path
    )
    assert "Subjects by rule" not in plain.out
