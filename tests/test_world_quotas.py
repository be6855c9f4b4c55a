"""The world quota pack on the hand-converted IPU table of September 2021 (274 chambers)."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from wpscheck.engine import check
from wpscheck.loading import load_inputs, load_pack

ROOT = Path(__file__).resolve().parents[1]
IPU = ROOT / ".." / "shared" / "data" / "converted" / "ipu-2021-09-chambers.csv"


def test_the_world_pack_on_the_ipu_table() -> None:
    if not IPU.is_file():
        pytest.skip("needs ../shared (the IPU table converted by hand)")
    subjects = load_inputs([IPU])
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
