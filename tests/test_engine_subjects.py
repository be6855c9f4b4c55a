"""The engine calls a check kind once per subject: a subject it crashes on gets one error
finding naming the rule and the plugin, and every other subject is still checked."""

from __future__ import annotations

import types
from collections.abc import Iterator
from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict

from wpscheck.engine import check
from wpscheck.models import Body, Document, Finding, Location, RulePack, Snapshot
from wpscheck.plugin import BodySubject, CheckContext, CheckKind, hookimpl
from wpscheck.registry import Registry, build_registry

TODAY = date(2021, 5, 1)


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _seats(ctx: CheckContext[_Params], subject: BodySubject) -> Iterator[Finding]:
    body = subject.body
    yield ctx.body_finding(subject, "pass", 1.0, f"{body.seats} seats")
    if body.seats == 13:
        raise ValueError("unlucky")


def _pages(ctx: CheckContext[_Params], doc: Document) -> Iterator[Finding]:
    if doc.title == "bad":
        raise KeyError("title")
    yield ctx.finding(doc.path or "", "pass", 1.0, "read", location=Location(path=doc.path))


def _registry() -> Registry:
    kinds = [
        CheckKind(id="seats", subject="body", params=_Params, check=_seats, summary="seats"),
        CheckKind(id="pages", subject="document", params=_Params, check=_pages, summary="p"),
    ]
    plugin = types.ModuleType("seats_plugin")
    plugin.wpscheck_check_kinds = hookimpl(lambda: kinds)  # type: ignore[attr-defined]
    return build_registry(plugin)


REG = _registry()
PACK = RulePack.model_validate(
    {
        "id": "p",
        "title": "P",
        "rules": [
            {"id": "seats", "check": "seats", "title": "Seats", "pack": "p"},
            {"id": "pages", "check": "pages", "title": "Pages", "pack": "p"},
        ],
    }
)


def _snapshot(*seats: int) -> Snapshot:
    bodies = [
        Body(id=f"b{i:02d}", name=f"B{i}", kind="commission", seats=s) for i, s in enumerate(seats)
    ]
    return Snapshot(bodies=tuple(bodies), path="s.json")


def test_a_body_that_crashes_the_check_does_not_stop_the_others() -> None:
    report = check([_snapshot(5, 13, 6, 13)], [PACK], reg=REG, today=TODAY)
    assert [(f.subject, f.status) for f in report.findings] == [
        ("b00", "pass"),
        ("b01", "error"),
        ("b02", "pass"),
        ("b03", "error"),
    ]
    assert [f.message for f in report.findings] == [
        "5 seats",
        'rule "p/seats" (check kind "seats" from plugin "seats_plugin") failed on b01: '
        "ValueError: unlucky",
        "6 seats",
        'rule "p/seats" (check kind "seats" from plugin "seats_plugin") failed on b03: '
        "ValueError: unlucky",
    ]
    # The error finding points at the body's record; what the crash yielded is dropped.
    crashed = report.findings[1]
    assert crashed.location is not None
    assert (crashed.location.path, crashed.location.data_path) == ("s.json", "bodies[1]")
    assert report.summary.by_status == {"pass": 2, "fail": 0, "not-applicable": 0, "error": 2}


def test_with_passes_counted_a_crash_stops_no_other_body() -> None:
    """The counting loop (``passes=False``, what the CLI runs) has one try around many
    bodies: after a crash it goes on from the next body, and the passes are the same."""
    from wpscheck.engine import with_passes

    full = check([_snapshot(5, 13, 6, 13, 7)], [PACK], reg=REG, today=TODAY)
    lean = check([_snapshot(5, 13, 6, 13, 7)], [PACK], reg=REG, today=TODAY, passes=False)
    assert [(f.subject, f.status) for f in lean.findings] == [("b01", "error"), ("b03", "error")]
    assert lean.summary == full.summary
    assert with_passes(lean).findings == full.findings


def test_a_draft_that_crashes_the_check_does_not_stop_the_others() -> None:
    docs = [
        Document(path="a.txt", title="ok"),
        Document(path="b.txt", title="bad"),
        Document(path="c.txt", title="ok"),
    ]
    report = check(docs, [PACK], reg=REG, today=TODAY)
    assert [(f.subject, f.status) for f in report.findings] == [
        ("a.txt", "pass"),
        ("b.txt", "error"),
        ("c.txt", "pass"),
    ]
    assert report.findings[1].message == (
        'rule "p/pages" (check kind "pages" from plugin "seats_plugin") failed on b.txt: '
        "KeyError: 'title'"
    )


@given(st.lists(st.sampled_from([5, 13]), min_size=1, max_size=20))
def test_every_body_gets_exactly_one_finding(seats: list[int]) -> None:
    report = check([_snapshot(*seats)], [PACK], reg=REG, today=TODAY)
    assert [f.subject for f in report.findings] == [f"b{i:02d}" for i in range(len(seats))]
    assert [f.status for f in report.findings] == ["error" if s == 13 else "pass" for s in seats]
