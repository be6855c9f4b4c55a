"""Benchmark: CSV snapshots of 10,000, 100,000 and 1,000,000 bodies, and a JSON one.

Run from the repository root::

    python benchmarks/bench_snapshot.py [--sizes 10000,100000,1000000] [--json-cli-max N]

For each size it writes a CSV snapshot to a temporary directory (deleted afterwards) and
runs, each in a process of its own so that its peak memory is its own: load, load and
check (the engine, shipped packs), the whole CLI with text output and, up to
``--json-cli-max`` bodies, with ``--format json``. It prints CPU seconds (user + system)
and the maximum resident set size of each, then the ratio of the time at each size to
the time at the size before it (the aim: 10x the bodies, at most 11x the time), and the
load of 40,000 bodies as JSON against the same bodies as CSV. Figures measured before and
after the performance work: ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

KINDS = ("government", "commission", "legislature", "peace-mechanism", "interim-authority")
HEADER = ["id", "name", "kind", "level", "country", "as_of", "seats", "women", "share"]
HEADER += ["stated_share", "tags", "source"]
TAGS = ("appointed", "elected", "appointed;peace-agreement", "", "appointed")


def write_snapshot(path: Path, n: int) -> None:
    rng = random.Random(2021)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i in range(n):
            kind = KINDS[i % len(KINDS)]
            if i % 10 == 9:  # a body known only by its share
                seats = women = ""
                share = f"{rng.randint(0, 500) / 10}%"
                stated = share.replace("%", " percent")
            else:
                s = rng.randint(5, 200)
                wmn = rng.randint(0, s)
                seats, women, share = str(s), str(wmn), ""
                stated = f"{round(100 * wmn / s)} percent" if i % 3 == 0 else ""
            w.writerow(
                [
                    f"body-{i:06d}",
                    f"Body {i}",
                    kind,
                    "national",
                    "ML",
                    f"20{rng.randint(10, 20)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                    seats,
                    women,
                    share,
                    stated,
                    TAGS[i % len(TAGS)],
                    "" if i % 50 == 0 else "benchmark",
                ]
            )


#: What a child process does, by name: ``python bench_snapshot.py --step STEP FILE``.
STEPS = ("load", "check")


def run_step(step: str, path: Path) -> None:
    """One step in this process (the parent measures it)."""
    from wpscheck.engine import check
    from wpscheck.loading import load_snapshot, shipped_packs, size_limit

    with size_limit(10**10):
        snapshot = load_snapshot(path)
    if step == "check":
        # As the CLI checks: passes counted, not listed (a report listing every pass is
        # check([snapshot], packs); --verbose does that).
        check([snapshot], shipped_packs(), passes=False)


def measure(cmd: list[str]) -> tuple[float, float]:
    """CPU seconds (user + system) and peak memory (MB) of a command, in its own process."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)}: exit {proc.returncode}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def write_json(csv_path: Path, json_path: Path) -> None:
    """The bodies of a CSV snapshot as a JSON one (the same data)."""
    from wpscheck.loading import csv_records

    rows, _ = csv_records(csv_path)
    json_path.write_text(json.dumps({"bodies": rows}, indent=2), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--json-cli-max", type=int, default=100_000)
    parser.add_argument("--step", choices=STEPS)
    parser.add_argument("file", nargs="?")
    args = parser.parse_args()
    if args.step:
        run_step(args.step, Path(args.file))
        return 0
    sizes = [int(n) for n in args.sizes.split(",")]
    me = [sys.executable, __file__]
    cli = [sys.executable, "-m", "wpscheck", "check", "--max-size", "10GB"]
    labels = ("load", "load + check", "CLI text", "CLI json")
    table: dict[int, dict[str, tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"bodies-{n}.csv"
            write_snapshot(path, n)
            row = table[n] = {}
            row["load"] = measure([*me, "--step", "load", str(path)])
            row["load + check"] = measure([*me, "--step", "check", str(path)])
            row["CLI text"] = measure([*cli, str(path)])
            if n <= args.json_cli_max:
                out = Path(tmp) / "report.json"
                row["CLI json"] = measure([*cli, str(path), "--format", "json", "-o", str(out)])
            print(f"{n:>9,} bodies, {path.stat().st_size / 1e6:6.1f} MB CSV", flush=True)
            for label in labels:
                if label in row:
                    cpu, rss = row[label]
                    print(f"    {label:<14} {cpu:8.2f} s cpu {rss:8.0f} MB max RSS", flush=True)
        print("growth (time at this size / time at the size before; aim <= 11 for 10x):")
        for before, after in itertools.pairwise(sizes):
            ratios = [
                f"{label} {table[after][label][0] / table[before][label][0]:.1f}x"
                for label in labels
                if label in table[before] and label in table[after]
            ]
            print(f"    {before:,} -> {after:,}: {', '.join(ratios)}")
        csv_path = Path(tmp) / "bodies-40000.csv"
        json_path = Path(tmp) / "bodies-40000.json"
        write_snapshot(csv_path, 40_000)
        write_json(csv_path, json_path)
        csv_cpu, _ = measure([*me, "--step", "load", str(csv_path)])
        json_cpu, _ = measure([*me, "--step", "load", str(json_path)])
        print(
            f"40,000 bodies: load as JSON {json_cpu:.2f} s cpu, as CSV {csv_cpu:.2f} s "
            f"({json_cpu / csv_cpu:.2f}x; aim <= 2x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
