"""The parser on every real Security Council text of ``../shared/corpus/unsc`` (issue 9).

The paragraph numbers printed in a text are found here without the parser: a number that
begins a line, or follows ``;``, ``,``, ``:`` or ``.`` inside a line and is followed by a
capitalised verb in the third person (*Decides*, *Further requests*), taken in order as the
chain 1, 2, 3 … (a gap of a few numbers is allowed only at the start of a line, where a
draft may have lost or skipped a number), up to "Decides to remain seized". Every number of
that chain must be parsed as the top-level operative paragraph of that number, in order,
with no other numbered operative paragraph; and the kind of every mandate and sanctions
renewal the corpus README lists must be found.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from wpscheck.models import Document
from wpscheck.text.parse import parse_text

#: ``../shared`` beside the repository (as CI lays it), or where ``WPSCHECK_SHARED`` says.
SHARED = Path(
    os.environ.get("WPSCHECK_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared")
)
CORPUS = SHARED / "corpus"
UNSC = CORPUS / "unsc"
DRAFT_2022 = CORPUS / "S-RES-2640-2022-draft.txt"

_CANDIDATE = re.compile(
    r"(?:(^)|(?<=[;:,.])|(?<=Nations))[ \t]*(\n?)[ \t]*(\d{1,3})\.?[ \t]+"
    r"(?=([A-Z][a-z]+)(?:[ \t]+([a-z]+))?)",
    re.MULTILINE,
)
_SEIZED = re.compile(r"\s*Decides to remain (?:actively )?seized")


def body(path: Path) -> str:
    """The text after the corpus header (a line of 20 ``=``)."""
    text = path.read_text(encoding="utf-8")
    at = text.find("=" * 20)
    return text[text.index("\n", at) + 1 :] if at >= 0 else text


def printed_numbers(text: str) -> list[int]:
    """The operative paragraph numbers printed in ``text`` (see the module docstring)."""
    nums: list[int] = []
    for m in _CANDIDATE.finditer(text):
        n = int(m.group(3))
        first, second = m.group(4), m.group(5) or ""
        at_line = m.group(1) is not None or m.group(2) == "\n"
        verb = first.endswith("s") or second.endswith("s")
        if not (at_line or verb):
            continue
        last = nums[-1] if nums else 0
        if n == last + 1 or (at_line and verb and last < n <= last + 6):
            nums.append(n)
            if _SEIZED.match(text, m.end()):
                break
    return nums


def parsed_numbers(doc: Document) -> list[int]:
    """The numbers of the top-level operative paragraphs whose ref is ``OP<number>``."""
    out = []
    for p in doc.paragraphs:
        if p.section == "operative" and p.number is not None and p.ref == f"OP{p.number}":
            out.append(int(p.number))
    return out


def numbered_ops(doc: Document) -> list[str]:
    return [p.ref for p in doc.paragraphs if p.section == "operative" and p.number is not None]


def expected_kinds() -> dict[str, str]:
    """Symbol or file stem → the kind the README lists, for mandate and sanctions renewals."""
    out: dict[str, str] = {}
    for line in (UNSC / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 6 or not cells[0].startswith("`"):
            continue
        stem = cells[0].strip("`").removesuffix(".txt")
        kind = cells[4]
        if kind.startswith("mandate renewal"):
            out[stem] = "mandate-renewal"
        elif kind.startswith("sanctions renewal"):
            out[stem] = "sanctions-renewal"
    return out


def corpus_files() -> list[Path]:
    if not UNSC.is_dir():
        return []
    return sorted((UNSC / "texts").glob("*.txt")) + sorted((UNSC / "texts-alt").glob("*.txt"))


def check_file(path: Path, kinds: dict[str, str]) -> list[str]:
    """What is wrong with the parse of one corpus file (empty when right)."""
    text = body(path)
    doc = parse_text(text, path=path.name)
    problems = []
    printed = printed_numbers(text)
    got = parsed_numbers(doc)
    if printed and got != printed:
        problems.append(f"printed OP numbers {printed} but parsed {got}")
    refs = numbered_ops(doc)
    if len(refs) != len(set(refs)):
        problems.append(f"duplicate operative refs {refs}")
    stem = path.stem.removesuffix("-unbench-json")
    want = kinds.get(stem)
    if want is not None and doc.kind != want:
        problems.append(f"kind {doc.kind!r}, expected {want!r}")
    return problems


needs_corpus = pytest.mark.skipif(
    not UNSC.is_dir(), reason="the real Security Council corpus (../shared/corpus/unsc) is absent"
)


@needs_corpus
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_printed_numbers_are_the_parsed_operative_paragraphs(path: Path) -> None:
    assert check_file(path, expected_kinds()) == []


@needs_corpus
def test_the_oracle_finds_numbers_in_every_numbered_text() -> None:
    # The oracle itself: the texts with numbered paragraphs give a chain from 1.
    chains = {p.name: printed_numbers(body(p)) for p in corpus_files()}
    assert all(c[0] == 1 for c in chains.values() if c)
    assert sum(1 for c in chains.values() if len(c) >= 2) >= 60


@pytest.mark.skipif(not DRAFT_2022.is_file(), reason="../shared/corpus 2022 draft is absent")
def test_2022_draft_gives_25_preambular_and_59_operative_paragraphs() -> None:
    doc = parse_text(body(DRAFT_2022))
    sections = [p.section for p in doc.paragraphs]
    assert (sections.count("preamble"), sections.count("operative")) == (25, 59)
    assert [p.ref for p in doc.paragraphs if p.section == "operative"] == [
        f"OP{n}" for n in range(1, 60)
    ]


if __name__ == "__main__":  # a count for the closing note: python tests/test_corpus_unsc.py
    import time

    kinds = expected_kinds()
    right = {"texts": 0, "texts-alt": 0}
    total = {"texts": 0, "texts-alt": 0}
    for p in corpus_files():
        total[p.parent.name] += 1
        bad = check_file(p, kinds)
        right[p.parent.name] += not bad
        for b in bad:
            print(f"{p.parent.name}/{p.name}: {b}"[:300])
    texts = [body(p) for p in corpus_files()]
    t0 = time.perf_counter()
    for t in texts:
        parse_text(t)
    whole = time.perf_counter() - t0
    draft = body(DRAFT_2022)
    t0 = time.perf_counter()
    for _ in range(10):
        parse_text(draft)
    one = (time.perf_counter() - t0) / 10
    print(right, total, f"corpus {whole:.3f} s, 2022 draft {one * 1000:.1f} ms")
