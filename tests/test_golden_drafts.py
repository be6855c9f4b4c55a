"""The reports on drafts, pinned byte for byte as files a person can read.

Every format of ``wpscheck check`` on the retention fixtures (against the S/RES/2531
(2020) pack) and on the draft fixtures (against the shipped text packs), and ``wpscheck
diff`` (text and JSON) of the 2531 annex against three fixture drafts. The files are in
``tests/data/golden/drafts/``; after a deliberate change, rewrite them with
``python -m tests.test_golden_drafts`` and review the diff.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from wpscheck.api import render
from wpscheck.cli import main
from wpscheck.engine import check
from wpscheck.loading import load_inputs, load_pack, shipped_packs
from wpscheck.models import RulePack

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "golden" / "drafts"
TODAY = date(2021, 5, 1)
BASELINE = "rules/baselines/S-RES-2531-2020-wps-annex.txt"
FORMATS = ("json", "html", "text", "markdown")
SUFFIX = {"text": "txt", "markdown": "md"}
DIFFS = ("softened", "split-merged", "modified")


def _text_packs() -> list[RulePack]:
    return [p for p in shipped_packs() if any(r.check in ("retain", "require") for r in p.rules)]


def reports() -> dict[str, str]:
    """Every golden check report, by file name (run from the repository's root)."""
    out: dict[str, str] = {}
    runs = {
        "retention": (["fixtures/retention"], [load_pack("rules/resolution-2531-wps.toml")]),
        "drafts": (["fixtures/drafts"], _text_packs()),
    }
    for name, (inputs, packs) in runs.items():
        report = check(load_inputs(inputs), packs, today=TODAY)
        for fmt in FORMATS:
            out[f"{name}.{SUFFIX.get(fmt, fmt)}"] = render(report, fmt)
    return out


def diffs() -> dict[str, str]:
    """Every golden ``wpscheck diff`` output, by file name."""
    import contextlib
    import io

    out: dict[str, str] = {}
    for draft in DIFFS:
        for fmt, suffix in (("text", "txt"), ("json", "json")):
            buf = io.StringIO()
            argv = ["diff", BASELINE, f"fixtures/retention/{draft}.txt", "--format", fmt]
            with contextlib.redirect_stdout(buf):
                main([*argv, "--color", "never"] if fmt == "text" else argv)
            out[f"diff-{draft}.{suffix}"] = buf.getvalue()
    return out


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)


def test_check_reports_are_the_golden_bytes() -> None:
    got = reports()
    assert len(got) == 2 * len(FORMATS)
    for file, text in got.items():
        assert text == (GOLDEN / file).read_text(encoding="utf-8"), file


def test_diff_outputs_are_the_golden_bytes() -> None:
    for file, text in diffs().items():
        assert text == (GOLDEN / file).read_text(encoding="utf-8"), file


def _regold() -> None:  # pragma: no cover - a maintainer's tool
    import os

    os.chdir(ROOT)
    os.environ.pop("NO_COLOR", None)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for file, text in {**reports(), **diffs()}.items():
        (GOLDEN / file).write_text(text, encoding="utf-8")
    print(f"{GOLDEN.relative_to(ROOT)} rewritten", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    _regold()
