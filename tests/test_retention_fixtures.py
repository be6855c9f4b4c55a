"""Every retention fixture draft against the S/RES/2531 (2020) pack: each rule's expected
classification, and where given its draft paragraph and reasons.

The expectations are TOML in ``<draft>.expected`` (not ``.toml``, so that
``wpscheck check fixtures/`` does not take them for snapshots)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from wpscheck.engine import check
from wpscheck.loading import load_document, load_pack
from wpscheck.models import Finding, RulePack

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "retention"
DRAFTS = sorted(FIXTURES.glob("*.txt"))


@pytest.fixture(scope="module")
def pack() -> RulePack:
    return load_pack(ROOT / "rules" / "resolution-2531-wps.toml")


def expected(draft: Path) -> dict[str, Any]:
    data: dict[str, Any] = tomllib.loads((FIXTURES / f"{draft.stem}.expected").read_text("utf-8"))
    return data


def findings(draft: Path, pack: RulePack) -> dict[str, Finding]:
    report = check([load_document(draft)], [pack])
    return {f.rule: f for f in report.findings}


def outcome(f: Finding) -> str:
    return f.classification or f.status


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: p.stem)
def test_fixture(draft: Path, pack: RulePack) -> None:
    exp = expected(draft)
    got = findings(draft, pack)
    assert {rid: outcome(f) for rid, f in got.items()} == exp["classification"]
    for rid, ref in exp.get("draft_ref", {}).items():
        loc = got[rid].location
        assert loc is not None
        assert loc.ref == ref, rid
    for rid, reasons in exp.get("reasons", {}).items():
        assert got[rid].evidence[0]["reasons"] == reasons, rid
    for f in got.values():
        assert (f.status == "pass") == (f.classification in ("retained", "strengthened"))


def test_every_rule_passes_on_one_fixture_and_fails_on_another(pack: RulePack) -> None:
    outcomes: dict[str, set[str]] = {r.id: set() for r in pack.rules}
    for draft in DRAFTS:
        for rid, cls in expected(draft)["classification"].items():
            outcomes[rid].add(cls)
    for rid, seen in outcomes.items():
        assert "retained" in seen, rid
        assert seen & {"modified", "weakened", "dropped"}, rid


def test_the_pack_covers_every_provision_the_annex_quotes(pack: RulePack) -> None:
    refs = sorted(r.params["ref"] for r in pack.rules)
    quoted = "PP1 PP2 PP3 OP3 OP4 OP8 OP28(a)(iii) OP28(a)(v) OP28(c)(iii) OP28(e)(iii) OP45"
    assert refs == sorted([*quoted.split(" "), "OP51", "OP53", "OP54", "OP56", "OP57"])


def test_weakened_verb_evidence_marks_the_words(pack: RulePack) -> None:
    f = findings(FIXTURES / "softened.txt", pack)["op4-participation-30pct"]
    ev = f.evidence[0]
    assert (ev["baseline_ref"], ev["draft_ref"]) == ("OP4", "OP3")
    assert ev["diff"][:2] == [["-", "Calls upon"], ["+", "Encourages"]]
    assert f.message == "OP4 weakened in OP3: verb: Calls upon → Encourages"
    assert f.location is not None
    assert (f.location.path, f.location.line, f.location.ref) == (
        (FIXTURES / "softened.txt").as_posix(),
        17,
        "OP3",
    )
