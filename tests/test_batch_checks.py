"""Batch checks (``CheckKind.check_many``) give exactly the findings of ``check`` per body."""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Iterator
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict

from tests.property.strategies import any_bodies
from wpscheck.api import render
from wpscheck.engine import BodySubject, CheckContext, check, memoised
from wpscheck.loading import shipped_packs
from wpscheck.models import Body, Finding, Member, Observation, RulePack, Snapshot
from wpscheck.plugins import CheckKind, Registry, build_registry, hookimpl

TODAY = date(2021, 5, 1)


def _registries() -> tuple[Registry, Registry]:
    """The built-in registry, and the same without any ``check_many``."""
    batch = build_registry()
    single = build_registry()
    single.check_kinds = {
        k: dataclasses.replace(v, check_many=None) for k, v in single.check_kinds.items()
    }
    assert any(k.check_many for k in batch.check_kinds.values())
    return batch, single


BATCH, SINGLE = _registries()
PACKS = shipped_packs(BATCH)

observations = st.builds(
    Observation,
    as_of=st.sampled_from([date(2019, 1, 1), date(2020, 6, 1), date(2022, 1, 1)]),
    seats=st.none() | st.integers(min_value=-1, max_value=30),
    women=st.none() | st.integers(min_value=-1, max_value=30),
    source=st.none() | st.just("old"),
)
bodies = st.builds(
    lambda b, members, history, as_of: b.model_copy(
        update={"members": members, "history": history, "as_of": as_of}
    ),
    any_bodies,
    st.lists(
        st.builds(Member, name=st.just("m"), gender=st.sampled_from(["female", "male"])),
        max_size=3,
    ).map(tuple),
    st.lists(observations, max_size=2).map(tuple),
    st.none() | st.sampled_from([date(2020, 1, 1), date(2021, 4, 1), date(2023, 1, 1)]),
)


def _both(snapshots: list[Snapshot]) -> tuple[str, str]:
    a = check(list(snapshots), PACKS, reg=BATCH, today=TODAY)
    b = check(list(snapshots), PACKS, reg=SINGLE, today=TODAY)
    assert a.findings == b.findings
    return render(a, "json", reg=BATCH), render(b, "json", reg=BATCH)


@settings(max_examples=60)
@given(st.lists(bodies, min_size=1, max_size=12, unique_by=lambda b: b.id))
def test_batch_and_single_checks_give_the_same_report(found: list[Body]) -> None:
    # Repeat the figures under other ids, so that verdicts are reused.
    twins = [b.model_copy(update={"id": f"{b.id}-2", "name": "twin"}) for b in found]
    snap = Snapshot(bodies=(*found, *twins), path="s.json", as_of=date(2021, 1, 1))
    batch, single = _both([snap])
    assert batch == single


@settings(max_examples=40)
@given(
    st.lists(bodies, min_size=1, max_size=6, unique_by=lambda b: b.id),
    st.lists(bodies, min_size=1, max_size=6, unique_by=lambda b: b.id),
)
def test_two_snapshots_give_the_same_report(first: list[Body], second: list[Body]) -> None:
    a = Snapshot(bodies=tuple(first), path="a.json", as_of=date(2020, 1, 1))
    b = Snapshot(bodies=tuple(second), path="b.json", as_of=date(2021, 1, 1))
    batch, single = _both([a, b])
    assert batch == single


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _seats(ctx: CheckContext, subject: BodySubject) -> Iterator[Finding]:
    body = subject.body
    if body.seats == 13:
        raise ValueError("unlucky")
    text = f"{body.seats} seats" if body.seats != 7 else f"{subject.location.data_path} has 7"
    yield ctx.body_finding(subject, "pass", 1.0, text, observed={"seats": body.seats})


def _kind_pack(check_many: object) -> tuple[Registry, list[RulePack]]:
    kind = CheckKind(
        id="seats",
        subject="body",
        params=_Params,
        check=_seats,
        summary="seats",
        check_many=check_many,  # type: ignore[arg-type]
    )
    plugin = types.ModuleType("seats_plugin")
    plugin.wpscheck_check_kinds = hookimpl(lambda: [kind])  # type: ignore[attr-defined]
    reg = build_registry(plugin)
    pack = RulePack.model_validate(
        {
            "id": "seats-pack",
            "title": "S",
            "rules": [{"id": "seats", "check": "seats", "title": "Seats", "pack": "seats-pack"}],
        }
    )
    return reg, [pack]


def _bodies(*seats: int) -> Snapshot:
    return Snapshot(
        bodies=tuple(
            Body(id=f"b{i}", name=f"B{i}", kind="commission", seats=s) for i, s in enumerate(seats)
        ),
        path="s.json",
    )


def test_memoised_reuses_a_verdict_for_the_same_figures_only() -> None:
    reg, packs = _kind_pack(memoised(_seats, lambda s: s.body.seats))
    report = check([_bodies(5, 5, 7, 7, 6)], packs, reg=reg, today=TODAY)
    assert [
        (f.subject, f.message, f.location and f.location.data_path) for f in report.findings
    ] == [
        ("b0", "5 seats", "bodies[0]"),
        ("b1", "5 seats", "bodies[1]"),
        # A message naming the body's data path is never reused for another body.
        ("b2", "bodies[2] has 7", "bodies[2]"),
        ("b3", "bodies[3] has 7", "bodies[3]"),
        ("b4", "6 seats", "bodies[4]"),
    ]
    assert report.findings[1].observed is report.findings[0].observed


def test_a_failing_batch_is_rerun_one_body_at_a_time() -> None:
    reg, packs = _kind_pack(memoised(_seats, lambda s: s.body.seats))
    report = check([_bodies(5, 13, 6)], packs, reg=reg, today=TODAY)
    assert [(f.subject, f.status) for f in report.findings] == [
        ("b0", "pass"),
        ("b1", "error"),
    ]
    assert report.findings[1].message == (
        'rule "seats-pack/seats" (check kind "seats" from plugin "seats_plugin") failed on b1: '
        "ValueError: unlucky"
    )
