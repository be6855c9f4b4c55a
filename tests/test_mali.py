"""The main job: the shipped packs on the shipped Mali fixtures give exactly the expected
findings (the figures of the seed note against Law 052's 30 %, the peace-agreement target
and the data-integrity checks)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from wpscheck.engine import check
from wpscheck.loading import load_inputs, shipped_packs
from wpscheck.models import Finding, Report

ROOT = Path(__file__).resolve().parent.parent
MALI = ROOT / "fixtures" / "mali"
TODAY = date(2021, 5, 1)


@pytest.fixture(scope="module")
def report() -> Report:
    return check(load_inputs([MALI]), shipped_packs(), today=TODAY)


def _find(report: Report, rule: str, subject: str) -> Finding:
    found = [f for f in report.findings if f.rule_id == rule and f.subject == subject]
    assert len(found) == 1, (rule, subject, found)
    return found[0]


LAW_052: list[tuple[str, str, str, float | None, int | None]] = [
    # subject, rule, status, share, needed
    ("ml-transitional-government-2020", "appointments-30pct", "fail", 0.16, 4),
    ("ml-regional-governors", "appointments-30pct", "fail", 0.05, 5),
    ("ml-national-assembly-2020", "elected-30pct", "fail", 0.2789, 4),
    ("ml-national-council-of-the-transition", "appointments-30pct", "fail", 0.2645, 5),
    ("ml-truth-justice-reconciliation-commission", "appointments-30pct", "fail", 0.2, 3),
    ("ml-national-ssr-council", "appointments-30pct", "fail", 0.0571, 17),
    ("ml-national-ddr-commission", "appointments-30pct", "fail", 0.0263, 11),
    ("ml-interim-authorities-regional", "appointments-30pct", "fail", 0.014, None),
    ("ml-interim-authorities-district", "appointments-30pct", "fail", 0.074, None),
    ("ml-interim-authorities-municipal", "appointments-30pct", "fail", 0.242, None),
    ("ml-agreement-monitoring-committee", "appointments-30pct", "pass", 0.3103, 0),
]


@pytest.mark.parametrize(
    ("subject", "rule", "status", "share", "needed"), LAW_052, ids=[r[0] for r in LAW_052]
)
def test_law_052(
    report: Report,
    subject: str,
    rule: str,
    status: str,
    share: float,
    needed: int | None,
) -> None:
    f = _find(report, f"mali-law-052/{rule}", subject)
    assert f.status == status
    assert f.observed["share"] == share
    assert f.expected["min_share"] == 0.3
    assert f.expected["needed"] == needed


def test_law_052_covers_exactly_these_bodies(report: Report) -> None:
    covered = {
        (f.subject, f.rule, f.status)
        for f in report.findings
        if f.pack == "mali-law-052" and f.status != "not-applicable"
    }
    assert covered == {(s, r, st) for s, r, st, _, _ in LAW_052}


def test_messages_say_what_it_takes(report: Report) -> None:
    gov = _find(report, "mali-law-052/appointments-30pct", "ml-transitional-government-2020")
    assert gov.message == (
        "4 of 25 women (16.0 %) — below the 30 % minimum; 4 more women needed (8 of 25)"
    )
    assert gov.score == 0.5333
    assert gov.references[0] == "Law No. 2015-052 of 18 December 2015, art. 1"
    csa = _find(report, "mali-law-052/appointments-30pct", "ml-agreement-monitoring-committee")
    assert csa.message == "9 of 29 women (31.0 %) meets the 30 % minimum"
    assert csa.score == 1.0
    regional = _find(report, "mali-law-052/appointments-30pct", "ml-interim-authorities-regional")
    assert regional.message == (
        "women's share 1.4 % (stated: 1.4 percent) — below the 30 % minimum; "
        "no counts, so the number of women needed is unknown"
    )


PEACE: list[tuple[str, str, int]] = [
    ("ml-agreement-monitoring-committee", "pass", 0),
    ("ml-truth-justice-reconciliation-commission", "fail", 3),
    ("ml-national-ssr-council", "fail", 17),
    ("ml-national-ddr-commission", "fail", 11),
]


def test_peace_agreement_mechanisms(report: Report) -> None:
    got = {
        (f.subject, f.status, f.expected["needed"])
        for f in report.findings
        if f.rule_id == "peace-agreement/mechanisms-30pct"
    }
    assert got == set(PEACE)


def test_data_integrity_warns_only_about_the_national_assembly(report: Report) -> None:
    failing = [f for f in report.findings if f.pack == "data-integrity" and f.status != "pass"]
    assert len(failing) == 1
    (f,) = failing
    assert (f.rule, f.subject, f.severity) == (
        "printed-share",
        "ml-national-assembly-2020",
        "warning",
    )
    assert f.message == 'printed "27 percent", but 41 of 147 is 27.9 %, which prints as 28 percent'
    assert f.location is not None
    assert f.location.path is not None
    assert f.location.path.endswith("fixtures/mali/bodies-2021.toml")
    assert f.location.data_path == "bodies[2].stated_share"
    cnt = _find(report, "data-integrity/printed-share", "ml-national-council-of-the-transition")
    assert cnt.status == "pass"


def test_female_mayors_trend(report: Report) -> None:
    f = _find(report, "data-integrity/no-regression", "ml-female-mayors")
    assert f.status == "pass"
    assert f.message == "no fall from 2020-04-29 to 2021-04-29: 14 → 39 women"
    series: list[dict[str, Any]] = f.observed["series"]
    assert [(p["as_of"], p["women"]) for p in series] == [
        ("2020-04-29", 14),
        ("2021-04-29", 39),
    ]


def test_every_body_cites_the_seed_note() -> None:
    for snap in load_inputs([MALI]):
        for body in getattr(snap, "bodies", ()):
            assert body.source is not None
            assert body.source.startswith("seed note, '"), body.id
            assert "para. " in body.source, body.id


def test_summary(report: Report) -> None:
    s = report.summary
    assert s.subjects == 15
    assert s.by_severity == {"error": 13, "warning": 1, "info": 0}
    assert s.by_status["error"] == 0
