"""``wpscheck diff``: a whole baseline text aligned with a draft, paragraph by paragraph.

Every paragraph and sub-paragraph of the baseline is aligned with the draft the way the
``retain`` check aligns one provision (see :mod:`wpscheck.text.align`) and classified
retained / modified / weakened / dropped; draft paragraphs that carry no baseline language
are listed as **new**. A retained paragraph that still lost or replaced words shows them,
with the share of the wording kept. The text rendering marks the words that changed,
``[-removed-]`` and ``{+added+}`` (in colour on a terminal instead, unless ``NO_COLOR`` is
set); the JSON rendering carries the same alignment evidence as a ``retain`` finding.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from typing import Any

from wpscheck.evidence import DiffRun, reasons_message
from wpscheck.models import Document, Paragraph
from wpscheck.text.align import (
    CLASSIFICATIONS,
    DROPPED_BELOW,
    RETAINED_AT,
    Alignment,
    DraftIndex,
    Provision,
    Vocabulary,
    align,
    join,
    words,
)
from wpscheck.text.refs import human_ref

__all__ = ["STATUSES", "DiffEntry", "TextDiff", "diff_documents", "render_json", "render_text"]

#: What can happen to a paragraph, in the order the summary lists them.
STATUSES: tuple[str, ...] = (*CLASSIFICATIONS, "new")
#: Unchanged runs longer than this many words are shortened in the text rendering.
LONG_RUN = 14


@dataclasses.dataclass(frozen=True)
class DiffEntry:
    """One baseline paragraph and what became of it, or one new draft paragraph."""

    status: str
    alignment: Alignment | None = None
    new: Paragraph | None = None

    @property
    def baseline_ref(self) -> str | None:
        return self.alignment.provision.ref if self.alignment else None

    @property
    def draft_ref(self) -> str | None:
        if self.new is not None:
            return self.new.ref
        return self.alignment.draft_ref if self.alignment else None

    @property
    def line(self) -> int | None:
        para = self.new or (
            self.alignment.draft[0] if self.alignment and self.alignment.draft else None
        )
        return para.span.line if para is not None and para.span else None


@dataclasses.dataclass(frozen=True)
class TextDiff:
    baseline: Document
    draft: Document
    entries: tuple[DiffEntry, ...]

    def counts(self) -> dict[str, int]:
        c = Counter(e.status for e in self.entries)
        return {s: c.get(s, 0) for s in STATUSES}

    @property
    def changed(self) -> bool:
        """True when a baseline paragraph was not retained."""
        return any(e.status not in ("retained", "new") for e in self.entries)


def _units(baseline: Document) -> list[Provision]:
    out: list[Provision] = []
    for top in baseline.paragraphs:
        for p in top.walk():
            if not words(p.text)[0]:
                continue
            governing = None
            if p is not top:
                governing = top.lead or join(words(top.text)[1][:2]) or None
            section = p.section if p.section != "body" else "operative"
            out.append(Provision(ref=p.ref, text=p.text, section=section, governing=governing))
    return out


def diff_documents(
    baseline: Document,
    draft: Document,
    vocab: Vocabulary,
    *,
    retained_at: float = RETAINED_AT,
    dropped_below: float = DROPPED_BELOW,
) -> TextDiff:
    """Align every baseline paragraph with the draft; list the draft's new paragraphs."""
    index = DraftIndex(draft)
    entries: list[DiffEntry] = []
    used: set[int] = set()
    for prov in _units(baseline):
        a = align(prov, index, vocab, retained_at=retained_at, dropped_below=dropped_below)
        entries.append(DiffEntry(a.classification, alignment=a))
        used.update(a.nodes)
    for i, node in enumerate(index.nodes):
        if i not in used and len(node.norm) >= 3:
            entries.append(DiffEntry("new", new=node.para))
    return TextDiff(baseline, draft, tuple(entries))


# --------------------------------------------------------------------------- rendering

_COLORS = {
    "retained": "32",
    "modified": "33",
    "weakened": "33",
    "dropped": "31",
    "new": "36",
    "-": "31;9",
    "+": "32",
    "dim": "2",
    "bold": "1",
}


def _name(doc: Document, fallback: str) -> str:
    return doc.symbol or (doc.path.rsplit("/", 1)[-1] if doc.path else fallback)


def _marked(diff: Sequence[DiffRun], color: bool) -> str:
    parts: list[str] = []
    for run in diff:
        op, text = run.op, run.text
        if op == "=":
            w = text.split(" ")
            if len(w) > LONG_RUN:
                text = " ".join(w[:5]) + " … " + " ".join(w[-5:])
            parts.append(text)
        elif color:
            parts.append(f"\033[{_COLORS[op]}m{text}\033[0m")
        else:
            parts.append(f"[-{text}-]" if op == "-" else f"{{+{text}+}}")
    return " ".join(parts)


def _wrap(text: str, indent: int, width: int = 100) -> list[str]:
    import textwrap

    return textwrap.wrap(
        text,
        width=width,
        initial_indent=" " * indent,
        subsequent_indent=" " * indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def render_text(td: TextDiff, *, color: bool = False, verbose: bool = False) -> str:
    """The diff for a person: a summary line, then one entry per paragraph."""

    def c(text: str, code: str) -> str:
        return f"\033[{_COLORS[code]}m{text}\033[0m" if color else text

    counts = td.counts()
    provisions = sum(v for k, v in counts.items() if k != "new")
    summary = " · ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s] or s == "retained")
    head = f"{_name(td.baseline, 'baseline')} → {_name(td.draft, 'draft')}"
    lines = [c(head, "bold") + f"    {provisions} paragraphs: {summary}", ""]
    refs = [human_ref(e.baseline_ref) for e in td.entries if e.status != "new"]
    refs += [human_ref(e.draft_ref) for e in td.entries] + ["—"]
    w = max(len(r) for r in refs)
    for e in td.entries:
        a = e.alignment
        left = human_ref(e.baseline_ref).ljust(w)
        right = human_ref(e.draft_ref).ljust(w)
        label = e.status.upper() if e.status not in ("retained",) else e.status
        where = f" (line {e.line})" if e.line else ""
        detail = ""
        if a is not None and a.reasons:
            detail = "   " + reasons_message(a.reasons)
        elif a is not None and e.status == "retained" and a.similarity < 1:
            detail = f"   {a.similarity * 100:.0f} % of the wording kept"
        lines.append(f"  {left} → {right}  {c(label.ljust(8), e.status)}{c(where, 'dim')}{detail}")
        if e.status == "new" and e.new is not None:
            lines.extend(_wrap(_shorten(e.new.text), 6))
        elif a is not None and e.status == "dropped":
            lines.extend(
                _wrap("nothing in the draft carries: “" + _shorten(a.provision.text) + "”", 6)
            )
        elif a is not None and (e.status != "retained" or verbose or _removes(a)):
            body = _marked(a.diff, color)
            lines.extend(_wrap(body, 6) if not color else ["      " + body])
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _removes(a: Alignment) -> bool:
    """Whether a retained paragraph still lost or replaced words of the baseline (shown,
    so that "full, effective and meaningful" → "full, equal and meaningful" is seen)."""
    return any(run.op == "-" for run in a.diff)


def _shorten(text: str, limit: int = 240) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def render_json(td: TextDiff) -> dict[str, Any]:
    """The diff as data: the summary and, per paragraph, the alignment evidence."""
    items: list[dict[str, Any]] = []
    for e in td.entries:
        item: dict[str, Any] = {"status": e.status}
        if e.alignment is not None:
            item.update(e.alignment.evidence().to_data())
            item["score"] = e.alignment.score
            item["similarity"] = e.alignment.similarity
        else:
            assert e.new is not None
            item.update(
                {
                    "kind": "new",
                    "baseline_ref": None,
                    "baseline_text": None,
                    "draft_ref": e.new.ref,
                    "draft_text": e.new.text,
                }
            )
        item["line"] = e.line
        items.append(item)
    return {
        "baseline": td.baseline.path,
        "draft": td.draft.path,
        "summary": td.counts(),
        "paragraphs": items,
    }
