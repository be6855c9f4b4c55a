"""Lineage benchmark: the WPS provisions of 2, 5 and 10 renewals of about 60 KB each.

    python benchmarks/bench_lineage.py

The renewals are made from the 2022 MINUSMA draft (``../shared/corpus/S-RES-2640-2022-draft.txt``
beside the repository; without it, the fixture series repeated to 60 KB): renewal k is
renewal k-1 with small edits chosen with a fixed seed — one operative verb demoted, one
paragraph removed, one qualifier added — as a year of negotiation might leave it. Each
figure is the best of 3 runs of :func:`wpscheck.lineage.lineage_of` on parsed texts (reading
and parsing are timed apart). Lineage aligns each thread once per later text, so the cost
per text should stay flat as the series grows.
"""

from __future__ import annotations

import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wpscheck.diff import vocabulary_of  # noqa: E402
from wpscheck.lineage import lineage_of  # noqa: E402
from wpscheck.loading import shipped_packs  # noqa: E402
from wpscheck.text.parse import parse_text  # noqa: E402

DRAFT = ROOT / ".." / "shared" / "corpus" / "S-RES-2640-2022-draft.txt"
FIXTURE = ROOT / "fixtures" / "lineage" / "r1-2021.txt"
SIZE = 60_000


def calibration() -> float:
    t = time.perf_counter()
    sum(i for i in range(10**6))
    return time.perf_counter() - t


def first_text() -> str:
    if DRAFT.is_file():
        return DRAFT.read_text("utf-8")
    text = FIXTURE.read_text("utf-8")
    head, body = text.split("1. ", 1)
    paras = [p for p in ("1. " + body).split("\n\n") if p.strip()]
    out, n = [head], 1
    while sum(len(p) for p in out) < SIZE:
        for p in paras:
            out.append(re.sub(r"^\d+\.", f"{n}.", p))
            n += 1
    return "\n\n".join(out) + "\n"


def renewals(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    texts = [first_text()]
    for _ in range(count - 1):
        # pieces that each open with an operative paragraph's number (the first: all before)
        parts = re.split(r"(?m)^(?=\s*\d+\.\s)", texts[-1])
        ops = list(range(1, len(parts) - 1))
        i = rng.choice(ops)
        parts[i] = re.sub(r"\b(Requests|Calls upon|Urges)\b", "Encourages", parts[i], count=1)
        del parts[rng.choice([k for k in ops if k != i])]
        ends = [k for k in range(1, len(parts)) if parts[k].rstrip().endswith(";")]
        j = rng.choice(ends)
        parts[j] = parts[j].rstrip()[:-1] + ", as appropriate;\n"
        texts.append("".join(parts))
    return texts


def main() -> None:
    print(f"calibration: 10^6 int ops {calibration():.3f} s")
    source = "the 2022 draft" if DRAFT.is_file() else "the fixture repeated"
    texts = renewals(10)
    print(f"10 renewals from {source}, {sum(map(len, texts)) / 10 / 1000:.1f} KB each")
    t = time.perf_counter()
    docs = [parse_text(x, path=f"R{k + 1}.txt") for k, x in enumerate(texts)]
    print(f"parse 10 texts: {time.perf_counter() - t:.2f} s")
    vocab = vocabulary_of(shipped_packs())
    print("texts  seconds  per text  threads")
    for n in (2, 5, 10):
        best = float("inf")
        for _ in range(3):
            subset = [parse_text(x, path=f"R{k + 1}.txt") for k, x in enumerate(texts[:n])]
            t = time.perf_counter()
            lin = lineage_of(subset, vocab)
            best = min(best, time.perf_counter() - t)
        print(f"{n:>5}  {best:7.3f}  {best / n:8.3f}  {len(lin.threads):7}")
    del docs


if __name__ == "__main__":
    main()
