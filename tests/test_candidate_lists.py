"""Candidate lists: the CSV loader, the list check kinds (Law 052 arts 2–3, a zipper law,
top N, heads of list) with their positions and mends, and the properties of the mends."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from wpscheck.candidates import Candidate, CandidateList, ListFile
from wpscheck.checks import threshold_fraction
from wpscheck.checks.alternation import apply_mend, breaks, mend_runs
from wpscheck.checks.list_cap import cap_mend, feasible
from wpscheck.checks.top_n import top_mend
from wpscheck.engine import check
from wpscheck.errors import SnapshotError
from wpscheck.loading import load_pack
from wpscheck.loading.lists import load_lists

ROOT = Path(__file__).resolve().parents[1]
PARITY = """
[pack]
id = "parity"
title = "A parity law"
references = ["test"]

[[rule]]
id = "zipper"
check = "zipper"
title = "Women and men alternate"
references = ["test"]

[[rule]]
id = "woman-top-2"
check = "top-n"
title = "A woman in the first two places"
top = 2
references = ["test"]

[[rule]]
id = "heads-half"
check = "heads-of-list"
title = "Women head half of each party's lists"
min_share = "50%"
references = ["test"]
"""


def test_law_052_arts_2_and_3_on_the_mali_lists(run_cli: Any) -> None:
    run = run_cli(
        "check", "fixtures/lists/mali-local-2023.csv", "--rules", "rules/mali-law-052.toml"
    )
    assert run.code == 1
    lines = run.out.splitlines()
    art3 = "Law No. 2015-052 of 18 December 2015, art. 3"
    assert [line for line in lines if not line.strip().startswith(art3)] == [
        "Verdict",
        "  Of the 8 checks of mali-law-052, 4 pass, 3 fail and 1 did not apply. (score 0.75)",
        "",
        "fixtures/lists/mali-local-2023.csv",
        "  ✓ mali-law-052/lists-70pct-art2  Party A, Bamako Commune III (line 2)",
        "      6 candidates, 3 women and 3 men: neither sex above 70 %",
        "  ✓ mali-law-052/local-alternation-art3  Party A, Bamako Commune III (line 2)",
        "      6 candidates: no more than 2 of one sex in a row",
        "  ✓ mali-law-052/lists-70pct-art2  Party B, Bamako Commune III (line 8)",
        "      6 candidates, 2 women and 4 men: neither sex above 70 %",
        "  ✗ mali-law-052/local-alternation-art3  Party B, Bamako Commune III (line 8)",
        "      6 candidates — men at positions 1–3: the rule allows no more than 2 of one sex "
        "in a row; mend: move Kadiatou Dembélé (woman) from position 4 up to position 3",
        "  ✓ mali-law-052/local-alternation-art3  Party A, Ségou (line 14)",
        "      2 candidates: no more than 2 of one sex in a row",
        "  ✗ mali-law-052/lists-70pct-art2  Party B, Ségou (line 16)",
        "      4 candidates, 0 women and 4 men — 4 men (100.0 %) is above 70 %; mend: replace "
        "Drissa Sanogo (position 3), Sékou Fofana (position 4) with 2 women (2 men of 4)",
        "      Law No. 2015-052 of 18 December 2015, art. 2",
        "  ✗ mali-law-052/local-alternation-art3  Party B, Ségou (line 16)",
        "      4 candidates — men at positions 1–4: the rule allows no more than 2 of one sex "
        "in a row; mend: replace Drissa Sanogo (position 3, man) with a woman",
        "  … 1 not applicable (mali-law-052): 2 candidates: the rule covers lists of at "
        "least 3 (--verbose lists them)",
        "",
        "8 findings on 4 subjects · 3 failed (error) · 0 warnings · 4 passed · score 0.75",
    ]


def test_zipper_top_n_and_heads_of_list(tmp_path: Path, run_cli: Any) -> None:
    pack = tmp_path / "parity.toml"
    pack.write_text(PARITY, encoding="utf-8")
    run = run_cli("check", "fixtures/lists/parity-2024.csv", "--rules", str(pack))
    lines = run.out.splitlines()
    fails = [lines[i + 1].strip() for i, line in enumerate(lines) if line.startswith("  ✗")]
    assert fails == [
        "party Alpha: 1 of 3 lists headed by women (33.3 %), at least 50.0 % required; "
        "mend: list south-a: move Fay (position 2) to the head",
        "5 candidates — men at positions 3–4: the rule requires strict alternation of women "
        "and men; mend: move Ivy (woman) from position 5 up to position 4",
        "4 candidates — men at positions 1–3: the rule requires strict alternation of women "
        "and men; mend: move Mia (woman) from position 4 up to position 2; replace Lou "
        "(position 3, man) with a woman",
        "0 women in the first 2 places, at least 1 required; mend: swap Mia (position 4) "
        "with Kim (position 2)",
    ]
    assert run.out.splitlines()[-1] == (
        "12 findings on 5 subjects · 4 failed (error) · 0 warnings · 8 passed · score 0.80"
    )


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            "a,1,X,Q",
            'l.csv:2:4: sex "Q" is not F or M (female/male, woman/man, femme/homme are read too)',
        ),
        ("a,one,X,F", 'l.csv:2:2: position "one" is not a whole number from 1'),
        ("a,1,X,F\na,1,Y,M", "l.csv:3:2: list a has position 1 twice (also line 2)"),
        ("a,1,X", "l.csv:2: 3 fields, the header has 4"),
    ],
)
def test_bad_list_files(tmp_path: Path, rows: str, message: str) -> None:
    f = tmp_path / "l.csv"
    f.write_text("list_id,position,name,sex\n" + rows + "\n", encoding="utf-8")
    with pytest.raises(SnapshotError) as err:
        load_lists(f)
    assert str(err.value).endswith(message)


def test_unknown_column_names_the_nearest(tmp_path: Path) -> None:
    f = tmp_path / "l.csv"
    f.write_text("list_id,position,name,sex,partie\na,1,X,F,P\n", encoding="utf-8")
    with pytest.raises(SnapshotError) as err:
        load_lists(f)
    assert str(err.value).endswith('l.csv:1:5: unknown column "partie" (did you mean "party"?)')


def _list(sexes: str) -> CandidateList:
    return CandidateList(
        "l",
        tuple(Candidate(i + 1, f"C{i + 1}", "F" if s == "F" else "M") for i, s in enumerate(sexes)),
    )


LISTS = st.text(alphabet="FM", min_size=1, max_size=40)


@settings(max_examples=300, deadline=None)
@given(LISTS, st.integers(1, 4))
def test_the_run_mend_always_passes(sexes: str, k: int) -> None:
    mended = apply_mend(sexes, mend_runs(sexes, k))
    assert breaks(mended, k) == []
    assert len(mended) == len(sexes)
    if not breaks(sexes, k):
        assert mend_runs(sexes, k) == []


@settings(max_examples=300, deadline=None)
@given(LISTS, st.sampled_from(["70%", "1/2", "2/3", 0.6]))
def test_the_cap_mend_always_passes(sexes: str, cap: Any) -> None:
    assume(feasible(len(sexes), cap))
    fix = cap_mend(sexes, cap)
    mended = "".join(("M" if s == "F" else "F") if i in fix else s for i, s in enumerate(sexes))
    assert cap_mend(mended, cap) == []
    limit = threshold_fraction(cap) * len(sexes)
    assert mended.count("F") <= limit
    assert mended.count("M") <= limit
    # The fewest: one replacement fewer leaves the over-represented sex above the cap.
    if fix:
        over = sexes[fix[0]]
        assert sexes.count(over) - (len(fix) - 1) > limit


@settings(max_examples=300, deadline=None)
@given(LISTS, st.integers(1, 5), st.integers(1, 3))
def test_the_top_mend_always_passes(sexes: str, top: int, need: int) -> None:
    top = min(top, len(sexes))
    need = min(need, top)
    seq = list(sexes)
    for a, b in top_mend(sexes, top, need, "F"):
        if b is None:
            seq[a] = "F"
        else:
            seq[a], seq[b] = seq[b], seq[a]
    assert "".join(seq[:top]).count("F") >= need


@settings(max_examples=200, deadline=None)
@given(LISTS, st.data())
def test_a_passing_list_stays_passing_when_two_of_one_sex_swap(sexes: str, data: Any) -> None:

    i = data.draw(st.integers(0, len(sexes) - 1))
    same = [j for j, s in enumerate(sexes) if s == sexes[i]]
    j = data.draw(st.sampled_from(same))
    lst = dataclasses.replace(_list(sexes), country="ML", level="municipal")
    c = list(lst.candidates)
    c[i], c[j] = (
        Candidate(c[i].position, c[j].name, c[j].sex),
        Candidate(c[j].position, c[i].name, c[i].sex),
    )
    swapped = dataclasses.replace(lst, candidates=tuple(c))
    pack = load_pack(ROOT / "rules" / "mali-law-052.toml")
    before = check([ListFile("a.csv", (lst,))], [pack]).findings
    after = check([ListFile("a.csv", (swapped,))], [pack]).findings
    assert len(before) == 2
    assert [f.status for f in before] == [f.status for f in after]


def test_a_cap_no_list_of_that_length_can_meet(tmp_path: Path) -> None:
    f = tmp_path / "l.csv"
    f.write_text("list_id,position,name,sex\na,1,X,F\n", encoding="utf-8")
    pack = tmp_path / "p.toml"
    pack.write_text(
        '[pack]\nid = "p"\ntitle = "P"\n\n[[rule]]\nid = "cap"\ncheck = "list-cap"\n'
        'title = "T"\nmax_share = "70%"\n',
        encoding="utf-8",
    )
    (finding,) = check([load_lists(f)], [load_pack(pack)]).findings
    assert (finding.status, finding.message) == (
        "fail",
        "1 candidate, 1 woman and 0 men — no list of 1 can keep both sexes at or below 70 %: "
        "add or remove a candidate",
    )
