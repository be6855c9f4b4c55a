"""Time to parse and check drafts against the shipped text packs: a 30 KB draft end to end
from the CLI, and in-process runs at 30 KB, 300 KB and 3 MB to show how it scales.

    python benchmarks/bench_drafts.py

Prints its figures; it asserts nothing. The drafts are built from the fixture drafts'
operative paragraphs, renumbered, with a sanctions and a MINUSMA paragraph mix.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DRAFTS = ROOT / "fixtures" / "drafts"
TEXT_PACKS = [
    ROOT / "rules" / "sanctions-gender-expertise.toml",
    ROOT / "rules" / "minusma-recommendations-2021.toml",
]


def make_draft(size: int) -> str:
    """A draft of about ``size`` characters: preamble, then numbered paragraphs."""
    body = []
    for name in ("minusma-pass.txt", "sanctions-pass.txt"):
        text = (DRAFTS / name).read_text(encoding="utf-8")
        body += re.split(r"\n(?=\d+\. )", text.split("\n1. ", 1)[1])
    paras = [re.sub(r"^\d+\. ", "", p).strip() for p in body if "remain actively seized" not in p]
    out = ["The Security Council,", "", "Recalling its previous resolutions on Mali,", ""]
    n = 0
    total = 0
    while total < size:
        for p in paras:
            n += 1
            chunk = f"{n}. {p}\n"
            out.append(chunk)
            total += len(chunk)
            if total >= size:
                break
    out.append(f"{n + 1}. Decides to remain actively seized of the matter.\n")
    return "\n".join(out)


def cpu_of_children(fn: object) -> float:
    """CPU seconds (user + system) the child processes ``fn`` starts use: the machine is
    shared, so wall-clock time of a subprocess overstates its cost."""
    before = os.times()
    fn()  # type: ignore[operator]
    after = os.times()
    return (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )


def best_of(runs: int, fn: object) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    import wpscheck
    from wpscheck.loading import load_document, load_packs

    packs = load_packs(TEXT_PACKS)
    with tempfile.TemporaryDirectory() as tmp:
        sizes = [30_000, 300_000, 3_000_000]
        files = {}
        for size in sizes:
            f = Path(tmp) / f"draft-{size}.txt"
            f.write_text(make_draft(size), encoding="utf-8")
            files[size] = f
        cmd = [sys.executable, "-m", "wpscheck", "check", str(files[30_000]), "--format", "json"]
        for p in TEXT_PACKS:
            cmd += ["--rules", str(p)]
        cli = best_of(3, lambda: subprocess.run(cmd, capture_output=True, check=False))
        cli_cpu = min(
            cpu_of_children(lambda: subprocess.run(cmd, capture_output=True, check=False))
            for _ in range(3)
        )
        startup = best_of(
            3,
            lambda: subprocess.run(
                [sys.executable, "-m", "wpscheck", "--version"], capture_output=True, check=False
            ),
        )
        rules = sum(len(p.rules) for p in packs)
        print(
            f"CLI end to end, 30 KB draft, {rules} text rules: {cli * 1000:.0f} ms wall, "
            f"{cli_cpu * 1000:.0f} ms CPU (wpscheck --version: {startup * 1000:.0f} ms wall)"
        )
        base = None
        for size in sizes:
            f = files[size]
            runs = 3 if size <= 300_000 else 1
            parse = best_of(runs, lambda f=f: load_document(f))
            doc = load_document(f)
            chk = best_of(runs, lambda doc=doc: wpscheck.check([doc], packs))
            paragraphs = sum(1 for _ in doc.walk())
            per_kb = (parse + chk) / (f.stat().st_size / 1000)
            base = base or per_kb
            kb = f.stat().st_size / 1000
            print(
                f"{kb:>8.0f} KB, {paragraphs:>6} paragraphs: parse {parse * 1000:8.1f} ms, "
                f"check {chk * 1000:8.1f} ms, {per_kb * 1000:6.2f} ms/KB "
                f"({per_kb / base:.2f}× the 30 KB rate)"
            )


if __name__ == "__main__":
    main()
