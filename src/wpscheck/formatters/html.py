"""``html`` — one self-contained page for a negotiator: open it, forward it, print it.

What it shows, top to bottom:

- the overall score and the counts (failing, passed, waived, in the baseline);
- **bodies against their quotas**: one inline SVG bar chart per ``quota`` rule, each
  body's share of women as a bar, the minimum as a dashed line (and the maximum for
  women when the rule protects either sex), and beside each bar the share, ✓ or ✗ and
  the seats still needed — so nothing depends on colour alone;
- **draft retention**: for each draft checked by ``retain`` rules, the baseline
  provisions in draft order, each marked *retained* / *modified* / *weakened* /
  *dropped*, with the words removed struck through (``<del>``) and the words added
  underlined (``<ins>``), the reasons (a weaker verb, a qualifier added) and the key
  terms lost;
- **required language**: for each ``require`` finding, which elements are present
  (with the paragraph and the text matched) and which are missing;
- every finding to act on in one table, then waived, baseline and passing findings in
  collapsible sections.

The page loads nothing: no script, font, image or style sheet from anywhere, and a
Content-Security-Policy (``default-src 'none'``) says so to the browser. Every piece of
text from the inputs is escaped. Charts are capped at ``chart_rows`` bodies and tables
at ``max_rows`` rows (``FormatOptions.extra``; defaults 60 and 500).
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from wpscheck.ci.policy import fails
from wpscheck.evidence import AlignmentEvidence, DiffRun, LostTerm, alignment_of, human_ref
from wpscheck.formatters import (
    display_path,
    fail_on,
    notes_by_path,
    outcome,
    pct,
    rule_catalogue,
    subject_label,
)
from wpscheck.models import Finding, Report, RuleInfo
from wpscheck.plugins import FormatOptions, Formatter

__all__ = ["CSP", "FORMATTER", "render"]

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
CHART_ROWS = 60
MAX_ROWS = 500
CLASSES = ("retained", "modified", "weakened", "dropped")
_CLASS_ICON = {"retained": "✓", "modified": "≈", "weakened": "▼", "dropped": "✗"}
_OUTCOME_LABEL = {
    "failed": ("✗", "Failed"),
    "error": ("!", "Could not run"),
    "warning": ("▲", "Warning"),
    "info": ("i", "Note"),
    "waived": ("⚑", "Waived"),
    "baseline": ("≡", "In baseline"),
    "passed": ("✓", "Passed"),
    "n/a": ("–", "Not applicable"),
}


def e(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return html.escape(str(value), quote=True)


# --------------------------------------------------------------------------- style

_STYLE = """
:root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--panel:#f6f8fa;
--fail:#b3261e;--fail-bg:#fdecea;--warn:#8a5300;--warn-bg:#fff4d6;--ok:#1a7f37;--ok-bg:#e6f4ea;
--mod:#7a4d00;--mod-bg:#fff1cc;--weak:#b3261e;--weak-bg:#fdecea;--drop:#6e1e16;--drop-bg:#f6d5d1;
--info:#0b5cad;--info-bg:#e3efff;--acc:#3b3f99}
*{box-sizing:border-box}
html{background:var(--bg);color:var(--ink)}
body{margin:0;
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header.top{background:#22264b;color:#fff;padding:28px 40px 24px}
header.top h1{margin:0 0 4px;font-size:26px;letter-spacing:.2px}
header.top p{margin:0;color:#d7dafc;font-size:13px}
header.top code{color:#fff;background:rgba(255,255,255,.14)}
main{max-width:1120px;margin:0 auto;padding:8px 40px 40px}
nav.toc{margin:18px 0 8px;font-size:14px}
nav.toc a{color:var(--acc);margin-right:18px}
h2{font-size:21px;margin:34px 0 10px;padding-bottom:6px;border-bottom:2px solid var(--line)}
h3{font-size:17px;margin:24px 0 8px}
a{color:var(--acc)}
code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--panel);
padding:1px 4px;border-radius:4px}
.summary{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start;margin-top:14px}
.scorecard{flex:0 0 250px;border:1px solid var(--line);border-radius:10px;padding:16px 18px;
background:var(--panel)}
.scorecard .label{font-size:13px;color:var(--muted);text-transform:uppercase;letter-spacing:.6px}
.scorecard .value{font-size:44px;font-weight:700;line-height:1.1}
.scorecard .value small{font-size:18px;color:var(--muted);font-weight:500}
.meter{height:10px;background:#e3e6ea;border-radius:5px;overflow:hidden;margin-top:8px}
.meter span{display:block;height:100%;background:var(--acc)}
.counts{flex:1 1 420px;display:grid;grid-template-columns:repeat(auto-fill,minmax(130px,1fr));
gap:10px;
margin:0;padding:0;list-style:none}
.counts li{border:1px solid var(--line);border-radius:10px;padding:10px 12px}
.counts .n{display:block;font-size:26px;font-weight:700}
.counts .fail{border-color:var(--fail);background:var(--fail-bg)}
.counts .warn{border-color:#d4a72c;background:var(--warn-bg)}
.counts .ok{border-color:#8fd19e;background:var(--ok-bg)}
table{border-collapse:collapse;width:100%;margin:8px 0 12px;font-size:14px}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:var(--panel);font-weight:600}
td .nw{white-space:nowrap}
table.findings{table-layout:fixed}
table.findings th:nth-child(1){width:12%}table.findings th:nth-child(2){width:21%}
table.findings th:nth-child(3){width:16%}table.findings th:nth-child(4){width:18%}
table.findings td{overflow-wrap:break-word}
table.findings td .nw{white-space:normal;overflow-wrap:anywhere}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;white-space:nowrap;font-size:12px;font-weight:700;padding:2px 8px;
border-radius:10px;border:1px solid currentColor;letter-spacing:.2px}
.b-failed,.b-error,.b-weakened{color:var(--fail);background:var(--fail-bg)}
.b-dropped{color:var(--drop);background:var(--drop-bg)}
.b-warning,.b-modified{color:var(--mod);background:var(--mod-bg)}
.b-info,.b-baseline{color:var(--info);background:var(--info-bg)}
.b-passed,.b-retained{color:var(--ok);background:var(--ok-bg)}
.b-waived,.b-n\\/a,.b-na{color:var(--muted);background:var(--panel)}
figure.chart{margin:14px 0 22px;border:1px solid var(--line);border-radius:10px;
padding:14px 16px 8px}
figure.chart figcaption{font-weight:600;margin-bottom:6px}
figure.chart figcaption span{font-weight:400;color:var(--muted)}
svg.bars{width:100%;height:auto;display:block}
svg.bars text{font:13px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:var(--ink)}
svg.bars .axis{fill:var(--muted);font-size:11px}
svg.bars .grid{stroke:#e3e6ea}
svg.bars .track{fill:#f0f2f4}
svg.bars .bar-pass{fill:#2f8f4e}
svg.bars .bar-fail{fill:#c0392b}
svg.bars .bar-na{fill:#9aa4ae}
svg.bars .threshold{stroke:#22264b;stroke-width:2;stroke-dasharray:5 3}
svg.bars .tlabel{font-size:11px;font-weight:600;fill:#22264b}
svg.bars .val-fail{fill:var(--fail);font-weight:600}
svg.bars .val-pass{fill:var(--ok)}
.note{color:var(--muted);font-size:13px}
.draft-summary{display:flex;flex-wrap:wrap;gap:8px;margin:6px 0 14px}
.stack{display:flex;height:14px;border-radius:7px;overflow:hidden;margin:6px 0 4px;max-width:640px}
.stack span{display:block;height:100%}
.s-retained{background:#2f8f4e}.s-modified{background:#d79a00}.s-weakened{background:#c0392b}
.s-dropped{background:#6e1e16}
h4{font-size:15px;margin:14px 0 6px}
ul.attention{list-style:none;margin:0 0 16px;padding:10px 14px;border:1px solid var(--line);
border-radius:8px;background:var(--panel)}
ul.attention li{margin:4px 0}
ol.provisions{list-style:none;margin:0;padding:0}
ol.provisions>li{border:1px solid var(--line);border-left-width:6px;border-radius:8px;
padding:10px 14px;margin:0 0 10px;break-inside:avoid}
li.c-retained{border-left-color:#2f8f4e}
li.c-modified{border-left-color:#d79a00}
li.c-weakened{border-left-color:#c0392b}
li.c-dropped{border-left-color:#6e1e16;background:#fffafa}
.prov-head{display:flex;flex-wrap:wrap;gap:10px;align-items:baseline}
.prov-head .refs{font-weight:600}
.prov-head .score{margin-left:auto;color:var(--muted);font-size:13px}
li.c-retained p.wording{color:#444c56;font-size:14px;line-height:1.5}
blockquote.dropped{border-left:3px solid #6e1e16;background:#fff;color:var(--ink);
font-family:Georgia,"Times New Roman",serif;font-size:15.5px;line-height:1.6}
header.top p.verdict{font-size:16px;color:#fff;margin:2px 0 6px}
p.wording{margin:8px 0 4px;font-family:Georgia,"Times New Roman",serif;font-size:15.5px;
line-height:1.6}
del{background:#fbd3cf;color:#6e1e16;text-decoration:line-through;text-decoration-thickness:2px}
ins{background:#cdeed6;color:#0f4d22;text-decoration:underline;text-decoration-thickness:2px}
p.why{margin:6px 0 0;font-size:14px;font-weight:600}
ul.reasons{margin:4px 0 2px;padding-left:20px;font-size:14px}
.lost{font-size:14px;margin:2px 0}
ul.elements{list-style:none;padding:0;margin:6px 0}
ul.elements li{padding:4px 0;border-bottom:1px dashed var(--line)}
.el-yes{color:var(--ok);font-weight:700}.el-no{color:var(--fail);font-weight:700}
blockquote{margin:6px 0;padding:4px 12px;border-left:3px solid var(--line);color:#333}
details{margin:10px 0;border:1px solid var(--line);border-radius:8px;padding:6px 12px}
details>summary{cursor:pointer;font-weight:600}
footer{max-width:1120px;margin:0 auto;padding:16px 40px 40px;color:var(--muted);font-size:12px}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);
white-space:nowrap}
@media print{
 @page{margin:14mm}
 body{font-size:10.5pt}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 header.top{background:none;color:var(--ink);padding:0 0 8px;border-bottom:2px solid var(--ink)}
 header.top p{color:var(--muted)}
 header.top p.verdict{color:var(--ink);font-weight:600}
 header.top code{color:var(--ink)}
 main,footer{max-width:none;padding:0}
 nav.toc{display:none}
 figure.chart,ol.provisions>li,tr,.scorecard{break-inside:avoid}
 section.quotas,section.retention{break-before:page}
 h2,h3{break-after:avoid}
 details{border:none;padding:0}
}
"""


# --------------------------------------------------------------------------- pieces


def _badge(kind: str, icon: str, label: str) -> str:
    css = "na" if kind == "n/a" else kind
    return f'<span class="badge b-{e(css)}">{e(icon)} {e(label)}</span>'


def _outcome_badge(f: Finding) -> str:
    o = outcome(f)
    icon, label = _OUTCOME_LABEL[o]
    return _badge(o, icon, label)


def _where(f: Finding, options: FormatOptions) -> str:
    loc = f.location
    if not loc or not loc.path:
        return ""
    place = display_path(loc.path, options)
    if loc.line:
        place += f":{loc.line}"
        if loc.column:
            place += f":{loc.column}"
    return f"<code>{_breakable(place)}</code>"


def _breakable(text: str) -> str:
    """Escaped text that may wrap after each ``/`` and nowhere else (ids and paths)."""
    return "<wbr>".join(f'<span class="nw">{e(part)}</span>' for part in _slash_parts(text))


def _slash_parts(text: str) -> list[str]:
    parts = text.split("/")
    return [p + "/" for p in parts[:-1]] + [parts[-1]]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _share(f: Finding) -> float:
    """The share to draw and print: from the counts when known (``observed.share`` is
    rounded, and 32 of 121 must read 26.4 %, as in the message, not 26.5 %)."""
    women, seats = _num(f.observed.get("women")), _num(f.observed.get("seats"))
    if women is not None and seats:
        return women / seats
    return _num(f.observed.get("share")) or 0.0


def _quota_chart(rule: RuleInfo, findings: Sequence[Finding], limit: int, chart_id: str) -> str:
    rows = [
        (i, f)
        for i, f in enumerate(findings)
        if _num(f.observed.get("share")) is not None and f.status in ("pass", "fail")
    ]
    rows.sort(key=lambda r: (r[1].score, r[0]))
    shown = rows[:limit]
    min_share = _num(findings[0].expected.get("min_share")) if findings else None
    either = bool(findings and findings[0].expected.get("either_sex"))
    label_w, bar_x, bar_w, row_h, top = 300, 310, 470, 30, 34
    width = 1100
    height = top + row_h * len(shown) + 26
    parts = [
        f'<svg class="bars" role="img" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{e(rule.title)}: share of women in each body</title>',
    ]
    failing = sum(1 for _, f in rows if f.status == "fail")
    desc = f"{len(rows)} bodies, {failing} below the minimum"
    if min_share is not None:
        desc += f" of {pct(min_share, 0)}"
    parts.append(f'<desc id="{chart_id}-d">{e(desc)}.</desc>')
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x = bar_x + bar_w * tick
        parts.append(
            f'<line class="grid" x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" '
            f'y2="{top + row_h * len(shown)}"/>'
        )
        parts.append(
            f'<text class="axis" x="{x:.1f}" y="{height - 8}" text-anchor="middle">'
            f"{int(tick * 100)} %</text>"
        )
    for n, (_, f) in enumerate(shown):
        y = top + n * row_h
        share = _share(f)
        name = f.subject_name or f.subject
        short = name if len(name) <= 40 else name[:39].rstrip() + "…"
        passed = f.status == "pass"
        women, seats = f.observed.get("women"), f.observed.get("seats")
        counts = f"{women} of {seats}, " if women is not None and seats is not None else ""
        needed = f.expected.get("needed")
        needed_men = f.expected.get("needed_men")
        if passed:
            value = f"✓ {counts}{pct(share)}"
        elif isinstance(needed, int) and needed > 0:
            value = f"✗ {counts}{pct(share)} · {needed} more {'woman' if needed == 1 else 'women'}"
        elif isinstance(needed_men, int) and needed_men > 0:
            value = (
                f"✗ {counts}{pct(share)} · {needed_men} more {'man' if needed_men == 1 else 'men'}"
            )
        else:
            value = f"✗ {counts}{pct(share)} · below the minimum"
        parts.append(f"<g><title>{e(name)}: {e(f.message)}</title>")
        parts.append(
            f'<text x="{label_w}" y="{y + 19}" text-anchor="end">{e(short)}</text>'
            f'<rect class="track" x="{bar_x}" y="{y + 6}" width="{bar_w}" height="18" rx="3"/>'
            f'<rect class="{"bar-pass" if passed else "bar-fail"}" x="{bar_x}" y="{y + 6}" '
            f'width="{max(bar_w * min(share, 1.0), 1.5):.1f}" height="18" rx="3"/>'
            f'<text class="{"val-pass" if passed else "val-fail"}" x="{bar_x + bar_w + 10}" '
            f'y="{y + 19}">{e(value)}</text>'
        )
        parts.append("</g>")
    lines: list[tuple[float, str]] = []
    if min_share is not None:
        lines.append((min_share, f"{pct(min_share, 0)} minimum"))
        if either and min_share < 0.5:
            lines.append((1 - min_share, f"{pct(1 - min_share, 0)} maximum"))
    for share, text in lines:
        x = bar_x + bar_w * share
        parts.append(
            f'<line class="threshold" x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" '
            f'y2="{top + row_h * len(shown) + 2}"/>'
            f'<text class="tlabel" x="{x:.1f}" y="{top - 10}" text-anchor="middle">{e(text)}</text>'
        )
    parts.append("</svg>")
    note = ""
    if len(rows) > len(shown):
        note = (
            f'<p class="note">The {len(shown)} lowest of {len(rows)} bodies are drawn; '
            "the table below lists every finding.</p>"
        )
    skipped = len(findings) - len(rows)
    if skipped:
        note += (
            f'<p class="note">{skipped} '
            f"{'body has' if skipped == 1 else 'bodies have'} no figures to draw "
            "(see the table below).</p>"
        )
    head = f"{e(rule.title)} <span>· <code>{e(rule.id)}</code>"
    if min_share is not None:
        head += f" · minimum {e(pct(min_share, 0))}" + (" for either sex" if either else "")
    head += f" · {failing} of {len(rows)} below</span>"
    return f'<figure class="chart"><figcaption>{head}</figcaption>{"".join(parts)}{note}</figure>'


def _diff_html(diff: Iterable[DiffRun]) -> str:
    out: list[str] = []
    for run in diff:
        words = run.text.strip()
        if not words:
            continue
        if out and not words.startswith((",", ".", ";", ":", ")", "]")):
            out.append(" ")
        if run.op == "-":
            out.append(f"<del>{e(words)}</del>")
        elif run.op == "+":
            out.append(f"<ins>{e(words)}</ins>")
        else:
            out.append(e(words))
    return "".join(out)


def _provision(f: Finding, ev: AlignmentEvidence, anchor: str) -> str:
    cls = f.classification if f.classification in CLASSES else "modified"
    refs = f"{e(human_ref(ev.baseline_ref or f.subject))} → {e(human_ref(ev.draft_ref))}"
    head = (
        f'<div class="prov-head">{_badge(cls, _CLASS_ICON[cls], cls.capitalize())}'
        f'<span class="refs">{refs}</span>'
        f'<span class="score">score {f.score:.2f}</span></div>'
    )
    body: list[str] = []
    if cls == "dropped":
        body.append(
            '<p class="note">Nothing in the draft carries this baseline wording:</p>'
            f'<blockquote class="wording dropped">{e(ev.baseline_text)}</blockquote>'
        )
    elif ev.diff:
        body.append(f'<p class="wording">{_diff_html(ev.diff)}</p>')
    elif ev.draft_text:
        body.append(f'<p class="wording">{e(ev.draft_text)}</p>')
    lost = ev.lost_terms
    # the lost key terms have their own line below
    reasons = [r.message for r in ev.reasons if not isinstance(r, LostTerm)]
    if reasons:
        body.append(f'<p class="why">Why it counts as {e(cls)}:</p>')
        body.append('<ul class="reasons">' + "".join(f"<li>{e(r)}</li>" for r in reasons) + "</ul>")
    if lost:
        body.append(
            '<p class="lost"><strong>Key terms lost:</strong> '
            + ", ".join(f"<del>{e(t)}</del>" for t in lost)
            + "</p>"
        )
    if not reasons and not lost and cls not in ("retained", "dropped"):
        body.append(f'<p class="lost">{e(f.message)}</p>')
    return f'<li class="c-{cls}" id="{e(anchor)}">{head}{"".join(body)}</li>'


def _opening(text: str, words: int = 18) -> str:
    """The first ``words`` words of a provision, with … when there is more."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _ref_key(ref: str) -> tuple[int, tuple[tuple[int, str], ...]]:
    """Resolution order: preamble before operative, OP8 before OP28, (a) before (b)."""
    section = 0 if ref.upper().startswith("PP") else 1
    parts = re.findall(r"\d+|[A-Za-z]+", ref[2:] if ref[:2].upper() in ("PP", "OP") else ref)
    return section, tuple((int(p), "") if p.isdigit() else (-1, p) for p in parts)


def _retention(
    path: str,
    group: Sequence[tuple[Finding, AlignmentEvidence]],
    options: FormatOptions,
    prefix: str,
) -> str:
    findings = [f for f, _ in group]
    counts = Counter(f.classification for f in findings)
    total = len(findings)
    chips = "".join(f"{_badge(c, _CLASS_ICON[c], f'{counts.get(c, 0)} {c}')} " for c in CLASSES)
    stack = "".join(
        f'<span class="s-{c}" style="width:{100 * counts.get(c, 0) / total:.2f}%"></span>'
        for c in CLASSES
        if counts.get(c, 0)
    )
    ordered = [
        (f, ev)
        for _, (f, ev) in sorted(
            enumerate(group),
            key=lambda p: (
                p[1][0].location is None
                or p[1][0].location.line is None
                or p[1][0].classification == "dropped",
                p[1][0].location.line if p[1][0].location and p[1][0].location.line else 0,
                _ref_key(p[1][1].baseline_ref),
                p[0],
            ),
        )
    ]
    flagged = [(n, f, ev) for n, (f, ev) in enumerate(ordered) if f.classification in CLASSES[1:]]
    attention = ""
    if flagged:
        items = []
        for n, f, ev in flagged:
            cls = str(f.classification)
            why = ev.message
            if cls == "dropped" and not why and ev.baseline_text:
                why = "no longer in the draft: “" + _opening(ev.baseline_text) + "”"
            items.append(
                f"<li>{_badge(cls, _CLASS_ICON[cls], cls.capitalize())} "
                f'<a href="#{prefix}-{n}">{e(human_ref(ev.baseline_ref or f.subject))} → '
                f"{e(human_ref(ev.draft_ref))}</a>" + (f" — {e(why)}" if why else "") + "</li>"
            )
        attention = (
            f'<h4>Needs attention ({len(flagged)})</h4><ul class="attention">'
            + "".join(items)
            + "</ul>"
        )
    baselines = sorted({ev.baseline for _, ev in group if ev.baseline})
    against = f" against {', '.join(e(b) for b in baselines)}" if baselines else ""
    return (
        f"<h3>{e(display_path(path, options))}{against}</h3>"
        f"<p>{total} baseline {'provision' if total == 1 else 'provisions'}:</p>"
        f'<div class="draft-summary">{chips}</div>'
        f'<div class="stack" role="presentation">{stack}</div>'
        '<p class="note">In draft order; dropped provisions last. '
        "<del>Struck through</del>: words of the baseline that the draft removes; "
        "<ins>underlined</ins>: words the draft adds.</p>"
        f"{attention}"
        f'<ol class="provisions">'
        f"{''.join(_provision(f, ev, f'{prefix}-{n}') for n, (f, ev) in enumerate(ordered))}</ol>"
    )


def _elements(f: Finding, rule: RuleInfo | None, options: FormatOptions) -> str:
    items = [ev for ev in f.evidence if isinstance(ev, dict) and ev.get("kind") == "element"]
    present = sum(1 for ev in items if ev.get("present"))
    title = rule.title if rule else f.rule_id
    lis: list[str] = []
    for ev in items:
        label = e(ev.get("element", "?"))
        if ev.get("present"):
            where = []
            if ev.get("ref"):
                where.append(e(ev["ref"]))
            if ev.get("line"):
                where.append(f"line {e(ev['line'])}")
            text = f"<blockquote>{e(ev['text'])}</blockquote>" if ev.get("text") else ""
            lis.append(
                f'<li><span class="el-yes">✓ present</span> — {label}'
                + (f" <span class='note'>({', '.join(where)})</span>" if where else "")
                + f"{text}</li>"
            )
        else:
            lis.append(f'<li><span class="el-no">✗ missing</span> — {label}</li>')
    return (
        f"<h3>{_outcome_badge(f)} {e(title)}</h3>"
        f"<p>{_subject_unless_path(f)}{_where(f, options)} · <code>{e(f.rule_id)}</code> · "
        f"{present} of {len(items)} elements present</p>"
        f"<p>{e(f.message)}</p>"
        f'<ul class="elements">{"".join(lis)}</ul>'
    )


def _subject_unless_path(f: Finding) -> str:
    """The subject's label and a space, or nothing when it is only the file's path."""
    label = subject_label(f)
    path = f.location.path if f.location else None
    if path and (label == path or label.startswith(path + " ")):
        return ""
    return f"{e(label)} "


def _table(
    findings: Sequence[Finding], options: FormatOptions, limit: int, *, why: bool = False
) -> str:
    head = (
        "<tr><th scope='col'>Outcome</th><th scope='col'>Rule</th><th scope='col'>Subject</th>"
        "<th scope='col'>Where</th><th scope='col' class='what'>What</th>"
        + ("<th scope='col'>Why accepted</th>" if why else "")
        + "</tr>"
    )
    rows: list[str] = []
    for f in findings[:limit]:
        what = e(f.message)
        if f.recommendation and f.status != "pass":
            what += f"<br><span class='note'>{e(f.recommendation)}</span>"
        reason = ""
        if why:
            reason = (
                f"<td>{e(f.waived if f.waived is not None else 'in the baseline, no worse')}</td>"
            )
        rows.append(
            f"<tr><td>{_outcome_badge(f)}</td><td><code>{_breakable(f.rule_id)}</code></td>"
            f"<td>{e(subject_label(f))}</td><td>{_where(f, options)}</td>"
            f"<td class='what'>{what}</td>{reason}</tr>"
        )
    more = ""
    if len(findings) > limit:
        more = f'<p class="note">… and {len(findings) - limit} more (see the JSON report).</p>'
    table = f"<table class='findings'><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"
    return table + more


# --------------------------------------------------------------------------- page


def render(report: Report, options: FormatOptions) -> str:
    threshold = fail_on(options)
    limit = int(options.extra.get("max_rows", MAX_ROWS))
    chart_rows = int(options.extra.get("chart_rows", CHART_ROWS))
    catalogue = rule_catalogue(report)
    s = report.summary
    findings = report.findings
    failing = [f for f in findings if fails(f, threshold)]
    below = [f for f in findings if f.failed and not f.accepted and not fails(f, threshold)]
    accepted = [f for f in findings if f.accepted]
    passed = [f for f in findings if f.status == "pass"]
    na = [f for f in findings if f.status == "not-applicable"]

    quota: dict[str, list[Finding]] = defaultdict(list)
    retention: dict[str, list[tuple[Finding, AlignmentEvidence]]] = defaultdict(list)
    required: list[Finding] = []
    for f in findings:
        ev = alignment_of(f) if f.classification in CLASSES else None
        if f.check == "quota":
            quota[f.rule_id].append(f)
        elif ev is not None:
            path = f.location.path if f.location and f.location.path else f.subject
            retention[path].append((f, ev))
        elif any(isinstance(ev, dict) and ev.get("kind") == "element" for ev in f.evidence):
            required.append(f)

    score = "n/a" if s.score is None else f"{s.score:.2f}"
    width = 0.0 if s.score is None else max(0.0, min(1.0, s.score)) * 100
    verdict = (
        f"{_plural(len(failing), 'finding')} {'fails' if len(failing) == 1 else 'fail'} the run "
        f"(--fail-on {threshold})"
        if failing
        else f"nothing fails the run (--fail-on {threshold})"
    )
    inputs = ", ".join(f"<code>{e(display_path(p, options))}</code>" for p in report.inputs)
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>wpscheck report — score {e(score)}, {e(verdict)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        '<header class="top"><h1>Women, Peace and Security check</h1>'
        f'<p class="verdict">Score {e(score)} · {e(verdict)}</p>'
        f"<p>Inputs: {inputs or 'none'}</p></header>",
        "<main>",
    ]
    toc = ['<a href="#summary">Summary</a>']
    if quota:
        toc.append('<a href="#quotas">Quotas</a>')
    if retention:
        toc.append('<a href="#retention">Draft retention</a>')
    if required:
        toc.append('<a href="#required">Required language</a>')
    toc.append('<a href="#findings">All findings</a>')
    out.append(f'<nav class="toc" aria-label="Sections">{"".join(toc)}</nav>')

    below_by = Counter("error" if f.status == "error" else f.severity for f in below)
    counts = [
        ("fail" if failing else "ok", len(failing), "failed", True),
        ("warn", below_by["error"], "failed, not failing the run (--fail-on never)", False),
        ("warn", below_by["warning"], "warning" if below_by["warning"] == 1 else "warnings", False),
        ("", below_by["info"], "note" if below_by["info"] == 1 else "notes", False),
        ("ok", s.by_status.get("pass", 0), "passed", True),
        ("", s.waived, "waived", False),
        ("", s.in_baseline, "in the baseline", False),
        ("", len(na), "not applicable", False),
    ]
    out.append('<section aria-labelledby="summary"><h2 id="summary">Summary</h2>')
    out.append(
        '<div class="summary"><div class="scorecard"><div class="label">Overall score</div>'
        f'<div class="value">{e(score)} <small>/ 1</small></div>'
        f'<div class="meter" role="img" aria-label="score {e(score)} of 1">'
        f'<span style="width:{width:.1f}%"></span></div>'
        f'<p class="note">{e(verdict)}; {_plural(s.findings, "finding")} on '
        f"{_plural(s.subjects, 'subject')}.</p></div>"
        '<ul class="counts">'
        + "".join(
            f'<li class="{css}"><span class="n">{n}</span>{e(label)}</li>'
            for css, n, label, always in counts
            if n or always
        )
        + "</ul></div>"
    )
    used = [p for p in s.packs if p.findings]
    unused = [p for p in s.packs if not p.findings]
    if used:
        out.append(
            "<table><thead><tr><th scope='col'>Rule pack</th><th scope='col'>Version</th>"
            "<th scope='col' class='num'>Findings</th><th scope='col' class='num'>Score</th>"
            "</tr></thead><tbody>"
        )
        for p in used:
            pscore = "n/a" if p.score is None else f"{p.score:.2f}"
            out.append(
                f"<tr><td>{e(p.title)} <code>{e(p.id)}</code></td><td>{e(p.version)}</td>"
                f"<td class='num'>{p.findings}</td><td class='num'>{e(pscore)}</td></tr>"
            )
        out.append("</tbody></table>")
    if unused:
        out.append(
            '<p class="note">Also loaded, with nothing to check in these inputs: '
            + ", ".join(f"{e(p.title)} <code>{e(p.id)}</code>" for p in unused)
            + ".</p>"
        )
    notes = notes_by_path(report)
    if notes:
        out.append('<h3>Notes on reading the inputs</h3><ul class="input-notes">')
        out.extend(
            f"<li><code>{e(display_path(path, options))}</code>: {e(m)}</li>"
            for path, messages in notes.items()
            for m in messages
        )
        out.append("</ul>")
    out.append("</section>")

    if quota:
        out.append(
            '<section class="quotas" aria-labelledby="quotas">'
            '<h2 id="quotas">Bodies against their quotas</h2>'
            '<p class="note">Each bar is a body\'s share of women; the dashed line is the '
            "minimum. Worst first. ✗ marks a body below the minimum, with the seats still "
            "needed; ✓ a body that meets it.</p>"
        )
        for n, (rule_id, group) in enumerate(quota.items()):
            rule = catalogue.get(rule_id) or RuleInfo(
                id=rule_id, pack="", rule=rule_id, title=rule_id, check="quota", severity="error"
            )
            out.append(_quota_chart(rule, group, chart_rows, f"chart{n}"))
        out.append("</section>")

    if retention:
        out.append(
            '<section class="retention" aria-labelledby="retention"><h2 id="retention">'
            "Draft retention: WPS language retained, weakened or dropped</h2>"
        )
        for n, (path, drafts) in enumerate(retention.items()):
            out.append(_retention(path, drafts, options, f"d{n}"))
        out.append("</section>")

    if required:
        out.append('<section aria-labelledby="required"><h2 id="required">Required language</h2>')
        out.extend(_elements(f, catalogue.get(f.rule_id), options) for f in required)
        out.append("</section>")

    out.append('<section aria-labelledby="findings"><h2 id="findings">All findings</h2>')
    if failing:
        out.append(f"<h3>To act on ({len(failing)})</h3>")
        out.append(_table(failing, options, limit))
    else:
        out.append(f"<p>Nothing fails at or above --fail-on {e(threshold)}.</p>")
    for title, group, why in (
        (f"Warnings and notes, not failing the run (--fail-on {threshold})", below, False),
        ("Waived or in the baseline", accepted, True),
        ("Passed", passed, False),
        ("Not applicable", na, False),
    ):
        if group:
            # Warnings are few and worth reading: open; the rest folded.
            is_open = " open" if group is below and len(group) <= 20 else ""
            out.append(
                f"<details{is_open}><summary>{e(title)} ({len(group)})</summary>"
                f"{_table(group, options, limit, why=why)}</details>"
            )
    out.append("</section>")
    out.append("</main>")
    version = report.tool.get("version", "")
    out.append(
        f"<footer>Made by wpscheck {e(version)}. This page loads nothing from the network.</footer>"
    )
    out.append("</body>")
    out.append("</html>")
    return "\n".join(out) + "\n"


FORMATTER = Formatter(
    name="html",
    render=render,
    summary="one self-contained page: score, quota charts (SVG), draft retention view",
    suffix=".html",
)
