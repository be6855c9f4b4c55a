"""JUnit XML, GitHub annotations and Markdown: exact output a CI system reads."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

import wpscheck
from tests import samples
from wpscheck.ci.waivers import Waiver, apply_waivers
from wpscheck.formatters.github import escape_data, escape_property
from wpscheck.formatters.markdown import cell
from wpscheck.models import Finding, Location
from wpscheck.plugin import FailOn, FormatOptions


def _junit(report: wpscheck.Report, fail_on: FailOn = "error") -> ET.Element:
    return ET.fromstring(wpscheck.render(report, "junit", options=FormatOptions(fail_on=fail_on)))


def test_junit_one_suite_per_pack_one_case_per_rule_and_subject() -> None:
    root = _junit(samples.small_report())
    assert root.tag == "testsuites"
    assert root.attrib["tests"] == "2"
    assert root.attrib["failures"] == "1"
    (suite,) = root.findall("testsuite")
    assert suite.attrib["name"] == "law-052-sample"
    cases = suite.findall("testcase")
    assert [(c.attrib["classname"], c.attrib["name"]) for c in cases] == [
        (
            "law-052-sample.appointments-30pct",
            "Transitional government [ml-transitional-government-2020]",
        ),
        (
            "law-052-sample.appointments-30pct",
            "Agreement Monitoring Committee (CSA), national members "
            "[ml-agreement-monitoring-committee]",
        ),
    ]
    failure = cases[0].find("failure")
    assert failure is not None
    assert failure.attrib["type"] == "error:quota"
    assert failure.attrib["message"] == (
        "Appointed bodies: neither sex below 30 %: 4 of 25 women (16.0 %) — below the 30 % "
        "minimum; 4 more women needed (8 of 25)"
    )
    assert cases[0].attrib["file"] == "tests/data/reports/bodies.toml"
    assert cases[0].attrib["line"] == "8"
    assert list(cases[1]) == []


def test_junit_warnings_fail_only_when_asked() -> None:
    report = samples.draft_report()
    default = _junit(report)
    # OP3 modified is a warning: it passes, with the message kept in system-out.
    assert default.attrib["failures"] == "4"  # weakened x2, dropped, require
    strict = _junit(report, fail_on="warning")
    assert strict.attrib["failures"] == "5"
    op3 = next(
        c for c in default.iter("testcase") if c.attrib["name"].startswith("S/RES/2531 (2020) OP3 ")
    )
    out = op3.find("system-out")
    assert out is not None
    assert out.text is not None
    assert out.text.startswith("warning: OP3: modified as OP3")


def test_junit_errors_waived_and_not_applicable() -> None:
    base = samples.small_report()
    crashed = dataclasses.replace(base.findings[1], status="error", message="boom & <bang>")
    na = dataclasses.replace(base.findings[1], status="not-applicable", message="no figures")
    from wpscheck.engine import resummarise

    report = apply_waivers(
        resummarise(base, [base.findings[0], crashed, na]),
        [Waiver(rule="appointments-30pct", subject="ml-transitional-*", reason="reshuffle")],
        today=date(2021, 5, 1),
    )
    root = _junit(report)
    suites = {s.attrib["name"]: s for s in root.findall("testsuite")}
    cases = suites["law-052-sample"].findall("testcase")
    skipped = cases[0].find("skipped")
    assert skipped is not None
    assert skipped.attrib["message"] == "waived: reshuffle"
    error = cases[1].find("error")
    assert error is not None
    assert error.attrib["message"] == "boom & <bang>"
    na_skip = cases[2].find("skipped")
    assert na_skip is not None
    assert na_skip.attrib["message"] == "not applicable: no figures"
    assert suites["law-052-sample"].attrib["errors"] == "1"
    assert suites["law-052-sample"].attrib["skipped"] == "2"
    assert suites["law-052-sample"].attrib["failures"] == "0"


@settings(max_examples=80, deadline=None)
@given(st.text())
def test_junit_is_valid_xml_whatever_the_message(text: str) -> None:
    f = Finding(
        rule="r1",
        pack="p1",
        subject=text or "s",
        status="fail",
        severity="error",
        score=0.0,
        message=text,
        subject_name=text,
        location=Location(path="a b&c.toml", line=3),
    )
    from wpscheck.engine import make_report

    xml = wpscheck.render(make_report([f], [], subjects=1, inputs=[]), "junit")
    root = ET.fromstring(xml)
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None


def test_github_annotations_exact() -> None:
    out = wpscheck.render(samples.small_report(), "github")
    assert out == (
        "::error file=tests/data/reports/bodies.toml,line=8,"
        "title=law-052-sample/appointments-30pct · Transitional government::"
        "4 of 25 women (16.0 %25) — below the 30 %25 minimum; 4 more women needed (8 of 25)"
        "%0AAppoint enough members of the under-represented sex to reach 30 %25.\n"
        "wpscheck: 2 findings on 2 subjects, 1 annotated, score 0.77\n"
    )


def test_github_levels_and_columns_for_a_draft() -> None:
    lines = wpscheck.render(samples.draft_report(), "github").splitlines()
    assert lines[0].startswith(
        "::warning file=fixtures/drafts/minusma-2021-weakened.txt,line=12,col=1,"
    )
    assert lines[1].startswith(
        "::error file=fixtures/drafts/minusma-2021-weakened.txt,line=21,col=1,"
    )
    assert "title=wps-mandates/retain-2531 · S/RES/2531 (2020) OP4 OP5::" in lines[1]
    assert len(lines) == 6  # five failures and the summary


def test_github_escaping() -> None:
    assert escape_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_github_escaping_round_trips(text: str) -> None:
    escaped = escape_property(text)
    assert "\n" not in escaped
    assert "\r" not in escaped
    assert "," not in escaped
    back = (
        escaped.replace("%2C", ",")
        .replace("%3A", ":")
        .replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%25", "%")
    )
    assert back == text


def test_markdown_summary_table() -> None:
    md = wpscheck.render(samples.small_report(), "markdown")
    assert md.startswith(
        "## ❌ wpscheck — 1 finding to act on\n\n"
        "- Of 2 bodies checked against the 30 % minimum of Mali, Law No. 2015-052, 1 meets it "
        "and 1 falls short. (score 0.77)\n\n"
        "2 findings on 2 subjects: **1** failed · 1 passed · overall score 0.77\n"
    )
    assert (
        "| ❌ failed | `law-052-sample/appointments-30pct` | Transitional government | "
        "`tests/data/reports/bodies.toml:8` | 4 of 25 women (16.0 %) — below the 30 % minimum; "
        "4 more women needed (8 of 25) — Appoint enough members of the under-represented sex "
        "to reach 30 %. |"
    ) in md
    assert "<details>\n<summary>Passed (1)</summary>" in md


def test_markdown_caps_rows_and_escapes() -> None:
    md = wpscheck.render(
        samples.draft_report(), "markdown", options=FormatOptions(extra={"max_rows": 2})
    )
    assert "| | | | | … and 2 more (see the full report) |" in md
    f = dataclasses.replace(samples.small_report().findings[0], message="a <b>|c</b>\nd")
    from wpscheck.engine import make_report

    md = wpscheck.render(make_report([f], [], subjects=1, inputs=[]), "markdown")
    assert "| a \\<b\\>\\|c\\</b\\> d — Appoint" in md


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_markdown_cell_never_breaks_a_table_row(text: str) -> None:
    out = cell(text)
    assert "\n" not in out
    assert "\r" not in out
    # every pipe is escaped
    assert out.replace("\\\\", "").replace("\\|", "").count("|") == 0
