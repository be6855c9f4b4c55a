"""``wpscheck diff BASELINE DRAFT --wps``: only the WPS provisions of the baseline.

The whole diff is computed (each baseline paragraph is aligned on its own, so a WPS
provision's alignment is the same with or without the others, and a draft paragraph is
*new* only when no baseline paragraph carries it), then narrowed: the baseline paragraphs
:func:`wpscheck.text.wps.detect` marks as WPS provisions, and the new draft paragraphs that
hold a WPS term themselves. The diff's ``scope`` says how many provisions of how many
baseline paragraphs were compared, and every rendering prints it.
"""

from __future__ import annotations

import dataclasses

from wpscheck.diff import Scope, TextDiff
from wpscheck.text.wps import detect, terms_in

__all__ = ["wps_only"]


def wps_only(td: TextDiff) -> TextDiff:
    """``td`` narrowed to the baseline's WPS provisions and the draft's new WPS paragraphs,
    with its :class:`~wpscheck.diff.Scope` saying how many were compared."""
    refs = {p.ref for p in detect(td.baseline)}
    compared = [e for e in td.entries if e.status != "new"]
    kept = tuple(
        e
        for e in td.entries
        if (e.status == "new" and e.new is not None and terms_in(e.new.text))
        or (e.status != "new" and e.baseline_ref in refs)
    )
    scope = Scope(sum(1 for e in kept if e.status != "new"), len(compared))
    return dataclasses.replace(td, entries=kept, scope=scope)
