"""Waivers (expiry, stale, errors), the baseline ratchet and the exit policy."""

from __future__ import annotations

import dataclasses
import io
import json
from datetime import date
from pathlib import Path

import pytest

import wpscheck
from tests import samples
from wpscheck.ci.policy import exit_code, exit_reasons
from wpscheck.ci.ratchet import apply_baseline, load_baseline
from wpscheck.ci.waivers import apply_waivers, load_waivers
from wpscheck.cli import main
from wpscheck.engine import resummarise
from wpscheck.errors import WpscheckError

GOV = "ml-transitional-government-2020"
WAIVERS = f"""\
# accepted findings
[[waiver]]
rule = "law-052-sample/appointments-30pct"
subject = "{GOV}"
reason = "Reshuffle announced for May"
expires = 2021-06-30

[[waiver]]
rule = "appointments-30pct"
subject = "ml-agreement-monitoring-committee"
reason = "it used to fail"
"""


def _write(tmp_path: Path, text: str, name: str = "waivers.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_a_valid_waiver_waives_and_an_unused_one_is_stale(tmp_path: Path) -> None:
    waivers = load_waivers(_write(tmp_path, WAIVERS))
    report = apply_waivers(samples.small_report(), waivers, today=date(2021, 6, 30))
    gov = next(f for f in report.findings if f.subject == GOV)
    assert gov.waived == "Reshuffle announced for May"
    assert gov.status == "fail"  # reported, not hidden
    stale = [f for f in report.findings if f.rule_id == "wpscheck/stale-waiver"]
    assert [(f.severity, f.message, f.location.line if f.location else None) for f in stale] == [
        (
            "warning",
            'the waiver for "appointments-30pct" on "ml-agreement-monitoring-committee" '
            "matches no failing finding; remove it",
            8,
        )
    ]
    assert report.summary.waived == 1
    assert exit_code(report, "error") == 0
    assert exit_code(report, "warning") == 1  # the stale waiver is a warning
    assert report.summary.score == samples.small_report().summary.score


def test_an_expired_waiver_is_a_finding_and_no_longer_waives(tmp_path: Path) -> None:
    waivers = load_waivers(_write(tmp_path, WAIVERS))
    report = apply_waivers(samples.small_report(), waivers, today=date(2021, 7, 1))
    gov = next(f for f in report.findings if f.subject == GOV)
    assert gov.waived is None
    expired = [f for f in report.findings if f.rule_id == "wpscheck/expired-waiver"]
    assert len(expired) == 1
    assert expired[0].severity == "error"
    assert expired[0].message == (
        f'the waiver for "law-052-sample/appointments-30pct" on "{GOV}" expired on 2021-06-30; '
        "the finding counts again (reason given: Reshuffle announced for May)"
    )
    assert expired[0].location is not None
    assert expired[0].location.line == 2
    assert exit_reasons(report, "error") == ["2 findings at or above --fail-on error"]
    assert {r.id for r in report.rules} >= {"wpscheck/expired-waiver", "wpscheck/stale-waiver"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[[waiver]]\nrule = "r"\nsubject = "s"\nreason = "x"\nexpire = 2021-01-01\n',
            'waivers.toml:5:1: waiver 1: unknown key "expire" (did you mean "expires"?)',
        ),
        (
            '[[waiver]]\nrule = "r"\nsubject = "s"\n',
            'waivers.toml:1:1: waiver 1: "reason" is required but missing',
        ),
        (
            '[[waiver]]\nrule = "r"\nsubject = "s"\nreason = "x"\nexpires = "soon"\n',
            'waivers.toml:5:1: waiver 1: "expires" expected a date (YYYY-MM-DD), got "soon"',
        ),
        (
            '[waivers]\nrule = "r"\n',
            'waivers.toml:1:2: unknown top-level key "waivers" (did you mean "waiver"?); a '
            "waivers file holds [[waiver]] tables with rule, subject, reason and optionally "
            "ref and expires",
        ),
        (
            '[[waiver]]\nrule = "r\n',
            "waivers.toml:2:10: invalid TOML: the line ends inside a string (a closing quote "
            'is missing)\n    rule = "r\n             ^',
        ),
    ],
)
def test_bad_waiver_files_say_where_and_what(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, text)
    with pytest.raises(WpscheckError) as exc:
        load_waivers("waivers.toml")
    assert str(exc.value) == message


def test_baseline_marks_new_worse_and_unchanged(tmp_path: Path) -> None:
    report = samples.draft_report()
    prev = tmp_path / "prev.json"
    prev.write_text(wpscheck.render(report, "json"), encoding="utf-8")
    # Now: OP4 got worse (lower score), OP8 unchanged, a new failure appears on OP45bis.
    changed = []
    for f in report.findings:
        if f.subject.endswith("#OP4"):
            f = dataclasses.replace(f, score=0.25)
        if f.subject.endswith("#OP45bis"):
            f = dataclasses.replace(f, status="fail", classification="modified", score=0.8)
        changed.append(f)
    now = apply_baseline(resummarise(report, changed), load_baseline(prev))
    marks = {f.subject.rsplit("#", 1)[-1]: f.baseline for f in now.findings}
    assert marks == {
        "OP3": "unchanged",
        "OP4": "worse",
        samples.DRAFT: "unchanged",
        "OP45": "unchanged",
        "OP45bis": "new",
        "OP8": "unchanged",
    }
    assert now.summary.in_baseline == 4
    # OP4 (worse, an error) fails the run; OP45bis (new) is only a warning.
    assert exit_reasons(now, "error") == ["1 finding at or above --fail-on error"]
    assert exit_reasons(now, "warning") == ["2 findings at or above --fail-on warning"]


def test_baseline_worse_status_counts(tmp_path: Path) -> None:
    report = samples.small_report()
    prev = tmp_path / "prev.json"
    prev.write_text(wpscheck.render(report, "json"), encoding="utf-8")
    crashed = [dataclasses.replace(report.findings[0], status="error"), report.findings[1]]
    now = apply_baseline(resummarise(report, crashed), load_baseline(prev))
    assert now.findings[0].baseline == "worse"
    assert exit_code(now, "error") == 1
    same = apply_baseline(report, load_baseline(prev))
    assert same.findings[0].baseline == "unchanged"
    assert same.findings[1].baseline is None
    assert exit_code(same, "error") == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "prev.json:1:2: the baseline is not JSON (Expecting property name enclosed"),
        ("[]", 'prev.json: not a wpscheck JSON report (expected an object with a "findings"'),
        (
            '{"findings": [{"rule": "r", "pack": "p", "subject": 3, "status": "fail"}]}',
            "prev.json: findings[0].subject: expected text, got 3",
        ),
    ],
)
def test_bad_baselines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "prev.json").write_text(text, encoding="utf-8")
    with pytest.raises(WpscheckError) as exc:
        load_baseline("prev.json")
    assert str(exc.value).startswith(message)


def test_cli_exit_policy(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(samples.ROOT)
    assert main(["check", *samples.SMALL_ARGS]) == 1
    assert capsys.readouterr().err == ""
    assert main(["check", *samples.SMALL_ARGS, "--fail-on", "never"]) == 0
    assert main(["check", *samples.SMALL_ARGS, "--fail-on", "never", "--min-score", "0.7"]) == 0
    assert main(["check", *samples.SMALL_ARGS, "--fail-on", "never", "--min-score", "0.8"]) == 1
    assert capsys.readouterr().err.endswith(
        "wpscheck: exit 1: score 0.77 is below --min-score 0.8\n"
    )
    waivers = _write(tmp_path, WAIVERS.replace("2021-06-30", "2999-12-31"))
    assert main(["check", *samples.SMALL_ARGS, "--waivers", str(waivers)]) == 0
    prev = tmp_path / "prev.json"
    assert main(["check", *samples.SMALL_ARGS, "--format", "json", "-o", str(prev)]) == 1
    assert main(["check", *samples.SMALL_ARGS, "--baseline", str(prev)]) == 0
    out = capsys.readouterr().out
    assert "in the baseline, and no worse: does not fail the run" in out
    assert main(["check", *samples.SMALL_ARGS, "--baseline", str(prev), "-o", str(prev)]) == 2
    assert "refusing to write over an input file" in capsys.readouterr().err


def test_min_score_must_be_a_score(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", *samples.SMALL_ARGS, "--min-score", "80%"])
    assert exc.value.code == 2
    assert capsys.readouterr().err == (
        'error: wpscheck check: --min-score: "80%" is not a number: give a score between 0 and '
        "1, e.g. 0.8; see `wpscheck check --help`\n"
    )


def test_text_colour_only_on_a_terminal_and_never_with_no_color(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(samples.ROOT)

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    def run(env: dict[str, str], *args: str) -> str:
        for k in ("NO_COLOR",):
            monkeypatch.delenv(k, raising=False)
        for k, v in env.items():
            monkeypatch.setenv(k, v)
        out = Tty()
        monkeypatch.setattr("sys.stdout", out)
        main(["check", *samples.SMALL_ARGS, *args])
        return out.getvalue()

    assert "\033[" in run({})
    assert "\033[" not in run({"NO_COLOR": "1"})
    assert "\033[" in run({"NO_COLOR": "1"}, "--color", "always")
    assert "\033[" not in run({}, "--color", "never")
    plain = run({"NO_COLOR": "1"})
    assert plain.splitlines()[:4] == [
        "Verdict",
        "  Of 2 bodies checked against the 30 % minimum of Mali, Law No. 2015-052, 1 meets it "
        "and 1 falls short. (score 0.77)",
        "",
        "tests/data/reports/bodies.toml",
    ]


def test_json_report_round_trips_waived_and_baseline(tmp_path: Path) -> None:
    report = apply_waivers(
        samples.small_report(), load_waivers(_write(tmp_path, WAIVERS)), today=date(2021, 6, 1)
    )
    data = json.loads(wpscheck.render(report, "json"))
    assert data["summary"]["waived"] == 1
    assert data["findings"][0]["waived"] == "Reshuffle announced for May"
    first = next(iter(data["rules"]))
    assert first == data["rules"][first]["id"] == "law-052-sample/appointments-30pct"
