"""Parse every real Security Council text of ``../shared/corpus`` and print the figures.

    python benchmarks/bench_corpus.py [--runs N]

The 67 texts of ``unsc/texts/``, the 34 of ``unsc/texts-alt/`` and the 2022 MINUSMA draft,
each read and parsed in this process (CPU time, median of N runs, default 5): the whole
corpus, each folder, the cost per KB, the slowest texts, and the 2022 draft as ``.txt`` and,
when ``wpscheck[pdf]`` and fpdf2 are installed, as a PDF laid out as the UN prints one
(``fixtures/drafts/make_pdf.py``), with the PDF/TXT ratio.

With ``--check`` (or ``--only-check``), the corpus checked with every shipped pack: the
engine's serial cost per draft and per KB for 1, 10 and 100 texts (each set of about the
corpus's mean size, in this process: a serial run must not cost more per draft for 100
than for 1), then the whole CLI on the 100 texts serially and with ``--jobs 2`` (CPU
and wall: the speed-up is what ``--jobs`` buys). Prints its figures; asserts nothing.
Skips, saying why, when ``../shared`` is absent.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
CORPUS = SHARED / "corpus"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def cpu(fn: Callable[[], object], runs: int) -> float:
    """Median CPU seconds of ``fn`` over ``runs`` runs."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="also check the corpus")
    parser.add_argument("--only-check", action="store_true", help="only check the corpus")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"skipped: the corpus ({CORPUS}) is absent")
        return 0
    if args.check or args.only_check:
        _checked(args.runs)
    if args.only_check:
        return 0
    from wpscheck.loading import load_document

    folders = {
        "texts": sorted((CORPUS / "unsc" / "texts").glob("*.txt")),
        "texts-alt": sorted((CORPUS / "unsc" / "texts-alt").glob("*.txt")),
    }
    everything = [p for ps in folders.values() for p in ps]
    total_kb = sum(p.stat().st_size for p in everything) / 1024
    whole = cpu(lambda: [load_document(p) for p in everything], args.runs)
    print(f"corpus: {len(everything)} texts, {total_kb:,.0f} KB")
    print(f"  whole corpus parsed: {whole * 1000:,.0f} ms ({whole * 1000 / total_kb:.2f} ms/KB)")
    for name, paths in folders.items():
        kb = sum(p.stat().st_size for p in paths) / 1024
        t = cpu(lambda paths=paths: [load_document(p) for p in paths], args.runs)
        print(f"  {name}: {len(paths)} texts, {kb:,.0f} KB, {t * 1000:,.0f} ms")
    slowest = sorted(((cpu(lambda p=p: load_document(p), 3), p) for p in everything), reverse=True)[
        :3
    ]
    for t, p in slowest:
        print(f"  slowest: {p.parent.name}/{p.name} {t * 1000:.1f} ms")
    _draft(args.runs)
    return 0


def _draft(runs: int) -> None:
    from wpscheck.loading import load_document

    draft = CORPUS / "S-RES-2640-2022-draft.txt"
    if not draft.is_file():
        return
    t_txt = cpu(lambda: load_document(draft), runs)
    print(f"2022 draft (.txt, {draft.stat().st_size / 1024:.0f} KB): {t_txt * 1000:.1f} ms")
    try:
        sys.path.insert(0, str(ROOT / "fixtures" / "drafts"))
        import pypdfium2  # noqa: F401
        from make_pdf import Layout, un_pdf
    except ImportError as exc:
        print(f"  PDF: skipped ({exc.name} is not installed)")
        return
    if not (DEJAVU / "DejaVuSerif.ttf").is_file():
        print("  PDF: skipped (fonts-dejavu-core is not installed; .ci/fonts installs it)")
        return
    layout = Layout(fonts={"": DEJAVU / "DejaVuSerif.ttf", "B": DEJAVU / "DejaVuSerif-Bold.ttf"})
    text = draft.read_text(encoding="utf-8").split("=" * 20, 1)[-1]
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "draft.pdf"
        pdf.write_bytes(un_pdf(text, layout))
        t_pdf = cpu(lambda: load_document(pdf), runs)
    print(f"2022 draft (.pdf): {t_pdf * 1000:.1f} ms, {t_pdf / t_txt:.2f}x the .txt")


def _texts() -> list[Path]:
    return sorted((CORPUS / "unsc" / "texts").glob("*.txt")) + sorted(
        (CORPUS / "unsc" / "texts-alt").glob("*.txt")
    )


def _like_the_corpus(texts: list[Path], n: int) -> list[Path]:
    """``n`` texts spread over the corpus ordered by size, so that their mean size is about
    the corpus's (1: the text nearest that mean)."""
    by_size = sorted(texts, key=lambda p: (p.stat().st_size, p.name))
    if n == 1:
        mean = statistics.mean(p.stat().st_size for p in texts)
        return [min(by_size, key=lambda p: abs(p.stat().st_size - mean))]
    return [by_size[(2 * k + 1) * len(by_size) // (2 * n)] for k in range(n)]


def _checked(runs: int) -> None:
    """The engine's serial cost per draft for 1, 10 and 100 texts; the whole CLI on 100
    texts, serial and ``--jobs 2``."""
    from bench_drafts import WPSCHECK, run_cpu  # bench_drafts imports this module's cpu

    from wpscheck.engine import check
    from wpscheck.loading import load_document, shipped_packs

    packs = shipped_packs()
    texts = _texts()
    check([load_document(texts[0])], packs)  # the check kinds and vocabularies, once
    print("the corpus checked, every shipped pack (engine, this process, serial, CPU):")
    for n in (1, 10, 100):
        chosen = _like_the_corpus(texts, n)
        kb = sum(p.stat().st_size for p in chosen) / 1000
        t = cpu(lambda c=chosen: check([load_document(p) for p in c], packs), runs)
        print(
            f"  {n:>3} texts ({kb / n:4.1f} KB each): {t / n * 1000:6.1f} ms per draft, "
            f"{t / kb * 1000:5.2f} ms per KB"
        )
    hundred = [str(p.resolve()) for p in _like_the_corpus(texts, 100)]
    serial = run_cpu([str(WPSCHECK), "check", *hundred], runs)
    jobs = run_cpu([str(WPSCHECK), "check", *hundred, "--jobs", "2"], runs)
    print("  whole CLI, the 100 texts:")
    print(f"    serial:   {serial[1]:.2f} s wall, {serial[0]:.2f} s CPU")
    print(f"    --jobs 2: {jobs[1]:.2f} s wall, {jobs[0]:.2f} s CPU")
    print(f"    speed-up (wall): {serial[1] / jobs[1]:.2f}×; CPU {jobs[0] / serial[0]:.2f}× serial")


if __name__ == "__main__":
    sys.exit(main())
