"""docs/retention.md stays true to the code: every diff option and retain parameter."""

from __future__ import annotations

import argparse
from pathlib import Path

from wpscheck.checks.retain import RetainParams
from wpscheck.cli import build_parser

DOC = (Path(__file__).resolve().parents[1] / "docs" / "retention.md").read_text("utf-8")


def test_every_diff_option_is_documented() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    diff = sub.choices["diff"]
    options = [o for a in diff._actions for o in a.option_strings if o.startswith("--")]
    assert options
    for option in options:
        if option != "--help":
            assert f"`{option}" in DOC, option


def test_every_retain_parameter_is_documented() -> None:
    documented = {
        "ref",
        "text",
        "section",
        "key_terms",
        "exact_terms",
        "applies_if_mentions",
        "not_for_kinds",
    }
    defaults = {"retained_at", "dropped_below"}
    assert set(RetainParams.model_fields) == documented | defaults | {"baseline"}
    for name in documented | defaults:
        assert f"{name}" in DOC, name
