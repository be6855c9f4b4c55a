"""A rule that selects nothing: the warning finding that says what it looked for.

A rule whose ``applies_to`` matches no subject of its kind in the whole run (a typo,
``country = "SS"`` on data without South Sudan) would otherwise give no finding at all, and
a run could end "0 findings · score n/a", exit 0. The engine gives it one warning finding
instead, located at the rule's ``[[rule]]`` table, naming each value it looked for and the
values present that are closest to it::

    rule "world/ss-lower" selected no subject: it looks for country SS; present: SD, SE, SG, …

The finding's weight is 0 (it does not move the score) and its severity is always
``warning``, so ``--fail-on warning`` fails the run.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

from wpscheck.models import Finding, Location, Rule, RulePack, Selector

__all__ = ["SHOWN", "closest_present", "unselected_finding"]

#: How many present values the message names for each value looked for.
SHOWN = 3


def closest_present(wanted: Sequence[str], present: Iterable[str], n: int = SHOWN) -> list[str]:
    """The ``n`` present values nearest to any of ``wanted`` (most alike first, then by name)."""
    pool = sorted(set(present))

    def likeness(v: str) -> float:
        return max(difflib.SequenceMatcher(None, w.lower(), v.lower()).ratio() for w in wanted)

    return sorted(pool, key=lambda v: (-likeness(v), v))[:n]


def _values(subject: Any, key: str) -> tuple[str, ...]:
    """What a subject has for one selector key (tags: all of them; kind of a draft: its kind)."""
    if key == "document_kind":
        key = "kind"
    value = getattr(subject, key, None)
    if value is None:
        return ()
    return tuple(value) if isinstance(value, tuple | list) else (str(value),)


def _keys(sel: Selector) -> list[tuple[str, tuple[str, ...]]]:
    return [(k, getattr(sel, k)) for k in ("kind", "level", "country", "tags", "document_kind")]


def unselected_finding(
    rule: Rule, pack: RulePack, subjects: Sequence[Any], checked: int | None = None
) -> Finding:
    """The warning for ``rule``, which matched none of ``subjects`` (bodies, lists or
    drafts; or, with ``checked``, one subject of each kind among that many)."""
    count = len(subjects) if checked is None else checked
    looks: list[str] = []
    present: list[str] = []
    for key, wanted in _keys(rule.applies_to):
        if not wanted:
            continue
        label = "tag" if key == "tags" else key.replace("_", " ")
        looks.append(f"{label} {', '.join(wanted)}")
        have = {v for s in subjects for v in _values(s, key)}
        if not have:
            present.append(f"no subject has a {label}")
            continue
        if have & set(wanted):
            continue
        near = closest_present(wanted, have)
        more = ", …" if len(have) > len(near) else ""
        present.append(f"{label} {', '.join(near)}{more}")
    what = " and ".join(looks) if looks else "every subject"
    if not present:
        tail = "; each value is present, but no subject has them all"
    else:
        tail = "; present: " + "; ".join(present)
    noun = "subject" if count == 1 else "subjects"
    return Finding(
        rule=rule.id,
        pack=rule.pack or pack.id,
        subject="(no subject)",
        status="fail",
        severity="warning",
        score=0.0,
        message=(
            f'rule "{rule.qualified_id}" selected no subject: it looks for {what}{tail} '
            f"({count} {noun} checked)"
        ),
        expected={"applies_to": {k: list(v) for k, v in _keys(rule.applies_to) if v}},
        observed={"subjects": count},
        references=rule.references,
        location=Location(path=pack.path, line=rule.line) if pack.path else None,
        weight=0.0,
        check=rule.check,
    )
