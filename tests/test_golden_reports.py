"""The JSON report is a contract: these tests pin its exact bytes for known inputs.

They hold the output of the body checks (quota, consistency, trend) and the snapshot
loaders byte for byte, so that work on speed cannot change a report. The Mali fixtures'
report is kept whole in ``tests/data/golden/mali.json``; a larger generated sample (every
kind of body the checks treat differently, two snapshots, TOML, JSON and CSV) is pinned
by the SHA-256 of its report and its counts.

After a deliberate change to the body packs or the report, rewrite the golden data with
``python -m tests.test_golden_reports`` and review the diff.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from wpscheck.api import render
from wpscheck.engine import check
from wpscheck.formatters.json import report_to_data
from wpscheck.loading import load_inputs, shipped_packs
from wpscheck.models import RulePack

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "golden"
TODAY = date(2021, 5, 1)
# Check kinds on bodies, and on candidate lists (none in these inputs: they add no finding).
BODY_CHECKS = {
    "quota",
    "consistency",
    "trend",
    "list-cap",
    "alternation",
    "zipper",
    "top-n",
    "heads-of-list",
}

#: The report of the generated sample: its SHA-256 and its findings by status.
SAMPLE_SHA256 = "b10c877a672447729bf5f42bdc8228404369de4d200ecb8f8210e15f4a3c09f9"
SAMPLE_STATUS: dict[str, int] = {"pass": 325, "fail": 608, "not-applicable": 95, "error": 0}


def body_packs() -> list[RulePack]:
    """The shipped packs whose rules look at bodies (the text packs are pinned elsewhere)."""
    return [p for p in shipped_packs() if p.rules and all(r.check in BODY_CHECKS for r in p.rules)]


def mali_json() -> str:
    report = check(load_inputs(["fixtures/mali"]), body_packs(), today=TODAY)
    return render(report, "json")


def _tags(rng: random.Random) -> list[str]:
    return rng.sample(["appointed", "elected", "peace-agreement", "local"], rng.randint(0, 2))


def _body(rng: random.Random, i: int) -> dict[str, Any]:
    """One body of the sample: figures of every shape the checks score differently."""
    b: dict[str, Any] = {
        "id": f"b-{i:04d}",
        "name": f"Body {i}",
        "kind": rng.choice(["government", "commission", "legislature", "peace-mechanism"]),
        "level": rng.choice(["national", "regional", None]),
        "country": rng.choice(["ML", "ML", "NE"]),
        "tags": _tags(rng),
    }
    shape = rng.randrange(10)
    if shape <= 4:  # counts
        seats = rng.randint(1, 60)
        b["seats"], b["women"] = seats, rng.randint(0, seats)
    elif shape == 5:  # impossible counts
        b["seats"], b["women"] = rng.choice([(10, 12), (-1, 0), (5, -2), (0, 0), (2, 1)])
    elif shape == 6:  # a share only
        b["share"] = rng.randint(0, 1000) / 1000
    elif shape == 7:  # members
        b["members"] = [
            {"name": f"M{j}", "gender": rng.choice(["female", "male", "unknown"])}
            for j in range(rng.randint(1, 6))
        ]
        if rng.random() < 0.3:
            b["seats"] = rng.randint(1, 5)
    elif shape == 8:  # women only
        b["women"] = rng.randint(0, 30)
    if rng.random() < 0.4 and ("seats" in b or "share" in b):
        w, s = b.get("women"), b.get("seats")
        if w is not None and s and s > 0 and 0 <= w <= s:
            pct = 100 * w / s
        else:
            pct = 100 * float(b.get("share") or 0)
        b["stated_share"] = rng.choice(
            [f"{pct:.0f} percent", f"{pct:.1f} %", f"{pct + 1:.0f} percent", "about a third"]
        )
    if rng.random() < 0.8:
        b["source"] = "sample"
    if rng.random() < 0.7:
        b["as_of"] = rng.choice(["2020-06-01", "2021-04-29", "2022-01-01"])
    if rng.random() < 0.25:
        b["history"] = [
            {
                "as_of": rng.choice(["2019-01-01", "2020-01-01", "2021-12-01"]),
                "seats": b.get("seats"),
                "women": rng.choice([None, 0, 3, 9, 40]),
                **({"source": "old"} if rng.random() < 0.5 else {}),
            }
        ]
    return b


def write_sample(folder: Path, n: int = 300) -> list[str]:
    """A TOML-free sample: a JSON snapshot, a later JSON snapshot of some of the same bodies,
    and a CSV in the benchmark's style. Returns the input names, relative to ``folder``."""
    rng = random.Random(2531)
    bodies = [_body(rng, i) for i in range(n)]
    first = {"as_of": "2020-10-05", "country": "ML", "bodies": bodies}
    (folder / "a-2020.json").write_text(json.dumps(first, indent=2), encoding="utf-8")
    later = []
    for b in bodies[::4]:
        if "seats" in b and "women" in b and isinstance(b["women"], int):
            c: dict[str, Any] = {
                k: b[k] for k in ("id", "name", "kind", "seats", "source") if k in b
            }
            c["women"] = max(0, b["women"] + rng.randint(-3, 3))
            c["as_of"] = "2021-03-01"
            later.append(c)
    second = {"as_of": "2021-03-01", "bodies": later}
    (folder / "b-2021.json").write_text(json.dumps(second, indent=2), encoding="utf-8")
    with (folder / "c.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "name", "kind", "level", "as_of", "seats", "women", "share"])
        for i in range(n):
            seats = rng.randint(3, 200)
            women = rng.randint(0, seats)
            if i % 7 == 0:
                w.writerow([f"c-{i}", f"C {i}", "commission", "", "", "", "", f"{i % 50}%"])
            else:
                w.writerow([f"c-{i}", f"C {i}", "government", "national", "", seats, women, ""])
    return ["a-2020.json", "b-2021.json", "c.csv"]


def sample_json(folder: Path) -> str:
    names = write_sample(folder)
    report = check(load_inputs(names), body_packs(), today=TODAY)
    return render(report, "json")


def _status(text: str) -> dict[str, int]:
    counts: dict[str, int] = json.loads(text)["summary"]["by_status"]
    return counts


def test_mali_report_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    expected = (GOLDEN / "mali.json").read_text(encoding="utf-8")
    assert mali_json() == expected


def test_mali_report_data_matches_the_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The dict form (``report_to_data``) is what the bytes say."""
    monkeypatch.chdir(ROOT)
    report = check(load_inputs(["fixtures/mali"]), body_packs(), today=TODAY)
    golden = json.loads((GOLDEN / "mali.json").read_text(encoding="utf-8"))
    assert report_to_data(report) == golden


def test_sample_report_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = sample_json(tmp_path)
    assert _status(text) == SAMPLE_STATUS
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == SAMPLE_SHA256


def _regold() -> None:  # pragma: no cover - a maintainer's tool
    import os
    import re
    import tempfile

    os.chdir(ROOT)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    (GOLDEN / "mali.json").write_text(mali_json(), encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        text = sample_json(Path(tmp))
    os.chdir(ROOT)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    me = Path(__file__)
    src = me.read_text(encoding="utf-8")
    sha_name, status_name = "SAMPLE_" + "SHA256", "SAMPLE_" + "STATUS"
    src = re.sub(sha_name + r' = "[0-9a-f]*"', f'{sha_name} = "{digest}"', src, count=1)
    src = re.sub(
        status_name + r": dict\[str, int\] = \{[^}]*\}",
        f"{status_name}: dict[str, int] = {json.dumps(_status(text))}",
        src,
        count=1,
    )
    me.write_text(src, encoding="utf-8")
    print(f"mali.json and the sample's digest ({digest[:12]}…) rewritten", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    _regold()


def test_cli_writes_the_json_bytes_render_gives(
    tmp_path: Path, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI writes JSON as the formatter's bytes (file and stdout): the same report."""
    monkeypatch.chdir(ROOT)
    packs = [p.path for p in body_packs()]
    rules = [a for p in packs if p for a in ("--only-rules", p)]
    target = tmp_path / "report.json"
    args = ["check", "fixtures/mali", *rules, "--format", "json", "--fail-on", "never"]
    assert run_cli(*args, "--output", str(target)).code == 0
    report = check(
        load_inputs(["fixtures/mali"]), body_packs(), today=date.today(), unselected=True
    )
    expected = render(report, "json")
    assert target.read_bytes() == expected.encode("utf-8")
    assert run_cli(*args).out == expected
