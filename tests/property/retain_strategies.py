"""Shared strategies and settings for the property tests."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from wpscheck.models import Document, Paragraph

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _annex_paragraphs() -> list[str]:
    """The baseline annex's paragraphs, numbers and sub-paragraph markers stripped."""
    text = (ROOT / "rules" / "baselines" / "S-RES-2531-2020-wps-annex.txt").read_text("utf-8")
    blocks = [b.strip() for b in text.split("\n\n")][3:]
    out = [re.sub(r"^(\d+\.|\([a-z]+\)|-)\s*", "", b) for b in blocks]
    return [b for b in out if len(b.split()) > 6]


ANNEX = _annex_paragraphs()
FILLER = [
    "Decides to renew until 31 August the measures on travel and financial assets imposed by "
    "paragraphs 1 to 4 of resolution 2374 (2017);",
    "Expresses its concern at the humanitarian situation and the food crisis in the region;",
    "Decides to remain actively seized of the matter.",
    "Requests the Secretary-General to report every three months on the implementation of "
    "this resolution, including on the security situation in the north and the centre;",
]
WORDS = ["mission", "support", "council", "parties", "women", "security", "peace", "report"]


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """The text with a few words deleted, replaced or inserted."""
    w = text.split()
    for _ in range(draw(st.integers(0, 4))):
        if not w:
            break
        i = draw(st.integers(0, len(w) - 1))
        op = draw(st.sampled_from(["del", "sub", "ins"]))
        if op == "del":
            del w[i]
        elif op == "sub":
            w[i] = draw(st.sampled_from(WORDS))
        else:
            w.insert(i, draw(st.sampled_from(WORDS)))
    return " ".join(w)


@st.composite
def drafts(draw: st.DrawFn) -> list[tuple[str, str]]:
    """A draft as (section, text) pairs: preamble first, then operative paragraphs."""
    pool = ANNEX + FILLER
    n = draw(st.integers(0, 8))
    paras = []
    for _ in range(n):
        text = draw(st.sampled_from(pool))
        if draw(st.booleans()):
            text = draw(mutated(text))
        paras.append(text)
    k = draw(st.integers(0, n))
    return [("preamble", t) for t in paras[:k]] + [("operative", t) for t in paras[k:]]


def to_document(paras: list[tuple[str, str]]) -> Document:
    out: list[Paragraph] = []
    pp = op = 0
    for section, text in paras:
        if section == "preamble":
            pp += 1
            ref = f"PP{pp}"
        else:
            op += 1
            ref = f"OP{op}"
        out.append(Paragraph(ref=ref, section=section, text=text))
    return Document(path="draft.txt", paragraphs=tuple(out))
