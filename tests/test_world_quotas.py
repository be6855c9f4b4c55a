"""The world quota pack on the IPU table of September 2021 as published (274 chambers),
read with the ipu-monthly profile."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from wpscheck.engine import check
from wpscheck.loading import load_inputs, load_pack

ROOT = Path(__file__).resolve().parents[1]
IPU = ROOT / ".." / "shared" / "data" / "raw" / "ipu-mafaldim" / "women_percent_as_of2021.csv"


def test_the_world_pack_on_the_ipu_table() -> None:
    if not IPU.is_file():
        pytest.skip("needs ../shared (the IPU monthly table as published)")
    subjects = load_inputs([IPU], profile="ipu-monthly")
    pack = load_pack(ROOT / "rules" / "world-quotas.toml")
    assert len({r.applies_to.country for r in pack.rules}) == 22
    start = time.perf_counter()
    report = check(subjects, [pack], unselected=True)
    elapsed = time.perf_counter() - start
    assert report.summary.subjects == 274
    assert Counter(f.status for f in report.findings) == {
        "pass": 11,
        "fail": 2,
        "not-applicable": 15,
    }
    fails = {f.subject: f.message for f in report.findings if f.status == "fail"}
    assert fails == {
        "ipu-ke-lower": "75 of 347 women (21.6 %) — below the 1/3 (33.3 %) minimum; "
        "41 more women needed (116 of 347)",
        "ipu-np-lower": "90 of 275 women (32.7 %) — below the 1/3 (33.3 %) minimum; "
        "2 more women needed (92 of 275)",
    }
    assert elapsed < 0.3
