"""Same input, same output: every format's bytes, across processes and hash seeds.

Each format's report of the shipped fixtures (the Mali snapshots, a draft of each format and a
retention draft, with every shipped pack) is made in two fresh interpreters with different
``PYTHONHASHSEED`` values; the bytes must be identical to each other and to the reviewable
golden file ``tests/data/golden/formats/report.<format>`` (plain text a person can diff).
The ``diff`` command's output is held the same way.

After a deliberate change to a report, rewrite the golden files with
``python -m tests.test_determinism`` and review the diff (``git diff tests/data/golden``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "golden" / "formats"
FORMATS = ("text", "json", "sarif", "junit", "github", "markdown", "html")
INPUTS = (
    "fixtures/mali",
    "fixtures/drafts/sanctions-fail.txt",
    "fixtures/drafts/minusma-partial.md",
    "fixtures/drafts/sanctions-numbered.docx",
    "fixtures/retention/softened.txt",
)
#: One ``diff`` run: the seed's annex against a draft that weakens and drops provisions.
DIFF = ("rules/baselines/S-RES-2531-2020-wps-annex.txt", "fixtures/retention/softened.txt")
DIFF_FORMATS = ("text", "json")

#: Run in a fresh interpreter: writes each output into the folder given as argv[1].
_SCRIPT = """
import sys
from pathlib import Path
from wpscheck.cli import main
out = Path(sys.argv[1])
for fmt in {formats!r}:
    main(["check", *{inputs!r}, "--format", fmt, "--output", str(out / ("report." + fmt))])
for fmt in {diff_formats!r}:
    main(["diff", *{diff!r}, "--format", fmt, "--output", str(out / ("diff." + fmt))])
"""


def outputs(folder: Path, seed: str) -> dict[str, bytes]:
    """Every golden output, made by one fresh interpreter with ``PYTHONHASHSEED=seed``."""
    folder.mkdir(parents=True, exist_ok=True)
    script = _SCRIPT.format(formats=FORMATS, inputs=INPUTS, diff_formats=DIFF_FORMATS, diff=DIFF)
    env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1"}
    subprocess.run(
        [sys.executable, "-c", script, str(folder)],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
        capture_output=True,
    )
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def golden_names() -> list[str]:
    return [f"report.{f}" for f in FORMATS] + [f"diff.{f}" for f in DIFF_FORMATS]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    base = tmp_path_factory.mktemp("determinism")
    return outputs(base / "seed-0", "0"), outputs(base / "seed-4242", "4242")


def test_every_output_is_made(runs: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    first, _ = runs
    assert sorted(first) == sorted(golden_names())


@pytest.mark.parametrize("name", golden_names())
def test_same_bytes_across_processes_and_hash_seeds(
    runs: tuple[dict[str, bytes], dict[str, bytes]], name: str
) -> None:
    first, second = runs
    assert first[name] == second[name], f"{name} differs between PYTHONHASHSEED=0 and 4242"


@pytest.mark.parametrize("name", golden_names())
def test_bytes_match_the_reviewable_golden_file(
    runs: tuple[dict[str, bytes], dict[str, bytes]], name: str
) -> None:
    first, _ = runs
    golden = GOLDEN / name
    assert golden.is_file(), f"{golden} is missing: run python -m tests.test_determinism"
    assert first[name].decode("utf-8") == golden.read_text(encoding="utf-8"), (
        f"{name} changed: review it, then run python -m tests.test_determinism"
    )


def test_no_absolute_path_or_timestamp_in_any_output(
    runs: tuple[dict[str, bytes], dict[str, bytes]],
) -> None:
    first, _ = runs
    root = str(ROOT).encode()
    for name, data in first.items():
        assert root not in data, f"{name} holds the absolute path {ROOT}"


def _rewrite() -> None:  # pragma: no cover - a maintainer's command
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        made = outputs(Path(tmp), "0")
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for old in GOLDEN.iterdir():
        old.unlink()
    for name, data in made.items():
        (GOLDEN / name).write_bytes(data)
        print(f"wrote {(GOLDEN / name).relative_to(ROOT)}")


if __name__ == "__main__":  # pragma: no cover
    _rewrite()
