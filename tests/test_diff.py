"""``wpscheck diff``: a whole baseline against a draft, for a person to read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wpscheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "rules/baselines/S-RES-2531-2020-wps-annex.txt"


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["diff", *argv])
    return code, capsys.readouterr().out


def test_text_marks_the_changed_words(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, BASELINE, "fixtures/retention/softened.txt")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (
        "S/RES/2531 (2020) → softened.txt    20 paragraphs: 15 retained · 2 strengthened · "
        "3 weakened · 3 new"
    )
    assert (
        "  OP4          → OP3           WEAKENED (line 17)   verb: Calls upon → Encourages" in lines
    )
    assert (
        "  OP53         → OP8           strengthened (line 43)   verb raised: calls upon → demands"
        in lines
    )
    assert (
        "      [-Calls upon-] {+Encourages+} all parties in Mali to … its regular reporting on "
        "MINUSMA;"
    ) in lines
    assert "  —            → OP1           NEW      (line 11)" in lines
    # a provision a retain rule names is that rule's provision, its dash item included
    assert "  OP28(a)(iii) → OP5(a)(iii)   retained (line 25)" in lines
    assert "\033[" not in out


def test_without_rules_every_sub_paragraph_is_a_row() -> None:
    from wpscheck.diff import diff_documents
    from wpscheck.formatters.diff import render_text
    from wpscheck.loading import load_document

    td = diff_documents(
        load_document(Path(BASELINE)), load_document(Path("fixtures/retention/softened.txt"))
    )
    lines = render_text(td).splitlines()
    assert lines[0].endswith("22 paragraphs: 17 retained · 2 strengthened · 3 weakened · 3 new")
    # a dash item is named as a person names it; the JSON keeps the ref "OP28(a)(iii)-1"
    assert "  OP28(a)(iii), first dash → OP5(a)(iii), first dash   retained (line 27)" in lines


def test_dropped_paragraphs_quote_the_baseline(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, BASELINE, "fixtures/retention/dropped.txt")
    assert code == 1
    assert "  OP8          → —             DROPPED" in out
    assert "nothing in the draft carries: “Calls for the inclusion within national" in out


def test_identical_text_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, BASELINE, "fixtures/retention/renumbered.txt")
    assert code == 0
    assert "20 paragraphs: 20 retained · 7 new" in out.splitlines()[0]


def test_colour_only_when_asked_and_never_with_no_color(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, out = run(capsys, BASELINE, "fixtures/retention/softened.txt", "--color", "always")
    assert "\033[31;9mCalls upon\033[0m \033[32mEncourages\033[0m" in out
    assert "[-Calls upon-]" not in out
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    _, out = run(capsys, BASELINE, "fixtures/retention/softened.txt")
    assert "\033[32mEncourages\033[0m" in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out = run(capsys, BASELINE, "fixtures/retention/softened.txt")
    assert "\033[" not in out


def test_json_carries_the_alignment_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, BASELINE, "fixtures/retention/qualifiers.txt", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["summary"] == {
        "retained": 17,
        "strengthened": 0,
        "modified": 0,
        "weakened": 3,
        "dropped": 0,
        "new": 3,
    }
    op45 = next(p for p in data["paragraphs"] if p["baseline_ref"] == "OP45")
    assert (op45["status"], op45["draft_ref"], op45["line"]) == ("weakened", "OP6", 39)
    assert op45["reasons"] == ["qualifier added: as appropriate"]
    assert ["+", "as appropriate,"] in op45["diff"]


def test_diff_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    first = run(capsys, BASELINE, "fixtures/retention/split-merged.txt", "--format", "json")
    second = run(capsys, BASELINE, "fixtures/retention/split-merged.txt", "--format", "json")
    assert first == second


def test_missing_draft_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", BASELINE, "nowhere.txt"]) == 2
    assert capsys.readouterr().err == "error: nowhere.txt: no such file or directory\n"


def test_refuses_to_write_over_an_input(capsys: pytest.CaptureFixture[str]) -> None:
    draft = "fixtures/retention/softened.txt"
    before = (ROOT / draft).read_bytes()
    assert main(["diff", BASELINE, draft, "--output", draft]) == 2
    assert "refusing to write over an input file" in capsys.readouterr().err
    assert (ROOT / draft).read_bytes() == before
