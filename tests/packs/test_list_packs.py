"""Fixture-driven tests of the shipped rules on candidate lists.

Every rule of a shipped pack whose check kind looks at candidate lists has two fixtures
here, ``<pack>/<rule>.pass.csv`` and ``<pack>/<rule>.fail.csv`` (one candidate a row).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.packs.test_packs import assert_outcome
from wpscheck.engine import check
from wpscheck.loading import shipped_packs
from wpscheck.loading.lists import load_lists
from wpscheck.models import Rule, RulePack
from wpscheck.registry import registry

HERE = Path(__file__).resolve().parent


def _list_rules() -> list[tuple[RulePack, Rule]]:
    kinds = registry().check_kinds
    return [
        (pack, rule)
        for pack in shipped_packs()
        for rule in pack.rules
        if rule.check in kinds and kinds[rule.check].subject == "list"
    ]


LIST_RULES = _list_rules()
CASES = [(p, r, o) for p, r in LIST_RULES for o in ("pass", "fail")]


def test_every_list_rule_has_fixtures() -> None:
    assert {r.qualified_id for _, r in LIST_RULES} >= {
        "mali-law-052/lists-70pct-art2",
        "mali-law-052/local-alternation-art3",
    }
    missing = [
        f"{p.id}/{r.id}.{o}.csv"
        for p, r, o in CASES
        if not (HERE / p.id / f"{r.id}.{o}.csv").is_file()
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("pack", "rule", "outcome"), CASES, ids=[f"{p.id}/{r.id}.{o}" for p, r, o in CASES]
)
def test_list_rule_on_fixture(pack: RulePack, rule: Rule, outcome: str) -> None:
    lists = load_lists(HERE / pack.id / f"{rule.id}.{outcome}.csv")
    report = check([lists], [pack], select=[rule.qualified_id])
    assert_outcome([f.status for f in report.findings if f.rule == rule.id], outcome)
