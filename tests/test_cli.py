"""The CLI: exit codes, --fail-on, --select/--ignore, formats and output files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, RunCli


def test_exit_1_on_failures_by_default(run_cli: RunCli) -> None:
    run = run_cli("check", "fixtures/mali/")
    assert run.code == 1
    assert run.err == ""
    assert "✗ mali-law-052/appointments-30pct  Transitional government" in run.out
    assert "4 of 25 women (16.0 %) — below the 30 % minimum; 4 more women needed (8 of 25)" in (
        run.out
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--fail-on", "never"], 0),
        (["--select", "data-integrity"], 0),  # only a warning
        (["--select", "data-integrity", "--fail-on", "warning"], 1),
        (["--select", "data-integrity/printed-share", "--fail-on", "warning"], 1),
        (
            [
                "--select",
                "data-integrity",
                "--ignore",
                "printed-share",
                "--fail-on",
                "warning",
            ],
            0,
        ),
        (["--select", "peace-agreement/mechanisms-30pct"], 1),
    ],
)
def test_fail_on_select_ignore(run_cli: RunCli, args: list[str], code: int) -> None:
    assert run_cli("check", "fixtures/mali/", *args).code == code


def test_json_report_contract(run_cli: RunCli) -> None:
    run = run_cli("check", "fixtures/mali/", "--format", "json")
    data = json.loads(run.out)
    assert set(data) >= {"summary", "findings"}
    assert set(data["summary"]) >= {"score", "by_status", "by_severity", "findings", "packs"}
    f = next(
        f
        for f in data["findings"]
        if f["rule"] == "elected-30pct" and f["subject"] == "ml-national-assembly-2020"
    )
    for key in ("rule", "pack", "subject", "status", "severity", "score", "message"):
        assert key in f
    assert f["observed"] == {"women": 41, "seats": 147, "share": 0.2789, "men": 106}
    assert f["expected"] == {"min_share": 0.3, "either_sex": True, "needed": 4, "needed_men": 0}
    assert "references" not in f  # stated once, in the rules table
    assert data["rules"]["mali-law-052/elected-30pct"]["references"][0].startswith(
        "Law No. 2015-052"
    )


def test_output_file(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    run = run_cli("check", "fixtures/mali/", "--format", "json", "--output", str(out))
    assert run.out == ""
    assert json.loads(out.read_text())["summary"]["subjects"] == 15


def test_rules_list_show_validate(run_cli: RunCli) -> None:
    run = run_cli("rules", "list")
    assert run.code == 0
    assert "mali-law-052/appointments-30pct" in run.out
    run = run_cli("rules", "show", "printed-share")
    assert run.out.splitlines()[0] == (
        "data-integrity/printed-share: A printed percentage agrees with the counts at its precision"
    )
    run = run_cli("rules", "validate", "rules/")
    assert run.out.splitlines()[0] == (
        "ok: rules/data-integrity.toml: pack data-integrity 1.1, 3 rules"
    )


@pytest.mark.parametrize("name", ["rules", "snapshot", "report"])
def test_schema(run_cli: RunCli, name: str) -> None:
    run = run_cli("schema", name)
    assert json.loads(run.out)["$id"] == f"wpscheck:{name}"


def test_root_is_the_checkout() -> None:
    assert (ROOT / "pyproject.toml").is_file()


def test_summary_line_says_failed_not_errors(run_cli: RunCli) -> None:
    last = run_cli("check", "fixtures/mali/").out.splitlines()[-1]
    assert last == (
        "44 findings on 15 subjects · 13 failed (error) · 1 warning · 30 passed · score 0.81"
    )


def test_summary_line_singular(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "s.toml").write_text(
        '[[bodies]]\nid = "c"\nname = "C"\nkind = "commission"\ncountry = "ML"\n'
        'tags = ["appointed"]\nseats = 10\nwomen = 2\nsource = "test"\n'
        "as_of = 2021-01-01\n",
        encoding="utf-8",
    )
    run = run_cli("check", "s.toml", "--select", "appointments-30pct", cwd=tmp_path)
    assert run.out.splitlines()[-1] == (
        "1 finding on 1 subject · 1 failed (error) · 0 warnings · 0 passed · score 0.67"
    )
    assert run.code == 1


def test_rules_show_writes_values_as_in_a_pack(run_cli: RunCli) -> None:
    lines = run_cli("rules", "show", "appointments-30pct").out.splitlines()
    assert lines[3:8] == [
        "  severity:   error   weight: 1",
        "  applies to: tags = appointed; country = ML",
        "  min_share: 0.3",
        "  either_sex: true",
        "  min_seats: 0",
    ]
