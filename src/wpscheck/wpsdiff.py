"""``wpscheck diff BASELINE DRAFT --wps``: only the WPS provisions of the baseline.

The whole diff is computed (each baseline paragraph is aligned on its own, so a WPS
provision's alignment is the same with or without the others, and a draft paragraph is
*new* only when no baseline paragraph carries it), then narrowed: the baseline paragraphs
:func:`wpscheck.text.wps.detect` marks as WPS provisions, and the new draft paragraphs that
hold a WPS term themselves. The renderings say how many provisions of how many baseline
paragraphs were compared.
"""

from __future__ import annotations

import dataclasses
import html
import json

from wpscheck.diff import TextDiff
from wpscheck.text.wps import detect, terms_in

__all__ = ["WpsDiff", "render_wps", "wps_only"]


@dataclasses.dataclass(frozen=True)
class WpsDiff:
    diff: TextDiff
    #: How many baseline paragraphs (and sub-paragraphs) were WPS provisions, of how many.
    provisions: int
    paragraphs: int

    @property
    def note(self) -> str:
        s = "" if self.paragraphs == 1 else "s"
        return (
            f"WPS provisions only: {self.provisions} of {self.paragraphs} baseline "
            f"paragraph{s} compared"
        )


def wps_only(td: TextDiff) -> WpsDiff:
    """``td`` narrowed to the baseline's WPS provisions and the draft's new WPS paragraphs."""
    refs = {p.ref for p in detect(td.baseline)}
    compared = [e for e in td.entries if e.status != "new"]
    kept = tuple(
        e
        for e in td.entries
        if (e.status == "new" and e.new is not None and terms_in(e.new.text))
        or (e.status != "new" and e.baseline_ref in refs)
    )
    narrowed = dataclasses.replace(td, entries=kept)
    return WpsDiff(narrowed, sum(1 for e in kept if e.status != "new"), len(compared))


def render_wps(wd: WpsDiff, fmt: str, rendered: str) -> str:
    """``rendered`` (the narrowed diff as the diff renderers write it) with the count said:
    a line after the text's summary (Markdown: its heading; HTML: in the page header), a
    ``"wps"`` object in the JSON."""
    if fmt == "json":
        data = json.loads(rendered)
        data["wps"] = {"provisions": wd.provisions, "paragraphs": wd.paragraphs}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "text":
        head, _, rest = rendered.partition("\n")
        return f"{head}\n{wd.note}\n{rest}"
    if fmt == "markdown":
        head, _, rest = rendered.partition("\n")
        return f"{head}\n\n_{wd.note}_\n{rest}"
    if fmt == "html":
        note = html.escape(wd.note)
        return rendered.replace('<p class="verdict">', f'<p>{note}</p><p class="verdict">', 1)
    return rendered
