"""``quota`` as laws write quotas: ratios, absolute minimums, reserved seats, statutory
seats, a tolerance, validity windows, list and result quotas, the latest observation."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from tests.helpers import body, one, run_rule
from wpscheck.checks.quota import QuotaParams


def test_one_third_is_exact() -> None:
    f = one(run_rule("quota", [body(seats=3, women=1)], min_share="1/3"))
    assert (f.status, f.score) == ("pass", 1.0)
    assert f.message == "1 of 3 women (33.3 %) meets the 1/3 (33.3 %) minimum"
    f = one(run_rule("quota", [body(seats=100, women=33)], min_share="1/3"))
    assert f.status == "fail"
    assert f.message == (
        "33 of 100 women (33.0 %) — below the 1/3 (33.3 %) minimum; 1 more woman needed (34 of 100)"
    )
    f = one(run_rule("quota", [body(seats=9, women=3)], min_share="2/3", either_sex=True))
    assert f.expected == {"min_share": "2/3", "either_sex": True, "needed": 3, "needed_men": 0}


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (30, '30 is above 1: did you mean 30 %? write "30%" or 0.3'),
        ("0/3", '"0/3" is not a share: write a ratio from "1/100" to "1/1"'),
        ("4/3", '"4/3" is not a share: write a ratio from "1/100" to "1/1"'),
        (0, 'expected a share above 0 and at most 1 ("1/3", "30%", 0.3), not 0'),
        ("a third", 'expected a share: "1/3", "30%" or 0.3, not \'a third\''),
    ],
)
def test_thresholds_refused_with_a_hint(given: object, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        QuotaParams.model_validate({"min_share": given})
    assert message in str(err.value)


def test_a_rule_needs_a_minimum() -> None:
    with pytest.raises(ValidationError) as err:
        QuotaParams.model_validate({"either_sex": True})
    assert 'a quota rule needs min_share ("30%", "1/3"), min_women or reserved' in str(err.value)


def test_at_least_one_woman() -> None:
    f = one(run_rule("quota", [body(seats=12, women=0)], min_women=1))
    assert (f.status, f.score, f.expected) == ("fail", 0.0, {"min_women": 1, "needed": 1})
    assert f.message == (
        "0 of 12 women (0.0 %) — below the minimum of 1 woman; 1 more woman needed (1 of 12)"
    )
    f = one(run_rule("quota", [body(seats=12, women=2)], min_women=1))
    assert (f.status, f.message) == ("pass", "2 of 12 women (16.7 %) meets the minimum of 1 woman")


def test_reserved_seats() -> None:
    # Rwanda's Constitution (2003, rev. 2015), art. 75: 24 of the 80 deputies are women.
    f = one(run_rule("quota", [body(seats=80, women=20)], reserved=24))
    assert (f.status, f.score, f.expected) == ("fail", 0.8333, {"reserved": 24, "needed": 4})
    assert f.message == (
        "20 of 80 women (25.0 %) — below the 24 seats reserved for women; "
        "4 more women needed (24 of 80)"
    )
    f = one(run_rule("quota", [body(seats=80, women=49)], reserved=24, min_share="30%"))
    assert f.status == "pass"
    assert f.message == (
        "49 of 80 women (61.3 %) meets the 30 % minimum and fills the 24 seats reserved for women"
    )


def test_statutory_seats() -> None:
    b = body(seats=90, women=28, statutory_seats=100)
    f = one(run_rule("quota", [b], min_share="30%", of_seats="statutory"))
    assert f.message == (
        "28 of 100 statutory seats: women (28.0 %) — below the 30 % minimum; "
        "2 more women needed (30 of 100)"
    )
    assert one(run_rule("quota", [b], min_share="30%")).status == "pass"  # 28 of 90 filled: 31 %
    f = one(run_rule("quota", [body(seats=90, women=28)], min_share="30%", of_seats="statutory"))
    assert (f.status, f.message) == (
        "not-applicable",
        "the rule counts statutory seats; the body gives no statutory_seats",
    )


def test_tolerance() -> None:
    f = one(run_rule("quota", [body(seats=100, women=29)], min_share="30%", tolerance="2%"))
    assert (f.status, f.message) == (
        "pass",
        "29 of 100 women (29.0 %) is below the 30 % minimum but within the 2 % tolerance",
    )
    assert f.expected["needed"] == 0
    f = one(run_rule("quota", [body(seats=100, women=27)], min_share="30%", tolerance="2%"))
    assert f.status == "fail"
    f = one(run_rule("quota", [body(share=0.285)], min_share="30%", tolerance="2%"))
    assert f.message == (
        "women's share 28.5 % is below the 30 % minimum but within the 2 % tolerance; "
        "no counts, so the number of women needed is unknown"
    )


def test_validity_window() -> None:
    kw: dict[str, Any] = {
        "min_share": "30%",
        "valid_from": "2016-01-01",
        "valid_until": "2025-12-31",
    }
    old = body(seats=10, women=0, as_of=date(2015, 6, 1))
    f = one(run_rule("quota", [old], **kw))
    assert (f.status, f.message) == (
        "not-applicable",
        "dated 2015-06-01, before the law applies (from 2016-01-01 until 2025-12-31)",
    )
    late = body(seats=10, women=0, as_of=date(2026, 1, 1))
    assert one(run_rule("quota", [late], **kw)).message == (
        "dated 2026-01-01, after the law ceased to apply (from 2016-01-01 until 2025-12-31)"
    )
    undated = body(seats=10, women=0)
    assert one(run_rule("quota", [undated], **kw)).message == (
        "the law applies from 2016-01-01 until 2025-12-31; the body has no date (as_of) to place it"
    )
    # The snapshot's date places a body without its own.
    f = one(run_rule("quota", [undated], snapshot_dates=[date(2020, 1, 1)], **kw))
    assert f.status == "fail"
    with pytest.raises(ValidationError, match="valid_until 2015-01-01 is before valid_from"):
        QuotaParams.model_validate({**kw, "valid_until": "2015-01-01"})


def test_a_list_quota_does_not_judge_the_elected_body() -> None:
    chamber = body(kind="legislature", seats=147, women=41)
    f = one(run_rule("quota", [chamber], min_share="30%", applies="lists"))
    assert (f.status, f.message) == (
        "not-applicable",
        "a list quota binds candidate lists, not the body elected from them "
        "(give the lists, or a results quota)",
    )
    lst = body(kind="electoral-list", seats=10, women=2)
    assert one(run_rule("quota", [lst], min_share="30%", applies="lists")).status == "fail"
    assert one(run_rule("quota", [chamber], min_share="30%")).status == "fail"


def test_only_the_latest_observation_is_judged() -> None:
    before = body("gov", seats=25, women=4, as_of=date(2020, 10, 5))
    after = body("gov", seats=25, women=9, as_of=date(2021, 6, 1))
    findings = run_rule("quota", [[before], [after]], min_share="30%")
    assert [(f.status, f.message) for f in findings] == [
        ("not-applicable", "superseded by the later observation of 2021-06-01"),
        ("pass", "9 of 25 women (36.0 %) meets the 30 % minimum"),
    ]
    every = run_rule("quota", [[before], [after]], min_share="30%", observation="every")
    assert [f.status for f in every] == ["fail", "pass"]
