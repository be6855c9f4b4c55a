"""Retention benchmark: align every S/RES/2531 (2020) WPS provision with drafts of growing
size, then check a corpus of 1,000 drafts serially and with every core.

    python benchmarks/bench_retain.py [--corpus N] [--skip-corpus]

Synthetic drafts: the renumbered retention fixture (all sixteen provisions) plus operative
paragraphs of baseline words shuffled with a fixed seed (worst case for the bigram index:
every filler paragraph shares vocabulary with the provisions). Also times the real 2022
renewal draft when ../shared/corpus/S-RES-2640-2022-draft.txt is beside the repository.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wpscheck.checks.retain import load_baseline, pack_vocabulary  # noqa: E402
from wpscheck.loading import load_pack  # noqa: E402
from wpscheck.models import Document  # noqa: E402
from wpscheck.parallel import check_files, default_jobs  # noqa: E402
from wpscheck.text.align import DraftIndex, Provision, align, provision_from_paragraph  # noqa: E402
from wpscheck.text.parse import parse_text  # noqa: E402

PACK = ROOT / "rules" / "resolution-2531-wps.toml"
BASE_DRAFT = ROOT / "fixtures" / "retention" / "renumbered.txt"
DRAFT_2640 = ROOT / ".." / "shared" / "corpus" / "S-RES-2640-2022-draft.txt"


def synthetic(size: int, seed: int = 1) -> str:
    """The renumbered fixture grown to about ``size`` characters with filler paragraphs."""
    rng = random.Random(seed)
    text = BASE_DRAFT.read_text("utf-8")
    vocab = load_baseline(load_pack(PACK).baselines["S-RES-2531-2020"]).text.split()
    head, tail = text.rsplit("\n\n", 1)
    n = int(tail.split(".", 1)[0])
    parts = [head]
    while sum(len(p) for p in parts) < size - len(tail):
        words = [rng.choice(vocab) for _ in range(rng.randint(40, 90))]
        parts.append(f"{n}. Requests {' '.join(words).rstrip('.,;')};")
        n += 1
    parts.append(f"{n}." + tail.split(".", 1)[1])
    return "\n\n".join(parts) + "\n"


def provisions() -> list[tuple[Provision, dict[str, float]]]:
    pack = load_pack(PACK)
    base = load_baseline(pack.baselines["S-RES-2531-2020"])
    out = []
    for r in pack.rules:
        para = base.find(r.params["ref"])
        assert para is not None
        prov = provision_from_paragraph(base, para, r.params["key_terms"])
        out.append(
            (
                prov,
                {
                    "retained_at": r.params["retained_at"],
                    "dropped_below": r.params["dropped_below"],
                },
            )
        )
    return out


def time_align(
    doc: Document, provs: list[tuple[Provision, dict[str, float]]], repeat: int = 5
) -> float:
    vocab = pack_vocabulary(load_pack(PACK))
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        index = DraftIndex(doc)
        for prov, th in provs:
            align(prov, index, vocab, **th)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def time_parse(text: str, repeat: int = 5) -> tuple[float, Document]:
    times = []
    doc = parse_text(text)
    for _ in range(repeat):
        t = time.perf_counter()
        doc = parse_text(text)
        times.append(time.perf_counter() - t)
    return statistics.median(times), doc


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=int, default=1000, help="drafts in the corpus (1000)")
    ap.add_argument("--skip-corpus", action="store_true")
    args = ap.parse_args()
    provs = provisions()
    print(f"{len(provs)} provisions of S/RES/2531 (2020); median of 5 runs\n")
    print(f"{'draft':>24} {'KB':>6} {'paras':>6} {'parse s':>8} {'align s':>8} {'µs/para':>8}")
    rows = []
    for size in (15_000, 30_000, 60_000, 120_000, 240_000):
        parse_s, doc = time_parse(synthetic(size))
        n = sum(1 for _ in doc.walk())
        align_s = time_align(doc, provs)
        rows.append((size, align_s))
        print(
            f"{'synthetic':>24} {size / 1000:>6.0f} {n:>6} {parse_s:>8.3f} {align_s:>8.3f} "
            f"{align_s / n * 1e6:>8.0f}"
        )
    if DRAFT_2640.is_file():
        text = DRAFT_2640.read_text("utf-8")
        parse_s, doc = time_parse(text)
        n = sum(1 for _ in doc.walk())
        align_s = time_align(doc, provs)
        print(
            f"{'S/RES/2640 (2022) draft':>24} {len(text) / 1000:>6.0f} {n:>6} {parse_s:>8.3f} "
            f"{align_s:>8.3f} {align_s / n * 1e6:>8.0f}"
        )
    (s0, t0), (s1, t1) = rows[0], rows[-1]
    print(f"\nscaling: {s1 / s0:.0f}× the text → {t1 / t0:.1f}× the alignment time")
    if args.skip_corpus:
        return
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        fixtures = sorted((ROOT / "fixtures" / "retention").glob("*.txt"))
        for i in range(args.corpus):
            src = fixtures[i % len(fixtures)].read_text("utf-8")
            p = Path(tmp) / f"draft-{i:04d}.txt"
            p.write_text(src.replace("30 June 2022", f"30 June {2022 + i % 7}"), "utf-8")
            files.append(p)
        packs = [load_pack(PACK)]
        size_kb = sum(p.stat().st_size for p in files) / 1000
        print(f"\ncorpus: {len(files)} drafts, {size_kb:,.0f} KB, {len(packs[0].rules)} rules each")
        results = {}
        for jobs in (1, default_jobs()):
            t = time.perf_counter()
            report = check_files(files, packs, jobs=jobs)
            results[jobs] = time.perf_counter() - t
            print(
                f"  --jobs {jobs}: {results[jobs]:6.1f} s  ({len(files) / results[jobs]:5.1f} "
                f"drafts/s, {len(report.findings)} findings)"
            )
        if len(results) > 1:
            print(
                f"  speed-up on {default_jobs()} cores: {results[1] / results[default_jobs()]:.2f}×"
            )
        print(f"  (os.cpu_count() = {os.cpu_count()})")


if __name__ == "__main__":
    main()
