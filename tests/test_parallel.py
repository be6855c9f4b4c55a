"""``wpscheck check --jobs N``: the serial run's report, byte for byte, on a corpus of
drafts mixed with snapshots and candidate lists; the serial run's error on a file that
cannot be read; a clear error, never a hang, when a worker dies or the run is interrupted."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from multiprocessing import get_context
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import RunCli
from wpscheck import parallel
from wpscheck.loading import load_inputs, shipped_packs
from wpscheck.parallel import check_files

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
IPU_MONTHLY = (
    ROOT / ".." / "shared" / "data" / "raw" / "ipu-mafaldim" / "women_percent_as_of2021.csv"
)

#: A pack whose first rule selects no draft (a typo in the document kind): it gets one
#: warning over every draft, as in a serial run; the second applies to every draft.
NOWHERE = """\
[pack]
id = "nowhere"
title = "Rules that select nothing"
version = "1.0"

[[rule]]
id = "renewal-typo"
check = "require"
title = "A mandate renewal mentions women"
applies_to = { document_kind = "mandate-renewl" }
all_of = [{ label = "women", phrase = ["women"] }]

[[rule]]
id = "everywhere"
check = "require"
title = "Every draft mentions women"
all_of = [{ label = "women", phrase = ["women"] }]
"""


def _corpus(folder: Path) -> Path:
    """28 drafts (the fixture drafts in every format, the retention fixtures, the lineage
    drafts, one in plain prose), between the Mali snapshots and two candidate lists."""
    folder.mkdir()
    for f in sorted((FIXTURES / "drafts").iterdir()):
        if f.suffix != ".py":
            shutil.copy(f, folder / f.name)
    for sub in ("retention", "lineage"):
        for f in sorted((FIXTURES / sub).glob("*.txt")):
            shutil.copy(f, folder / f"{sub}-{f.name}")
    (folder / "memo.txt").write_text("A note on the mission, in prose.\n", encoding="utf-8")
    shutil.copytree(FIXTURES / "mali", folder / "mali")
    shutil.copytree(FIXTURES / "lists", folder / "lists")
    (folder / "pack").mkdir()
    (folder / "pack" / "nowhere.toml").write_text(NOWHERE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _corpus(tmp_path_factory.mktemp("jobs") / "corpus")


def _check(run_cli: RunCli, corpus: Path, *args: str) -> tuple[int, str, str]:
    pack = "corpus/pack/nowhere.toml"
    run = run_cli("check", "corpus", "--rules", pack, *args, cwd=corpus.parent)
    return run.code, run.out, run.err


@pytest.mark.parametrize("fmt", ["json", "text", "sarif"])
def test_every_core_gives_the_serial_report(run_cli: RunCli, corpus: Path, fmt: str) -> None:
    serial = _check(run_cli, corpus, "--format", fmt, "--all")
    assert serial[0] == 1
    assert _check(run_cli, corpus, "--format", fmt, "--all", "--jobs", "2") == serial
    assert _check(run_cli, corpus, "--format", fmt, "--all", "--jobs", "3") == serial


@pytest.mark.parametrize("fmt", ["junit", "github", "markdown", "html"])
def test_the_other_formats_too(run_cli: RunCli, corpus: Path, fmt: str) -> None:
    serial = _check(run_cli, corpus, "--format", fmt)
    assert serial[0] == 1
    assert _check(run_cli, corpus, "--format", fmt, "--jobs", "2") == serial


def test_the_corpus_has_what_the_merge_must_get_right(run_cli: RunCli, corpus: Path) -> None:
    """The serial report the parallel one equals holds drafts, bodies, lists, notes and
    the one warning of each rule that selected nothing."""
    import json

    code, out, _ = _check(run_cli, corpus, "--format", "json", "--jobs", "0")
    assert code == 1
    report = json.loads(out)
    drafts = [p for p in report["inputs"] if not p.startswith(("corpus/mali", "corpus/lists"))]
    assert len(drafts) == 28
    warnings = [f for f in report["findings"] if f["subject"] == "(no subject)"]
    assert [(f["rule"], f["message"]) for f in warnings] == [
        (
            "renewal-typo",
            'rule "nowhere/renewal-typo" selected no subject: it looks for document kind '
            "mandate-renewl; present: document kind mandate-renewal, sanctions-renewal "
            "(28 subjects checked)",
        )
    ]
    assert {f["check"] for f in report["findings"]} >= {"quota", "retain", "require"}
    assert [n["path"] for n in report["notes"]][:4] == [
        "corpus/pack/nowhere.toml",
        "corpus/memo.txt",
        "corpus/mission-renewal.pdf",
        "corpus/mission-renewal.pdf",
    ]


def test_spawned_workers_give_the_same_report(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where there is no ``fork`` (Windows, macOS), workers start afresh and get the packs
    once: the report is the same."""
    files = sorted(p for p in (corpus).glob("*") if p.is_file())
    packs = shipped_packs()
    serial = check_files(files, packs, jobs=1, today=date(2026, 12, 1))
    monkeypatch.setattr(parallel, "_context", lambda: get_context("spawn"))
    spawned = check_files(files, packs, jobs=2, today=date(2026, 12, 1))
    assert spawned.model_dump_json() == serial.model_dump_json()


def test_jobs_read_with_a_profile_as_the_serial_run(run_cli: RunCli, tmp_path: Path) -> None:
    if not IPU_MONTHLY.is_file():
        pytest.skip("needs the IPU monthly table in ../shared/data (not shipped with wpscheck)")
    for f in ("minusma-fail.txt", "sanctions-pass.txt"):
        shutil.copy(FIXTURES / "drafts" / f, tmp_path / f)
    args = ["check", "minusma-fail.txt", str(IPU_MONTHLY), "sanctions-pass.txt"]
    args += ["--profile", "ipu-monthly", "--format", "json"]
    serial = run_cli(*args, cwd=tmp_path)
    assert serial.code == 1
    assert '"subjects": 276' in serial.out
    assert run_cli(*args, "-j", "2", cwd=tmp_path) == serial


def _broken(folder: Path, *names: str) -> None:
    for name in names:
        # A Word file that is not a zip archive; a snapshot that is not TOML.
        text = "not a zip archive" if name.endswith(".docx") else "[[body\n"
        (folder / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "broken",
    [
        ("c-draft.docx",),  # a draft that cannot be read
        ("c-draft.docx", "d-data.toml"),  # and a snapshot after it: the draft's error
        ("b-data.toml", "c-draft.docx"),  # a snapshot first: its error
    ],
)
def test_a_broken_file_gives_the_serial_error(
    run_cli: RunCli, tmp_path: Path, broken: tuple[str, ...]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n, name in enumerate(["a", "e", "f", "g"]):
        shutil.copy(FIXTURES / "drafts" / "sanctions-pass.txt", folder / f"{name}-{n}.txt")
    _broken(folder, *broken)
    serial = run_cli("check", "in", cwd=tmp_path)
    assert serial.code == 2
    assert serial.err.startswith(f"error: in/{broken[0]}")
    assert run_cli("check", "in", "--jobs", "2", cwd=tmp_path) == serial


def test_the_size_limit_holds_as_in_a_serial_run(run_cli: RunCli, tmp_path: Path) -> None:
    for n in range(3):
        shutil.copy(FIXTURES / "drafts" / "minusma-fail.txt", tmp_path / f"d{n}.txt")
    shutil.copy(FIXTURES / "mali" / "bodies-2021.toml", tmp_path / "d1.toml")  # 5.4 KB
    serial = run_cli("check", ".", "--max-size", "2KB", cwd=tmp_path)
    assert serial.code == 2
    assert serial.err.startswith("error: d1.toml: ")
    assert "--max-size" in serial.err
    assert run_cli("check", ".", "--max-size", "2KB", "-j", "2", cwd=tmp_path) == serial
    serial = run_cli("check", ".", "--max-size", "1MB", cwd=tmp_path)
    assert serial.code == 1
    assert run_cli("check", ".", "--max-size", "1MB", "-j", "2", cwd=tmp_path) == serial


def _drafts(folder: Path, count: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    out = []
    for n in range(count):
        out.append(folder / f"d{n:03}.txt")
        shutil.copy(FIXTURES / "drafts" / "sanctions-fail.txt", out[-1])
    return out


def _in_a_worker(monkeypatch: pytest.MonkeyPatch, name: str, action: Callable[[], None]) -> None:
    """Make the worker that checks the draft ``name`` run ``action`` first (a forked
    worker runs the patched function; the main process never does)."""
    if parallel._context().get_start_method() != "fork":
        pytest.skip("reaches a worker through a patched function, which only a forked one runs")
    parent = os.getpid()
    checked = parallel._load_and_check

    def patched(paths: Sequence[str], job: parallel._Job) -> parallel._Drafts:
        if os.getpid() != parent and any(Path(p).name == name for p in paths):
            action()
        return checked(paths, job)

    monkeypatch.setattr(parallel, "_load_and_check", patched)


def test_a_worker_that_dies_ends_the_run_with_an_error(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _drafts(tmp_path / "in", 6)
    _in_a_worker(monkeypatch, "d003.txt", lambda: os._exit(9))
    run = run_cli("check", "in", "--jobs", "2", cwd=tmp_path)
    assert run.code == 2
    assert run.out == ""
    assert run.err.startswith(
        "error: wpscheck check --jobs 2: a worker process stopped without a result (killed, "
        "or out of memory?) while checking the drafts from in/"
    )
    assert run.err.endswith("on; run again with --jobs 1 to check them in one process\n")


def test_an_exception_in_a_worker_reaches_the_caller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _drafts(tmp_path / "in", 5)

    def fail() -> None:
        raise RuntimeError("cannot check d004.txt")

    _in_a_worker(monkeypatch, "d004.txt", fail)
    with pytest.raises(RuntimeError, match=r"^cannot check d004\.txt$"):
        check_files(files, shipped_packs(), jobs=2)


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text(encoding="ascii").split()
        found += [int(c) for c in text]
    return found


@pytest.mark.parametrize("after", [0.0, 0.5])  # as the workers start; while they work
def test_ctrl_c_stops_the_run(tmp_path: Path, after: float) -> None:
    if not Path("/proc/self/task").is_dir():
        pytest.skip("finds the worker processes through /proc (Linux)")
    _drafts(tmp_path / "in", 1000)  # far more than 0.5 s of work
    proc = subprocess.Popen(
        [sys.executable, "-m", "wpscheck", "check", "in", "--jobs", "2"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while len(_children(proc.pid)) < 2 and proc.poll() is None:
            assert time.monotonic() < deadline, "the workers never started"
            time.sleep(0.05)
        time.sleep(after)
        workers = _children(proc.pid)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert (proc.returncode, out, err) == (130, "", "interrupted\n")
    for w in workers:
        assert not Path(f"/proc/{w}").exists() or "Z" in _state(w)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text(encoding="ascii").split(")")[1].split()[0]
    except OSError:
        return "Z"


def test_serial_and_library_agree(corpus: Path) -> None:
    """``check_files`` with one job is ``check(load_inputs(...))``."""
    from wpscheck.engine import check

    files = sorted(p for p in corpus.glob("*") if p.is_file())[:5]
    packs = shipped_packs()
    today = date(2026, 12, 1)
    assert (
        check_files(files, packs, jobs=2, today=today).model_dump_json()
        == check(
            load_inputs(files), packs, today=today, inputs=[f.as_posix() for f in files]
        ).model_dump_json()
    )


_CORPUS_FILES = sorted(
    [
        *(p for p in (FIXTURES / "drafts").iterdir() if p.suffix != ".py"),
        *sorted((FIXTURES / "retention").glob("*.txt"))[:4],
        *sorted((FIXTURES / "mali").iterdir()),
        *sorted((FIXTURES / "lists").iterdir()),
    ]
)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(_CORPUS_FILES), min_size=2, max_size=7),
    st.integers(min_value=2, max_value=3),
)
def test_any_inputs_in_any_order_give_the_serial_report(files: list[Path], jobs: int) -> None:
    """Drafts, snapshots and lists in any order, a file given twice: the serial report."""
    from wpscheck.engine import check

    packs = shipped_packs()
    today = date(2026, 12, 1)
    serial = check(load_inputs(files), packs, today=today, inputs=[f.as_posix() for f in files])
    assert check_files(files, packs, jobs=jobs, today=today) == serial
