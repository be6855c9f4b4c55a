"""Findings written into the draft: a copy of it with a Word comment on each paragraph that
weakened, modified or dropped a provision, or lacks required language.

:func:`annotate` makes the ``.docx`` bytes from a draft, its check report and its parsed
document (nothing is written: a web front end calls it); :func:`check_and_annotate` runs
the check first, with the packs given. ``wpscheck annotate`` is the command.

Where each comment goes (``docs/annotate.md`` says it for users):

- a weakened or modified provision: on the draft paragraph it was found in;
- required language that is partly there: on the paragraph the finding points at;
- required language missing from the whole draft: on the first paragraph of the part the
  rule looks in (the first operative paragraph, or the first preambular one for a
  ``section = "preamble"`` rule);
- a dropped provision: where it used to stand, found from its neighbours among the same
  pack's provisions of the same baseline, in the baseline's order: on the draft paragraph
  holding the nearest earlier provision that the draft kept (it stood after it), else on
  the one holding the nearest later one (it stood before it), else on the first paragraph
  of the part it sat in.

A ``.docx`` draft keeps every part as it was except the few that comments need (see
:mod:`wpscheck.docx_write`); a ``.txt``, ``.md`` or ``.pdf`` draft becomes a new ``.docx``
with one Word paragraph per paragraph of the draft (its numbers as text).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from wpscheck.docx_write import Comment, add_comments, new_package
from wpscheck.errors import DocumentError
from wpscheck.evidence import (
    AlignmentEvidence,
    IntensifierDropped,
    LostTerm,
    MovedToPreamble,
    QualifierAdded,
    Reason,
    TermElsewhere,
    VerbDemoted,
    WordingKept,
    alignment_of,
    human_ref,
)
from wpscheck.models import Document, Finding, Paragraph, Report, RulePack

if TYPE_CHECKING:
    from wpscheck.registry import Registry

__all__ = ["annotate", "check_and_annotate", "comments_for"]

#: At most this many lost (or added) runs of words are quoted in one comment.
MAX_RUNS = 6


# --------------------------------------------------------------------------- where


def _ref_key(ref: str) -> tuple[int, ...]:
    """A baseline ref in the baseline's order: the preamble, the operative part, annexes;
    then by number, letter and roman sub-paragraph, and dash item."""
    rank = 0 if ref.startswith("PP") else 2 if ref.startswith("Annex") else 1
    key = [rank]
    depth = 0
    for m in re.finditer(r"(\d+)|\(([^)]*)\)", ref):
        if m.group(1) is not None:
            key.append(int(m.group(1)))
            continue
        depth += 1
        label = m.group(2).lower()
        if depth >= 2 and re.fullmatch(r"[ivxlc]+", label):
            key.append(_roman(label))
        elif label.isalpha():
            key.append(sum((ord(c) - 96) * 26**i for i, c in enumerate(reversed(label))))
        elif label.isdigit():
            key.append(int(label))
    return tuple(key)


def _roman(s: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for a, b in zip(s, [*s[1:], ""], strict=True):
        v = values[a]
        total += -v if b and values[b] > v else v
    return total


class _Layout:
    """The Word paragraphs (first, last; 0-based, as the output holds them) of each line
    of the draft's text, and the draft's paragraphs by ref."""

    def __init__(self, doc: Document, lines: dict[int, tuple[int, int]]) -> None:
        self.doc = doc
        self.lines = lines

    def of_line(self, line: int | None) -> tuple[int, int] | None:
        return self.lines.get(line) if line is not None else None

    def of_ref(self, ref: str | None) -> tuple[int, int] | None:
        p = self.doc.find(ref) if ref else None
        return self.of_line(p.span.line) if p is not None and p.span is not None else None

    def of_finding(self, f: Finding) -> tuple[int, int] | None:
        loc = f.location
        if loc is None:
            return None
        return self.of_ref(loc.ref) or self.of_line(loc.line)

    def first_of(self, section: str) -> tuple[tuple[int, int], Paragraph] | None:
        """The first paragraph of ``section`` (``operative``, ``preamble``; anything else:
        the first operative paragraph), falling back on the first paragraph there is."""
        wanted = section if section in ("operative", "preamble") else "operative"
        every = [p for p in self.doc.walk() if p.span is not None]
        for p in [*(p for p in every if p.section == wanted), *every]:
            place = self.of_ref(p.ref)
            if place is not None:
                return place, p
        return None


def _all_paragraphs(doc: Document) -> list[Paragraph]:
    return [*doc.walk(), *(p for a in doc.annexes for p in a.walk())]


def _text_layout(doc: Document) -> tuple[list[str], dict[int, tuple[int, int]]]:
    """A text draft as Word paragraphs: each parsed paragraph becomes one (its printed
    number, then its text with the lines joined); every other non-blank line one too.
    Lines where several parsed paragraphs start become one Word paragraph, as printed."""
    lines = doc.text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    owners: dict[int, list[Paragraph]] = {}
    for p in _all_paragraphs(doc):
        if p.span is None:
            continue
        kids = [c.span.line for c in p.children if c.span is not None]
        last = max(p.span.line, min(kids) - 1) if kids else p.span.end_line
        for ln in range(p.span.line, last + 1):
            owners.setdefault(ln, []).append(p)
    out: list[str] = []
    where: dict[int, tuple[int, int]] = {}
    n = 1
    while n <= len(lines):
        own = owners.get(n, [])
        if len(own) == 1 and own[0].span is not None and own[0].span.line == n:
            p = own[0]
            run = n
            while run + 1 <= len(lines) and [id(q) for q in owners.get(run + 1, [])] == [id(p)]:
                run += 1
            assert p.span is not None
            prefix = doc.text[starts[n - 1] : p.span.start].strip()
            text = f"{prefix} {p.text}".strip()
        else:
            run = n
            while own and run + 1 <= len(lines) and owners.get(run + 1) == own:
                run += 1
            text = " ".join(" ".join(lines[n - 1 : run]).split())
        if text:
            out.append(text)
            for ln in range(n, run + 1):
                where[ln] = (len(out) - 1, len(out) - 1)
        n = run + 1
    return out, where


def _docx_layout(data: bytes, doc: Document, show: str) -> dict[int, tuple[int, int]]:
    """The Word paragraphs of each line the reader made of a ``.docx``: one line per
    paragraph, a paragraph whose mark is not in the checked text joined to the next."""
    from wpscheck.docx_write import W
    from wpscheck.readers.docx import guard_package, read_part
    from wpscheck.revisions import tracked_mode

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        guard_package(zf, show)
        root = read_part(zf, "word/document.xml", show)
    body = root.find(W + "body") if root is not None else None
    raw = list(body.iter(W + "p")) if body is not None else []
    gone = W + ("del" if tracked_mode() == "accept" else "ins")
    groups: list[tuple[int, int]] = []
    pending: int | None = None
    for i, p in enumerate(raw):
        start = i if pending is None else pending
        if p.find(f"{W}pPr/{W}rPr/{gone}") is not None:
            pending = start
            continue
        groups.append((start, i))
        pending = None
    if pending is not None:
        groups.append((pending, len(raw) - 1))
    if len(groups) != len(doc.text.split("\n")):
        raise DocumentError(
            f"{show}: the Word paragraphs ({len(groups)}) do not match the lines read "
            f"({len(doc.text.split(chr(10)))}); cannot place the comments"
        )
    return {n + 1: g for n, g in enumerate(groups)}


# --------------------------------------------------------------------------- what


def _quote(text: str) -> str:
    return f"“{' '.join(text.split())}”"


def _some(items: Sequence[str]) -> str:
    shown = "; ".join(_quote(t) for t in items[:MAX_RUNS])
    more = len(items) - MAX_RUNS
    return shown + (f"; and {more} more" if more > 0 else "")


def _reason(r: Reason) -> str:
    if isinstance(r, VerbDemoted):
        tail = " (the verb of the paragraph it sits under)" if r.governing else ""
        return f"The verb fell from {_quote(r.baseline)} to {_quote(r.draft)}{tail}, a weaker one."
    if isinstance(r, QualifierAdded):
        return f"The qualifier {_quote(r.qualifier)} was added."
    if isinstance(r, IntensifierDropped):
        return f"The intensifier {_quote(r.intensifier)} was dropped."
    if isinstance(r, MovedToPreamble):
        return "It moved from the operative part to the preamble."
    if isinstance(r, LostTerm):
        return f"The key term {_quote(r.term)} is no longer anywhere in the draft."
    if isinstance(r, TermElsewhere):
        return f"The key term {_quote(r.term)} is now in {human_ref(r.ref)}, not here."
    if isinstance(r, WordingKept):
        return f"Only {round(r.share * 100)} % of the wording is kept."
    # Every other reason (carried across, opening words lost, a tracked edit, a plugin's
    # note) says itself: its message as a sentence.
    message = r.message.rstrip(".")
    return message[:1].upper() + message[1:] + "."


def _named(a: AlignmentEvidence) -> str:
    return f"{a.baseline} {a.baseline_ref}" if a.baseline else a.baseline_ref


def _tail(f: Finding) -> list[str]:
    out = []
    if f.references:
        out.append("Reference: " + "; ".join(f.references) + ".")
    out.append(f"For the record: rule {f.rule_id}, score {f.score:.2f}.")
    return out


def _retain_text(f: Finding, a: AlignmentEvidence, where: str | None) -> list[str]:
    here = human_ref(a.draft_ref) if a.draft_ref else None
    if f.classification == "dropped":
        out = [f"Dropped: {_named(a)} is not in this draft; nothing here carries it."]
        if where:
            out.append(where)
    else:
        verb = "weakens" if f.classification == "weakened" else "changes"
        out = [
            f"{(f.classification or 'changed').capitalize()}: this paragraph ({here}) "
            f"{verb} {_named(a)}."
        ]
    out.append(f"The earlier text said: {_quote(a.baseline_text)}")
    lost = [r.text for r in a.diff if r.op == "-"]
    added = [r.text for r in a.diff if r.op == "+"]
    if f.classification != "dropped":
        if lost:
            out.append(f"Words lost: {_some(lost)}.")
        if added:
            out.append(f"Words added: {_some(added)}.")
    out.extend(_reason(r) for r in a.reasons)
    return [*out, *_tail(f)]


def _require_text(f: Finding, title: str, placed: str | None) -> list[str]:
    out = [f"Required language missing: {title.rstrip('.')}."]
    anchors = f.expected.get("anchor") or []
    if anchors and not f.observed.get("anchors"):
        section = f.expected.get("section")
        part = f"{section} " if section in ("operative", "preamble") else ""
        out.append(
            f"No {part}paragraph of this draft mentions "
            + " or ".join(_quote(str(x)) for x in anchors)
            + "."
        )
    missing: list[str] = []
    present: list[str] = []
    for ev in f.evidence:
        if not isinstance(ev, dict) or ev.get("kind") != "element":
            continue
        name = _quote(str(ev.get("element")))
        if ev.get("present"):
            present.append(name)
        elif ev.get("outside"):
            missing.append(
                f"{name} (found only in {human_ref(str(ev['outside']))}, where it does not count)"
            )
        else:
            missing.append(name)
    if missing:
        out.append("Missing: " + "; ".join(missing) + ".")
    if present:
        out.append("Present: " + "; ".join(present) + ".")
    if not missing and not present:
        out.append(f.message.rstrip(".") + ".")
    if placed:
        out.append(placed)
    return [*out, *_tail(f)]


def _other_text(f: Finding, title: str) -> list[str]:
    return [f"{title.rstrip('.')}: {f.message.rstrip('.')}.", *_tail(f)]


def _dropped_place(
    f: Finding,
    a: AlignmentEvidence,
    kept: Sequence[tuple[Finding, AlignmentEvidence]],
    layout: _Layout,
) -> tuple[tuple[int, int] | None, str | None]:
    """Where a dropped provision used to stand, and the sentence that says so."""
    key = _ref_key(a.baseline_ref)
    same_part = [k for k in kept if _ref_key(k[1].baseline_ref)[0] == key[0]]
    ordered = sorted(same_part, key=lambda k: _ref_key(k[1].baseline_ref))
    before = [k for k in ordered if _ref_key(k[1].baseline_ref) < key]
    after = [k for k in ordered if _ref_key(k[1].baseline_ref) > key]
    for side, group in (("after", before[::-1]), ("before", after)):
        for g, b in group:
            place = layout.of_finding(g)
            if place is not None:
                now = human_ref(b.draft_ref) if b.draft_ref else "this paragraph"
                return place, (f"It stood {side} {_named(b)}, now this paragraph ({now}).")
    section = "preamble" if a.baseline_ref.startswith("PP") else "operative"
    first = layout.first_of(section)
    if first is None:
        return None, None
    return first[0], (
        f"No neighbour of it in the {'preamble' if key[0] == 0 else 'operative part'} is "
        f"kept either; this comment is on the first {section} paragraph."
    )


def comments_for(report: Report, layout: _Layout) -> list[Comment]:
    """One comment per failed finding about the draft, in paragraph order."""
    doc = layout.doc
    titles = {r.id: r.title for r in report.rules}
    mine = [
        f
        for f in report.findings
        if f.failed and (f.subject == doc.path or (f.location and f.location.path == doc.path))
    ]
    aligned = [(f, alignment_of(f)) for f in mine if f.check == "retain"]
    groups: dict[tuple[str, str | None], list[tuple[Finding, AlignmentEvidence]]] = {}
    for f in report.findings:
        a = alignment_of(f) if f.check == "retain" else None
        if a is not None and f.classification != "dropped" and f.status != "not-applicable":
            groups.setdefault((f.pack, a.baseline), []).append((f, a))
    placed: list[tuple[tuple[int, int], int, list[str]]] = []
    alignments = {id(f): a for f, a in aligned}
    for order, f in enumerate(mine):
        a = alignments.get(id(f))
        title = titles.get(f.rule_id, f.rule_id)
        place: tuple[int, int] | None
        if a is not None and f.classification == "dropped":
            place, where = _dropped_place(f, a, groups.get((f.pack, a.baseline), []), layout)
            text = _retain_text(f, a, where)
        elif a is not None and f.classification in ("weakened", "modified"):
            place = layout.of_finding(f)
            text = _retain_text(f, a, None)
        else:
            place = layout.of_finding(f)
            note = None
            if place is None:
                section = str(f.expected.get("section") or "operative")
                first = layout.first_of(section)
                place = first[0] if first is not None else None
                part = section if section in ("operative", "preamble") else "operative"
                note = (
                    "Nothing in the draft carries it; this comment is on the first "
                    f"{part} paragraph."
                )
            text = _require_text(f, title, note) if f.check == "require" else _other_text(f, title)
        if place is None:
            place = (0, 0)
        placed.append((place, order, text))
    placed.sort(key=lambda x: (x[0], x[1]))
    return [Comment(first, last, tuple(text)) for (first, last), _, text in placed]


# --------------------------------------------------------------------------- the API


def annotate(draft: Path, report: Report, document: Document) -> bytes:
    """The ``.docx`` bytes of ``draft`` with a comment for each failed finding of
    ``report`` about ``document`` (``draft`` as read). Writes nothing."""
    from wpscheck.readers import read_draft_bytes

    show = draft.as_posix()
    if draft.suffix.lower() == ".docx":
        data = read_draft_bytes(draft)
        layout = _Layout(document, _docx_layout(data, document, show))
        return add_comments(data, comments_for(report, layout), show)
    paragraphs, lines = _text_layout(document)
    layout = _Layout(document, lines)
    return add_comments(new_package(paragraphs), comments_for(report, layout), show)


def check_and_annotate(
    draft: Path, packs: Sequence[RulePack], *, reg: Registry | None = None
) -> tuple[bytes, Report]:
    """Check ``draft`` against ``packs`` (as ``wpscheck check DRAFT`` does) and annotate
    it: the ``.docx`` bytes and the report."""
    from wpscheck.engine import check
    from wpscheck.loading import load_document

    document = load_document(draft, reg=reg)
    report = check([document], packs, reg=reg, inputs=[draft.as_posix()])
    return annotate(draft, report, document), report
