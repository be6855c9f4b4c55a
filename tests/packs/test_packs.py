"""Fixture-driven tests of the shipped body packs.

Every rule of every shipped pack whose check kind looks at bodies has two fixtures here,
``<pack>/<rule>.pass.toml`` and ``<pack>/<rule>.fail.toml``: run with the shipped pack,
the first must make the rule pass (and nothing of it fail), the second must make it fail.
A new rule without both fixtures fails ``test_every_body_rule_has_fixtures``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from wpscheck.engine import check
from wpscheck.loading import load_snapshot, shipped_packs
from wpscheck.models import Rule, RulePack
from wpscheck.registry import registry

HERE = Path(__file__).resolve().parent
TODAY = date(2021, 5, 1)


def _body_rules() -> list[tuple[RulePack, Rule]]:
    reg = registry()
    return [
        (pack, rule)
        for pack in shipped_packs()
        for rule in pack.rules
        if rule.check in reg.check_kinds and reg.check_kinds[rule.check].subject == "body"
    ]


BODY_RULES = _body_rules()
CASES = [
    (pack, rule, outcome)
    for pack, rule in BODY_RULES
    for outcome in ("pass", "fail")
    if (HERE / pack.id / f"{rule.id}.{outcome}.toml").is_file()
]


def test_every_body_rule_has_fixtures() -> None:
    missing = [
        f"{pack.id}/{rule.id}.{outcome}.toml"
        for pack, rule in BODY_RULES
        for outcome in ("pass", "fail")
        if not (HERE / pack.id / f"{rule.id}.{outcome}.toml").is_file()
    ]
    assert missing == []
    assert {p.id for p, _ in BODY_RULES} >= {"mali-law-052", "peace-agreement", "data-integrity"}


@pytest.mark.parametrize(
    ("pack", "rule", "outcome"),
    CASES,
    ids=[f"{p.id}/{r.id}.{o}" for p, r, o in CASES],
)
def test_rule_on_fixture(pack: RulePack, rule: Rule, outcome: str) -> None:
    snapshot = load_snapshot(HERE / pack.id / f"{rule.id}.{outcome}.toml")
    report = check([snapshot], [pack], select=[rule.qualified_id], today=TODAY)
    assert_outcome([f.status for f in report.findings if f.rule == rule.id], outcome)


def assert_outcome(statuses: list[str], outcome: str) -> None:
    """A pass fixture passes (nothing fails); a fail fixture only fails."""
    assert "error" not in statuses
    if outcome == "pass":
        assert "pass" in statuses
        assert "fail" not in statuses
    else:
        assert statuses
        assert set(statuses) == {"fail"}


def test_every_rule_cites_its_source() -> None:
    for pack in shipped_packs():
        assert pack.references, pack.id
        for rule in pack.rules:
            assert rule.references, rule.qualified_id
