"""The JSON report, version 2: passes counted, not listed (unless --all); rule-level text
stated once, in a ``rules`` table keyed by qualified id; the schema true of real reports."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import RunCli
from wpscheck.models import Report

ROOT = Path(__file__).resolve().parent.parent
MALI = "fixtures/mali/"
DRAFTS = "fixtures/drafts/"


def _json(run_cli: RunCli, *args: str) -> tuple[int, dict[str, Any], str]:
    r = run_cli("check", *args, "--format", "json")
    return r.code, json.loads(r.out), r.out


def test_passes_are_counted_not_listed_and_all_lists_them(run_cli: RunCli) -> None:
    code, short, _ = _json(run_cli, MALI)
    code_all, every, _ = _json(run_cli, MALI, "--all")
    code_v, verbose, _ = _json(run_cli, MALI, "-v")
    assert (short["format"], short["version"]) == ("wpscheck-report", 2)
    assert short["passes_listed"] is False
    assert every["passes_listed"] is True
    assert verbose == every
    assert [f["status"] for f in short["findings"]] == ["fail"] * 14
    assert Counter(f["status"] for f in every["findings"]) == {"pass": 30, "fail": 14}
    # The same non-pass findings in the same order; the summary, score and exit unchanged.
    assert [f for f in every["findings"] if f["status"] != "pass"] == short["findings"]
    assert short["summary"] == every["summary"]
    assert short["summary"]["score"] == 0.8068
    assert short["summary"]["findings"] == 44
    assert short["summary"]["by_status"] == {
        "pass": 30,
        "fail": 14,
        "not-applicable": 0,
        "error": 0,
    }
    assert code == code_all == code_v == 1


def test_summary_counts_every_rule_and_pack(run_cli: RunCli) -> None:
    _, every, _ = _json(run_cli, MALI, "--all")
    s = every["summary"]
    assert s["by_rule"]["mali-law-052/appointments-30pct"] == {
        "pass": 1,
        "fail": 9,
        "not-applicable": 0,
        "error": 0,
    }
    # A rule that selected nothing is counted with zeros.
    assert sum(s["by_rule"]["mali-law-052/lists-70pct-art2"].values()) == 0
    packs = {p["id"]: p["by_status"] for p in s["packs"]}
    assert packs["mali-law-052"] == {"pass": 1, "fail": 10, "not-applicable": 0, "error": 0}
    assert packs["data-integrity"]["pass"] == 28
    # Every count is what the full listing says.
    by_rule: Counter[tuple[str, str]] = Counter()
    by_pack: Counter[tuple[str, str]] = Counter()
    for f in every["findings"]:
        by_rule[(f"{f['pack']}/{f['rule']}", f["status"])] += 1
        by_pack[(f["pack"], f["status"])] += 1
    for rid, counts in s["by_rule"].items():
        assert counts == {k: by_rule[(rid, k)] for k in counts}, rid
    for p in s["packs"]:
        assert p["by_status"] == {k: by_pack[(p["id"], k)] for k in p["by_status"]}
        assert p["findings"] == sum(p["by_status"].values())
    assert list(s["by_rule"]) == list(every["rules"])


def test_rule_text_is_stated_once(run_cli: RunCli) -> None:
    _, data, text = _json(run_cli, MALI, DRAFTS)
    rules = data["rules"]
    assert all(rid == r["id"] == f"{r['pack']}/{r['rule']}" for rid, r in rules.items())
    law = rules["mali-law-052/appointments-30pct"]
    assert law["references"][0].startswith("Law No. 2015-052")
    assert text.count(json.dumps(law["references"][0], ensure_ascii=False)) == 1
    for f in data["findings"]:
        rule = rules[f"{f['pack']}/{f['rule']}"]
        assert f.get("references", rule["references"]) is not None
        if "references" in f:
            assert f["references"] != rule["references"]
        if "recommendation" in f:
            assert f["recommendation"] != rule["recommendation"]


def test_a_written_report_reads_back_to_the_same_bytes(run_cli: RunCli) -> None:
    for extra in ((), ("--all",)):
        _, data, text = _json(run_cli, MALI, DRAFTS, *extra)
        back = Report.model_validate(data)
        assert back.model_dump_json(indent=2) + "\n" == text
        law = next(f for f in back.findings if f.rule == "appointments-30pct")
        assert law.references[0].startswith("Law No. 2015-052")


@pytest.fixture(scope="module")
def report_schema() -> dict[str, Any]:
    from wpscheck.schema import schema

    return schema("report")


@pytest.mark.parametrize("extra", [(), ("--all",)])
def test_real_reports_validate_against_the_schema(
    run_cli: RunCli, report_schema: dict[str, Any], extra: tuple[str, ...]
) -> None:
    _, data, _ = _json(run_cli, MALI, DRAFTS, "fixtures/lists/", *extra)
    jsonschema.Draft202012Validator(report_schema).validate(data)
    # The schema is not vacuous: version 1's rules (a list) or another format fail.
    validator = jsonschema.Draft202012Validator(report_schema)
    assert not validator.is_valid({**data, "rules": list(data["rules"].values())})
    assert not validator.is_valid({**data, "version": 1})
    assert not validator.is_valid({**data, "format": "sarif"})


def test_a_version_2_report_is_a_baseline(run_cli: RunCli, tmp_path: Path) -> None:
    base = tmp_path / "base.json"
    assert run_cli("check", MALI, "--format", "json", "-o", str(base)).code == 1
    code, data, _ = _json(run_cli, MALI, "--baseline", str(base))
    assert code == 0
    assert data["summary"]["in_baseline"] == 14
    assert {f["baseline"] for f in data["findings"]} == {"unchanged"}
