"""``wpscheck lineage``: WPS provisions followed through a series of resolutions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wpscheck.cli import main
from wpscheck.formatters.lineage import render
from wpscheck.lineage import Lineage, lineage_files
from wpscheck.loading import shipped_packs

ROOT = Path(__file__).resolve().parents[1]
SERIES = sorted((ROOT / "fixtures" / "lineage").glob("r*.txt"))
GOLDEN = ROOT / "tests" / "data" / "golden" / "lineage" / "fixture.json"
SHARED = ROOT / ".." / "shared" / "corpus"
UNSC = SHARED / "unsc" / "texts"

#: The fixture series, cell by cell: "REF status", "dropped", or "" before it appears.
EXPECTED = [
    ["PP1 present", "PP1 kept", "PP1 kept", "PP1 kept"],
    ["PP2 present", "PP2 weakened", "PP2 kept", "PP2 modified"],
    ["OP2 present", "OP2 weakened", "OP2 strengthened", "OP2 kept"],
    ["OP3 present", "dropped", "OP5 restored", "OP5 strengthened"],
    ["OP4 present", "OP3 kept", "OP3 kept", "dropped"],
    ["", "OP4 introduced", "OP4 kept", "OP4 weakened"],
]


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def fixture_lineage() -> Lineage:
    rel = [p.relative_to(ROOT) for p in SERIES]
    import os

    here = os.getcwd()
    os.chdir(ROOT)
    try:
        return lineage_files(rel, shipped_packs())
    finally:
        os.chdir(here)


def table(lin: Lineage) -> list[list[str]]:
    return [
        ["" if c is None else " ".join(x for x in (c.ref, c.status) if x) for c in t.cells]
        for t in lin.threads
    ]


def test_the_fixture_table_cell_by_cell(fixture_lineage: Lineage) -> None:
    assert table(fixture_lineage) == EXPECTED


def test_what_changed_is_said_per_cell(fixture_lineage: Lineage) -> None:
    cells = [t.cells for t in fixture_lineage.threads]
    assert cells[1][1]
    assert cells[1][1].reasons == ("intensifier dropped: strongly",)
    assert cells[2][1]
    assert cells[2][1].reasons == ("verb: Calls upon → Encourages",)
    assert cells[1][3]
    assert cells[1][3].reasons == (
        "key term lost: sexual and gender based violence",
        "76 % of the wording kept",
    )
    assert cells[5][3]
    assert cells[5][3].reasons == ("qualifier added: as appropriate",)
    # a term lost once is not lost again in every later text
    assert cells[3][2]
    assert cells[3][2].terms[:1] == ("women protection advisers",)


def test_counts(fixture_lineage: Lineage) -> None:
    assert fixture_lineage.counts() == {
        "present": 5,
        "introduced": 1,
        "kept": 8,
        "modified": 1,
        "weakened": 3,
        "strengthened": 2,
        "dropped": 2,
        "restored": 1,
        "absent": 0,
    }


def test_a_raised_verb_is_strengthened(fixture_lineage: Lineage) -> None:
    cell = fixture_lineage.threads[2].cells[2]
    assert cell is not None
    assert cell.status == "strengthened"
    assert cell.reasons == ("verb raised: Encourages → Calls upon",)
    added = fixture_lineage.threads[3].cells[3]
    assert added is not None
    assert (added.status, added.reasons) == ("strengthened", ("WPS terms added: gender",))


def test_a_text_repeated_after_a_drop_keeps_it_absent(capsys: pytest.CaptureFixture[str]) -> None:
    r1, r2 = (str(p.relative_to(ROOT)) for p in SERIES[:2])
    assert main(["lineage", r1, r2, r2, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    wpa = data["provisions"][3]["cells"]
    assert [c["status"] for c in wpa] == ["present", "dropped", "absent"]
    assert wpa[2]["refs"] == []


def test_json_golden(capsys: pytest.CaptureFixture[str]) -> None:
    args = [str(p.relative_to(ROOT)) for p in SERIES]
    assert main(["lineage", *args, "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out) == json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert out == GOLDEN.read_text(encoding="utf-8")


def test_text_table(capsys: pytest.CaptureFixture[str]) -> None:
    args = [str(p.relative_to(ROOT)) for p in SERIES]
    assert main(["lineage", *args]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "6 WPS provisions through 4 texts: r1-2021.txt → r2-2022.txt → r3-2023.txt → r4-2024.txt"
    )
    assert lines[1] == (
        "  5 present · 1 introduced · 8 kept · 1 modified · 3 weakened · 2 strengthened · "
        "2 dropped · 1 restored"
    )
    assert lines[3].split() == [
        "#",
        "r1-2021.txt",
        "r2-2022.txt",
        "r3-2023.txt",
        "r4-2024.txt",
        "provision",
    ]
    assert lines[7].startswith(
        "4  OP3 • present  ✗ dropped         OP5 ↺ restored      OP5 ▲ strengthened"
    )
    assert "  3. r2-2022.txt: weakened in OP2 — verb: Calls upon → Encourages" in lines
    assert "  4. r2-2022.txt: dropped — nothing in this text carries it" in lines
    assert lines[-1].startswith("Legend: • in the first text · + new in this text · = kept")


def test_markdown_table(fixture_lineage: Lineage) -> None:
    md = render(fixture_lineage, "markdown").splitlines()
    assert "| # | Provision | r1-2021.txt | r2-2022.txt | r3-2023.txt | r4-2024.txt |" in md
    assert (
        "| 4 | Requests UNAMO to deploy Women Protection Advisers to its field … "
        "| OP3 • present | ✗ dropped | OP5 ↺ restored | OP5 ▲ strengthened |"
    ) in md
    assert "- **6.** r4-2024.txt: ▼ weakened in OP4 — qualifier added: as appropriate" in md


def test_html_table_and_escaping(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    r1 = tmp_path / "a&b.txt"
    r1.write_text(
        "The Security Council,\n\n1. Requests the <b>Mission</b> to ensure the full, equal and "
        "meaningful participation of women in the talks;\n",
        encoding="utf-8",
    )
    r2 = tmp_path / "c.txt"
    r2.write_text(
        "The Security Council,\n\n1. Decides to remain seized of the matter.\n", encoding="utf-8"
    )
    assert main(["lineage", str(r1), str(r2), "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>")
    assert "<b>Mission</b>" not in page
    assert "&lt;b&gt;Mission&lt;/b&gt;" in page
    assert "a&amp;b.txt" in page
    assert "a&b.txt" not in page
    assert "<td class='cell c-present'><strong>OP1</strong> • present</td>" in page
    assert "<td class='cell c-dropped'>✗ dropped</td>" in page
    assert 'content="default-src &#x27;none&#x27;;' in page


def test_unreadable_and_missing_texts_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lineage", "fixtures/lineage/r1-2021.txt", "nowhere.txt"]) == 2
    assert "nowhere.txt" in capsys.readouterr().err
    assert main(["lineage", "fixtures/lineage"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "error: fixtures/lineage: is a directory; each TEXT is one draft file (.txt, .md, .docx)\n"
    )


REAL_SERIES = {
    "unsom": ["S-2018-257.txt", "S-2019-266.txt", "UNBench-task3-0029.txt"],
    "libya-sanctions": ["UNBench-task3-0013.txt", "UNBench-task3-0018.txt"],
    "colombia": ["S-2021-443.txt", "S-2023-571.txt", "S-2024-789.txt"],
}


def invariants(lin: Lineage) -> None:
    """What holds for any series: each thread starts once, in its first text, and has a
    cell in every later one; every WPS provision of every text is in some thread's cell."""
    from wpscheck.text.wps import detect

    for t in lin.threads:
        first = t.cells[t.introduced]
        assert first is not None
        assert first.status == ("introduced" if t.introduced else "present")
        assert all(c is None for c in t.cells[: t.introduced])
        assert all(c is not None for c in t.cells[t.introduced :])
    for k, doc in enumerate(lin.texts):
        carried = {r for t in lin.threads if t.cells[k] for r in t.cells[k].refs}  # type: ignore[union-attr]
        assert {w.ref for w in detect(doc)} <= carried
    assert lin.counts()["present"] == len(detect(lin.texts[0]))


@pytest.mark.skipif(not UNSC.is_dir(), reason="the real corpus (../shared/corpus/unsc) is absent")
@pytest.mark.parametrize("name", sorted(REAL_SERIES))
def test_real_series(name: str) -> None:
    paths = [UNSC / f for f in REAL_SERIES[name]]
    lin = lineage_files(paths, shipped_packs())
    invariants(lin)
    assert render(lin, "json") == render(lineage_files(paths, shipped_packs()), "json")


def test_fixture_invariants(fixture_lineage: Lineage) -> None:
    invariants(fixture_lineage)


@pytest.mark.skipif(
    not (SHARED / "S-RES-2640-2022-draft.txt").is_file(), reason="../shared 2022 draft is absent"
)
def test_2531_to_the_2022_draft() -> None:
    lin = lineage_files(
        [
            ROOT / "rules/baselines/S-RES-2531-2020-wps-annex.txt",
            SHARED / "S-RES-2640-2022-draft.txt",
        ],
        shipped_packs(),
    )
    invariants(lin)
    counts = lin.counts()
    assert counts["present"] == 16  # the 16 WPS provisions of the annex
    carried = ("kept", "modified", "weakened", "strengthened", "dropped")
    assert sum(counts[s] for s in carried) == 16
