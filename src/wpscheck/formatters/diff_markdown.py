"""``wpscheck diff --format markdown``: the diff for a pull-request comment or an e-mail.

The same content as the text rendering (:mod:`wpscheck.formatters.diff`): a verdict
sentence first, then one item per paragraph — its symbol and status, where it went, why it
counts as what it is, and the words that show it: ~~removed~~ words struck through,
**added** words in bold, long unchanged runs shortened with … as in the text.
"""

from __future__ import annotations

from wpscheck.diff import DiffEntry, TextDiff
from wpscheck.evidence import DiffRun, human_ref
from wpscheck.formatters.diff import LONG_RUN, removes_words, shorten
from wpscheck.formatters.markdown import cell
from wpscheck.lineage import document_name

__all__ = ["ICONS", "render", "verdict"]

#: A symbol per status, so that nothing depends on colour.
ICONS = {
    "retained": "✓",
    "modified": "≈",
    "weakened": "▼",
    "strengthened": "▲",
    "dropped": "✗",
    "new": "+",
}
_VERBS = {
    "retained": "keeps",
    "modified": "modifies",
    "weakened": "weakens",
    "strengthened": "strengthens",
    "dropped": "drops",
}


def verdict(td: TextDiff) -> str:
    """The diff in one sentence: "Of the 22 paragraphs of S/RES/2531 (2020), softened.txt
    keeps 19, modifies 0, weakens 3 and drops 0; 3 of its paragraphs are new." """
    counts = td.counts()
    base, draft = document_name(td.baseline, "the baseline"), document_name(td.draft, "the draft")
    total = sum(n for s, n in counts.items() if s != "new")
    parts = [
        f"{_VERBS.get(s, s)} {n}"
        for s, n in counts.items()
        if s != "new" and (n or s != "strengthened")
    ]
    said = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)
    new = counts.get("new", 0)
    tail = (
        f"; {new} of its paragraphs {'is' if new == 1 else 'are'} new"
        if new
        else "; none of its paragraphs is new"
    )
    noun = "paragraph" if total == 1 else "paragraphs"
    return f"Of the {total} {noun} of {base}, {draft} {said}{tail}."


def _marked(diff: tuple[DiffRun, ...]) -> str:
    parts: list[str] = []
    for run in diff:
        text = cell(run.text.strip())
        if not text:
            continue
        if run.op == "=":
            w = text.split(" ")
            parts.append(text if len(w) <= LONG_RUN else " ".join([*w[:5], "…", *w[-5:]]))
        else:
            mark = "~~" if run.op == "-" else "**"
            parts.append(
                ("… " if run.cut_before else "")
                + f"{mark}{text}{mark}"
                + (" …" if run.cut_after else "")
            )
    return " ".join(parts)


def _item(e: DiffEntry) -> list[str]:
    ev = e.evidence
    where = f" (line {e.line})" if e.line else ""
    head = (
        f"- {ICONS.get(e.status, '?')} **{e.status}** · {cell(human_ref(e.baseline_ref))} → "
        f"{cell(human_ref(e.draft_ref))}{where}"
    )
    if ev is not None and ev.reasons:
        head += f" — {cell(ev.message)}"
    elif e.status == "retained" and e.similarity is not None and e.similarity < 1:
        head += f" — {e.similarity * 100:.0f} % of the wording kept"
    lines = [head]
    if e.new is not None:
        lines.append(f"  > {cell(shorten(e.new.text))}")
    elif ev is not None and e.status == "dropped":
        lines.append(f"  > nothing in the draft carries: “{cell(shorten(ev.baseline_text))}”")
    elif ev is not None and (e.status != "retained" or removes_words(ev.diff)):
        lines.append(f"  > {_marked(ev.diff)}")
    return lines


def render(td: TextDiff) -> str:
    base, draft = document_name(td.baseline, "baseline"), document_name(td.draft, "draft")
    counts = td.counts()
    summary = " · ".join(f"{ICONS.get(s, '?')} {n} {s}" for s, n in counts.items() if n)
    out = [
        f"## {cell(base)} → {cell(draft)}",
        "",
        *([f"_{cell(td.scope.note)}_", ""] if td.scope else []),
        f"**{cell(verdict(td))}**",
        "",
        summary,
        "",
        "~~Struck through~~: words of the baseline the draft removes; **bold**: words it adds.",
        "",
    ]
    for e in td.entries:
        out.extend(_item(e))
    return "\n".join(out) + "\n"
