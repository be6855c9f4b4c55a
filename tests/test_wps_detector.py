"""Precision and recall of the WPS detector on the hand-labelled sample (tests/data/wps).

340 paragraphs and sub-paragraphs of ten real Security Council texts, each labelled by a
person (the rules are in tests/data/wps/README.md). The detector must find every WPS
provision and nothing else: the test fails below the figures reached (precision 1.00,
recall 1.00), naming every unit it got wrong.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from wpscheck.loading import load_document
from wpscheck.models import Paragraph
from wpscheck.text.wps import detect

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WPSCHECK_SHARED", ROOT / ".." / "shared"))
TEXTS = SHARED / "corpus" / "unsc" / "texts"
LABELS = ROOT / "tests" / "data" / "wps" / "labels.tsv"

#: The figures reached; the test fails below them.
PRECISION = 1.0
RECALL = 1.0


@dataclasses.dataclass(frozen=True)
class Label:
    file: str
    ref: str
    wps: bool
    opening: str
    why: str


def labels() -> list[Label]:
    rows = []
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        file, ref, wps, opening, why = line.split("\t")
        rows.append(Label(file, ref, wps == "1", opening, why))
    return rows


def _walk(paragraphs: tuple[Paragraph, ...]) -> Iterator[Paragraph]:
    for p in paragraphs:
        yield p
        yield from _walk(p.children)


def test_the_sample_is_large_enough() -> None:
    rows = labels()
    assert len(rows) >= 200
    assert len({r.file for r in rows}) >= 8
    assert sum(r.wps for r in rows) == 44
    assert all(r.why for r in rows if r.wps), "every positive says why"


@pytest.mark.skipif(not TEXTS.is_dir(), reason="the corpus (../shared/corpus/unsc) is absent")
def test_precision_and_recall_on_the_hand_labelled_sample() -> None:
    rows = labels()
    wrong: list[str] = []
    tp = fp = fn = 0
    for file in sorted({r.file for r in rows}):
        doc = load_document(TEXTS / f"{file}.txt")
        units = {p.ref: p for p in _walk(doc.paragraphs)}
        found = {p.ref: p for p in detect(doc)}
        for r in (r for r in rows if r.file == file):
            unit = units.get(r.ref)
            assert unit is not None, f"{file} {r.ref}: no such unit; the parser's refs changed"
            assert " ".join(unit.text.split()).startswith(r.opening), (
                f"{file} {r.ref} now reads {unit.text[:60]!r}, labelled {r.opening!r}"
            )
            hit = found.get(r.ref)
            if hit and r.wps:
                tp += 1
            elif hit:
                fp += 1
                wrong.append(f"false positive {file} {r.ref}: {hit.terms} ({r.why or 'not WPS'})")
            elif r.wps:
                fn += 1
                wrong.append(f"missed {file} {r.ref}: {r.why}")
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= PRECISION, "\n".join(wrong)
    assert recall >= RECALL, "\n".join(wrong)
    assert (tp, fp, fn) == (44, 0, 0), "\n".join(wrong)
