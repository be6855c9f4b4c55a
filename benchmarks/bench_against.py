"""``check --against`` against the shipped ``retain`` pack on the 2022 draft (61 KB), whole
CLI, median of 5 runs each; prints both and the ratio (target: at most 1.5).

    python benchmarks/bench_against.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ROOT / ".." / "shared" / "corpus" / "S-RES-2640-2022-draft.txt"
ANNEX = ROOT / "rules" / "baselines" / "S-RES-2531-2020-wps-annex.txt"
PACK = ROOT / "rules" / "resolution-2531-wps.toml"


def _median(argv: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "wpscheck", *argv], capture_output=True, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    if not DRAFT.is_file():
        sys.exit(f"{DRAFT}: the 2022 draft is not beside the repository")
    shipped = _median(["check", str(DRAFT), "--rules", str(PACK)])
    against = _median(
        ["check", str(DRAFT), "--against", str(ANNEX), "--select", "retain-s-res-2531-2020"]
    )
    print(f"retain pack (--rules resolution-2531-wps.toml): {shipped:.3f} s")
    print(f"--against the 2531 annex (derived pack only):   {against:.3f} s")
    print(f"ratio: {against / shipped:.2f}")


if __name__ == "__main__":
    main()
