"""``quota``: exact arithmetic, the number needed, either sex, share-only bodies."""

from __future__ import annotations

import pytest

from tests.helpers import body, one, run_rule


@pytest.mark.parametrize(
    ("seats", "women", "status", "needed", "score"),
    [
        (10, 3, "pass", 0, 1.0),  # 3 of 10 meets 30 % exactly: no float rounding
        (10, 2, "fail", 1, 0.6667),
        (25, 4, "fail", 4, 0.5333),
        (147, 41, "fail", 4, 0.9297),
        (121, 32, "fail", 5, 0.8815),
        (29, 9, "pass", 0, 1.0),
        (70, 4, "fail", 17, 0.1905),
        (38, 1, "fail", 11, 0.0877),
        (20, 0, "fail", 6, 0.0),
        (3, 1, "pass", 0, 1.0),
    ],
)
def test_women_minimum(seats: int, women: int, status: str, needed: int, score: float) -> None:
    f = one(run_rule("quota", [body(seats=seats, women=women)], min_share="30%"))
    assert (f.status, f.expected["needed"], f.score) == (status, needed, score)
    assert f.observed == {"women": women, "seats": seats, "share": round(women / seats, 4)}


def test_message_on_failure() -> None:
    f = one(run_rule("quota", [body(seats=38, women=1)], min_share=0.3))
    assert f.message == (
        "1 of 38 women (2.6 %) — below the 30 % minimum; 11 more women needed (12 of 38)"
    )
    f = one(run_rule("quota", [body(seats=38, women=11)], min_share=0.3))
    assert f.message.endswith("1 more woman needed (12 of 38)")


def test_either_sex_fails_a_body_with_too_few_men() -> None:
    f = one(run_rule("quota", [body(seats=10, women=8)], min_share="30%", either_sex=True))
    assert f.status == "fail"
    assert f.expected == {"min_share": 0.3, "either_sex": True, "needed": 0, "needed_men": 1}
    assert f.observed["men"] == 2
    assert f.score == 0.6667
    assert f.message == (
        "8 of 10 women (80.0 %) — men are below the 30 % minimum for either sex; "
        "1 more man needed (3 of 10)"
    )
    # Without either_sex the same body passes.
    f = one(run_rule("quota", [body(seats=10, women=8)], min_share="30%"))
    assert f.status == "pass"


def test_share_only_body_is_scored_from_its_share() -> None:
    f = one(run_rule("quota", [body(share="24.2 %")], min_share="30%"))
    assert f.status == "fail"
    assert f.observed == {"share": 0.242}
    assert f.expected == {"min_share": 0.3, "needed": None}
    assert f.score == 0.8067


def test_members_list_gives_counts() -> None:
    members = [{"name": f"m{i}", "gender": "female" if i < 3 else "male"} for i in range(10)]
    f = one(run_rule("quota", [body(members=members)], min_share="30%"))
    assert (f.status, f.observed["women"], f.observed["seats"]) == ("pass", 3, 10)


def test_impossible_counts_are_not_applicable_not_a_crash() -> None:
    f = one(run_rule("quota", [body(seats=20, women=21)], min_share="30%"))
    assert f.status == "not-applicable"
    assert f.message == (
        "21 women of 20 seats cannot be scored against a quota (see the consistency checks)"
    )


def test_no_figures_and_women_without_seats() -> None:
    f = one(run_rule("quota", [body()], min_share="30%"))
    assert f.status == "not-applicable"
    assert f.message == "no share: give seats and women, a share, or members"
    f = one(run_rule("quota", [body(women=39)], min_share="30%"))
    assert f.message == (
        "no share: give seats and women, a share, or members (39 women counted, "
        "but no number of seats)"
    )


def test_min_seats_leaves_small_bodies_out() -> None:
    f = one(run_rule("quota", [body(seats=2, women=0)], min_share="30%", min_seats=3))
    assert f.status == "not-applicable"
    assert f.message == "2 seats: the rule covers bodies of at least 3"
    f = one(run_rule("quota", [body(seats=3, women=0)], min_share="30%", min_seats=3))
    assert (f.status, f.expected["needed"]) == ("fail", 1)
