"""`wpscheck rules validate` checks a pack whole: baselines inside the pack's folder, every
retain ref in its baseline, every key term in its provision, typed vocabularies; each
mistake with file:line:col, the rule, what was expected and the nearest valid name; exit 2.

Each case asserts the whole of stderr.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import RunCli

BASELINE = (
    "The Security Council,\n\n"
    "Recalling its previous resolutions on Mali,\n\n"
    "1. Decides to extend the mandate of MINUSMA until 30 June 2022;\n\n"
    "2. Calls upon the parties to ensure the full participation of women, including through "
    "a 30 per cent quota;\n"
)

HEAD = '[pack]\nid = "p"\ntitle = "P"\n\n'
WITH_BASELINE = HEAD + '[[baseline]]\nid = "res"\npath = "base.txt"\n\n'


def rule(ref: str = "OP2", terms: str = '["30 per cent quota"]') -> str:
    return (
        '[[rule]]\nid = "op2"\ncheck = "retain"\ntitle = "OP 2"\n'
        f'ref = "{ref}"\nkey_terms = {terms}\n'
    )


def validate(run_cli: RunCli, folder: Path, pack: str, name: str = "p.toml") -> tuple[int, str]:
    (folder / "base.txt").write_text(BASELINE, encoding="utf-8")
    (folder / name).write_text(pack, encoding="utf-8")
    run = run_cli("rules", "validate", name, cwd=folder)
    assert run.out == ""
    return run.code, run.err


def test_a_valid_retain_pack_is_ok(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "base.txt").write_text(BASELINE, encoding="utf-8")
    (tmp_path / "p.toml").write_text(WITH_BASELINE + rule(), encoding="utf-8")
    run = run_cli("rules", "validate", "p.toml", cwd=tmp_path)
    assert (run.code, run.out, run.err) == (0, "ok: p.toml: pack p 1, 1 rule\n", "")


def test_baseline_path_leaving_the_pack_folder(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text(BASELINE, encoding="utf-8")
    folder = tmp_path / "packs"
    folder.mkdir()
    pack = HEAD + '[[baseline]]\nid = "res"\npath = "../secret.txt"\n\n' + rule()
    assert validate(run_cli, folder, pack) == (
        2,
        'error: p.toml:7:1: baseline "res": key "path": "../secret.txt" leads outside the '
        "pack's folder; a baseline's path is relative to the pack file and stays inside its "
        "folder\n",
    )


def test_absolute_baseline_path(run_cli: RunCli, tmp_path: Path) -> None:
    target = (tmp_path / "base.txt").as_posix()
    pack = HEAD + f'[[baseline]]\nid = "res"\npath = "{target}"\n\n' + rule()
    assert validate(run_cli, tmp_path, pack) == (
        2,
        f'error: p.toml:7:1: baseline "res": key "path": "{target}" is an absolute path; a '
        "baseline's path is relative to the pack file and stays inside its folder\n",
    )


def test_symlink_out_of_the_pack_folder(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "outside.txt").write_text(BASELINE, encoding="utf-8")
    folder = tmp_path / "packs"
    folder.mkdir()
    os.symlink(tmp_path / "outside.txt", folder / "link.txt")
    pack = HEAD + '[[baseline]]\nid = "res"\npath = "link.txt"\n\n' + rule()
    assert validate(run_cli, folder, pack) == (
        2,
        'error: p.toml:7:1: baseline "res": key "path": "link.txt" leads outside the pack\'s '
        "folder; a baseline's path is relative to the pack file and stays inside its folder\n",
    )


def test_ref_not_in_the_baseline(run_cli: RunCli, tmp_path: Path) -> None:
    assert validate(run_cli, tmp_path, WITH_BASELINE + rule(ref="OP7")) == (
        2,
        'error: p.toml:13:1: rule "op2": baseline "res" has no paragraph "OP7" '
        '(did you mean "OP2" or "OP1"?)\n',
    )


def test_key_term_not_in_the_provision(run_cli: RunCli, tmp_path: Path) -> None:
    pack = WITH_BASELINE + rule(terms='["30 per cent quota", "quota of women"]')
    assert validate(run_cli, tmp_path, pack) == (
        2,
        'error: p.toml:14:1: rule "op2": key term "quota of women" does not occur in OP2 of '
        'baseline "res"; a key term is a phrase of the provision whose loss matters\n',
    )


@pytest.mark.parametrize(
    ("data", "stderr"),
    [
        (
            'verb_scale = "decides"',
            "error: p.toml:10:1: [data] verb_scale: expected a list of tiers, strongest first, "
            'each a list of verbs, e.g. [["decides"], ["calls upon", "urges"], ["encourages"]] '
            '(did you mean [["decides"]]?)\n',
        ),
        (
            'weakening_qualifer = ["as appropriate"]',
            'error: p.toml:10:1: [data]: unknown key "weakening_qualifer" '
            '(did you mean "weakening_qualifiers"?)\n',
        ),
        (
            'weakening_qualifiers = "as appropriate"',
            "error: p.toml:10:1: [data] weakening_qualifiers: expected a list of phrases, e.g. "
            '["as appropriate", "where possible"] (did you mean ["as appropriate"]?)\n',
        ),
    ],
    ids=["verb-scale-of-one-verb", "misspelt-key", "qualifiers-as-one-phrase"],
)
def test_bad_vocabulary(run_cli: RunCli, tmp_path: Path, data: str, stderr: str) -> None:
    pack = WITH_BASELINE + f"[data]\n{data}\n\n" + rule()
    assert validate(run_cli, tmp_path, pack) == (2, stderr)


def test_retain_rule_without_a_baseline(run_cli: RunCli, tmp_path: Path) -> None:
    assert validate(run_cli, tmp_path, HEAD + rule()) == (
        2,
        'error: p.toml:9:1: rule "op2": ref "OP2" names a paragraph of a baseline, but the pack '
        "declares no [[baseline]] table; add one (id and path), or give the provision inline "
        'with text = "…"\n',
    )


def test_unknown_baseline_id(run_cli: RunCli, tmp_path: Path) -> None:
    pack = WITH_BASELINE + rule().replace('ref = "OP2"', 'ref = "OP2"\nbaseline = "rez"')
    assert validate(run_cli, tmp_path, pack) == (
        2,
        'error: p.toml:14:1: rule "op2": unknown baseline "rez" (did you mean "res"?)\n',
    )


def test_every_mistake_is_reported(run_cli: RunCli, tmp_path: Path) -> None:
    pack = (
        WITH_BASELINE
        + '[data]\nverb_scale = [["decides"], ["urges", "Urges"]]\n\n'
        + rule(ref="OP7")
        + '\n[[rule]]\nid = "q"\ncheck = "quota"\ntitle = "Q"\nmin_share = "130 %"\n'
        + '\n[[rule]]\nid = "q"\ncheck = "quotas"\ntitle = "Q again"\n'
    )
    assert validate(run_cli, tmp_path, pack) == (
        2,
        'error: p.toml:10:1: [data] verb_scale: "Urges" is listed twice (also as "urges")\n'
        'error: p.toml:16:1: rule "op2": baseline "res" has no paragraph "OP7" '
        '(did you mean "OP2" or "OP1"?)\n'
        'error: p.toml:23:1: rule "q": key "min_share": 1.3 is above 1: '
        'did you mean 1.3 %? write "1.3%" or 0.013\n'
        'error: p.toml:25: rule "q" is defined twice (first as rule 2)\n'
        'error: p.toml:27:1: rule "q": unknown check kind "quotas" (did you mean "quota"?)\n',
    )


def test_every_file_of_a_folder_is_validated(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "base.txt").write_text(BASELINE, encoding="utf-8")
    (folder / "a.toml").write_text(HEAD + rule(), encoding="utf-8")
    (folder / "b.toml").write_text(WITH_BASELINE + rule(ref="PP2"), encoding="utf-8")
    (folder / "c.toml").write_text(WITH_BASELINE + rule(), encoding="utf-8")
    (folder / "d.toml").write_text(WITH_BASELINE + rule(), encoding="utf-8")
    run = run_cli("rules", "validate", "packs", cwd=tmp_path)
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        'error: packs/a.toml:9:1: rule "op2": ref "OP2" names a paragraph of a baseline, but '
        "the pack declares no [[baseline]] table; add one (id and path), or give the provision "
        'inline with text = "…"\n'
        'error: packs/b.toml:13:1: rule "op2": baseline "res" has no paragraph "PP2" '
        '(did you mean "PP1" or "OP2"?)\n'
        'error: packs/d.toml: pack id "p" is also used by packs/c.toml\n'
    )


def test_the_shipped_packs_validate(run_cli: RunCli) -> None:
    run = run_cli("rules", "validate", "rules")
    assert (run.code, run.err) == (0, "")
    assert run.out.splitlines() == [
        "ok: rules/data-integrity.toml: pack data-integrity 1.1, 3 rules",
        "ok: rules/mali-law-052.toml: pack mali-law-052 1.2, 5 rules",
        "ok: rules/minusma-recommendations-2021.toml: pack minusma-recommendations-2021 1.0, "
        "9 rules",
        "ok: rules/peace-agreement.toml: pack peace-agreement 1.0, 2 rules",
        "ok: rules/resolution-2531-wps.toml: pack resolution-2531-wps 1.0, 16 rules",
        "ok: rules/sanctions-gender-expertise.toml: pack sanctions-gender-expertise 1.0, 3 rules",
        "ok: rules/world-quotas.toml: pack world-quotas 1.0, 28 rules",
    ]


@pytest.mark.parametrize("mistake", ["ref", "key_terms"])
def test_a_pack_mistake_never_reaches_the_check(
    run_cli: RunCli, tmp_path: Path, mistake: str
) -> None:
    """What `rules validate` rejects, `check` rejects too, before checking anything."""
    pack = WITH_BASELINE + (rule(ref="OP7") if mistake == "ref" else rule(terms='["nothing"]'))
    (tmp_path / "base.txt").write_text(BASELINE, encoding="utf-8")
    (tmp_path / "p.toml").write_text(pack, encoding="utf-8")
    run = run_cli("check", "base.txt", "--rules", "p.toml", cwd=tmp_path)
    assert (run.code, run.out) == (2, "")
    assert run.err.startswith("error: p.toml:1")
