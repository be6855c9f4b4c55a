"""The verdict for people, word for word, on every fixture and in every human format.

``wpscheck check FILE`` with the shipped packs, as a user runs it: the sentences at the
top of the text, Markdown and HTML reports (:mod:`wpscheck.verdict`) are the same words
in each format. A retention sentence's counts are also checked against the
classification each ``fixtures/retention/*.expected`` file gives by hand.
"""

from __future__ import annotations

import html
import os
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from wpscheck.api import render
from wpscheck.engine import check
from wpscheck.loading import load_inputs, shipped_packs
from wpscheck.models import Report
from wpscheck.verdict import verdicts

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2021, 5, 1)
DRAFTS = sorted(
    p.relative_to(ROOT).as_posix()
    for p in (ROOT / "fixtures" / "drafts").iterdir()
    if p.suffix in (".txt", ".md", ".docx", ".pdf")
)
RETENTION = sorted(
    p.relative_to(ROOT).as_posix() for p in (ROOT / "fixtures" / "retention").glob("*.txt")
)
FIXTURES = ["fixtures/mali", *DRAFTS, *RETENTION]


def report_of(*fixtures: str) -> Report:
    """The report ``wpscheck check FIXTURE…`` gives, run from the repository's root."""
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return check(load_inputs([Path(f) for f in fixtures]), shipped_packs(), today=TODAY)
    finally:
        os.chdir(cwd)


def _text(page: str) -> list[str]:
    assert page.startswith("Verdict\n")
    block = page.split("\n\n", 1)[0].splitlines()[1:]
    return [line.strip() for line in block]


def _markdown(page: str) -> list[str]:
    head, rest = page.split("\n\n", 1)
    assert head.startswith("## ")
    block = rest[: re.search(r"^\d+ findings? on ", rest, re.M).start()]  # type: ignore[union-attr]
    out = []
    for line in block.splitlines():
        if line.startswith("**"):
            out.append(line.strip("*"))
        elif line.startswith("- "):
            out.append(line[2:])
        else:
            assert line == "", line
    return out


def _html(page: str) -> list[str]:
    section = re.search(r'<section class="verdict".*?</section>', page, re.S)
    assert section is not None
    out = []
    for h3, li, score in re.findall(
        r'<h3>([^<]*)</h3>|<li class="v-\w+">([^<]*)(?:<span class="pscore">([^<]*)</span>)?',
        section.group(0),
    ):
        if h3:
            out.append(html.unescape(h3))
        else:
            out.append(html.unescape(li) + (f" ({score})" if score else ""))
    return out


PARSE = {"text": _text, "markdown": _markdown, "html": _html}


def verdict_of(fixture: str, fmt: str) -> list[str]:
    """The verdict's lines (headings, then each sentence with its score) in ``fmt``."""
    return PARSE[fmt](render(report_of(fixture), fmt))


EXPECTED: dict[str, list[str]] = {
    "fixtures/mali": [
        "Of the 29 checks of data-integrity, 28 pass, 0 fail and 1 warns. (score 0.97)",
        (
            "Of 11 bodies checked against the 30 % minimum of Mali, Law No. 2015-052, 1 meets it "
            "and 10 fall short. (score 0.51)"
        ),
        (
            "Of 4 bodies checked against the 30 % minimum of Agreement on Peace and Reconciliation"
            " in Mali, 1 meets it and 3 fall short. (score 0.49)"
        ),
    ],
    "fixtures/drafts/minusma-fail.txt": [
        "minusma-fail.txt",
        (
            "Of the 9 required elements of minusma-recommendations-2021, this draft has 0 in full,"
            " 1 in part and lacks 8. (score 0.04)"
        ),
        (
            "Of the 16 women, peace and security provisions of S/RES/2531 (2020), this draft keeps"
            " 0, modifies 0, weakens 0 and drops 16. (score 0.00)"
        ),
    ],
    "fixtures/drafts/minusma-partial.md": [
        "Mali: draft resolution, zero draft",
        (
            "Of the 9 required elements of minusma-recommendations-2021, this draft has 0 in full,"
            " 9 in part and lacks 0. (score 0.50)"
        ),
        (
            "Of the 16 women, peace and security provisions of S/RES/2531 (2020), this draft keeps"
            " 0, modifies 0, weakens 0 and drops 16. (score 0.00)"
        ),
    ],
    "fixtures/drafts/minusma-pass.txt": [
        "S/2021/590",
        (
            "Of the 9 required elements of minusma-recommendations-2021, this draft has 9 and "
            "lacks 0. (score 1.00)"
        ),
        (
            "Of the 16 women, peace and security provisions of S/RES/2531 (2020), this draft keeps"
            " 0, modifies 1, weakens 1 and drops 14. (score 0.02)"
        ),
    ],
    "fixtures/drafts/mission-renewal.pdf": [
        "S/2022/317",
        (
            "minusma-recommendations-2021 did not apply to this draft (the draft does not mention "
            '"MINUSMA").'
        ),
        (
            "resolution-2531-wps did not apply to this draft (the draft does not mention MINUSMA, "
            "so S/RES/2531 (2020) does not apply to it)."
        ),
    ],
    "fixtures/drafts/mission-tracked.docx": [
        "South Sudan: draft resolution",
        (
            "minusma-recommendations-2021 did not apply to this draft (the draft does not mention "
            '"MINUSMA").'
        ),
        (
            "resolution-2531-wps did not apply to this draft (the draft does not mention MINUSMA, "
            "so S/RES/2531 (2020) does not apply to it)."
        ),
    ],
    "fixtures/drafts/sanctions-fail.txt": [
        "sanctions-fail.txt",
        (
            "resolution-2531-wps did not apply to this draft (the draft is a sanctions renewal, so"
            " S/RES/2531 (2020) does not apply to it)."
        ),
        (
            "Of the 3 required elements of sanctions-gender-expertise, this draft has 0 and lacks "
            "3. (score 0.00)"
        ),
    ],
    "fixtures/drafts/sanctions-numbered.docx": [
        "Mali: draft resolution (sanctions)",
        (
            "resolution-2531-wps did not apply to this draft (the draft is a sanctions renewal, so"
            " S/RES/2531 (2020) does not apply to it)."
        ),
        (
            "Of the 3 required elements of sanctions-gender-expertise, this draft has 3 and lacks "
            "0. (score 1.00)"
        ),
    ],
    "fixtures/drafts/sanctions-partial.md": [
        "Mali: draft resolution (sanctions), revision 1",
        (
            "resolution-2531-wps did not apply to this draft (the draft is a sanctions renewal, so"
            " S/RES/2531 (2020) does not apply to it)."
        ),
        (
            "Of the 3 required elements of sanctions-gender-expertise, this draft has 0 in full, 3"
            " in part and lacks 0. (score 0.56)"
        ),
    ],
    "fixtures/drafts/sanctions-pass.txt": [
        "S/2021/800",
        (
            "resolution-2531-wps did not apply to this draft (the draft is a sanctions renewal, so"
            " S/RES/2531 (2020) does not apply to it)."
        ),
        (
            "Of the 3 required elements of sanctions-gender-expertise, this draft has 3 and lacks "
            "0. (score 1.00)"
        ),
    ],
    "fixtures/drafts/sanctions-wrong-paragraph.txt": [
        "S/RES/2590 (2021)",
        (
            "resolution-2531-wps did not apply to this draft (the draft is a sanctions renewal, so"
            " S/RES/2531 (2020) does not apply to it)."
        ),
        (
            "Of the 3 required elements of sanctions-gender-expertise, this draft has 0 and lacks "
            "3. (score 0.00)"
        ),
    ],
    "fixtures/retention/demoted.txt": [
        "Draft resolution on the situation in Mali",
        (
            "Of the 9 required elements of minusma-recommendations-2021, this draft has 0 in full,"
            " 3 in part and lacks 6. (score 0.14)"
        ),
        (
            "Of the 16 women, peace and security provisions of S/RES/2531 (2020), this draft keeps"
            " 15, modifies 0, weakens 1 and drops 0. (score 0.98)"
        ),
    ],
    "fixtures/retention/dropped.txt": [
        "Draft resolution on the situation in Mali",
        (
            "Of the 9 required elements of minusma-recommendations-2021, this draft has 0 in full,"
            " 2 in part and lacks 7. (score 0.08)"
        ),
        (
            "Of the 16 women, peace and security provisions of S/RES/2531 (2020), this draft keeps"
            " 13, modifies 0, weakens 0 and drops 3. (score 0.81)"
        ),
    ],
    "fixtures/retention/intensifiers.txt": [
        "Draft resolution on the situation in Mali",
        (
            "Of the 9 required elements of minusma-recommendations-2021, this draft has 0 in full,"
            " 3 in part and lacks 6. (score 0.14)"
        ),
        (
            "Of the 16 women, peace and security provisions of S/RES/2531 (2020), this draft keeps"
            " 14, modifies 0, weakens 2 and drops 0. (score 0.97)"
        ),
    ],
    "fixtures/retention/modified.txt": [
        "Draft resolution on the situation in Mali",
        (
            "Of the 9 required elements of minusma-recommendations-2021, this draft has 0 in full,"
            " 2 in part and lacks 7. (score 0.08)"
        ),
        (
            "Of the 16 women, peace and security provisions of S/RES/2531 (2020), this draft keeps"
            " 14, modifies 2, weakens 0 and drops 0. (score 0.92)"
        ),
    ],
    "fixtures/retention/other-mission.txt": [
        "Draft resolution on the situation in South Sudan",
        (
            "minusma-recommendations-2021 did not apply to this draft (the draft does not mention "
            '"MINUSMA").'
        ),
        (
            "resolution-2531-wps did not apply to this draft (the draft does not mention MINUSMA, "
            "so S/RES/2531 (2020) does not apply to it)."
        ),
    ],
    "fixtures/retention/qualifiers.txt": [
        "Draft resolution on the situation in Mali",
        (
            "Of the 9 required elements of minusma-recommendations-2021, this draft has 0 in full,"
            " 3 in part and lacks 6. (score 0.14)"
        ),
        (
            "Of the 16 women, peace and security provisions of S/RES/2531 (2020), this draft keeps"
            " 13, modifies 0, weakens 3 and drops 0. (score 0.95)"
        ),
    ],
    "fixtures/retention/renumbered.txt": [
        "Draft resolution on the situation in Mali",
        (
            "Of the 9 required elements of minusma-recommendations-2021, this draft has 0 in full,"
            " 3 in part and lacks 6. (score 0.14)"
        ),
        (
            "Of the 16 women, peace and security provisions of S/RES/2531 (2020), this draft keeps"
            " 16, modifies 0, weakens 0 and drops 0. (score 1.00)"
        ),
    ],
    "fixtures/retention/reordered.txt": [
        "Draft resolution on the situation in Mali",
        (
            "Of the 9 required elements of minusma-recommendations-2021, this draft has 0 in full,"
            " 3 in part and lacks 6. (score 0.14)"
        ),
        (
            "Of the 16 women, peace and security provisions of S/RES/2531 (2020), this draft keeps"
            " 16, modifies 0, weakens 0 and drops 0. (score 1.00)"
        ),
    ],
    "fixtures/retention/rewrapped.txt": [
        "Draft resolution on the situation in Mali",
        (
            "Of the 9 required elements of minusma-recommendations-2021, this draft has 0 in full,"
            " 3 in part and lacks 6. (score 0.14)"
        ),
        (
            "Of the 16 women, peace and security provisions of S/RES/2531 (2020), this draft keeps"
            " 16, modifies 0, weakens 0 and drops 0. (score 1.00)"
        ),
    ],
    "fixtures/retention/softened.txt": [
        "Draft resolution on the situation in Mali",
        (
            "Of the 9 required elements of minusma-recommendations-2021, this draft has 0 in full,"
            " 3 in part and lacks 6. (score 0.14)"
        ),
        (
            "Of the 16 women, peace and security provisions of S/RES/2531 (2020), this draft keeps"
            " 11, strengthens 2, modifies 0, weakens 3 and drops 0. (score 0.95)"
        ),
    ],
    "fixtures/retention/split-merged.txt": [
        "Draft resolution on the situation in Mali",
        (
            "Of the 9 required elements of minusma-recommendations-2021, this draft has 0 in full,"
            " 3 in part and lacks 6. (score 0.14)"
        ),
        (
            "Of the 16 women, peace and security provisions of S/RES/2531 (2020), this draft keeps"
            " 16, modifies 0, weakens 0 and drops 0. (score 1.00)"
        ),
    ],
    "fixtures/retention/strengthened.txt": [
        "Draft resolution on the situation in Mali",
        (
            "Of the 9 required elements of minusma-recommendations-2021, this draft has 0 in full,"
            " 3 in part and lacks 6. (score 0.14)"
        ),
        (
            "Of the 16 women, peace and security provisions of S/RES/2531 (2020), this draft keeps"
            " 12, strengthens 4, modifies 0, weakens 0 and drops 0. (score 1.00)"
        ),
    ],
    "fixtures/retention/unrelated.txt": [
        "Draft resolution on the G5 Sahel Joint Force",
        (
            "Of the 16 women, peace and security provisions of S/RES/2531 (2020), this draft keeps"
            " 0, modifies 0, weakens 0 and drops 16. (score 0.00)"
        ),
    ],
}


def test_every_fixture_has_its_verdict_written_down() -> None:
    assert sorted(EXPECTED) == sorted(FIXTURES)
    assert len(RETENTION) == 13
    assert len(DRAFTS) == 10


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return {fx: report_of(fx) for fx in FIXTURES}


@pytest.mark.parametrize("fmt", sorted(PARSE))
@pytest.mark.parametrize("fixture", FIXTURES)
def test_verdict_word_for_word(fixture: str, fmt: str, reports: dict[str, Report]) -> None:
    assert PARSE[fmt](render(reports[fixture], fmt)) == EXPECTED[fixture]


def test_the_text_verdict_as_printed() -> None:
    page = render(report_of("fixtures/retention/softened.txt"), "text")
    assert page.startswith(
        "Verdict\n"
        "  Draft resolution on the situation in Mali\n"
        "    Of the 9 required elements of minusma-recommendations-2021, this draft has 0 in "
        "full, 3 in part and lacks 6. (score 0.14)\n"
        "    Of the 16 women, peace and security provisions of S/RES/2531 (2020), this draft "
        "keeps 11, strengthens 2, modifies 0, weakens 3 and drops 0. (score 0.95)\n"
        "\n"
        "fixtures/retention/softened.txt\n"
    )


def test_the_markdown_verdict_as_printed() -> None:
    page = render(report_of("fixtures/drafts/sanctions-pass.txt"), "markdown")
    assert page.startswith(
        "## ✅ wpscheck — 0 findings to act on\n\n"
        "**S/2021/800**\n\n"
        "- resolution-2531-wps did not apply to this draft (the draft is a sanctions renewal, "
        "so S/RES/2531 (2020) does not apply to it).\n"
        "- Of the 3 required elements of sanctions-gender-expertise, this draft has 3 and "
        "lacks 0. (score 1.00)\n\n"
    )


def test_the_html_verdict_marks_weakened_and_dropped_apart() -> None:
    page = render(report_of("fixtures/retention/dropped.txt"), "html")
    section = page[page.index('<section class="verdict"') :]
    section = section[: section.index("</section>")]
    assert "<h3>Draft resolution on the situation in Mali</h3>" in section
    badges = re.findall(r'<span class="badge b-(\w+)">([^<]*)</span>', section)
    assert badges == [
        ("retained", "✓ 13 retained"),
        ("modified", "≈ 0 modified"),
        ("weakened", "▼ 0 weakened"),
        ("dropped", "✗ 3 dropped"),
    ]


def test_drafts_that_share_a_title_are_told_apart_by_file_name() -> None:
    report = report_of("fixtures/retention/softened.txt", "fixtures/retention/dropped.txt")
    lines = _text(render(report, "text"))
    assert [line for line in lines if not line.startswith("Of ")] == [
        "Draft resolution on the situation in Mali (softened.txt)",
        "Draft resolution on the situation in Mali (dropped.txt)",
    ]


def _expected_classes(draft: str) -> dict[str, Any]:
    text = (ROOT / draft).with_suffix(".expected").read_text("utf-8")
    data: dict[str, Any] = tomllib.loads(text)
    classes: dict[str, Any] = data.get("classification", {})
    return classes


@pytest.mark.parametrize("draft", RETENTION)
def test_retention_counts_are_the_hand_classification(
    draft: str, reports: dict[str, Report]
) -> None:
    """The counts in the sentence are those of the classes the fixture's author wrote."""
    classes = _expected_classes(draft)
    got = [v for v in verdicts(reports[draft]) if v.pack == "resolution-2531-wps"]
    if set(classes.values()) <= {"not-applicable"}:
        assert [v.kind for v in got] == ["not-applicable"]
        return
    (v,) = got
    want = Counter(classes.values())
    assert {k: n for k, n in v.counts.items() if n} == dict(want)


def test_two_packs_saying_the_same_are_told_apart(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from wpscheck.cli import main

    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    annex = "rules/baselines/S-RES-2531-2020-wps-annex.txt"
    main(["check", "fixtures/retention/softened.txt", "--against", annex])
    lines = capsys.readouterr().out.splitlines()
    said = (
        "    Of the 16 women, peace and security provisions of S/RES/2531 (2020), this draft "
        "keeps 11, strengthens 2, modifies 0, weakens 3 and drops 0 (pack {}). (score 0.95)"
    )
    assert said.format("resolution-2531-wps") in lines
    assert said.format("retain-s-res-2531-2020") in lines
