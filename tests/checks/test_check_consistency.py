"""``consistency``: possible counts, dates, sources and printed shares."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

import pytest

from tests.helpers import TODAY, body, one, run_rule
from wpscheck.checks.consistency import parse_printed, printed_agrees


@pytest.mark.parametrize(
    ("women", "seats", "printed", "agrees"),
    [
        (41, 147, "27 percent", False),  # 27.9 % prints as 28
        (41, 147, "27.9 percent", True),
        (41, 147, "28 percent", True),
        (32, 121, "26.4 percent", True),  # 26.45 % to one decimal
        (4, 25, "16 percent", True),
        (9, 29, "31 percent", True),
        (5, 25, "20 percent", True),
        (4, 70, "5.7 percent", True),
        (1, 38, "2.6 percent", True),
        (1, 20, "5 percent", True),
        (1, 8, "12.5 %", True),
        (1, 8, "13 %", True),  # 12.5 is half-way: either rounding is accepted
        (1, 8, "12 %", True),
        (1, 8, "12.4 %", False),
        (290, 725, "40 per cent", True),
        (290, 725, "40,0 %", True),
    ],
)
def test_printed_share_at_its_precision(women: int, seats: int, printed: str, agrees: bool) -> None:
    f = one(
        run_rule(
            "consistency",
            [body(seats=seats, women=women, stated_share=printed)],
            aspects=["stated-share"],
        )
    )
    assert f.status == ("pass" if agrees else "fail")


def test_the_national_assembly_warning() -> None:
    b = body("na", seats=147, women=41, stated_share="27 percent")
    f = one(run_rule("consistency", [b], aspects="stated-share", severity="warning"))
    assert (f.status, f.severity) == ("fail", "warning")
    assert f.message == 'printed "27 percent", but 41 of 147 is 27.9 %, which prints as 28 percent'
    assert f.expected == {"stated_share": "28 percent"}
    assert f.observed == {
        "aspects": ["stated-share"],
        "stated_share": "27 percent",
        "women": 41,
        "seats": 147,
        "computed_percent": 27.8912,
    }
    assert f.location is not None
    assert f.location.data_path == "bodies[0].stated_share"


def test_printed_share_of_a_share_only_body() -> None:
    f = one(
        run_rule(
            "consistency", [body(share="1.4%", stated_share="1.4 percent")], aspects="stated-share"
        )
    )
    assert f.status == "pass"
    f = one(
        run_rule(
            "consistency", [body(share="1.4%", stated_share="14 percent")], aspects="stated-share"
        )
    )
    assert f.status == "fail"


def test_unreadable_printed_share() -> None:
    f = one(
        run_rule(
            "consistency",
            [body(seats=4, women=1, stated_share="a quarter")],
            aspects="stated-share",
        )
    )
    assert f.status == "fail"
    assert f.message == (
        'printed share "a quarter" is not a percentage such as "27 percent" or "26.4 %"'
    )


def test_no_printed_share_gives_no_finding() -> None:
    assert run_rule("consistency", [body(seats=4, women=1)], aspects="stated-share") == []


@pytest.mark.parametrize(
    ("kw", "message", "data_path"),
    [
        ({"seats": 20, "women": 21}, "women (21) exceed seats (20)", "bodies[0].women"),
        ({"seats": -1}, "seats (-1) are negative", "bodies[0].seats"),
        ({"seats": 5, "women": -2}, "women (-2) are negative", "bodies[0].women"),
        (
            {"seats": 5, "women": 2, "history": [{"as_of": "2020-01-01", "seats": 5, "women": 7}]},
            "women (7) exceed seats (5) in history[0]",
            "bodies[0].history[0].women",
        ),
        (
            {"seats": 1, "members": [{"name": "a"}, {"name": "b"}]},
            "2 members listed for 1 seats",
            "bodies[0].members",
        ),
    ],
)
def test_impossible_counts(kw: dict[str, Any], message: str, data_path: str) -> None:
    f = one(run_rule("consistency", [body(**kw)], aspects=["counts"]))
    assert (f.status, f.message) == ("fail", message)
    assert f.location is not None
    assert f.location.data_path == data_path


def test_possible_counts_pass() -> None:
    f = one(run_rule("consistency", [body(seats=20, women=20)], aspects=["counts"]))
    assert (f.status, f.score, f.message) == ("pass", 1.0, "counts are possible")


def test_dates() -> None:
    f = one(run_rule("consistency", [body(as_of=date(2021, 4, 29))], aspects=["dates"]))
    assert f.status == "pass"
    f = one(run_rule("consistency", [body(as_of=date(2021, 6, 1))], aspects=["dates"]))
    assert f.status == "fail"
    assert f.message == f"bodies[0] is dated 2021-06-01, after today ({TODAY.isoformat()})"
    late = body(as_of=date(2020, 1, 1), history=[{"as_of": "2020-06-01", "women": 1}])
    f = one(run_rule("consistency", [late], aspects=["dates"]))
    assert f.message == ("history[0] is dated 2020-06-01, after the body's own as_of (2020-01-01)")
    assert run_rule("consistency", [body()], aspects=["dates"]) == []


def test_future_snapshot_date() -> None:
    f = one(run_rule("consistency", [body()], aspects=["dates"], snapshot_dates=[date(2030, 1, 1)]))
    assert f.message == "the snapshot is dated 2030-01-01, after today (2021-05-01)"


def test_sources() -> None:
    f = one(run_rule("consistency", [body(seats=3, women=1, source=None)], aspects=["source"]))
    assert f.status == "fail"
    assert f.message == (
        "no source for its figures: say where the figures come from "
        "(a document and the place in it)"
    )
    f = one(run_rule("consistency", [body(seats=3, women=1)], aspects=["source"]))
    assert (f.status, f.message) == ("pass", "figures are sourced: test")
    # A body with no figures needs no source.
    assert run_rule("consistency", [body(source=None)], aspects=["source"]) == []


def test_all_aspects_by_default() -> None:
    b = body(seats=25, women=4, stated_share="16 percent", as_of=date(2020, 10, 5))
    f = one(run_rule("consistency", [b]))
    assert f.observed["aspects"] == ["counts", "dates", "source", "stated-share"]
    assert f.message == (
        "counts are possible; no date is in the future; figures are sourced: test; printed "
        '"16 percent" agrees with 4 of 25 (16.0 %)'
    )


def test_one_finding_lists_every_problem() -> None:
    b = body(seats=20, women=21, as_of=date(2022, 1, 1), source=None)
    f = one(run_rule("consistency", [b], aspects=["counts", "dates", "source"]))
    assert f.status == "fail"
    assert f.message == (
        "women (21) exceed seats (20); bodies[0] is dated 2022-01-01, after today "
        "(2021-05-01); no source for its figures: say where the figures come from "
        "(a document and the place in it)"
    )
    assert f.location is not None
    assert f.location.data_path == "bodies[0].women"


def test_parse_printed() -> None:
    assert parse_printed("26.4 percent") == (Fraction(264, 10), 1)
    assert parse_printed("5 %") == (Fraction(5), 0)
    assert parse_printed("about five") is None
    assert printed_agrees(Fraction(2789, 100), Fraction(28), 0)
    assert not printed_agrees(Fraction(2789, 100), Fraction(27), 0)


def test_a_source_that_rounds_twice() -> None:
    from tests.helpers import body, one, run_rule

    b = body(seats=100000, women=50549, stated_share="50.6 %")
    f = one(run_rule("consistency", [b], aspects=["stated-share"]))
    assert f.status == "fail"
    assert f.message.endswith(
        'printed "50.6 %", but 50549 of 100000 is 50.5 %, which prints as 50.5 percent'
    )
    f = one(run_rule("consistency", [b], aspects=["stated-share"], rounding="double"))
    assert (f.status, f.message) == (
        "pass",
        'printed "50.6 %" agrees with 50549 of 100000 (50.5 %) (rounded twice, as the source does)',
    )
    f = one(run_rule("consistency", [b], aspects=["stated-share"], printed_tolerance="0.1%"))
    assert f.message.endswith("(within the declared 0.1 point tolerance)")
