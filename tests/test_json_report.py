"""The JSON report: the fast conversion of findings gives exactly what pydantic gives."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter

from tests.property.strategies import any_bodies
from wpscheck.api import render
from wpscheck.engine import check, without_passes
from wpscheck.formatters.json import report_to_data
from wpscheck.loading import load_inputs, shipped_packs
from wpscheck.models import Body, Report, Snapshot
from wpscheck.plugin import FormatOptions

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2021, 5, 1)
PACKS = shipped_packs()


def _pydantic(report: Report, *, passes: bool = False) -> object:
    """What pydantic writes of the report as the JSON format lists it (passes with --all)."""
    return TypeAdapter(Report).dump_python(
        report if passes else without_passes(report), mode="json"
    )


def test_mali_report_equals_pydantic_dump() -> None:
    report = check(load_inputs([ROOT / "fixtures" / "mali"]), PACKS, today=TODAY)
    assert report_to_data(report) == _pydantic(report)
    assert json.loads(render(report, "json")) == _pydantic(report)
    every = FormatOptions(verbose=True)
    assert json.loads(render(report, "json", options=every)) == _pydantic(report, passes=True)


@given(st.lists(any_bodies, min_size=1, max_size=5, unique_by=lambda b: b.id))
def test_generated_reports_equal_pydantic_dump(bodies: list[Body]) -> None:
    report = check([Snapshot(bodies=tuple(bodies), path="s.toml")], PACKS, today=TODAY)
    assert json.loads(render(report, "json")) == _pydantic(report)


def test_draft_report_equals_pydantic_dump() -> None:
    drafts = ROOT / "fixtures" / "drafts"
    report = check(load_inputs([drafts]), PACKS, today=TODAY)
    assert report.findings
    assert json.loads(render(report, "json")) == _pydantic(report)


def test_absolute_paths() -> None:
    report = check(load_inputs([ROOT / "fixtures" / "mali"]), PACKS, today=TODAY)
    options = FormatOptions(absolute_paths=True, verbose=True)
    data = json.loads(render(report, "json", options=options))
    paths = {f["location"]["path"] for f in data["findings"] if f["location"]}
    assert paths == {
        (ROOT / "fixtures" / "mali" / name).resolve().as_posix()
        for name in ("bodies-2021.toml", "interim-authorities-2021.csv", "mayors-2020-2021.json")
    }
