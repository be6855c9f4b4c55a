"""Reports for the formatter tests: the real Mali data run through the engine, and a draft
checked by ``retain`` and ``require`` findings built by hand to the evidence contracts
the brief agrees (so the formatters are tested before and independently of those kinds)."""

from __future__ import annotations

from pathlib import Path

import wpscheck
from wpscheck.candidates import ListFile
from wpscheck.engine import make_report
from wpscheck.models import Finding, Location, Report, RulePack

ROOT = Path(__file__).resolve().parent.parent
MALI = "fixtures/mali"
#: A small snapshot and pack of our own, so exact expectations do not move with the fixtures.
SMALL = "tests/data/reports/bodies.toml"
SMALL_PACK = "tests/data/reports/pack.toml"
SMALL_ARGS = [SMALL, "--only-rules", SMALL_PACK]
DRAFT = "fixtures/drafts/minusma-2021-weakened.txt"

OP4 = (
    "Calls upon all parties in Mali to ensure full, effective and meaningful participation "
    "of women in the mechanisms established by the Agreement"
)
OP8 = (
    "Calls for the inclusion within national and regional strategies of programs to address "
    "the stigma of sexual and gender-based violence"
)
OP45 = (
    "Requests the Secretary-General to seek to increase the number of women in MINUSMA, "
    "as well as to ensure the full, effective and meaningful participation of women"
)


def small_report() -> Report:
    """Two Malian bodies (4 of 25 fails, 9 of 29 passes) against one Law 052 rule."""
    snap = wpscheck.load_snapshot(ROOT / SMALL)
    snap = snap.model_copy(update={"path": SMALL})
    packs = wpscheck.load_packs([ROOT / SMALL_PACK])
    return wpscheck.check([snap], packs, inputs=[SMALL])


def mali_report() -> Report:
    """The shipped packs on every Mali fixture, paths as typed from the repository root."""
    from wpscheck.loading import expand_inputs

    files = expand_inputs([ROOT / MALI])
    subjects = [
        s.model_copy(update={"path": f.relative_to(ROOT).as_posix()})
        for f, s in zip(files, wpscheck.load_inputs(files), strict=True)
        if not isinstance(s, ListFile)
    ]
    return wpscheck.check(
        subjects, wpscheck.shipped_packs(), inputs=[s.path or "" for s in subjects]
    )


def _retain(
    cls: str,
    base_ref: str,
    draft_ref: str | None,
    line: int | None,
    diff: list[list[str]],
    reasons: list[str],
    lost: list[str],
    score: float,
    baseline_text: str,
    draft_text: str | None,
) -> Finding:
    return Finding(
        rule="retain-2531",
        pack="wps-mandates",
        subject=f"{DRAFT}#{base_ref}",
        subject_name=f"S/RES/2531 (2020) {base_ref}",
        status="pass" if cls == "retained" else "fail",
        severity="error" if cls in ("weakened", "dropped") else "warning",
        score=score,
        message=f"{base_ref}: {cls}" + (f" as {draft_ref}" if draft_ref else ""),
        location=Location(path=DRAFT, line=line, column=1 if line else None, ref=draft_ref),
        classification=cls,
        check="retain",
        evidence=(
            {
                "kind": "alignment",
                "baseline_ref": base_ref,
                "baseline_text": baseline_text,
                "draft_ref": draft_ref,
                "draft_text": draft_text,
                "diff": diff,
                "reasons": reasons,
                "lost_terms": lost,
            },
        ),
    )


def draft_findings() -> list[Finding]:
    weakened = _retain(
        "weakened",
        "OP4",
        "OP5",
        21,
        [
            ["-", "Calls upon"],
            ["+", "Encourages"],
            ["=", OP4.removeprefix("Calls upon ")],
        ],
        ["verb: Calls upon → Encourages"],
        [],
        0.5,
        OP4,
        "Encourages" + OP4.removeprefix("Calls upon"),
    )
    qualifier = _retain(
        "weakened",
        "OP45",
        "OP49",
        40,
        [
            ["=", "Requests the Secretary-General to seek to increase"],
            ["+", ", as appropriate,"],
            ["=", OP45.removeprefix("Requests the Secretary-General to seek to increase")],
        ],
        ["qualifier added: as appropriate"],
        [],
        0.6,
        OP45,
        OP45,
    )
    dropped = _retain("dropped", "OP8", None, None, [["-", OP8]], [], [], 0.0, OP8, None)
    retained = _retain(
        "retained",
        "OP45bis",
        "OP50",
        44,
        [["=", "Welcomes <the> women's observatory & co"]],
        [],
        [],
        1.0,
        "Welcomes <the> women's observatory & co",
        "same",
    )
    modified = _retain(
        "modified",
        "OP3",
        "OP3",
        12,
        [["=", "Urges the Malian parties to support the"], ["-", "observatory led by women"]],
        [],
        ["observatory led by women"],
        0.7,
        "Urges the Malian parties to support the observatory led by women",
        "Urges the Malian parties to support the",
    )
    require = Finding(
        rule="poe-gender-expertise",
        pack="wps-mandates",
        subject=DRAFT,
        subject_name="minusma-2021-weakened.txt",
        status="fail",
        severity="error",
        score=0.5,
        message="1 of 2 required elements present; missing: cites 2467 (2019) paragraph 11",
        location=Location(path=DRAFT, line=30, column=5, ref="OP28"),
        check="require",
        evidence=(
            {
                "kind": "element",
                "element": "gender expertise",
                "present": True,
                "ref": "OP28",
                "line": 30,
                "column": 5,
                "text": "including the necessary gender expertise",
            },
            {
                "kind": "element",
                "element": "cites 2467 (2019) paragraph 11",
                "present": False,
                "ref": None,
                "line": None,
                "column": None,
                "text": None,
            },
        ),
    )
    return [modified, weakened, require, qualifier, retained, dropped]


def draft_pack() -> RulePack:
    return RulePack.model_validate(
        {
            "id": "wps-mandates",
            "title": "WPS language in mandate renewals",
            "version": "0.1",
            "rules": [
                {
                    "id": "retain-2531",
                    "check": "retain",
                    "title": "Keep the WPS provisions of S/RES/2531 (2020)",
                    "pack": "wps-mandates",
                    "references": ["S/RES/2531 (2020)"],
                },
                {
                    "id": "poe-gender-expertise",
                    "check": "require",
                    "title": "Panel of Experts with gender expertise",
                    "pack": "wps-mandates",
                    "severity": "error",
                },
            ],
        }
    )


def draft_report() -> Report:
    return make_report(draft_findings(), [draft_pack()], subjects=1, inputs=[DRAFT])


SOFTENED = "fixtures/retention/softened.txt"
RETAIN_PACK = "rules/resolution-2531-wps.toml"


def softened_report() -> Report:
    """The 2531 retention pack on the fixture draft whose verbs were softened (end to end)."""
    doc = wpscheck.load_document(ROOT / SOFTENED).model_copy(update={"path": SOFTENED})
    packs = wpscheck.load_packs([ROOT / RETAIN_PACK])
    return wpscheck.check([doc], packs, inputs=[SOFTENED])
