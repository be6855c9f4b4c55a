"""Helpers for tests: one rule applied to bodies built in code."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from wpscheck.engine import check
from wpscheck.models import Body, Finding, Rule, RulePack, Snapshot

TODAY = date(2021, 5, 1)


def body(id: str = "b", **kw: Any) -> Body:
    kw.setdefault("name", id.upper())
    kw.setdefault("kind", "commission")
    kw.setdefault("source", "test")
    return Body(id=id, **kw)


def run_rule(
    check_kind: str,
    bodies: Sequence[Body] | Sequence[Sequence[Body]],
    *,
    severity: str = "error",
    today: date = TODAY,
    snapshot_dates: Sequence[date | None] = (),
    **params: Any,
) -> list[Finding]:
    """Apply one rule of ``check_kind`` with ``params`` to bodies (or to several snapshots)."""
    groups: list[Sequence[Body]] = (
        list(bodies)  # type: ignore[arg-type]
        if bodies and not isinstance(bodies[0], Body)
        else [bodies]  # type: ignore[list-item]
    )
    snapshots = [
        Snapshot(
            bodies=tuple(g),
            path=f"s{i}.toml",
            as_of=snapshot_dates[i] if i < len(snapshot_dates) else None,
        )
        for i, g in enumerate(groups)
    ]
    rule = Rule.model_validate(
        {"id": "rx", "check": check_kind, "title": "t", "severity": severity, "params": params}
    ).model_copy(update={"pack": "pk"})
    pack = RulePack(id="pk", title="P", rules=(rule,))
    report = check(snapshots, [pack], today=today)
    return [f for f in report.findings if f.rule == "rx"]


def one(findings: Sequence[Finding]) -> Finding:
    assert len(findings) == 1, findings
    return findings[0]
