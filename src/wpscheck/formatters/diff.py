"""The renderings of ``wpscheck diff`` (:mod:`wpscheck.diff`): text for a person, JSON for
a program. Not a report format: they render a :class:`~wpscheck.diff.TextDiff`.

The text marks the words that changed, ``[-removed-]`` and ``{+added+}`` (in colour on a
terminal instead, unless ``NO_COLOR`` is set), with ``…`` where an addition was cut to the
words near the provision; the JSON carries, per paragraph, the same alignment evidence as a
``retain`` finding.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from typing import Any, Literal

from wpscheck.diff import PASSES, STATUSES, DiffEntry, TextDiff
from wpscheck.evidence import DiffRun, human_ref
from wpscheck.models import Document

__all__ = ["LONG_RUN", "render", "render_json", "render_text"]

#: Unchanged runs longer than this many words are shortened in the text rendering.
LONG_RUN = 14

_COLORS = {
    "retained": "32",
    "strengthened": "32",
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
        if run.op == "=":
            w = run.text.split(" ")
            parts.append(run.text if len(w) <= LONG_RUN else " ".join([*w[:5], "…", *w[-5:]]))
        elif color:
            painted = _paint(run.text, run.op, color)
            parts.append(
                ("… " if run.cut_before else "") + painted + (" …" if run.cut_after else "")
            )
        else:
            parts.append(run.message)
    return " ".join(parts)


def _wrap(text: str, indent: int, width: int = 100) -> list[str]:
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
    counts = td.counts()
    provisions = sum(v for k, v in counts.items() if k != "new")
    summary = " · ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s] or s == "retained")
    head = f"{_name(td.baseline, 'baseline')} → {_name(td.draft, 'draft')}"
    lines = [_paint(head, "bold", color) + f"    {provisions} paragraphs: {summary}"]
    lines += [td.scope.note, ""] if td.scope else [""]
    refs = [human_ref(e.baseline_ref) for e in td.entries if e.status != "new"]
    refs += [human_ref(e.draft_ref) for e in td.entries] + ["—"]
    width = max(len(r) for r in refs)
    for e in td.entries:
        lines.extend(_entry(e, width, color=color, verbose=verbose))
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _paint(text: str, code: str, color: bool) -> str:
    return f"\033[{_COLORS[code]}m{text}\033[0m" if color else text


def _entry(e: DiffEntry, width: int, *, color: bool, verbose: bool) -> list[str]:
    """One paragraph: where it went and what it is, then the words that show it."""
    ev = e.evidence
    left = human_ref(e.baseline_ref).ljust(width)
    right = human_ref(e.draft_ref).ljust(width)
    label = e.status if e.status in PASSES else e.status.upper()
    where = f" (line {e.line})" if e.line else ""
    detail = ""
    if ev is not None and ev.reasons:
        detail = "   " + ev.message
    elif e.status == "retained" and e.similarity is not None and e.similarity < 1:
        detail = f"   {e.similarity * 100:.0f} % of the wording kept"
    status = _paint(label.ljust(8), e.status, color)
    lines = [f"  {left} → {right}  {status}{_paint(where, 'dim', color)}{detail}"]
    if e.new is not None:
        lines.extend(_wrap(shorten(e.new.text), 6))
    elif ev is not None and e.status == "dropped":
        lines.extend(_wrap("nothing in the draft carries: “" + shorten(ev.baseline_text) + "”", 6))
    elif ev is not None and (e.status not in PASSES or verbose or removes_words(ev.diff)):
        body = _marked(ev.diff, color)
        lines.extend(_wrap(body, 6) if not color else ["      " + body])
    return lines


def removes_words(diff: Sequence[DiffRun]) -> bool:
    """Whether a retained paragraph still lost or replaced words of the baseline (shown,
    so that "full, effective and meaningful" → "full, equal and meaningful" is seen)."""
    return any(run.op == "-" for run in diff)


def shorten(text: str, limit: int = 240) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def render_json(td: TextDiff) -> dict[str, Any]:
    """The diff as data: the summary and, per paragraph, the alignment evidence."""
    items: list[dict[str, Any]] = []
    for e in td.entries:
        item: dict[str, Any] = {"status": e.status}
        ev = e.evidence
        if ev is not None:
            item.update(ev.to_data())
            item["score"] = e.score
            item["similarity"] = e.similarity
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
    data: dict[str, Any] = {
        "baseline": td.baseline.path,
        "draft": td.draft.path,
        "summary": td.counts(),
        "paragraphs": items,
    }
    if td.scope:
        data["wps"] = {"provisions": td.scope.provisions, "paragraphs": td.scope.paragraphs}
    return data


def render(
    td: TextDiff,
    fmt: Literal["text", "json"] = "text",
    *,
    color: bool = False,
    verbose: bool = False,
) -> str:
    """The diff in ``fmt``, as the CLI writes it."""
    if fmt == "json":
        return json.dumps(render_json(td), indent=2, ensure_ascii=False) + "\n"
    return render_text(td, color=color, verbose=verbose)
