"""The HTML page's content, and every format byte-identical across runs (via the CLI)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

import wpscheck
from tests import samples
from wpscheck.cli import main
from wpscheck.formatters.html import CSP
from wpscheck.registry import build_registry


def test_html_shows_quota_chart_with_threshold_and_shortfall() -> None:
    page = wpscheck.render(samples.small_report(), "html")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert (
        f'<meta http-equiv="Content-Security-Policy" content="{CSP.replace(chr(39), "&#x27;")}">'
        in page
    )
    svg = re.search(r"<svg class=\"bars\".*?</svg>", page, re.S)
    assert svg is not None
    chart = svg.group(0)
    assert "30 % minimum" in chart
    assert "70 % maximum" in chart
    assert "✗ 4 of 25, 16.0 % · 4 more women" in chart
    assert "✓ 9 of 29, 31.0 %" in chart
    # worst first
    assert chart.index("Transitional government") < chart.index("Agreement Monitoring")


def test_html_of_the_mali_data_names_every_body_below_its_quota() -> None:
    report = samples.mali_report()
    page = wpscheck.render(report, "html")
    charts = re.findall(r"<svg class=\"bars\".*?</svg>", page, re.S)
    quota_rules = {f.rule_id for f in report.findings if f.check == "quota"}
    assert len(charts) == len(quota_rules)
    text = "".join(charts)
    for f in report.findings:
        if f.check == "quota" and f.status == "fail" and "women" in f.observed:
            short = (f.subject_name or f.subject)[:30]
            assert html.escape(short, quote=True) in text, short
    assert "✗ 4 of 25, 16.0 % · 4 more women" in text


def test_html_retention_view_marks_each_provision_and_escapes() -> None:
    page = wpscheck.render(samples.draft_report(), "html")
    provisions = re.findall(
        r'<li class="c-(\w+)" id="d0-\d+">.*?<span class="refs">(.*?)</span>', page
    )
    # draft order, dropped last
    assert provisions == [
        ("modified", "OP3 → OP3"),
        ("weakened", "OP4 → OP5"),
        ("weakened", "OP45 → OP49"),
        ("retained", "OP45bis → OP50"),
        ("dropped", "OP8 → —"),
    ]
    assert "<del>Calls upon</del> <ins>Encourages</ins> all parties in Mali" in page
    assert "seek to increase<ins>, as appropriate,</ins> the number of women" in page
    assert "<li>verb: Calls upon → Encourages</li>" in page
    assert "<strong>Key terms lost:</strong> <del>observatory led by women</del>" in page
    assert "Welcomes &lt;the&gt; women&#x27;s observatory &amp; co" in page
    assert "<the>" not in page
    assert '<span class="el-no">✗ missing</span> — cites 2467 (2019) paragraph 11' in page
    assert '<span class="el-yes">✓ present</span> — gender expertise' in page


def test_html_lists_what_needs_attention_first() -> None:
    page = wpscheck.render(samples.draft_report(), "html")
    attention = page[page.index("<h4>Needs attention (4)</h4>") :]
    attention = attention[: attention.index("</ul>")]
    assert re.findall(r'<a href="#(d0-\d+)">(.*?)</a>(.*?)</li>', attention) == [
        ("d0-0", "OP3 → OP3", " — key term lost: “observatory led by women”"),
        ("d0-1", "OP4 → OP5", " — verb: Calls upon → Encourages"),
        ("d0-2", "OP45 → OP49", " — qualifier added: as appropriate"),
        (
            "d0-4",
            "OP8 → —",
            " — no longer in the draft: “Calls for the inclusion within national and regional "
            "strategies of programs to address the stigma of sexual and …”",
        ),
    ]


def test_html_of_a_real_softened_draft(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(samples.ROOT)
    report = samples.softened_report()
    weakened = [f for f in report.findings if f.classification == "weakened"]
    assert len(weakened) == 3
    page = wpscheck.render(report, "html")
    assert "<h4>Needs attention (3)</h4>" in page
    assert page.count('<li class="c-weakened"') == 3
    assert "<li>verb: Calls upon → Encourages</li>" in page
    assert "<li>verb: Urges → Invites</li>" in page


def test_html_loads_nothing_from_outside() -> None:
    for report in (samples.small_report(), samples.draft_report()):
        page = wpscheck.render(report, "html")
        assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", page, re.I)
        assert "<script" not in page.lower()
        assert "@import" not in page
        assert "url(" not in page


FORMATS = sorted(build_registry().formatters)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_byte_identical_run_twice(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(samples.ROOT)
    outs = []
    for n in (1, 2):
        out = tmp_path / f"report{n}"
        code = main(["check", *samples.SMALL_ARGS, "--format", fmt, "-o", str(out)])
        assert code == 1
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert outs[0]
    assert str(samples.ROOT).encode() not in outs[0]
    assert str(tmp_path).encode() not in outs[0]


def test_absolute_paths_on_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(samples.ROOT)
    out = tmp_path / "r.json"
    main(["check", *samples.SMALL_ARGS, "--format", "json", "-o", str(out), "--absolute-paths"])
    assert (samples.ROOT / samples.SMALL).as_posix() in out.read_text(encoding="utf-8")


def test_docs_formats_lists_every_registered_format() -> None:
    from wpscheck.formatters import formats_table

    doc = (samples.ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    start = doc.index("<!-- formats:start -->\n") + len("<!-- formats:start -->\n")
    end = doc.index("<!-- formats:end -->")
    assert doc[start:end] == formats_table(build_registry()), (
        "docs/formats.md is out of date: paste wpscheck.formatters.formats_table() between "
        "the formats:start and formats:end markers"
    )
    for name in FORMATS:
        assert f"\n## `{name}`" in doc, f"docs/formats.md has no section for {name}"


def test_dropped_provisions_follow_resolution_order() -> None:
    from wpscheck.formatters.html import _ref_key

    refs = ["OP28(a)(v)", "OP3", "PP2", "OP28(a)(iii)", "OP8", "PP10", "OP28(c)(iii)"]
    assert sorted(refs, key=_ref_key) == [
        "PP2",
        "PP10",
        "OP3",
        "OP8",
        "OP28(a)(iii)",
        "OP28(a)(v)",
        "OP28(c)(iii)",
    ]


def test_html_summary_says_failed_and_warning_in_words() -> None:
    page = wpscheck.render(samples.mali_report(), "html")
    assert re.findall(r'<li class="(\w*)"><span class="n">(\d+)</span>([^<]*)</li>', page) == [
        ("fail", "13", "failed"),
        ("warn", "1", "warning"),
        ("ok", "30", "passed"),
    ]
    assert '<p class="verdict">13 findings fail the run (--fail-on error)</p>' in page
    # Each pack's score goes with its own sentence, never one score mixed across packs.
    assert re.findall(r'<li class="v-(\w+)">([^<]*)<span class="pscore">([^<]*)</span>', page) == [
        ("fail", "Of the 29 checks of data-integrity, 28 pass, 0 fail and 1 warns.", "score 0.97"),
        (
            "fail",
            "Of 11 bodies checked against the 30 % minimum of Mali, Law No. 2015-052, "
            "1 meets it and 10 fall short.",
            "score 0.51",
        ),
        (
            "fail",
            "Of 4 bodies checked against the 30 % minimum of Agreement on Peace and "
            "Reconciliation in Mali, 1 meets it and 3 fall short.",
            "score 0.49",
        ),
    ]
    assert "below --fail-on" not in page
    # The one warning is shown unfolded.
    assert (
        "<details open><summary>Warnings and notes, not failing the run (--fail-on error) (1)"
        in (page)
    )


def test_html_lists_only_the_packs_that_found_something() -> None:
    page = wpscheck.render(samples.mali_report(), "html")
    table = page[page.index("<th scope='col'>Rule pack</th>") : page.index("</table>")]
    assert re.findall(r"<code>([a-z0-9-]+)</code>", table) == [
        "data-integrity",
        "mali-law-052",
        "peace-agreement",
    ]
    note = re.search(
        r'<p class="note">Also loaded, with nothing to check in these inputs: (.*?)</p>', page
    )
    assert note is not None
    assert re.findall(r"<code>([a-z0-9-]+)</code>", note.group(1)) == [
        "minusma-recommendations-2021",
        "resolution-2531-wps",
        "sanctions-gender-expertise",
        "world-quotas",
    ]


def test_html_chart_share_agrees_with_the_message() -> None:
    """32 of 121 is 26.446 %: the chart prints 26.4 %, as the message does."""
    page = wpscheck.render(samples.mali_report(), "html")
    assert "✗ 32 of 121, 26.4 % · 5 more women" in page
    assert "26.5 %" not in page


def test_html_dropped_wording_is_readable_not_struck_through() -> None:
    page = wpscheck.render(samples.draft_report(), "html")
    dropped = page[page.index('<li class="c-dropped"') :]
    dropped = dropped[: dropped.index("</li>")]
    assert '<p class="note">Nothing in the draft carries this baseline wording:</p>' in dropped
    assert '<blockquote class="wording dropped">Calls for the inclusion' in dropped
    assert "<del>" not in dropped


def test_the_page_is_its_template_and_style_sheet_filled_in() -> None:
    from importlib import resources

    assets = resources.files("wpscheck.formatters") / "assets"
    style = (assets / "report.css").read_text(encoding="utf-8")
    page = wpscheck.render(samples.draft_report(), "html")
    assert f"<style>\n{style}</style>" in page
    skeleton = (assets / "report.html").read_text(encoding="utf-8")
    head, tail = skeleton.split("${main}")
    assert page.startswith(head.split("${csp}")[0])
    assert page.endswith(tail.replace("${version}", wpscheck.__version__))
    assert "${" not in page
