"""The real 2022 MINUSMA renewal draft (S/RES/2640 (2022)) against the 2531 WPS pack, and
``check --jobs``: the same report as a serial run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wpscheck.cli import main
from wpscheck.engine import check
from wpscheck.loading import load_document, load_pack

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
DRAFT_2640 = SHARED / "corpus" / "S-RES-2640-2022-draft.txt"


def test_the_2022_renewal_draft() -> None:
    if not DRAFT_2640.is_file():
        pytest.skip("shared/corpus/S-RES-2640-2022-draft.txt is not beside the repository")
    report = check(
        [load_document(DRAFT_2640)], [load_pack(ROOT / "rules" / "resolution-2531-wps.toml")]
    )
    got = {
        f.rule: (f.classification, f.location.ref if f.location else None) for f in report.findings
    }
    # Kept word for word, renumbered: OP 51 → OP 45, OP 28 (c) (iii) → OP 26 (c) (iii).
    assert got["op51-accountability-sgbv"] == ("retained", "OP45")
    assert got["op28-c-iii-protection-women"] == ("retained", "OP26(c)(iii)")
    assert got["pp3-condemning-sgbv"] == ("retained", "PP14")
    # The National Assembly was dissolved: the welcome of its women members is gone.
    assert got["pp2-women-national-assembly"] == ("dropped", None)
    # "programs to prevent sexual and gender-based violence and address the stigma of it":
    # the words of "stigma of sexual and gender-based violence", in another order, within a
    # few words of each other: a reader's key term is there.
    assert got["op8-sgbv-stigma-survivors"] == ("retained", "OP7")
    # OP 4 is OP 3: "the quota of at least 30 per cent women" and "third national plan
    # (2019–2023) for the implementation of resolution 1325" keep two of its key terms;
    # "full, equal and meaningful" and "meaningful representation of women in all CSA
    # mechanisms" lose the other two.
    op4 = next(f for f in report.findings if f.rule == "op4-participation-30pct")
    assert (op4.classification, op4.location.ref if op4.location else None) == (
        "modified",
        "OP3",
    )
    assert op4.observed["lost_terms"] == [
        "full, effective and meaningful participation of women",
        "greater representation of women in the CSA",
    ]
    # OP 45 survives only as "seeking to increase the number of women in MINUSMA" in a dash
    # item of OP 41 (the participation "in all aspects of operations" is gone); OP 41 is
    # printed mid-line after OP 39 and OP 40 ("…; 41. Requests").
    assert got["op45-women-in-minusma"] == ("modified", "OP41-4")
    # A PDF artefact ("response t o gender-based violence") no longer breaks the key term:
    # the stray space is rejoined against the baseline's words.
    assert got["op56-prevent-sexual-violence"] == ("retained", "OP50")


def test_jobs_gives_the_serial_report(capsys: pytest.CaptureFixture[str]) -> None:
    inputs = [
        (ROOT / "fixtures" / "mali").as_posix(),
        *sorted(p.as_posix() for p in (ROOT / "fixtures" / "retention").glob("*.txt")),
    ]
    assert main(["check", *inputs, "--format", "json"]) == 1
    serial = capsys.readouterr().out
    assert main(["check", *inputs, "--format", "json", "--jobs", "2"]) == 1
    parallel = capsys.readouterr().out
    assert parallel == serial
    data = json.loads(serial)
    assert any(f["check"] == "retain" for f in data["findings"])
    assert any(f["check"] == "quota" for f in data["findings"])


def test_jobs_must_be_a_whole_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "fixtures", "--jobs", "many"])
    assert exc.value.code == 2
    assert capsys.readouterr().err == (
        "error: wpscheck check: --jobs: expected a whole number of processes (0: every core), got "
        '"many"; see `wpscheck check --help`\n'
    )
