"""Start-up and exit of the ``wpscheck`` command: ``import wpscheck`` and ``--version``
cost little above a bare interpreter, and the console entry ends the process with
:func:`wpscheck.cli.main`'s status and every byte of its output."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from wpscheck import __version__
from wpscheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
#: How much CPU a start-up may add to a bare ``python -c pass``: the aim is 30 ms; the
#: machines tests run on are shared, so each figure is the best of several runs.
BUDGET = 0.030
_ENTRY = "import sys; sys.argv[0] = 'wpscheck'; from wpscheck.console import entry; entry()"


def _cpu(args: list[str], runs: int = 7) -> float:
    """The least CPU seconds (user + system) of a new interpreter running ``args``."""
    best = float("inf")
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, *args], capture_output=True, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(
            best,
            after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime,
        )
    return best


def _entry(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", _ENTRY, *args], capture_output=True, cwd=ROOT, check=False
    )


def test_import_and_version_cost_little_above_bare_python() -> None:
    bare = _cpu(["-c", "pass"])
    imported = _cpu(["-c", "import wpscheck"])
    version = _cpu(["-c", _ENTRY, "--version"])
    assert imported - bare <= BUDGET, f"import wpscheck: {imported - bare:.3f} s above bare"
    assert version - bare <= BUDGET, f"wpscheck --version: {version - bare:.3f} s above bare"


def test_import_loads_no_heavy_module() -> None:
    code = "import sys, wpscheck; print(sorted(m for m in sys.modules if m.split('.')[0] in "
    code += "('pydantic', 'pluggy', 'typing', 'wpscheck', 'importlib')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['wpscheck', 'wpscheck._version']"


def test_version_is_what_argparse_prints(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    run = _entry("--version")
    assert run.returncode == 0
    assert run.stdout.decode() == capsys.readouterr().out == f"wpscheck {__version__}\n"


def test_entry_writes_every_byte_and_exits_with_the_status(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    args = ["check", "fixtures/drafts", "fixtures/retention", "--format", "json"]
    code = main(args)
    expected = capsys.readouterr().out
    run = _entry(*args)
    assert (run.returncode, code) == (1, 1)
    assert run.stdout.decode() == expected
    assert len(json.loads(expected)["findings"]) > 100


def test_entry_exits_2_on_a_usage_error_and_0_on_help() -> None:
    bad = _entry("check", "no-such-draft.txt")
    assert bad.returncode == 2
    assert bad.stderr.decode() == "error: no-such-draft.txt: no such file or directory\n"
    helped = _entry("--help")
    assert helped.returncode == 0
    assert helped.stdout.decode().startswith("usage: wpscheck ")
