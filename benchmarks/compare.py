"""wpscheck side by side with what a user would pick instead, in one run, as ratios.

Run from the repository root with the development install::

    python benchmarks/compare.py [--only draft,csv,million,jobs] [--runs N]

It makes its own throwaway virtual environment for the peers (``benchmarks/out/peers``,
git-ignored; ``--venv DIR`` to put it elsewhere, ``--fresh`` to rebuild it) and installs
proselint, pandera and pandas there with pip — never into the project's environment,
never as project dependencies. Every figure is the median, over ``--runs`` runs, of the
CPU seconds (user + system) of one child process, read with ``os.wait4``; memory is the
child's maximum resident set. Inputs are written to a temporary directory, deleted
afterwards:

- ``draft``: the 2022 draft (``../shared/corpus/S-RES-2640-2022-draft.txt``), every shipped
  pack, the whole CLI — against ``proselint check`` on the same file;
- ``csv``: a 100,000-body CSV from ``bench_snapshot.write_snapshot`` (every body Malian and
  national, 80 % tagged appointed or elected, so the Law 052 quota rules apply to them),
  wpscheck's text and JSON — against ``pandera validate`` of an equivalent column schema
  and a pandas script computing the same quota verdicts;
- ``million``: 1,000,000 bodies the same way, wpscheck's text against the pandas script,
  with memory;
- ``jobs``: 1,000 drafts (the fixture drafts, copied round) in one serial run and with
  ``--jobs 2``: wall time (the speed-up) and CPU time (the workers' included).

Ratios are what count: absolute times vary between machines. Asserts nothing; a run that
wpscheck refuses (exit 2) is shown as refused, with the first line of its message.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ROOT / ".." / "shared" / "corpus" / "S-RES-2640-2022-draft.txt"
PEERS = ("proselint", "pandera[cli,io]", "pandas")
CASES = ("draft", "csv", "million", "jobs")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_snapshot import write_snapshot  # noqa: E402

#: The pandas script: the Law 052 quota verdicts (neither sex below 30 % of the seats, or of
#: the printed share when no counts are known) for Malian bodies tagged appointed or elected.
PANDAS_QUOTA = r"""
import sys
import pandas as pd

df = pd.read_csv(sys.argv[1], dtype={"tags": "string", "share": "string"})
tags = df["tags"].fillna("")
applies = (df["country"] == "ML") & (
    tags.str.contains("appointed", regex=False) | tags.str.contains("elected", regex=False)
)
df = df[applies]
printed = df["share"].str.rstrip("%").astype("float64") / 100
share = (df["women"] / df["seats"]).where(df["seats"] > 0, printed)
verdict = ((share >= 0.3) & (1 - share >= 0.3)).map({True: "pass", False: "fail"})
print(verdict.value_counts().to_dict())
"""

#: The pandera schema of the same CSV, written as YAML in the peers' environment.
PANDERA_SCHEMA = r"""
import sys
import pandera.pandas as pa

KINDS = ["government", "commission", "legislature", "peace-mechanism", "interim-authority"]
schema = pa.DataFrameSchema(
    {
        "id": pa.Column(str, pa.Check.str_matches(r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"), unique=True),
        "name": pa.Column(str),
        "kind": pa.Column(str, pa.Check.isin(KINDS)),
        "level": pa.Column(str, pa.Check.isin(["national", "regional", "local"])),
        "country": pa.Column(str, pa.Check.str_length(2, 2)),
        "as_of": pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$")),
        "seats": pa.Column(float, pa.Check.ge(0), nullable=True),
        "women": pa.Column(float, pa.Check.ge(0), nullable=True),
        "share": pa.Column(str, pa.Check.str_matches(r"^\d+(\.\d+)?%$"), nullable=True),
        "stated_share": pa.Column(str, nullable=True),
        "tags": pa.Column(str, nullable=True),
        "source": pa.Column(str, nullable=True),
    },
    coerce=True,
)
open(sys.argv[1], "w").write(schema.to_yaml())
"""


@dataclass
class Run:
    cpu: float
    wall: float
    rss_mb: float
    code: int
    message: str


def measure(cmd: list[str], cwd: Path) -> Run:
    """One child: its CPU seconds and max RSS (``os.wait4``), its exit code, stderr's first
    line."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        first = err.read().decode("utf-8", "replace").strip().splitlines()
    return Run(
        usage.ru_utime + usage.ru_stime,
        wall,
        usage.ru_maxrss / 1024,
        proc.returncode,
        first[0] if first else "",
    )


def median(cmd: list[str], runs: int, cwd: Path = ROOT) -> Run:
    got = [measure(cmd, cwd) for _ in range(runs)]
    return Run(
        statistics.median(r.cpu for r in got),
        statistics.median(r.wall for r in got),
        statistics.median(r.rss_mb for r in got),
        got[-1].code,
        got[-1].message,
    )


def peers_venv(where: Path, fresh: bool) -> Path:
    """The peers' interpreter, in a virtual environment of its own."""
    python = where / "bin" / "python"
    if fresh and where.exists():
        shutil.rmtree(where)
    ok = python.exists() and (
        subprocess.run(
            [str(python), "-c", "import proselint, pandera, pandas, typer"],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    if not ok:
        print(f"installing {', '.join(PEERS)} into {where} …", file=sys.stderr)
        venv.EnvBuilder(with_pip=True, clear=True).create(where)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PEERS], check=True)
    return python


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def add(
        self, work: str, ours: Run, peer: str, theirs: Run | None, memory: bool, wall: bool = False
    ) -> None:
        """A row; ``wall``: compare elapsed seconds (for --jobs), not CPU seconds."""

        def secs(r: Run) -> float:
            return r.wall if wall else r.cpu

        def show(r: Run) -> str:
            if r.code == 2:
                return f"refused: {r.message[:90]}"
            return (
                f"{secs(r):.2f} s"
                + (" wall" if wall else "")
                + (f", {r.rss_mb:.0f} MB" if memory else "")
            )

        ratio = "—"
        if theirs is not None and ours.code != 2 and secs(theirs) > 0:
            ratio = f"{secs(ours) / secs(theirs):.2f}×"
        self.rows.append((work, show(ours), f"{peer}: {show(theirs)}" if theirs else peer, ratio))

    def print(self) -> None:
        print("| work | wpscheck | the other | ratio |")
        print("|---|---|---|---|")
        for row in self.rows:
            print("| " + " | ".join(row) + " |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", default=",".join(CASES), help=f"a subset of {','.join(CASES)}")
    ap.add_argument("--runs", type=int, default=5, help="runs per figure (median; default 5)")
    ap.add_argument("--bodies", type=int, default=100_000)
    ap.add_argument("--million", type=int, default=1_000_000)
    ap.add_argument("--drafts", type=int, default=1_000)
    ap.add_argument("--venv", type=Path, default=ROOT / "benchmarks" / "out" / "peers")
    ap.add_argument("--fresh", action="store_true", help="rebuild the peers' environment")
    args = ap.parse_args(argv)
    only = [c.strip() for c in args.only.split(",") if c.strip()]
    # The peers were installed by pip, which compiles their modules; a development install
    # of wpscheck has .pyc files only once something wrote them (not under
    # PYTHONDONTWRITEBYTECODE): compile them, or wpscheck alone pays for compiling.
    compileall.compile_dir(ROOT / "src", quiet=1)
    unknown = sorted(set(only) - set(CASES))
    if unknown:
        ap.error(f"--only: unknown {', '.join(unknown)}; choose from {', '.join(CASES)}")
    if args.venv.resolve() in (Path(sys.prefix).resolve(), (ROOT / ".venv").resolve()):
        ap.error("--venv: that is the project's environment; give a throwaway folder")
    peer = peers_venv(args.venv, args.fresh)
    bindir = peer.parent
    ours = [sys.executable, "-m", "wpscheck", "check"]
    table = Table()
    runs = args.runs
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        if "draft" in only:
            if not DRAFT.is_file():
                print(f"draft: skipped, {DRAFT} is absent", file=sys.stderr)
            else:
                table.add(
                    f"the {DRAFT.stat().st_size // 1000} KB 2022 draft, every shipped pack",
                    median([*ours, str(DRAFT)], runs),
                    "proselint check",
                    median([str(bindir / "proselint"), "check", str(DRAFT)], runs),
                    memory=False,
                )
        if "csv" in only or "million" in only:
            (t / "quota.py").write_text(PANDAS_QUOTA, encoding="utf-8")
        if "csv" in only:
            csv = t / "bodies.csv"
            write_snapshot(csv, args.bodies)
            subprocess.run([str(peer), "-c", PANDERA_SCHEMA, str(t / "schema.yaml")], check=True)
            pandera = median(
                [str(bindir / "pandera"), "validate", "-s", str(t / "schema.yaml"), "-d", str(csv)],
                runs,
            )
            pandas = median([str(peer), str(t / "quota.py"), str(csv)], runs)
            text = median([*ours, str(csv)], runs)
            json_ = median([*ours, str(csv), "--format", "json"], runs)
            n = f"{args.bodies:,} bodies"
            table.add(f"{n}, text", text, "pandera validate", pandera, memory=True)
            table.add(f"{n}, text", text, "pandas quota script", pandas, memory=True)
            table.add(f"{n}, --format json", json_, "pandera validate", pandera, memory=True)
            csv.unlink()
        if "million" in only:
            big = t / "million.csv"
            write_snapshot(big, args.million)
            table.add(
                f"{args.million:,} bodies, text",
                # 95 MB: above the 64 MiB default limit, which --max-size raises
                median([*ours, str(big), "--max-size", "1GB"], runs),
                "pandas quota script",
                median([str(peer), str(t / "quota.py"), str(big)], runs),
                memory=True,
            )
            big.unlink()
        if "jobs" in only:
            folder = t / "drafts"
            folder.mkdir()
            sources = sorted((ROOT / "fixtures" / "drafts").glob("minusma-*"))
            for i in range(args.drafts):
                src = sources[i % len(sources)]
                shutil.copy(src, folder / f"d{i:04d}{src.suffix}")
            serial = median([*ours, str(folder)], runs)
            jobs = median([*ours, str(folder), "--jobs", "2"], runs)
            work = f"{args.drafts:,} drafts, serial"
            table.add(work, serial, "the same with --jobs 2", jobs, memory=False, wall=True)
            # CPU: what the workers cost over a serial run (theirs included: reaped)
            table.add(work, serial, "the same with --jobs 2", jobs, memory=False)
    print(f"CPU seconds of the child process, median of {runs} runs; ratio = wpscheck / other")
    table.print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
