"""Invariants of scoring and output, checked on generated bodies."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import one, run_rule
from tests.property.strategies import any_bodies, counted_bodies, min_shares
from wpscheck.api import render
from wpscheck.checks.quota import needed
from wpscheck.engine import check
from wpscheck.loading import shipped_packs
from wpscheck.models import Body, Snapshot

PACKS = shipped_packs()
TODAY = date(2021, 5, 1)


def _quota(body: Body, ms: Fraction) -> tuple[float, int | None]:
    f = one(run_rule("quota", [body], min_share=float(ms)))
    return f.score, f.expected["needed"]


@given(st.lists(any_bodies, min_size=1, max_size=6, unique_by=lambda b: b.id))
def test_scores_stay_in_0_1(bodies: list[Body]) -> None:
    report = check([Snapshot(bodies=tuple(bodies), path="s.toml")], PACKS, today=TODAY)
    assert all(0.0 <= f.score <= 1.0 for f in report.findings)
    assert report.summary.score is None or 0.0 <= report.summary.score <= 1.0
    for p in report.summary.packs:
        assert p.score is None or 0.0 <= p.score <= 1.0


@given(counted_bodies(), min_shares, st.booleans())
def test_quota_score_never_falls_when_women_are_added(
    body: Body, ms: Fraction, replace: bool
) -> None:
    """A woman added to a new seat, or in place of a man, never lowers the score."""
    assert body.seats is not None
    assert body.women is not None
    if replace and body.women == body.seats:
        return
    seats = body.seats if replace else body.seats + 1
    more = body.model_copy(update={"women": body.women + 1, "seats": seats})
    before, _ = _quota(body, ms)
    after, _ = _quota(more, ms)
    assert after >= before


@given(counted_bodies(), min_shares)
def test_needed_is_the_least_number_of_added_women(body: Body, ms: Fraction) -> None:
    assert body.seats is not None
    assert body.women is not None
    _, n = _quota(body, ms)
    assert n is not None
    assert n == needed(ms, body.seats, body.women)
    # Replacing n members by women meets the minimum; replacing n - 1 does not.
    assert Fraction(body.women + n, body.seats) >= ms or body.women + n > body.seats
    if n > 0:
        assert Fraction(body.women + n - 1, body.seats) < ms
    with_n = body.model_copy(update={"women": min(body.seats, body.women + n)})
    if body.women + n <= body.seats:
        assert one(run_rule("quota", [with_n], min_share=float(ms))).status == "pass"


@given(st.lists(any_bodies, min_size=1, max_size=6, unique_by=lambda b: b.id))
def test_same_input_gives_byte_identical_json(bodies: list[Body]) -> None:
    snapshot = Snapshot(bodies=tuple(bodies), path="s.toml")
    first = render(check([snapshot], PACKS, today=TODAY), "json")
    second = render(check([snapshot], PACKS, today=TODAY), "json")
    assert first.encode() == second.encode()
