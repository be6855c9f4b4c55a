"""Shared fixtures: the repository root, running the CLI as a user would, and the
hypothesis profile."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from wpscheck.cli import main

# One hypothesis profile for the whole suite, loaded before any test module is imported:
# no per-example deadline (CI machines are shared and slow; the properties are about
# results, not speed), and no "too slow" health check for the larger strategies.
settings.register_profile(
    "wpscheck",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("wpscheck")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


# No test reads or writes a pack cache unless it turns one on (tests/test_packcache.py):
# off from the start, for module- and session-scoped fixtures and the processes they start
# too, and again before each test, in case one left it on.
os.environ["WPSCHECK_CACHE"] = "off"


@pytest.fixture(autouse=True)
def _pack_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WPSCHECK_CACHE", "off")


@dataclasses.dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


RunCli = Callable[..., Run]


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """Run ``wpscheck ARGS`` from the repository root; return exit code, stdout, stderr."""

    def run(*args: str, cwd: Path = ROOT) -> Run:
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
