"""A rule that selects nothing is a warning; info-level rules without a weight are unscored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wpscheck.engine import check
from wpscheck.loading import load_pack, load_snapshot

SNAPSHOT = """
[[bodies]]
id = "sd"
name = "Sudan, National Assembly"
kind = "legislature"
country = "SD"
seats = 100
women = 31
source = "test"

[[bodies]]
id = "so"
name = "Somalia, House of the People"
kind = "legislature"
country = "SO"
seats = 100
women = 20
source = "test"

[[bodies]]
id = "se"
name = "Sweden, Riksdag"
kind = "legislature"
country = "SE"
seats = 100
women = 46
source = "test"

[[bodies]]
id = "fr"
name = "France, National Assembly"
kind = "legislature"
country = "FR"
seats = 100
women = 39
source = "test"
"""

PACK = """
[pack]
id = "typo"
title = "A rule for a country not in the data"
references = ["test"]

[[rule]]
id = "ss-lower"
check = "quota"
title = "South Sudan: 35 %"
min_share = "35%"
references = ["test"]
[rule.applies_to]
country = "SS"
"""


def _files(tmp_path: Path, pack: str = PACK) -> tuple[Path, Path]:
    (tmp_path / "bodies.toml").write_text(SNAPSHOT, encoding="utf-8")
    (tmp_path / "pack.toml").write_text(pack, encoding="utf-8")
    return tmp_path / "bodies.toml", tmp_path / "pack.toml"


def test_a_rule_that_selects_nothing_fails_the_run_under_fail_on_warning(
    tmp_path: Path, run_cli: Any
) -> None:
    _files(tmp_path)
    args = ("check", "bodies.toml", "--only-rules", "pack.toml")
    run = run_cli(*args, "--fail-on", "warning", cwd=tmp_path)
    assert run.code == 1
    assert run.out.splitlines() == [
        "Verdict",
        "  Of the 1 check of typo, 0 pass, 0 fail and 1 warns.",
        "",
        "pack.toml",
        "  ! typo/ss-lower  (no subject) (line 7)",
        '      rule "typo/ss-lower" selected no subject: it looks for country SS; '
        "present: country SD, SE, SO, … (4 subjects checked)",
        "      test",
        "",
        "1 finding on 4 subjects · 0 failed (error) · 1 warning · 0 passed · score n/a",
    ]
    # Without --fail-on warning the warning is reported and the run passes.
    assert run_cli(*args, cwd=tmp_path).code == 0


def test_each_key_is_named_and_a_combination_no_subject_has(tmp_path: Path) -> None:
    pack = PACK.replace('country = "SS"', 'country = ["SD", "SE"]\nkind = "government"')
    bodies, pack_file = _files(tmp_path, pack)
    report = check([load_snapshot(bodies)], [load_pack(pack_file)], unselected=True)
    (f,) = report.findings
    assert (f.status, f.severity, f.weight) == ("fail", "warning", 0.0)
    assert f.message == (
        'rule "typo/ss-lower" selected no subject: it looks for kind government and '
        "country SD, SE; present: kind legislature (4 subjects checked)"
    )
    both = PACK.replace('country = "SS"', 'country = "SD"\ntags = ["elected"]')
    bodies, pack_file = _files(tmp_path, both)
    (f,) = check([load_snapshot(bodies)], [load_pack(pack_file)], unselected=True).findings
    assert f.message == (
        'rule "typo/ss-lower" selected no subject: it looks for country SD and tag elected; '
        "present: no subject has a tag (4 subjects checked)"
    )


def test_the_api_and_the_shipped_packs_do_not_warn_unless_asked(tmp_path: Path) -> None:
    bodies, pack = _files(tmp_path)
    assert check([load_snapshot(bodies)], [load_pack(pack)]).findings == []


INFO_PACK = """
[pack]
id = "bench"
title = "Benchmarks"
references = ["test"]

[[rule]]
id = "parity"
check = "quota"
title = "Parity (a benchmark)"
severity = "info"
min_share = "50%"
references = ["test"]

[[rule]]
id = "thirty"
check = "quota"
title = "30 %"
min_share = "30%"
references = ["test"]
"""


def test_info_findings_are_out_of_the_score_unless_weighted(tmp_path: Path, run_cli: Any) -> None:
    bodies, pack = _files(tmp_path, INFO_PACK)
    report = check([load_snapshot(bodies)], [load_pack(pack)])
    run = run_cli("check", "bodies.toml", "--only-rules", "pack.toml", cwd=tmp_path)
    # thirty: SD 31 → 1, SO 20 → 2/3, SE 1, FR 1; parity findings (info) are not scored.
    assert report.summary.score == round((3 + 2 / 3) / 4, 4)
    assert [f.weight for f in report.findings if f.rule == "parity"] == [0.0] * 4
    assert run.out.splitlines()[-1].endswith(
        "score 0.92 (4 info findings not scored: give the rule a weight to score it)"
    )
    weighted = INFO_PACK.replace('severity = "info"', 'severity = "info"\nweight = 1')
    bodies, pack = _files(tmp_path, weighted)
    report = check([load_snapshot(bodies)], [load_pack(pack)])
    # parity: 31/50, 20/50, 46/50, 39/50 now count too.
    parity = (0.62 + 0.4 + 0.92 + 0.78) / 4
    assert report.summary.score == round(((3 + 2 / 3) / 4 + parity) / 2, 4)
