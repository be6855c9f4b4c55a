"""Bad input gets one clear paragraph on stderr and exit code 2 — never a traceback.

Each case runs the CLI as a user would and asserts the whole of stderr.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RunCli
from wpscheck.registry import registry

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
        'document_kind, chamber, status; "min_share" is a key of the rule itself: write it above '
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
        '"goverment" (did you mean "government"?); a snapshot may declare kinds of its own, '
        'e.g. kinds = ["delegation"]\n',
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
        f"error: empty: directory holds no snapshots (.toml, .json, .csv, .tsv) or drafts "
        f"({drafts})\n"
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
        "error: s.toml: refusing to write over an input file (s.toml); inputs are never changed: "
        "choose another --output\n"
    )
    assert run.code == 2
    assert snap.read_text() == text


PACK_HEAD = '[pack]\nid = "p"\ntitle = "P"\n\n[[rule]]\n'

#: (case id, file name, file text, extra arguments, whole stderr)
FILE_CASES: list[tuple[str, str, str, list[str], str]] = [
    (
        "rule-id-not-a-slug",
        "p.toml",
        PACK_HEAD + 'id = "CSA_30pct"\ncheck = "quota"\ntitle = "T"\nmin_share = 0.3\n',
        [],
        'error: p.toml:6:1: rule "CSA_30pct": key "id": expected lowercase letters, digits and '
        'dashes, not starting or ending with a dash, such as "csa-30pct", got "CSA_30pct" '
        '(did you mean "csa-30pct"?)\n',
    ),
    (
        "pack-id-not-a-slug",
        "p.toml",
        '[pack]\ntitle = "P"\n  id = "my_pack"\n\n[[rule]]\nid = "Q_1"\ncheck = "quota"\n'
        'title = "T"\nmin_share = 0.3\n',
        [],
        "error: p.toml:3:3: [pack] id: expected lowercase letters, digits and dashes, not "
        'starting or ending with a dash, such as "csa-30pct", got "my_pack" '
        '(did you mean "my-pack"?)\n'
        'error: p.toml:6:1: rule "Q_1": key "id": expected lowercase letters, digits and '
        'dashes, not starting or ending with a dash, such as "csa-30pct", got "Q_1" '
        '(did you mean "q-1"?)\n',
    ),
    (
        "pack-id-missing",
        "p.toml",
        '[pack]\ntitle = "P"\n',
        [],
        "error: p.toml:1:1: [pack] id is required but missing\n",
    ),
    (
        "severity-not-known",
        "p.toml",
        PACK_HEAD + 'id = "q"\ncheck = "quota"\ntitle = "T"\nmin_share = 0.3\nseverity = "eror"\n',
        [],
        'error: p.toml:10:1: rule "q": key "severity": expected one of error, warning, info, '
        'got "eror" (did you mean "error"?)\n',
    ),
    (
        "share-above-one",
        "p.toml",
        PACK_HEAD + 'id = "q"\ncheck = "quota"\ntitle = "T"\nmin_share = 30\n',
        [],
        'error: p.toml:9:1: rule "q": key "min_share": 30 is above 1: '
        'did you mean 30 %? write "30%" or 0.3\n',
    ),
    (
        "selector-body-kind",
        "p.toml",
        PACK_HEAD + 'id = "q"\ncheck = "quota"\ntitle = "T"\nmin_share = 0.3\n'
        '[rule.applies_to]\nkind = ["goverment"]\n',
        [],
        'error: p.toml:11:1: rule "q": key "applies_to.kind": unknown body kind "goverment" '
        '(did you mean "government"?); a pack may declare kinds of its own: '
        '[pack] kinds = ["delegation"]\n',
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "extra", "stderr"), [c[1:] for c in FILE_CASES], ids=[c[0] for c in FILE_CASES]
)
def test_bad_pack_or_file(
    run_cli: RunCli, tmp_path: Path, name: str, text: str, extra: list[str], stderr: str
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    run = run_cli("rules", "validate", name, *extra, cwd=tmp_path)
    assert (run.code, run.out, run.err) == (2, "", stderr)


def test_one_letter_rule_id_is_valid(run_cli: RunCli, tmp_path: Path) -> None:
    text = PACK_HEAD + 'id = "a"\ncheck = "quota"\ntitle = "T"\nmin_share = 0.3\n'
    (tmp_path / "p.toml").write_text(text, encoding="utf-8")
    run = run_cli("rules", "validate", "p.toml", cwd=tmp_path)
    assert (run.code, run.out, run.err) == (0, "ok: p.toml: pack p 1, 1 rule\n", "")


@pytest.mark.parametrize(
    ("text", "stderr"),
    [
        (
            "",
            "error: s.toml: the snapshot holds no bodies; expected [[bodies]] tables, each "
            "with at least id, name and kind\n",
        ),
        (
            'title = "Only a title"\n',
            "error: s.toml: the snapshot holds no bodies; expected "
            "[[bodies]] tables, each with at least id, name and kind\n",
        ),
    ],
)
def test_snapshot_without_bodies(run_cli: RunCli, tmp_path: Path, text: str, stderr: str) -> None:
    (tmp_path / "s.toml").write_text(text, encoding="utf-8")
    run = run_cli("check", "s.toml", cwd=tmp_path)
    assert (run.code, run.out, run.err) == (2, "", stderr)


def test_waiver_with_a_misspelt_key(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "w.toml").write_text(
        '[[waiver]]\nrule = "mali-law-052/appointments-30pct"\nsubjet = "x"\nreason = "r"\n'
    )
    run = run_cli("check", "fixtures/mali/", "--waivers", str(tmp_path / "w.toml"))
    assert run.err == (
        f'error: {(tmp_path / "w.toml").as_posix()}:3:1: waiver 1: unknown key "subjet" '
        '(did you mean "subject"?)\n'
    )
    assert run.code == 2


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ["check", "fixtures/mali/", "--select", "printed-shar"],
            'error: --select "printed-shar": no rule, pack, check kind or tag of that name in '
            'the packs in use (did you mean "printed-share"?); `wpscheck rules list` lists the '
            "rules\n",
        ),
        (
            ["check", "fixtures/mali/", "--ignore", "zzz"],
            'error: --ignore "zzz": no rule, pack, check kind or tag of that name in the packs '
            "in use; `wpscheck rules list` lists the rules\n",
        ),
        (
            ["check", "fixtures/mali/", "--formt", "json"],
            'error: wpscheck check: unknown option "--formt" (did you mean "--format"?); '
            "see `wpscheck check --help`\n",
        ),
        (
            ["check", "fixtures/mali/", "--fail-on", "warnings"],
            'error: wpscheck check: unknown value for --fail-on "warnings" (did you mean '
            '"warning"?); see `wpscheck check --help`\n',
        ),
        (
            ["chek", "fixtures/mali/"],
            'error: wpscheck: unknown command "chek" (did you mean "check"?); '
            "see `wpscheck --help`\n",
        ),
        (
            ["check"],
            "error: wpscheck check: the following arguments are required: SNAPSHOT_OR_DRAFT; "
            "see `wpscheck check --help`\n",
        ),
        (
            ["parse", "fixtures/drafts"],
            "error: fixtures/drafts: is a directory; DRAFT is one draft file (.txt, .md, .docx)\n",
        ),
        (
            ["diff", "fixtures/retention", "fixtures/retention/dropped.txt"],
            "error: fixtures/retention: is a directory; BASELINE is one draft file "
            "(.txt, .md, .docx)\n",
        ),
        (
            ["--verison"],
            'error: wpscheck: unknown option "--verison" (did you mean "--version"?); '
            "see `wpscheck --help`\n",
        ),
    ],
)
def test_usage_mistakes(run_cli: RunCli, args: list[str], stderr: str) -> None:
    run = run_cli(*args)
    assert (run.code, run.out, run.err) == (2, "", stderr)
