"""``trend``: representation must not fall between dated observations or snapshots."""

from __future__ import annotations

from datetime import date

from tests.helpers import body, one, run_rule


def test_female_mayors_rise_from_history() -> None:
    b = body(
        "mayors",
        women=39,
        as_of=date(2021, 4, 29),
        history=[{"as_of": "2020-04-29", "women": 14}],
    )
    f = one(run_rule("trend", [b]))
    assert (f.status, f.score) == ("pass", 1.0)
    assert f.message == "no fall from 2020-04-29 to 2021-04-29: 14 → 39 women"


def test_fall_in_share_fails() -> None:
    b = body(
        "gov",
        seats=25,
        women=4,
        as_of=date(2020, 10, 5),
        history=[{"as_of": "2020-04-01", "seats": 25, "women": 9}],
    )
    f = one(run_rule("trend", [b]))
    assert f.status == "fail"
    assert f.score == 0.4444
    assert f.message == "share fell from 36.0 % to 16.0 % (2020-04-01 → 2020-10-05)"
    assert f.observed == {
        "series": [
            {"as_of": "2020-04-01", "women": 9, "seats": 25, "share": 0.36},
            {"as_of": "2020-10-05", "women": 4, "seats": 25, "share": 0.16},
        ]
    }


def test_tolerance() -> None:
    b = body(
        seats=100,
        women=29,
        as_of=date(2021, 1, 1),
        history=[{"as_of": "2020-01-01", "seats": 100, "women": 30}],
    )
    assert one(run_rule("trend", [b])).status == "fail"
    assert one(run_rule("trend", [b], tolerance="1%")).status == "pass"


def test_two_snapshots_give_one_finding_on_the_latest() -> None:
    old = body("csa", seats=29, women=9, as_of=date(2020, 6, 1))
    new = body("csa", seats=29, women=7, as_of=date(2021, 4, 29))
    findings = run_rule("trend", [[new], [old]])
    f = one(findings)
    assert f.status == "fail"
    assert f.location is not None
    assert f.location.path == "s0.toml"
    assert f.message == "share fell from 31.0 % to 24.1 % (2020-06-01 → 2021-04-29)"


def test_snapshot_date_stands_in_for_a_missing_body_date() -> None:
    old = body("csa", seats=29, women=9)
    new = body("csa", seats=29, women=12)
    findings = run_rule(
        "trend", [[old], [new]], snapshot_dates=[date(2020, 6, 1), date(2021, 4, 29)]
    )
    f = one(findings)
    assert (f.status, f.location.path if f.location else None) == ("pass", "s1.toml")


def test_single_observation_gives_no_finding() -> None:
    assert run_rule("trend", [body(seats=3, women=1, as_of=date(2021, 1, 1))]) == []


def test_counts_with_different_seats_cannot_be_compared_without_shares() -> None:
    b = body(
        women=10,
        as_of=date(2021, 1, 1),
        history=[{"as_of": "2020-01-01", "women": 12, "seats": 40}],
    )
    f = one(run_rule("trend", [b]))
    assert f.status == "not-applicable"
    assert f.message == (
        "observations cannot be compared (2020-01-01 → 2021-01-01): "
        "give counts with the same seats, or shares"
    )


def test_measure_women_compares_counts_even_with_shares() -> None:
    b = body(
        seats=50,
        women=12,
        as_of=date(2021, 1, 1),
        history=[{"as_of": "2020-01-01", "seats": 50, "women": 10}],
    )
    f = one(run_rule("trend", [b], measure="women"))
    assert f.message == "no fall from 2020-01-01 to 2021-01-01: 10 → 12 women"


def test_body_without_a_date() -> None:
    b = body(women=3, seats=10, history=[{"as_of": "2020-01-01", "women": 2, "seats": 10}])
    f = one(run_rule("trend", [b]))
    assert f.status == "not-applicable"


def test_a_small_fall_prints_with_the_digits_that_show_it() -> None:

    b = body(
        seats=10000,
        women=2086,
        as_of=date(2021, 9, 1),
        history=[{"as_of": date(2021, 1, 1), "seats": 10000, "women": 2092}],
    )
    f = one(run_rule("trend", [b]))
    assert f.message == "share fell from 20.92 % to 20.86 % (2021-01-01 → 2021-09-01)"


def test_since_and_latest_two() -> None:

    history = [
        {"as_of": date(1995, 1, 1), "seats": 100, "women": 30},
        {"as_of": date(2010, 1, 1), "seats": 100, "women": 10},
        {"as_of": date(2015, 1, 1), "seats": 100, "women": 20},
    ]
    b = body(seats=100, women=25, as_of=date(2020, 1, 1), history=history)
    assert one(run_rule("trend", [b])).status == "fail"  # 30 → 10 in 2010
    f = one(run_rule("trend", [b], since="2010-01-01"))
    assert (f.status, f.message) == (
        "pass",
        "no fall from 2010-01-01 to 2020-01-01: 10.0 % → 20.0 %; 20.0 % → 25.0 %",
    )
    f = one(run_rule("trend", [b], compare="latest-two"))
    assert f.message == "no fall from 2015-01-01 to 2020-01-01: 20.0 % → 25.0 %"
