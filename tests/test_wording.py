"""How findings and the diff name things for a person: the baseline by its symbol, a dash
item as "OP3, first dash", runs of unnumbered paragraphs in one note, retained paragraphs
that still changed words."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, RunCli
from wpscheck.engine import check
from wpscheck.loading import load_document, load_pack
from wpscheck.text.refs import human_ref

PACK = ROOT / "rules" / "resolution-2531-wps.toml"
BASELINE = "rules/baselines/S-RES-2531-2020-wps-annex.txt"


@pytest.mark.parametrize(
    ("ref", "shown"),
    [
        ("OP28(a)(iii)-1", "OP28(a)(iii), first dash"),
        ("OP3-2", "OP3, second dash"),
        ("PP1-13", "PP1, dash 13"),
        ("P4-1", "P4, first dash"),
        ("OP28(c)(iii)", "OP28(c)(iii)"),
        ("keep-clause-2", "keep-clause-2"),  # an inline provision's rule id, not a ref
        (None, "—"),
    ],
)
def test_human_ref(ref: str | None, shown: str) -> None:
    assert human_ref(ref) == shown


def test_retain_findings_name_the_baseline_by_its_symbol() -> None:
    pack = load_pack(PACK)
    assert pack.baseline_info == {
        "S-RES-2531-2020": {
            "symbol": "S/RES/2531 (2020)",
            "title": "S/RES/2531 (2020): the WPS provisions quoted in the annex of the April "
            "2021 note",
        }
    }
    doc = load_document(ROOT / "fixtures" / "retention" / "softened.txt")
    by_rule = {f.rule: f for f in check([doc], [pack]).findings}
    f = by_rule["op4-participation-30pct"]
    assert f.subject_name == "S/RES/2531 (2020) OP4 →"
    ev = f.evidence[0]
    assert (ev["baseline"], ev["baseline_title"]) == (
        "S/RES/2531 (2020)",
        "S/RES/2531 (2020): the WPS provisions quoted in the annex of the April 2021 note",
    )
    assert (ev["baseline_ref"], ev["draft_ref"]) == ("OP4", "OP3")  # machine refs kept
    dash = by_rule["op3-workshop-recommendations"]
    assert dash.message == "OP3 retained as OP2 (100 % of the wording)"


def test_a_pack_symbol_wins_over_the_text(tmp_path: Path) -> None:
    (tmp_path / "base.txt").write_text(
        "The Security Council,\n\n1. Calls upon all parties to ensure the participation of "
        "women in the mechanisms;\n",
        encoding="utf-8",
    )
    (tmp_path / "p.toml").write_text(
        '[pack]\nid = "p"\ntitle = "P"\n\n[[baseline]]\nid = "old"\npath = "base.txt"\n'
        'symbol = "S/RES/9999 (2030)"\n\n[[rule]]\nid = "op1"\ncheck = "retain"\n'
        'title = "OP 1"\nref = "OP1"\n',
        encoding="utf-8",
    )
    draft = tmp_path / "d.txt"
    draft.write_text("The Security Council,\n\n1. Decides to do something else;\n", "utf-8")
    (f,) = check([load_document(draft)], [load_pack(tmp_path / "p.toml")]).findings
    assert f.subject_name == "S/RES/9999 (2030) OP1"
    assert f.message.startswith("OP1 dropped: nothing in the draft carries “Calls upon all")


def test_the_2022_draft_names_dash_items_as_people_do(run_cli: RunCli) -> None:
    draft = ROOT / ".." / "shared" / "corpus" / "S-RES-2640-2022-draft.txt"
    if not draft.is_file():
        pytest.skip("shared/corpus/S-RES-2640-2022-draft.txt is not beside the repository")
    r = run_cli("check", str(draft), "--rules", str(PACK))
    lines = r.out.splitlines()
    i = next(n for n, line in enumerate(lines) if "op28-a-iii-ddr-women" in line)
    assert lines[i].endswith(
        "S/RES/2531 (2020) OP28(a)(iii) → OP26(a)(iii), second dash (line 173)"
    )
    assert lines[i + 1] == (
        "      OP28(a)(iii) modified in OP26(a)(iii), second dash: 68 % of the wording kept"
    )
    assert (
        "  note: lines 320, 329, 336, 346 and 363: 5 operative paragraphs without a number; "
        "read as OP46–OP50"
    ) in lines
    i = next(n for n, line in enumerate(lines) if "op54-gender-cross-cutting" in line)
    assert lines[i + 1] == (
        "      OP54 weakened in OP48: intensifier dropped: fully; 78 % of the wording kept; key "
        "term “gender considerations as a cross-cutting issue” is now in OP41, fourth dash"
    )


def test_diff_shows_the_words_a_paragraph_lost(run_cli: RunCli) -> None:
    r = run_cli("diff", BASELINE, "fixtures/retention/modified.txt")
    lines = r.out.splitlines()
    i = lines.index(
        "  OP4          → OP3           MODIFIED (line 17)   key term lost: “30 per cent quota”"
    )
    assert lines[i + 1 : i + 4] == [
        "      Calls upon all parties in … of women in the CSA, [-meeting the 30 per cent quota "
        "for women in",
        "      all political functions and offices as defined in-] {+in line with+} Mali’s "
        "legislation, and",
        "      completion of … its regular reporting on MINUSMA;",
    ]
    # a paragraph kept word for word is one line
    assert "  PP1          → PP1           retained (line 5)" in lines
