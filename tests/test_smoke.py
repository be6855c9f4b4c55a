"""The whole path, snapshot file to scored findings, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wpscheck.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip().startswith("wpscheck ")


def test_check_mali_json(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    code = main(["check", "fixtures/mali/bodies-2021.toml", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    gov = next(
        f
        for f in data["findings"]
        if f["subject"] == "ml-transitional-government-2020" and f["check"] == "quota"
    )
    assert gov["status"] == "fail"
    assert gov["observed"]["share"] == 0.16
    assert gov["expected"]["needed"] == 4
