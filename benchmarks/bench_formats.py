"""Render times of every output format on a large synthetic report.

    python benchmarks/bench_formats.py [--bodies 100000] [--repeat 1]

Builds a snapshot of N bodies in memory (a mix of failing and passing quota figures),
checks it against the shipped packs, then renders the report in each registered format,
printing the seconds and the size of each output. Plain figures, not a timed test.
"""

from __future__ import annotations

import argparse
import time
from datetime import date

import wpscheck
from wpscheck.models import Body, Snapshot
from wpscheck.plugin import FormatOptions
from wpscheck.registry import registry


def snapshot(n: int) -> Snapshot:
    kinds = ("government", "commission", "peace-mechanism", "legislature", "local-authority")
    bodies = []
    for i in range(n):
        seats = 10 + i % 90
        women = (i * 7) % (seats + 1)
        bodies.append(
            Body(
                id=f"body-{i:06d}",
                name=f"Synthetic body {i} (district {i % 400})",
                kind=kinds[i % len(kinds)],
                level="district",
                country="ML",
                as_of=date(2021, 4, 29),
                seats=seats,
                women=women,
                tags=("appointed",) if i % 2 else ("elected",),
                source="synthetic",
            )
        )
    return Snapshot(
        title="synthetic",
        country="ML",
        as_of=date(2021, 4, 29),
        bodies=tuple(bodies),
        path="synthetic/bodies.toml",
        lines=tuple(1 + 12 * i for i in range(n)),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bodies", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    t0 = time.perf_counter()
    snap = snapshot(args.bodies)
    t1 = time.perf_counter()
    report = wpscheck.check([snap], wpscheck.shipped_packs(), today=date(2021, 5, 1))
    t2 = time.perf_counter()
    s = report.summary
    print(f"bodies: {args.bodies:,}  built in {t1 - t0:.2f} s; checked in {t2 - t1:.2f} s")
    print(
        f"findings: {s.findings:,} ({s.by_status.get('fail', 0):,} failed, "
        f"{s.by_status.get('pass', 0):,} passed)"
    )
    reg = registry()
    opts = FormatOptions(fail_on="error")
    print(f"{'format':<10} {'seconds':>8} {'MB':>8}")
    for name in sorted(reg.formatters):
        best = float("inf")
        size = 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            out = reg.formatter(name).render(report, opts)
            best = min(best, time.perf_counter() - start)
            size = len(out.encode("utf-8"))
        print(f"{name:<10} {best:>8.2f} {size / 1e6:>8.1f}")


if __name__ == "__main__":
    main()
