"""Parse every real Security Council text of ``../shared/corpus`` and print the figures.

    python benchmarks/bench_corpus.py [--runs N]

The 67 texts of ``unsc/texts/``, the 34 of ``unsc/texts-alt/`` and the 2022 MINUSMA draft,
each read and parsed in this process (CPU time, median of N runs, default 5): the whole
corpus, each folder, the cost per KB, the slowest texts, and the 2022 draft as ``.txt`` and,
when ``wpscheck[pdf]`` and fpdf2 are installed, as a PDF laid out as the UN prints one
(``fixtures/drafts/make_pdf.py``), with the PDF/TXT ratio. Prints its figures; asserts
nothing. Skips, saying why, when ``../shared`` is absent.
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
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"skipped: the corpus ({CORPUS}) is absent")
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


if __name__ == "__main__":
    sys.exit(main())
