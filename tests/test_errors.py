"""Bad input gets one clear paragraph on stderr and exit code 2 — never a traceback.

Each case runs the CLI as a user would and asserts the whole of stderr.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RunCli
from wpscheck.plugins import registry

INVALID = "tests/data/invalid"


CASES: list[tuple[str, list[str], str]] = [
    (
        "malformed-toml",
        ["check", f"{INVALID}/malformed.toml"],
        f"error: {INVALID}/malformed.toml:5:19: invalid TOML: the line ends inside a string "
        "(a closing quote is missing)\n"
        '    name = "Government\n'
        "                      ^\n",
    ),
    (
        "unknown-rule-key",
        ["check", "fixtures/mali/", "--rules", f"{INVALID}/my-pack.toml"],
        f'error: {INVALID}/my-pack.toml:14:9: rule "csa-quota": unknown key "min_shar" '
        'for check kind "quota" (did you mean "min_share"?)\n',
    ),
    (
        "rule-key-in-selector",
        ["check", "fixtures/mali/", "--rules", f"{INVALID}/misplaced-key.toml"],
        f'error: {INVALID}/misplaced-key.toml:11:1: rule "csa-quota": unknown selector key '
        '"min_share" in [rule.applies_to], which holds only kind, level, tags, country, '
        'document_kind; "min_share" is a key of the rule itself: write it above '
        "[rule.applies_to]\n",
    ),
    (
        "unknown-check-kind",
        ["check", "fixtures/mali/", "--rules", f"{INVALID}/unknown-kind.toml"],
        f'error: {INVALID}/unknown-kind.toml:7:1: rule "quota-typo": unknown check kind '
        '"quotas" (did you mean "quota"?)\n',
    ),
    (
        "wrong-type",
        ["check", f"{INVALID}/wrong-type.toml"],
        f"error: {INVALID}/wrong-type.toml:33:1: bodies[3].women: "
        'expected a whole number, got "four"\n',
    ),
    (
        "csv-missing-column",
        ["check", f"{INVALID}/missing-column.csv"],
        f'error: {INVALID}/missing-column.csv:1: missing column "kind" (required columns: '
        "id, name, kind; the header has: id, name, seats, women)\n",
    ),
    (
        "missing-file",
        ["check", "fixtures/mali/bodies-2031.toml"],
        "error: fixtures/mali/bodies-2031.toml: no such file or directory\n",
    ),
    (
        "missing-pack",
        ["check", "fixtures/mali/", "--rules", "rules/mali-law-025.toml"],
        "error: rules/mali-law-025.toml: no such file or directory\n",
    ),
    (
        "unknown-body-kind",
        ["check", f"{INVALID}/unknown-body-kind.json"],
        f"error: {INVALID}/unknown-body-kind.json:5:5: bodies[0].kind: unknown body kind "
        '"goverment" (did you mean "government"?)\n',
    ),
    (
        "invalid-json",
        ["check", f"{INVALID}/broken.json"],
        f"error: {INVALID}/broken.json:3:3: invalid JSON: Expecting value\n",
    ),
    (
        "pack-given-as-snapshot",
        ["check", "rules/mali-law-052.toml"],
        "error: rules/mali-law-052.toml: this is a rule pack, not a snapshot; "
        "pass it with --rules\n",
    ),
    (
        "snapshot-given-as-pack",
        ["check", "fixtures/mali/", "--rules", "fixtures/mali/bodies-2021.toml"],
        "error: fixtures/mali/bodies-2021.toml: not a rule pack: it has no [pack] table "
        "(id, title, version); a snapshot of bodies goes after `wpscheck check`, "
        "not after --rules\n",
    ),
    (
        "unknown-format",
        ["check", "fixtures/mali/", "--format", "jsn"],
        'error: unknown format "jsn" (did you mean "json"?)\n',
    ),
]


@pytest.mark.parametrize(("args", "stderr"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input(run_cli: RunCli, args: list[str], stderr: str) -> None:
    run = run_cli(*args)
    assert run.err == stderr
    assert run.code == 2
    assert run.out == ""


def test_empty_directory(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    drafts = ", ".join(registry().document_suffixes) or "no reader installed"
    run = run_cli("check", "empty", cwd=tmp_path)
    assert run.err == (
        f"error: empty: directory holds no snapshots (.toml, .json, .csv) or drafts ({drafts})\n"
    )
    assert run.code == 2


def test_empty_rules_directory(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "packs").mkdir()
    (tmp_path / "s.toml").write_text('[[bodies]]\nid = "a"\nname = "A"\nkind = "other"\n')
    run = run_cli("check", "s.toml", "--rules", "packs", cwd=tmp_path)
    assert run.err == "error: packs: directory holds no rule packs (*.toml)\n"
    assert run.code == 2


def test_women_above_seats_is_a_finding_not_a_crash(run_cli: RunCli) -> None:
    run = run_cli("check", f"{INVALID}/../bad-counts.toml", "--format", "json")
    assert run.code == 1
    assert run.err == ""
    assert '"message": "women (21) exceed seats (20)"' in run.out


def test_output_never_overwrites_an_input(run_cli: RunCli, tmp_path: Path) -> None:
    snap = tmp_path / "s.toml"
    text = '[[bodies]]\nid = "a"\nname = "A"\nkind = "other"\n'
    snap.write_text(text)
    run = run_cli("check", "s.toml", "--output", "s.toml", cwd=tmp_path)
    assert run.err == (
        "error: s.toml: refusing to write the report over an input file; choose another --output\n"
    )
    assert run.code == 2
    assert snap.read_text() == text
