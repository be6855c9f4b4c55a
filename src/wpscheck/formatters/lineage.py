"""The renderings of ``wpscheck lineage`` (:mod:`wpscheck.lineage`): a table for people
(text, Markdown, HTML) and JSON for programs (schema in ``docs/lineage.md``).

Each table has one row per provision and one column per text; each cell holds the ref that
carries the provision in that text and its status, with a symbol so that nothing depends
on colour: • present, + introduced, = kept, ≈ modified, ▼ weakened, ▲ strengthened,
✗ dropped, ↺ restored, — absent. What changed (the aligner's reasons) is listed under
the table, row by row. Not a report format: they render a :class:`~wpscheck.lineage.Lineage`.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Sequence
from typing import Any, Literal

from wpscheck.evidence import human_ref
from wpscheck.formatters.html import CSP, asset, e
from wpscheck.formatters.markdown import cell as md_cell
from wpscheck.lineage import STATUSES, Cell, Lineage, Thread

__all__ = [
    "EXTRA_CSS",
    "SYMBOLS",
    "legend",
    "page",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
    "render_text",
]

SYMBOLS = {
    "present": "•",
    "introduced": "+",
    "kept": "=",
    "modified": "≈",
    "weakened": "▼",
    "strengthened": "▲",
    "dropped": "✗",
    "restored": "↺",
    "absent": "—",
}
_MEANING = {
    "present": "in the first text",
    "introduced": "new in this text",
    "kept": "kept",
    "modified": "modified",
    "weakened": "weakened",
    "strengthened": "strengthened",
    "dropped": "dropped here",
    "restored": "back after a drop",
    "absent": "still absent",
}

#: Styles of the lineage and diff pages, added after ``report.css``: the table, and
#: weakened (orange, ▼) and dropped (grey-black on hatched ground, ✗) never alike.
EXTRA_CSS = """
table.lineage{table-layout:auto}
table.lineage td.cell{white-space:nowrap;font-variant-numeric:tabular-nums}
table.lineage td.opening{min-width:260px;font-family:Georgia,"Times New Roman",serif}
td.c-kept,td.c-present{background:#f3faf5}
td.c-introduced{background:#e3efff}
td.c-modified{background:#fff1cc}
td.c-weakened,.b-weakened{color:#9a3412;background:#ffedd5}
td.c-strengthened,.b-strengthened{color:#1a7f37;background:#d8f5e0}
td.c-dropped,.b-dropped{color:#fff;background:#3b0d0a}
td.c-restored,.b-restored{color:#0b5cad;background:#e3efff}
td.c-absent{color:#8c959f}
.b-kept,.b-present,.b-introduced{color:#1a7f37;background:#e6f4ea}
.b-absent{color:#57606a;background:#f6f8fa}
li.c-weakened{border-left-color:#ea580c}
li.c-dropped{border-left-color:#1b1f24;border-left-style:double;background:#fafafa}
li.c-new{border-left-color:#0b5cad}
.b-new{color:#0b5cad;background:#e3efff}
ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:10px;font-size:13px}
"""


def legend() -> str:
    """The symbols and what they mean, in one line."""
    return " · ".join(f"{SYMBOLS[s]} {_MEANING[s]}" for s in STATUSES)


def _opening(text: str, words: int = 10) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _first(t: Thread) -> Cell:
    c = t.cells[t.introduced]
    assert c is not None
    return c


def _cell_text(c: Cell | None) -> str:
    if c is None:
        return ""
    if not c.refs:
        return f"{SYMBOLS[c.status]} {c.status}" if c.status == "dropped" else SYMBOLS[c.status]
    refs = "+".join(human_ref(r) for r in c.refs)
    return f"{refs} {SYMBOLS.get(c.status, '?')} {c.status}"


def _summary(lin: Lineage) -> str:
    if not lin.threads:
        return "no WPS provision in any of the texts"
    counts = lin.counts()
    return " · ".join(f"{n} {s}" for s, n in counts.items() if n)


def _headline(lin: Lineage) -> str:
    n = len(lin.threads)
    return (
        f"{n} WPS provision{'s' if n != 1 else ''} through {len(lin.texts)} texts: "
        + " → ".join(lin.names())
    )


def _changes(lin: Lineage) -> list[tuple[int, str, Cell]]:
    """(row, text name, cell) of every cell with reasons or a drop, row by row."""
    names = lin.names()
    out = []
    for row, t in enumerate(lin.threads, 1):
        for k, c in enumerate(t.cells):
            if c is not None and (c.reasons or c.status in ("dropped", "restored")):
                out.append((row, names[k], c))
    return out


def _why(c: Cell) -> str:
    if c.reasons:
        return "; ".join(c.reasons)
    if c.status == "dropped":
        return "nothing in this text carries it"
    return "its wording is back after the drop"


# --------------------------------------------------------------------------- text


def render_text(lin: Lineage) -> str:
    names = lin.names()
    head = ["#", *names, "provision"]
    rows = [
        [str(i), *(_cell_text(c) for c in t.cells), _opening(t.text)]
        for i, t in enumerate(lin.threads, 1)
    ]
    widths = [max(len(r[k]) for r in [head, *rows]) for k in range(len(head) - 1)]
    lines = [_headline(lin), "  " + _summary(lin), ""]
    for r in [head, *rows]:
        cells = [r[0].rjust(widths[0])] + [
            v.ljust(w) for v, w in zip(r[1:-1], widths[1:], strict=True)
        ]
        lines.append(("  ".join([*cells, r[-1]])).rstrip())
    changes = _changes(lin)
    if changes:
        lines += ["", "What changed:"]
        lines += [
            f"  {row}. {name}: {c.status}{' in ' + human_ref(c.ref) if c.ref else ''} — {_why(c)}"
            for row, name, c in changes
        ]
    lines += ["", "Legend: " + legend()]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- markdown


def render_markdown(lin: Lineage) -> str:
    names = lin.names()
    out = [
        "## Lineage of the WPS provisions",
        "",
        f"**{md_cell(_headline(lin))}**",
        "",
        md_cell(_summary(lin)),
        "",
        "| # | Provision | " + " | ".join(md_cell(n) for n in names) + " |",
        "|---:|---|" + "---|" * len(names),
    ]
    for i, t in enumerate(lin.threads, 1):
        cells = " | ".join(md_cell(_cell_text(c)) for c in t.cells)
        out.append(f"| {i} | {md_cell(_opening(t.text))} | {cells} |")
    changes = _changes(lin)
    if changes:
        out += ["", "### What changed", ""]
        out += [
            f"- **{row}.** {md_cell(name)}: {SYMBOLS[c.status]} {c.status}"
            f"{' in ' + md_cell(human_ref(c.ref)) if c.ref else ''} — {md_cell(_why(c))}"
            for row, name, c in changes
        ]
    out += ["", "Legend: " + md_cell(legend())]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- html


def page(
    what: str,
    title: str,
    verdict: str,
    inputs: Sequence[str],
    main: str,
    scope: str | None = None,
) -> str:
    """A page in the look of ``check``'s HTML report: its skeleton (``report.html``) and
    style sheet (``report.css``, then :data:`EXTRA_CSS`), with this page's own title and
    header (its title, what was compared if narrowed, the verdict, the inputs). Every
    argument but ``main`` is escaped."""
    from wpscheck._version import __version__

    shown = ", ".join(f"<code>{e(p)}</code>" for p in inputs) or "none"
    filled = string.Template(asset("report.html")).safe_substitute(
        csp=e(CSP),
        style=asset("report.css") + EXTRA_CSS,
        main=main,
        version=e(__version__),
    )
    header = (
        f'<header class="top"><h1>{e(title)}</h1>'
        + (f"<p>{e(scope)}</p>" if scope else "")
        + f'<p class="verdict">{e(verdict)}</p>'
        f"<p>Inputs: {shown}</p></header>"
    )
    filled = _TITLE.sub(lambda _: f"<title>wpscheck {e(what)} — {e(verdict)}</title>", filled, 1)
    return _HEADER.sub(lambda _: header, filled, 1)


_TITLE = re.compile(r"<title>.*?</title>", re.S)
_HEADER = re.compile(r'<header class="top">.*?</header>', re.S)


def _badge(status: str) -> str:
    return f'<span class="badge b-{e(status)}">{e(SYMBOLS.get(status, "?"))} {e(status)}</span>'


def render_html(lin: Lineage) -> str:
    names = lin.names()
    head = "".join(f"<th scope='col'>{e(n)}</th>" for n in names)
    rows = []
    for i, t in enumerate(lin.threads, 1):
        cells = []
        for c in t.cells:
            if c is None:
                cells.append("<td class='cell'></td>")
                continue
            refs = "+".join(human_ref(r) for r in c.refs)
            title = f" title='{e(_why(c))}'" if c.reasons else ""
            cells.append(
                f"<td class='cell c-{e(c.status)}'{title}>"
                + (f"<strong>{e(refs)}</strong> " if refs else "")
                + f"{e(SYMBOLS.get(c.status, '?'))} {e(c.status)}</td>"
            )
        rows.append(
            f"<tr id='p{i}'><td class='num'>{i}</td>"
            f"<td class='opening'>{e(_opening(t.text, 16))}</td>{''.join(cells)}</tr>"
        )
    counts = lin.counts()
    chips = "".join(f"{_badge(s)[:-7]}: {n}</span> " for s, n in counts.items() if n)
    changes = _changes(lin)
    items = "".join(
        f"<li class='c-{e(c.status)}'><div class='prov-head'>{_badge(c.status)}"
        f"<span class='refs'><a href='#p{row}'>{row}.</a> {e(name)}"
        f"{' · ' + e(human_ref(c.ref)) if c.ref else ''}</span></div>"
        f"<p class='why'>{e(_why(c))}</p></li>"
        for row, name, c in changes
    )
    legend_html = "".join(f"<li>{_badge(s)} {e(_MEANING[s])}</li>" for s in STATUSES)
    main = (
        '<section aria-labelledby="lineage"><h2 id="lineage">Provisions through the series</h2>'
        f'<div class="draft-summary">{chips}</div>'
        f'<ul class="legend">{legend_html}</ul>'
        "<table class='lineage'><thead><tr><th scope='col' class='num'>#</th>"
        f"<th scope='col'>Provision (first wording)</th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
        + (
            '<section aria-labelledby="changes"><h2 id="changes">What changed</h2>'
            f'<ol class="provisions">{items}</ol></section>'
            if changes
            else ""
        )
    )
    title = "Women, Peace and Security provisions through a series"
    return page("lineage", title, _headline(lin) + " · " + _summary(lin), lin.paths(), main)


# --------------------------------------------------------------------------- json


def render_json(lin: Lineage) -> dict[str, Any]:
    names = lin.names()
    texts = [
        {"name": names[k], "path": d.path, "symbol": d.symbol} for k, d in enumerate(lin.texts)
    ]
    provisions = []
    for i, t in enumerate(lin.threads, 1):
        provisions.append(
            {
                "id": i,
                "introduced_in": t.introduced,
                "text": t.text,
                "cells": [
                    None
                    if c is None
                    else {
                        "status": c.status,
                        "refs": list(c.refs),
                        "terms": list(c.terms),
                        "reasons": list(c.reasons),
                        "similarity": c.similarity,
                    }
                    for c in t.cells
                ],
            }
        )
    return {"texts": texts, "summary": lin.counts(), "provisions": provisions}


def render(lin: Lineage, fmt: Literal["text", "markdown", "html", "json"] = "text") -> str:
    """The lineage in ``fmt``, as the CLI writes it."""
    if fmt == "json":
        return json.dumps(render_json(lin), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return render_markdown(lin)
    if fmt == "html":
        return render_html(lin)
    return render_text(lin)
