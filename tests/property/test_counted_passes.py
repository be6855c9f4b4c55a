"""Counting passes instead of listing them changes no figure and no output.

``check(..., passes=False)`` (what the CLI runs) makes no finding for a body's pass; the
check kinds' ``quick_pass`` tells a pass without making its finding. The per-body
``check`` stays the reference: these properties hold both paths equal on generated
snapshots and rules, through every summary figure and the bytes of every format.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.property.strategies import any_bodies
from wpscheck.engine import check, with_passes, without_passes
from wpscheck.loading import shipped_packs
from wpscheck.models import Body, Observation, Rule, RulePack, Selector, Snapshot
from wpscheck.plugin import BodySubject, CheckContext, FormatOptions
from wpscheck.registry import registry

PACKS = shipped_packs()
TODAY = date(2021, 5, 1)
REG = registry()

_QUOTA_PARAMS = st.fixed_dictionaries(
    {},
    optional={
        "min_share": st.sampled_from([0.3, "30%", "1/3", "2/3", 0.5, 0.25]),
        "min_women": st.integers(min_value=1, max_value=30),
        "reserved": st.integers(min_value=1, max_value=30),
        "either_sex": st.booleans(),
        "min_seats": st.integers(min_value=0, max_value=10),
        "tolerance": st.sampled_from([0.0, "2%", 0.05]),
        "valid_from": st.sampled_from([date(2015, 12, 18), date(2030, 1, 1)]),
        "applies": st.sampled_from(["results", "lists"]),
        "observation": st.sampled_from(["latest", "every"]),
        "of_seats": st.sampled_from(["filled", "statutory"]),
    },
).filter(
    lambda p: (
        any(k in p for k in ("min_share", "min_women", "reserved"))
        and ("min_share" in p or not p.get("either_sex"))
    )
)


@st.composite
def bodies(draw: st.DrawFn) -> Body:
    body = draw(any_bodies)
    extra: dict[str, Any] = {}
    if draw(st.booleans()):
        extra["as_of"] = draw(st.sampled_from([date(2014, 1, 1), date(2020, 6, 1), None]))
    if draw(st.integers(0, 5)) == 0:
        extra["history"] = (Observation(as_of=date(2019, 1, 1), seats=10, women=2),)
    if draw(st.integers(0, 5)) == 0:
        extra["statutory_seats"] = draw(st.integers(1, 300))
    if draw(st.integers(0, 4)) == 0:
        extra["kind"] = "electoral-list"
    return body.model_copy(update=extra) if extra else body


def _pack(params: list[dict[str, Any]]) -> RulePack:
    rules = tuple(
        Rule(id=f"q{i}", check="quota", title="q", params=p, pack="gen", applies_to=Selector())
        for i, p in enumerate(params)
    )
    return RulePack(id="gen", title="generated", version="1", rules=rules)


def _snapshots(found: list[Body], split: bool) -> list[Snapshot]:
    if not split:
        return [Snapshot(bodies=tuple(found), path="a.toml")]
    # The same ids in two snapshots: the later one supersedes ("latest" observation).
    later = tuple(b.model_copy(update={"as_of": date(2021, 1, 1)}) for b in found[:2])
    return [
        Snapshot(bodies=tuple(found), path="a.toml", as_of=date(2020, 1, 1)),
        Snapshot(bodies=later, path="b.toml", as_of=date(2021, 1, 1)),
    ]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(bodies(), min_size=1, max_size=8, unique_by=lambda b: b.id),
    st.lists(_QUOTA_PARAMS, min_size=1, max_size=3),
    st.booleans(),
)
def test_counting_passes_changes_no_figure_and_no_output(
    found: list[Body], params: list[dict[str, Any]], split: bool
) -> None:
    packs = [*PACKS, _pack(params)]
    subjects = _snapshots(found, split)
    full = check(subjects, packs, today=TODAY, reg=REG)
    lean = check(subjects, packs, today=TODAY, reg=REG, passes=False)
    assert lean.summary == full.summary
    assert [f for f in lean.findings if f.status != "pass"] == without_passes(full).findings
    listed = with_passes(lean)
    assert listed.findings == full.findings
    assert listed.passes_listed
    for name in ("text", "json", "sarif", "github"):
        fmt = REG.formatter(name)
        for verbose in (False, True):
            options = FormatOptions(verbose=verbose)
            shown = (
                with_passes(lean)
                if fmt.lists_passes is None or fmt.lists_passes(lean, options)
                else lean
            )
            assert fmt.render(shown, options) == fmt.render(full, options), (name, verbose)


def _subject(body: Body, index: int = 0) -> BodySubject:
    """The body at ``index`` of a snapshot (the first carries the snapshot's date)."""
    others = tuple(body.model_copy(update={"id": f"other-{i}"}) for i in range(index))
    snap = Snapshot(bodies=(*others, body), path="s.toml", as_of=date(2020, 1, 1))
    return BodySubject(body, snap, index)


def _agree(kind_id: str, rule: Rule, pack: RulePack, subject: BodySubject) -> list[Any]:
    """The check's findings, after asserting that quick_pass gives the score of the one
    pass among them when it gives a score; returns them with quick_pass's answer first."""
    kind = REG.check_kind(kind_id)
    ctx = CheckContext(
        rule=rule,
        pack=pack,
        params=kind.params.model_validate(rule.params),
        kind=kind,
        today=TODAY,
        history=lambda b: list(b.history),
    )
    assert kind.quick_pass is not None
    quick = kind.quick_pass(ctx, subject)
    got = list(kind.check(ctx, subject))
    if quick is not None:
        assert [(f.status, f.score) for f in got] == [("pass", quick)]
    return [quick, *got]


def _plain_pass(got: list[Any]) -> bool:
    return len(got) == 1 and got[0].status == "pass"


@settings(max_examples=400, deadline=None)
@given(bodies(), _QUOTA_PARAMS, st.integers(0, 1))
def test_quota_quick_pass_agrees_with_check(body: Body, params: dict[str, Any], index: int) -> None:
    pack = _pack([params])
    quick, *got = _agree("quota", pack.rules[0], pack, _subject(body, index))
    # What quick_pass leaves to check is a pass only in the cases it does not decide.
    undecided = body.members or body.history or "valid_from" in params
    undecided = undecided or params.get("of_seats") == "statutory"
    undecided = undecided or (params.get("applies") == "lists" and body.kind != "electoral-list")
    if quick is None and not undecided:
        assert not _plain_pass(got)


@settings(max_examples=300, deadline=None)
@given(
    bodies(),
    st.sampled_from([("counts",), ("dates",), ("source",), ("stated-share",), ()]),
    st.integers(0, 1),
)
def test_consistency_quick_pass_agrees_with_check(
    body: Body, aspects: tuple[str, ...], index: int
) -> None:
    params = {"aspects": list(aspects)} if aspects else {}
    rule = Rule(id="c", check="consistency", title="c", params=params, pack="gen")
    pack = RulePack(id="gen", title="g", version="1", rules=(rule,))
    quick, *got = _agree("consistency", rule, pack, _subject(body, index))
    if quick is None:
        assert not _plain_pass(got)


def _many(path: str, n: int, women: int) -> Snapshot:
    found = tuple(
        Body(
            id=f"b{i}",
            name=f"Body {i}",
            kind="commission",
            country="ML",
            tags=("appointed",),
            seats=10,
            women=women if i % 7 else 1,
            source="s" if i % 9 else None,
            stated_share="40 percent" if i % 5 == 0 else None,
        )
        for i in range(n)
    )
    return Snapshot(bodies=found, path=path)


def test_large_inputs_render_the_same_with_passes_counted() -> None:
    """More passes than the text report lists, an input whose findings are all passes
    (it keeps its heading, in its place), and one with a few passes (then listed)."""
    clean = Snapshot(
        bodies=tuple(
            Body(
                id=f"c{i}",
                name=f"C {i}",
                kind="commission",
                country="ML",
                seats=10,
                women=5,
                tags=("appointed",),
                source="s",
            )
            for i in range(30)
        ),
        path="clean.toml",
    )
    for subjects in (
        [_many("a.toml", 60, 4)],
        [clean, _many("a.toml", 60, 4)],
        [_many("a.toml", 60, 4), clean],
        [_many("few.toml", 3, 4)],
    ):
        full = check(subjects, PACKS, today=TODAY, reg=REG)
        lean = check(subjects, PACKS, today=TODAY, reg=REG, passes=False)
        assert lean.summary == full.summary
        for name in ("text", "json", "sarif", "github", "junit", "markdown"):
            fmt = REG.formatter(name)
            options = FormatOptions()
            shown = (
                with_passes(lean)
                if fmt.lists_passes is None or fmt.lists_passes(lean, options)
                else lean
            )
            assert fmt.render(shown, options) == fmt.render(full, options), name
    # With many passes the text report is rendered from the counts: nothing is remade.
    lean = check([clean, _many("a.toml", 60, 4)], PACKS, today=TODAY, reg=REG, passes=False)
    text = REG.formatter("text")
    assert text.lists_passes is not None
    assert not text.lists_passes(lean, FormatOptions())
    assert "clean.toml\n  … 60 passed (--verbose lists them)" in text.render(lean, FormatOptions())
