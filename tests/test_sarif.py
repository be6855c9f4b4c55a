"""SARIF: valid against the official 2.1.0 schema; stable fingerprints; exact results."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import wpscheck
from tests import samples
from wpscheck.ci.ratchet import apply_baseline, load_baseline
from wpscheck.ci.waivers import Waiver, apply_waivers
from wpscheck.formatters.sarif import fingerprint, to_sarif
from wpscheck.plugin import FormatOptions

SCHEMA = samples.ROOT / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> Any:
    if not SCHEMA.is_file():
        pytest.skip(f"the official SARIF schema is not at {SCHEMA} (../shared is absent)")
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def _validate(validator: Any, log: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_mali_sarif_validates_against_the_official_schema(validator: Any) -> None:
    _validate(validator, to_sarif(samples.small_report()))
    log = to_sarif(samples.mali_report(), FormatOptions(verbose=True))
    _validate(validator, log)
    results = log["runs"][0]["results"]
    assert {r["level"] for r in results} >= {"error", "warning", "none"}
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "fixtures/mali/bodies-2021.toml" in uris


def test_real_draft_sarif_validates_and_points_at_paragraphs(validator: Any) -> None:
    log = to_sarif(samples.softened_report())
    _validate(validator, log)
    results = log["runs"][0]["results"]
    assert len(results) == 3
    for r in results:
        region = r["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] > 1
        assert r["locations"][0]["logicalLocations"][0]["kind"] == "member"


def test_draft_sarif_with_passes_waivers_and_baseline_validates(
    validator: Any, tmp_path: Path
) -> None:
    report = samples.draft_report()
    waived = apply_waivers(
        report,
        [Waiver(rule="retain-2531", subject="*#OP3", reason="agreed in the room", line=1)],
        today=date(2021, 5, 1),
    )
    prev = tmp_path / "prev.json"
    prev.write_text(wpscheck.render(report, "json"), encoding="utf-8")
    both = apply_baseline(waived, load_baseline(prev))
    _validate(validator, to_sarif(both, FormatOptions(verbose=True)))


def test_body_result_points_at_its_record_with_exact_fields() -> None:
    log = to_sarif(samples.small_report())
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["law-052-sample/appointments-30pct"]
    assert rules[0]["shortDescription"] == {"text": "Appointed bodies: neither sex below 30 %"}
    assert rules[0]["defaultConfiguration"] == {"level": "error"}
    assert "Law No. 2015-052 of 18 December 2015, art. 1" in rules[0]["help"]["markdown"]
    # Only the failure is a result; the passing CSA is left out.
    assert len(run["results"]) == 1
    result = run["results"][0]
    assert result["ruleId"] == "law-052-sample/appointments-30pct"
    assert result["ruleIndex"] == 0
    assert result["level"] == "error"
    assert result["message"]["text"] == (
        "Transitional government: 4 of 25 women (16.0 %) — below the 30 % minimum; "
        "4 more women needed (8 of 25). Recommendation: Appoint enough members of the "
        "under-represented sex to reach 30 %."
    )
    phys = result["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"] == {
        "uri": "tests/data/reports/bodies.toml",
        "uriBaseId": "%SRCROOT%",
    }
    assert phys["region"] == {"startLine": 8, "startColumn": 1}


def test_draft_results_point_at_the_paragraph_and_mark_waived_and_baseline() -> None:
    report = apply_waivers(
        samples.draft_report(),
        [Waiver(rule="wps-mandates/retain-2531", subject="*#OP3", reason="agreed", line=3)],
        today=date(2021, 5, 1),
    )
    results = to_sarif(report)["runs"][0]["results"]
    by_subject = {r["properties"]["subject"]: r for r in results}
    op4 = by_subject[f"{samples.DRAFT}#OP4"]
    assert op4["locations"][0]["physicalLocation"]["region"] == {"startLine": 21, "startColumn": 1}
    assert op4["locations"][0]["logicalLocations"][0]["name"] == "OP5"
    assert op4["properties"]["classification"] == "weakened"
    op3 = by_subject[f"{samples.DRAFT}#OP3"]
    assert op3["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "agreed"}
    ]
    assert op3["level"] == "warning"
    # The retained provision passes: not a result without --verbose.
    assert f"{samples.DRAFT}#OP45bis" not in by_subject
    verbose = to_sarif(report, FormatOptions(verbose=True))["runs"][0]["results"]
    passes = [r for r in verbose if r.get("kind") == "pass"]
    assert [(r["properties"]["subject"], r["level"]) for r in passes] == [
        (f"{samples.DRAFT}#OP45bis", "none")
    ]


def test_fingerprints_survive_lines_added_above_a_body(tmp_path: Path) -> None:
    original = (samples.ROOT / samples.MALI / "bodies-2021.toml").read_text(encoding="utf-8")
    moved = tmp_path / "bodies.toml"
    head, rest = original.split("[[bodies]]", 1)
    padding = "# note\n# note\n\n"
    moved.write_text(head + padding + "[[bodies]]" + rest, encoding="utf-8")
    packs = wpscheck.shipped_packs()

    def results(path: Path) -> dict[tuple[str, str], tuple[str, int]]:
        snap = wpscheck.load_snapshot(path).model_copy(update={"path": "bodies.toml"})
        log = to_sarif(wpscheck.check([snap], packs), FormatOptions(verbose=True))
        return {
            (r["ruleId"], r["properties"]["subject"]): (
                r["partialFingerprints"]["wpscheck/v1"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in log["runs"][0]["results"]
        }

    before = results(samples.ROOT / samples.MALI / "bodies-2021.toml")
    after = results(moved)
    assert before.keys() == after.keys()
    assert len(before) > 20
    for key in before:
        assert before[key][0] == after[key][0]
        assert after[key][1] == before[key][1] + 3


def test_fingerprint_is_rule_subject_and_ref_only() -> None:
    f = samples.draft_findings()[1]
    import dataclasses

    from wpscheck.models import Location

    moved = dataclasses.replace(f, location=Location(path="other.txt", line=99, ref="OP5"))
    assert fingerprint(moved) == fingerprint(f)
    other_ref = dataclasses.replace(f, location=Location(path=samples.DRAFT, line=21, ref="OP6"))
    assert fingerprint(other_ref) != fingerprint(f)


def test_absolute_paths_only_when_asked() -> None:
    report = samples.small_report()
    rel = json.dumps(to_sarif(report))
    assert str(samples.ROOT) not in rel
    absolute = to_sarif(report, FormatOptions(absolute_paths=True))
    uri = absolute["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert uri["artifactLocation"]["uri"].startswith("file:///")
    assert "uriBaseId" not in uri["artifactLocation"]
