"""Packs that add up: --rules adds to the shipped packs, --only-rules replaces them, and a
settings file found from the current folder up names a team's packs once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import ROOT, RunCli

REPORTS = ROOT / "tests" / "data" / "reports"
MALI = ROOT / "fixtures" / "mali"


def _team(tmp_path: Path) -> Path:
    """A data folder with the sample pack in packs/ and the Mali data in data/."""
    (tmp_path / "packs").mkdir()
    shutil.copy(REPORTS / "pack.toml", tmp_path / "packs" / "law-052-sample.toml")
    shutil.copytree(MALI, tmp_path / "data")
    return tmp_path


def _packs(run_cli: RunCli, *args: str, cwd: Path) -> list[str]:
    run = run_cli("check", *args, "--format", "json", cwd=cwd)
    assert run.code in (0, 1), run.err
    return [p["id"] for p in json.loads(run.out)["summary"]["packs"]]


SHIPPED = [
    "data-integrity",
    "mali-law-052",
    "minusma-recommendations-2021",
    "peace-agreement",
    "resolution-2531-wps",
    "sanctions-gender-expertise",
    "world-quotas",
]


def test_rules_adds_a_pack_to_the_shipped_ones(run_cli: RunCli, tmp_path: Path) -> None:
    team = _team(tmp_path)
    added = _packs(run_cli, "data", "--rules", "packs", cwd=team)
    assert sorted(added) == sorted([*SHIPPED, "law-052-sample"])
    only = _packs(run_cli, "data", "--only-rules", "packs", cwd=team)
    assert only == ["law-052-sample"]


def test_a_pack_with_a_shipped_id_replaces_it_with_a_note(run_cli: RunCli, tmp_path: Path) -> None:
    team = _team(tmp_path)
    text = (ROOT / "rules" / "peace-agreement.toml").read_text(encoding="utf-8")
    (team / "packs" / "ours.toml").write_text(
        text.replace('version = "', 'version = "9-', 1).replace("#:schema ../", "#:schema "),
        encoding="utf-8",
    )
    run = run_cli("check", "data", "--rules", "packs/ours.toml", "--format", "json", cwd=team)
    report = json.loads(run.out)
    assert [p["id"] for p in report["summary"]["packs"]].count("peace-agreement") == 1
    assert {
        "path": "wpscheck",
        "message": 'pack "peace-agreement" from packs/ours.toml '
        "replaces the shipped pack of that id",
    } in report["notes"]


def test_settings_file_found_from_a_subfolder_adds_the_team_packs(
    run_cli: RunCli, tmp_path: Path
) -> None:
    team = _team(tmp_path)
    (team / "wpscheck.toml").write_text('rules = ["packs"]\nfail-on = "never"\n', "utf-8")
    run = run_cli("check", ".", "--format", "json", cwd=team / "data")
    assert run.code == 0  # fail-on = "never" from the settings file
    report = json.loads(run.out)
    assert "law-052-sample" in [p["id"] for p in report["summary"]["packs"]]
    note = {"path": "wpscheck", "message": f"settings from {(team / 'wpscheck.toml').as_posix()}"}
    assert note in report["notes"]
    # The command line wins over the file; --no-config ignores it.
    assert run_cli("check", ".", "--fail-on", "error", cwd=team / "data").code == 1
    alone = _packs(run_cli, ".", "--no-config", cwd=team / "data")
    assert "law-052-sample" not in alone


def test_shipped_false_uses_only_the_team_packs(run_cli: RunCli, tmp_path: Path) -> None:
    team = _team(tmp_path)
    (team / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.wpscheck]\nrules = ["packs"]\nshipped = false\n', "utf-8"
    )
    assert _packs(run_cli, "data", cwd=team) == ["law-052-sample"]


def test_a_bad_settings_file_is_exit_2_with_the_place(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "wpscheck.toml").write_text('rule = ["packs"]\n', "utf-8")
    run = run_cli("check", str(MALI), cwd=tmp_path)
    assert run.code == 2
    assert run.err == (
        f'error: {(tmp_path / "wpscheck.toml").as_posix()}: unknown setting "rule" '
        '(did you mean "rules"?); the settings are rules, shipped, fail-on\n'
    )


def test_a_pack_declares_kinds_of_its_own(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "delegations.toml").write_text(
        'kinds = ["delegation"]\n\n[[bodies]]\nid = "d1"\nname = "Delegation to the talks"\n'
        'kind = "delegation"\ncountry = "ML"\nseats = 10\nwomen = 2\nsource = "test"\n',
        "utf-8",
    )
    pack = (
        '[pack]\nid = "talks"\ntitle = "Peace talks"\nversion = "1"\n{kinds}\n'
        '[[rule]]\nid = "delegations-30pct"\ncheck = "quota"\ntitle = "Delegations: 30 %"\n'
        'min_share = "30%"\n[rule.applies_to]\nkind = "delegation"\n'
    )
    (tmp_path / "talks.toml").write_text(pack.format(kinds='kinds = ["delegation"]'), "utf-8")
    run = run_cli("check", "delegations.toml", "--only-rules", "talks.toml", cwd=tmp_path)
    assert run.code == 1, run.err
    assert "2 of 10 women (20.0 %) — below the 30 % minimum" in run.out
    (tmp_path / "talks.toml").write_text(pack.format(kinds=""), "utf-8")
    run = run_cli("rules", "validate", "talks.toml", cwd=tmp_path)
    assert run.code == 2
    assert run.err == (
        'error: talks.toml:12:1: rule "delegations-30pct": key "applies_to.kind": unknown body '
        'kind "delegation" (valid: civil-society, commission, consultation, electoral-list, '
        "executive-office, government, interim-authority, judiciary, legislature, "
        "local-authority, mission, other, peace-mechanism, security-council, "
        'transition-council); a pack may declare kinds of its own: [pack] kinds = ["delegation"]\n'
    )
