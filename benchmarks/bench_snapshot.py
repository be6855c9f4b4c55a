"""Benchmark: a 100,000-body CSV snapshot through load, check, render and the whole CLI.

Run from the repository root::

    python benchmarks/bench_snapshot.py [--bodies N]

It writes the snapshot to a temporary directory (deleted afterwards) and prints the
figures. The check uses the shipped rule packs, as ``wpscheck check`` does. Figures
measured before and after the performance work, and what changed: ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
import time
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


def timed(label: str, fn: object, results: dict[str, tuple[float, float]]) -> object:
    """Run ``fn``; record wall-clock and CPU seconds (CPU: this process only, so a
    subprocess's CPU shows as ~0 — read its wall time)."""
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()  # type: ignore[operator]
    results[label] = (time.perf_counter() - wall, time.process_time() - cpu)
    return value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bodies", type=int, default=100_000)
    args = parser.parse_args()

    from wpscheck.api import render
    from wpscheck.engine import check
    from wpscheck.loading import load_snapshot, shipped_packs

    results: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bodies.csv"
        timed("generate CSV", lambda: write_snapshot(path, args.bodies), results)
        size = path.stat().st_size
        packs = shipped_packs()
        snapshot = timed("load (CSV → Snapshot)", lambda: load_snapshot(path), results)
        report = timed("check (engine, shipped packs)", lambda: check([snapshot], packs), results)
        timed("render json (as the CLI)", lambda: render(report, "json"), results)  # type: ignore[arg-type]
        timed("render text", lambda: render(report, "text"), results)  # type: ignore[arg-type]
        out = Path(tmp) / "report.json"
        cli = [sys.executable, "-m", "wpscheck", "check", str(path), "--format", "json"]
        timed(
            "whole CLI (json to a file)",
            lambda: subprocess.run([*cli, "--output", str(out)], check=False),
            results,
        )
        timed(
            "whole CLI (text to a pipe)",
            lambda: subprocess.run(cli[:-2], check=False, stdout=subprocess.DEVNULL),
            results,
        )
        timed(
            "wpscheck --version",
            lambda: subprocess.run(
                [sys.executable, "-m", "wpscheck", "--version"],
                check=False,
                stdout=subprocess.DEVNULL,
            ),
            results,
        )
    timed(
        "calibration: 10^6 int ops",
        lambda: sum(i * i for i in range(1_000_000)),
        results,
    )
    findings = len(report.findings)  # type: ignore[attr-defined]
    print(f"{args.bodies:,} bodies, {size / 1e6:.1f} MB CSV, {findings:,} findings")
    print(f"  {'':<32} {'wall':>8}   {'cpu':>8}")
    for label, (wall, cpu) in results.items():
        print(f"  {label:<32} {wall:8.3f} s {cpu:8.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
