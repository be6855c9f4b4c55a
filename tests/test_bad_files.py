"""Paths that are not regular files are refused before anything is read (a FIFO would
block forever, /dev/zero never ends), and nesting deeper than the parser's stack is a clear
error, never a RecursionError traceback."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.conftest import RunCli

needs_posix = pytest.mark.skipif(
    sys.platform == "win32" or not Path("/dev/zero").exists(), reason="POSIX FIFOs and devices"
)


@needs_posix
@pytest.mark.parametrize(
    ("name", "args", "stderr"),
    [
        (
            "bodies.toml",
            ["check", "bodies.toml"],
            "error: bodies.toml: is a named pipe (FIFO), not a regular file; expected a "
            "snapshot saved on disk\n",
        ),
        (
            "draft.txt",
            ["check", "draft.txt"],
            "error: draft.txt: is a named pipe (FIFO), not a regular file; expected a draft "
            "saved on disk\n",
        ),
        (
            "pack.toml",
            ["rules", "validate", "pack.toml"],
            "error: pack.toml: is a named pipe (FIFO), not a regular file; expected a rule pack "
            "saved on disk\n",
        ),
    ],
)
def test_a_fifo_is_refused_without_waiting(
    run_cli: RunCli, tmp_path: Path, name: str, args: list[str], stderr: str
) -> None:
    os.mkfifo(tmp_path / name)  # nobody writes to it: reading it would block forever
    run = run_cli(*args, cwd=tmp_path)
    assert (run.code, run.out, run.err) == (2, "", stderr)


@needs_posix
def test_dev_zero_as_a_rule_pack(run_cli: RunCli) -> None:
    run = run_cli("check", "fixtures/mali/", "--rules", "/dev/zero")
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        "error: /dev/zero: is a character device, not a regular file; expected a rule pack "
        "saved on disk\n"
    )


@needs_posix
@pytest.mark.parametrize(
    ("name", "what"), [("zero.json", "snapshot"), ("zero.txt", "draft"), ("zero.md", "draft")]
)
def test_a_symlink_to_a_device(run_cli: RunCli, tmp_path: Path, name: str, what: str) -> None:
    os.symlink("/dev/zero", tmp_path / name)
    run = run_cli("check", name, cwd=tmp_path)
    assert (run.code, run.out, run.err) == (
        2,
        "",
        f"error: {name}: is a character device (through a symbolic link), not a regular file; "
        f"expected a {what} saved on disk\n",
    )


TOO_DEEP = (
    "nested too deeply (lists or tables inside one another more than a few hundred levels "
    "deep); no pack or snapshot needs that"
)


@pytest.mark.parametrize(
    ("name", "text", "args"),
    [
        ("s.json", "[" * 100_000 + "]" * 100_000, ["check", "s.json"]),
        ("s.json", '{"bodies": ' + "[" * 100_000, ["check", "s.json"]),
        ("s.toml", "a = " + "[" * 100_000 + "]" * 100_000 + "\n", ["check", "s.toml"]),
        ("p.toml", "a = " + "[" * 100_000 + "]" * 100_000 + "\n", ["rules", "validate", "p.toml"]),
    ],
)
def test_pathological_nesting(
    run_cli: RunCli, tmp_path: Path, name: str, text: str, args: list[str]
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    run = run_cli(*args, cwd=tmp_path)
    kind = "JSON" if name.endswith(".json") else "TOML"
    assert (run.code, run.out, run.err) == (2, "", f"error: {name}: invalid {kind}: {TOO_DEEP}\n")


def test_a_long_wrong_value_is_quoted_short(run_cli: RunCli, tmp_path: Path) -> None:
    deep = "[" * 500 + "]" * 500
    (tmp_path / "s.json").write_text(
        '{"bodies": [{"id": "a", "name": "A", "kind": "other", "tags": ' + deep + "}]}"
    )
    run = run_cli("check", "s.json", cwd=tmp_path)
    assert (run.code, run.out) == (2, "")
    assert run.err == ("error: s.json:1: bodies[0].tags[0]: expected text, got " + "[" * 79 + "…\n")


def test_the_size_limit_holds(run_cli: RunCli, tmp_path: Path) -> None:
    with (tmp_path / "s.toml").open("wb") as f:
        f.truncate(64 * 1024 * 1024 + 1)  # sparse: no disk used, refused before reading
    run = run_cli("check", "s.toml", cwd=tmp_path)
    assert (run.code, run.err) == (
        2,
        "error: s.toml: 67,108,865 bytes is larger than the 67,108,864-byte limit for a snapshot; "
        "raise the limit with --max-size SIZE, e.g. --max-size 68MB\n",
    )


def test_loading_leaves_the_garbage_collector_alone() -> None:
    import gc

    from wpscheck.loading import load_snapshot

    root = Path(__file__).resolve().parent.parent
    assert gc.isenabled()
    gc.disable()
    try:
        load_snapshot(root / "fixtures" / "mali" / "bodies-2021.toml")
        assert not gc.isenabled()
    finally:
        gc.enable()
    load_snapshot(root / "fixtures" / "mali" / "bodies-2021.toml")
    assert gc.isenabled()
