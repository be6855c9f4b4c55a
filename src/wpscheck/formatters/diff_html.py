"""``wpscheck diff --format html``: the diff as one self-contained page, in the look of
``check``'s HTML report (:mod:`wpscheck.formatters.html`): the verdict sentence on top,
the counts as badges and a bar, then one card per paragraph — its status in colour *and*
symbol (✓ retained, ≈ modified, ▼ weakened, ▲ strengthened, ✗ dropped, + new), where it
went, why, and the word diff (removed words struck through, added ones underlined).
Every piece of text from the inputs is escaped.
"""

from __future__ import annotations

from wpscheck.diff import DiffEntry, TextDiff
from wpscheck.evidence import human_ref
from wpscheck.formatters.diff_markdown import ICONS, verdict
from wpscheck.formatters.html import badge, diff_runs_html, e
from wpscheck.formatters.lineage import page
from wpscheck.lineage import document_name

__all__ = ["render"]

_BAR = {
    "retained": "#2f8f4e",
    "modified": "#d79a00",
    "weakened": "#ea580c",
    "strengthened": "#1a7f37",
    "dropped": "#1b1f24",
    "new": "#0b5cad",
}


def _card(n: int, entry: DiffEntry) -> str:
    s = entry.status
    ev = entry.evidence
    where = f"line {entry.line}" if entry.line else ""
    head = (
        f'<div class="prov-head">{badge(s, ICONS.get(s, "?"), s.capitalize())}'
        f'<span class="refs">{e(human_ref(entry.baseline_ref))} → '
        f"{e(human_ref(entry.draft_ref))}</span>"
        f'<span class="score">{e(where)}</span></div>'
    )
    body: list[str] = []
    if entry.new is not None:
        body.append(f'<p class="wording">{e(entry.new.text)}</p>')
    elif ev is not None and s == "dropped":
        body.append(
            '<p class="note">Nothing in the draft carries this baseline wording:</p>'
            f'<blockquote class="wording dropped">{e(ev.baseline_text)}</blockquote>'
        )
    elif ev is not None and ev.diff:
        body.append(f'<p class="wording">{diff_runs_html(ev.diff)}</p>')
    if ev is not None and ev.reasons:
        body.append(f'<p class="why">Why it counts as {e(s)}:</p>')
        body.append(
            '<ul class="reasons">'
            + "".join(f"<li>{e(r.message)}</li>" for r in ev.reasons)
            + "</ul>"
        )
    elif s == "retained" and entry.similarity is not None and entry.similarity < 1:
        body.append(f'<p class="note">{entry.similarity * 100:.0f} % of the wording kept</p>')
    return f'<li class="c-{e(s)}" id="p{n}">{head}{"".join(body)}</li>'


def render(td: TextDiff) -> str:
    counts = td.counts()
    total = sum(counts.values()) or 1
    chips = "".join(f"{badge(s, ICONS.get(s, '?'), f'{n} {s}')} " for s, n in counts.items() if n)
    stack = "".join(
        f'<span style="width:{100 * n / total:.2f}%;background:{_BAR.get(s, "#888")}"></span>'
        for s, n in counts.items()
        if n
    )
    base, draft = document_name(td.baseline, "baseline"), document_name(td.draft, "draft")
    main = (
        f'<section aria-labelledby="diff"><h2 id="diff">{e(base)} → {e(draft)}</h2>'
        f'<div class="draft-summary">{chips}</div>'
        f'<div class="stack" role="presentation">{stack}</div>'
        '<p class="note">In baseline order; new draft paragraphs last. '
        "<del>Struck through</del>: words of the baseline that the draft removes; "
        "<ins>underlined</ins>: words the draft adds.</p>"
        f'<ol class="provisions">{"".join(_card(n, x) for n, x in enumerate(td.entries))}</ol>'
        "</section>"
    )
    inputs = [p for p in (td.baseline.path, td.draft.path) if p]
    scope = td.scope.note if td.scope else None
    return page("diff", "What the draft kept of the baseline", verdict(td), inputs, main, scope)
