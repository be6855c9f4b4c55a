"""Shared hypothesis strategies for the property tests (the profile is in tests/conftest.py)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

from wpscheck.models import Body

#: A minimum share with at most two decimals, as rule packs write it ("30%", "0.25").
min_shares = st.integers(min_value=1, max_value=100).map(lambda n: Fraction(n, 100))


@st.composite
def counted_bodies(draw: st.DrawFn, max_seats: int = 400) -> Body:
    """A body with possible counts: 1 ≤ seats, 0 ≤ women ≤ seats."""
    seats = draw(st.integers(min_value=1, max_value=max_seats))
    women = draw(st.integers(min_value=0, max_value=seats))
    return Body(id="b", name="B", kind="commission", seats=seats, women=women, source="s")


#: Any body a snapshot may hold, possible or not: counts, a share, or nothing.
any_bodies = st.builds(
    Body,
    id=st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True),
    name=st.text(min_size=1, max_size=10).filter(lambda s: s.strip() != ""),
    kind=st.sampled_from(["government", "commission", "legislature", "peace-mechanism"]),
    seats=st.none() | st.integers(min_value=-3, max_value=300),
    women=st.none() | st.integers(min_value=-3, max_value=300),
    share=st.none() | st.integers(min_value=0, max_value=1000).map(lambda n: n / 1000),
    stated_share=st.none() | st.sampled_from(["27 percent", "26.4 %", "abc", "0 %"]),
    tags=st.lists(st.sampled_from(["appointed", "elected", "peace-agreement"]), max_size=2).map(
        tuple
    ),
    source=st.none() | st.just("seed"),
    country=st.just("ML"),
)
