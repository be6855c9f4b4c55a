"""Time and memory to load and check candidate lists: 10,000 lists, 500,000 candidates.

    python benchmarks/bench_lists.py

Writes a CSV (one candidate a row, 50 a list, seeded random sexes) to a temporary folder,
then loads it and checks it with Law 052's two list rules (art. 2 cap, art. 3 alternation).
Prints its figures (load time, check time, peak resident memory); asserts nothing.
"""

from __future__ import annotations

import csv
import random
import resource
import tempfile
import time
from pathlib import Path

from wpscheck.engine import check
from wpscheck.loading import load_pack
from wpscheck.loading.lists import load_lists

ROOT = Path(__file__).resolve().parents[1]
LISTS, PER_LIST = 10_000, 50


def write(path: Path) -> None:
    rng = random.Random(52)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            ["list_id", "position", "name", "sex", "party", "constituency", "country", "level"]
        )
        for n in range(LISTS):
            party, place = f"P{n % 40}", f"C{n // 40}"
            women = rng.random() < 0.5
            for pos in range(1, PER_LIST + 1):
                sex = "F" if (rng.random() < 0.45) == women else "M"
                w.writerow([f"l{n}", pos, f"N{n}-{pos}", sex, party, place, "ML", "municipal"])


def main() -> None:
    pack = load_pack(ROOT / "rules" / "mali-law-052.toml")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lists.csv"
        write(path)
        size = path.stat().st_size
        t0 = time.perf_counter()
        lists = load_lists(path)
        t1 = time.perf_counter()
        report = check([lists], [pack])
        t2 = time.perf_counter()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB
    print(f"{LISTS:,} lists, {LISTS * PER_LIST:,} candidates, CSV {size / 1e6:.1f} MB")
    print(f"load  {t1 - t0:.2f} s")
    print(
        f"check {t2 - t1:.2f} s ({report.summary.findings:,} findings: {report.summary.by_status})"
    )
    print(f"peak resident memory {peak / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
