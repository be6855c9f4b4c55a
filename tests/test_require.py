"""The require check on the shipped text packs and the fixture drafts, citations and
bounded regexes."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

import wpscheck
from tests.conftest import RunCli
from wpscheck.cli import main
from wpscheck.errors import RulePackError
from wpscheck.loading import load_document, load_pack, load_packs
from wpscheck.text.cite import find_citations, parse_cite_spec
from wpscheck.text.match import RegexTimeout, check_regex, compile_regex, search_regex

ROOT = Path(__file__).resolve().parents[1]
DRAFTS = ROOT / "fixtures" / "drafts"
PACKS = [
    ROOT / "rules" / "sanctions-gender-expertise.toml",
    ROOT / "rules" / "minusma-recommendations-2021.toml",
]

Expected = dict[str, tuple[str, float, list[str], list[str]]]
#: per fixture and rule: status, score, present elements, missing elements
EXPECTED: dict[str, Expected] = {
    "minusma-fail.txt": {
        "a-csa-representation": (
            "fail",
            0.0,
            [],
            [
                "increased representation of women",
                "its subcommittees",
                "as an urgent priority",
                "including as co-chairs",
            ],
        ),
        "a-participation-transition-elections": (
            "fail",
            0.3333,
            ["the transition"],
            ["participation of women", "as both voters and candidates"],
        ),
        "a-womens-observatory": (
            "fail",
            0.0,
            [],
            ["a women-led observatory", "its operationalization"],
        ),
        "b-reforms-gender-equality": (
            "fail",
            0.0,
            [],
            [
                "advance gender equality",
                "inclusive consultations",
                "women's civil society organizations",
            ],
        ),
        "c-sgbv-legislation": (
            "fail",
            0.0,
            [],
            ["adopt legislation", "in compliance with international and regional conventions"],
        ),
        "d-prosecutors-police-units": (
            "fail",
            0.0,
            [],
            ["specialized prosecutors", "dedicated police and gendarmerie units"],
        ),
        "e-covid-impact-on-women": ("fail", 0.0, [], ["the impact on women", "recovery plans"]),
        "f-constitution-womens-rights": (
            "fail",
            0.0,
            [],
            ["protection of women's rights", "the constitutional review or referendum"],
        ),
        "roadmap-gender-benchmarks": ("fail", 0.0, [], ["the benchmarks", "gender-responsive"]),
    },
    "minusma-partial.md": {
        "a-csa-representation": (
            "fail",
            0.5,
            ["increased representation of women", "its subcommittees"],
            ["as an urgent priority", "including as co-chairs"],
        ),
        "a-participation-transition-elections": (
            "fail",
            0.6667,
            ["participation of women", "the transition"],
            ["as both voters and candidates"],
        ),
        "a-womens-observatory": (
            "fail",
            0.5,
            ["a women-led observatory"],
            ["its operationalization"],
        ),
        "b-reforms-gender-equality": (
            "fail",
            0.3333,
            ["advance gender equality"],
            ["inclusive consultations", "women's civil society organizations"],
        ),
        "c-sgbv-legislation": (
            "fail",
            0.5,
            ["adopt legislation"],
            ["in compliance with international and regional conventions"],
        ),
        "d-prosecutors-police-units": (
            "fail",
            0.5,
            ["specialized prosecutors"],
            ["dedicated police and gendarmerie units"],
        ),
        "e-covid-impact-on-women": ("fail", 0.5, ["the impact on women"], ["recovery plans"]),
        "f-constitution-womens-rights": (
            "fail",
            0.5,
            ["the constitutional review or referendum"],
            ["protection of women's rights"],
        ),
        "roadmap-gender-benchmarks": ("fail", 0.5, ["the benchmarks"], ["gender-responsive"]),
    },
    "minusma-pass.txt": {
        "a-csa-representation": (
            "pass",
            1.0,
            [
                "increased representation of women",
                "its subcommittees",
                "as an urgent priority",
                "including as co-chairs",
            ],
            [],
        ),
        "a-participation-transition-elections": (
            "pass",
            1.0,
            ["participation of women", "the transition", "as both voters and candidates"],
            [],
        ),
        "a-womens-observatory": (
            "pass",
            1.0,
            ["a women-led observatory", "its operationalization"],
            [],
        ),
        "b-reforms-gender-equality": (
            "pass",
            1.0,
            [
                "advance gender equality",
                "inclusive consultations",
                "women's civil society organizations",
            ],
            [],
        ),
        "c-sgbv-legislation": (
            "pass",
            1.0,
            ["adopt legislation", "in compliance with international and regional conventions"],
            [],
        ),
        "d-prosecutors-police-units": (
            "pass",
            1.0,
            ["specialized prosecutors", "dedicated police and gendarmerie units"],
            [],
        ),
        "e-covid-impact-on-women": ("pass", 1.0, ["the impact on women", "recovery plans"], []),
        "f-constitution-womens-rights": (
            "pass",
            1.0,
            ["protection of women's rights", "the constitutional review or referendum"],
            [],
        ),
        "roadmap-gender-benchmarks": ("pass", 1.0, ["the benchmarks", "gender-responsive"], []),
    },
    "sanctions-fail.txt": {
        "designation-criteria-sexual-violence": ("fail", 0.0, [], ["rape", "sexual violence"]),
        "panel-gender-cross-cutting": (
            "fail",
            0.0,
            [],
            ["gender as a cross-cutting issue", "across its investigations and reporting"],
        ),
        "panel-gender-expertise": (
            "fail",
            0.0,
            [],
            ["the necessary gender expertise", "2242:6", "2467:11"],
        ),
    },
    "sanctions-partial.md": {
        "designation-criteria-sexual-violence": ("fail", 0.5, ["sexual violence"], ["rape"]),
        "panel-gender-cross-cutting": (
            "fail",
            0.5,
            ["gender as a cross-cutting issue"],
            ["across its investigations and reporting"],
        ),
        "panel-gender-expertise": (
            "fail",
            0.6667,
            ["the necessary gender expertise", "2242:6"],
            ["2467:11"],
        ),
    },
    "sanctions-pass.txt": {
        "designation-criteria-sexual-violence": ("pass", 1.0, ["rape", "sexual violence"], []),
        "panel-gender-cross-cutting": (
            "pass",
            1.0,
            ["gender as a cross-cutting issue", "across its investigations and reporting"],
            [],
        ),
        "panel-gender-expertise": (
            "pass",
            1.0,
            ["the necessary gender expertise", "2242:6", "2467:11"],
            [],
        ),
    },
    "sanctions-wrong-paragraph.txt": {
        "designation-criteria-sexual-violence": ("fail", 0.0, [], ["rape", "sexual violence"]),
        "panel-gender-cross-cutting": (
            "fail",
            0.0,
            [],
            ["gender as a cross-cutting issue", "across its investigations and reporting"],
        ),
        "panel-gender-expertise": (
            "fail",
            0.0,
            [],
            ["the necessary gender expertise", "2242:6", "2467:11"],
        ),
    },
}


@pytest.mark.parametrize("draft", sorted(EXPECTED))
def test_fixture_findings(draft: str) -> None:
    doc = load_document(DRAFTS / draft)
    report = wpscheck.check([doc], load_packs(PACKS))
    got = {
        f.rule: (f.status, f.score, f.observed["present"], f.observed["missing"])
        for f in report.findings
    }
    assert got == EXPECTED[draft]


def test_every_rule_passes_and_fails_somewhere() -> None:
    for pack in load_packs(PACKS):
        for rule in pack.rules:
            statuses = {e[rule.id][0] for e in EXPECTED.values() if rule.id in e}
            scores = {e[rule.id][1] for e in EXPECTED.values() if rule.id in e}
            assert statuses == {"pass", "fail"}, rule.id
            assert any(0 < s < 1 for s in scores), f"{rule.id} never scores partially"


def test_document_kind_keeps_packs_apart() -> None:
    assert load_document(DRAFTS / "minusma-pass.txt").kind == "mandate-renewal"
    assert load_document(DRAFTS / "sanctions-pass.txt").kind == "sanctions-renewal"
    packs = load_packs(PACKS)
    report = wpscheck.check([load_document(DRAFTS / "minusma-pass.txt")], packs[:1])
    assert report.findings == []


def _finding(draft: str, rule: str) -> Any:
    report = wpscheck.check([load_document(DRAFTS / draft)], load_packs(PACKS))
    return next(f for f in report.findings if f.rule == rule)


def test_evidence_and_location_of_a_partial_finding() -> None:
    f = _finding("sanctions-partial.md", "panel-gender-expertise")
    assert f.location.ref == "OP3"
    assert (f.location.line, f.location.column) == (19, 6)
    assert f.evidence == (
        {
            "kind": "element",
            "element": "the necessary gender expertise",
            "present": True,
            "ref": "OP3",
            "line": 20,
            "column": 48,
            "text": "gender expertise",
            "weight": 1.0,
        },
        {
            "kind": "element",
            "element": "2242:6",
            "present": True,
            "ref": "OP3",
            "line": 20,
            "column": 79,
            "text": "paragraph 6 of resolution 2242 (2015)",
            "weight": 1.0,
        },
        {
            "kind": "element",
            "element": "2467:11",
            "present": False,
            "ref": None,
            "line": None,
            "column": None,
            "text": None,
            "weight": 1.0,
            "outside": None,
        },
    )
    assert f.message == (
        "2 of 3 elements present (score 0.67) — missing: 2467:11 · present: the necessary "
        "gender expertise OP3 (line 20); 2242:6 OP3 (line 20)"
    )


def test_citation_written_the_other_way_and_broken_across_lines() -> None:
    f = _finding("sanctions-pass.txt", "panel-gender-expertise")
    cite = next(e for e in f.evidence if e["element"] == "2467:11")
    assert (cite["ref"], cite["line"], cite["column"]) == ("OP3", 31, 28)
    assert cite["text"] == "resolution 2467 (2019), paragraph 11"
    cross = _finding("sanctions-pass.txt", "panel-gender-cross-cutting")
    assert cross.evidence[0]["text"] == "gender as a cross-cutting issue"


def test_clause_in_the_wrong_paragraph_earns_nothing_and_says_where_it_is() -> None:
    f = _finding("sanctions-wrong-paragraph.txt", "panel-gender-expertise")
    assert f.status == "fail"
    assert f.location.ref == "OP2"
    assert f.message == (
        "0 of 3 elements present (score 0.00) — missing: the necessary gender expertise "
        '(found in OP3, which does not mention "Panel of Experts", "the Panel" or "Group of '
        'Experts"); 2242:6 (found in OP3, which does not mention "Panel of Experts", "the '
        'Panel" or "Group of Experts"); 2467:11 (found in OP3, which does not mention "Panel '
        'of Experts", "the Panel" or "Group of Experts")'
    )
    assert [e["outside"] for e in f.evidence] == ["OP3", "OP3", "OP3"]


def test_cli_check_text_and_json(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    args = [
        "check",
        "fixtures/drafts/sanctions-partial.md",
        "--only-rules",
        "rules/sanctions-gender-expertise.toml",
    ]
    assert main(args) == 1
    out = capsys.readouterr().out
    # The file is the group's heading; each finding names the paragraph in it.
    assert out.startswith(
        "Verdict\n"
        "  Mali: draft resolution (sanctions), revision 1\n"
        "    Of the 3 required elements of sanctions-gender-expertise, this draft has 0 in full, "
        "3 in part and lacks 0. (score 0.56)\n"
        "\n"
        "fixtures/drafts/sanctions-partial.md\n"
    )
    assert "sanctions-gender-expertise/panel-gender-expertise  OP3 (line 19)\n" in out
    assert main([*args, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    f = next(f for f in data["findings"] if f["rule"] == "panel-gender-expertise")
    loc = f["location"]
    assert (loc["ref"], loc["line"], loc["column"]) == ("OP3", 19, 6)
    assert loc["path"] == "fixtures/drafts/sanctions-partial.md"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("paragraph 6 of resolution 2242 (2015)", [(2242, 6)]),
        ("resolution 2242 (2015), paragraph 6", [(2242, 6)]),
        ("paragraphs 6 and 7 of resolution 2242", [(2242, 6), (2242, 7)]),
        ("paragraph 6 of its resolution\n2242 (2015)", [(2242, 6)]),
        ("resolutions 2242 (2015) and 2467 (2019)", [(2242, None), (2467, None)]),
        (
            "resolutions 1325 (2000), 2242 (2015) and 2467 (2019)",
            [(1325, None), (2242, None), (2467, None)],
        ),
        ("paragraphs 11 to 15 of resolution 2374 (2017)", [(2374, n) for n in range(11, 16)]),
        ("S/RES/2531 (2020) OP 4", [(2531, 4), (2531, None)]),
        ("operative paragraph 11 of Security Council resolution 2467", [(2467, 11)]),
        ("paragraph 6 of the report", []),
        ("STOP 6 of resolution 2242", [(2242, None)]),
    ],
)
def test_citations(text: str, expected: list[tuple[int, int | None]]) -> None:
    assert [(c.resolution, c.paragraph) for c in find_citations(text)] == expected


def test_cite_spec() -> None:
    assert str(parse_cite_spec(" 2242:6 ")) == "2242:6"
    assert parse_cite_spec("2242").paragraph is None
    with pytest.raises(ValueError, match=r'citation "2242/6" is not of the form'):
        parse_cite_spec("2242/6")


def test_pathological_regex_is_rejected_at_load() -> None:
    with pytest.raises(ValueError, match="quantifier inside a quantifier") as exc:
        check_regex("(a+)+$")
    assert str(exc.value) == (
        'the regex "(a+)+$" has a quantifier inside a quantifier, which can take exponential '
        "time; rewrite it without nesting (e.g. `a+` for `(a+)+`)"
    )
    with pytest.raises(ValueError, match="backreference"):
        check_regex(r"(a)\1")
    with pytest.raises(ValueError, match="does not compile"):
        check_regex("(a")


def test_regex_that_escapes_the_static_check_still_cannot_hang() -> None:
    compiled = compile_regex("(a|a)+$")  # overlapping alternatives: exponential, not nested
    start = time.monotonic()
    with pytest.raises(RegexTimeout):
        search_regex(compiled, "a" * 64 + "b", time.monotonic() + 0.2)
    assert time.monotonic() - start < 1.5


def _pack(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "p.toml"
    p.write_text(
        '[pack]\nid = "p"\ntitle = "P"\n\n[[rule]]\nid = "rr"\ncheck = "require"\ntitle = "R"\n'
        + body
    )
    return p


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            'all_of = [{ regex = "(a+)+$" }]\n',
            'p.toml:9:1: rule "rr": key "all_of[0].regex": the regex "(a+)+$" has a quantifier '
            "inside "
            "a quantifier, which can take exponential time; rewrite it without nesting (e.g. "
            "`a+` for `(a+)+`)",
        ),
        (
            'cites = ["2242/6"]\n',
            'p.toml:9:1: rule "rr": key "cites": citation "2242/6" is not of the form RESOLUTION '
            'or RESOLUTION:PARAGRAPH (e.g. "2242" or "2242:6")',
        ),
        (
            'all_of = [{ phrase = "x", cites = "2242" }]\n',
            'p.toml:9:1: rule "rr": key "all_of[0]": an element needs exactly one of phrase, '
            "cites or regex (it has phrase and cites)",
        ),
        (
            'section = "operatives"\nall_of = ["x"]\n',
            'p.toml:9:1: rule "rr": key "section": expected one of preamble, operative, any, '
            'got "operatives" (did you mean "operative"?)',
        ),
        (
            'anchors = ["Panel"]\nall_of = ["x"]\n',
            'p.toml:9:1: rule "rr": unknown key "anchors" for check kind "require" '
            '(did you mean "anchor"?)',
        ),
        (
            'section = "any"\n',
            'p.toml:5:1: rule "rr": a require rule needs at least one element '
            "(all_of, any_of or cites)",
        ),
    ],
)
def test_pack_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    _pack(tmp_path, body)
    with pytest.raises(RulePackError) as exc:
        load_pack(Path("p.toml"))
    assert str(exc.value) == message


def test_cli_text_names_a_whole_draft_finding_once(run_cli: RunCli) -> None:
    """A finding on no paragraph in particular says so, not the file name a second time."""
    run = run_cli(
        "check",
        "fixtures/retention/softened.txt",
        "--only-rules",
        "rules/minusma-recommendations-2021.toml",
    )
    assert run.code == 1
    assert run.out.startswith(
        "Verdict\n"
        "  Draft resolution on the situation in Mali\n"
        "    Of the 9 required elements of minusma-recommendations-2021, this draft has 0 in "
        "full, 3 in part and lacks 6. (score 0.14)\n"
        "\n"
        "fixtures/retention/softened.txt\n"
    )
    assert (
        "  ✗ minusma-recommendations-2021/d-prosecutors-police-units  the draft as a whole\n"
        "      0 of 2 elements present (score 0.00) — missing: specialized prosecutors; "
        "dedicated police and gendarmerie units\n"
    ) in run.out
    assert run.out.count("fixtures/retention/softened.txt") == 1


def test_an_element_outside_the_part_searched_says_so() -> None:
    """PP9 of the 2022 draft mentions the CSA, one of the rule's anchors: it was not searched
    because the rule looks only at operative paragraphs, and the message says that."""
    draft = ROOT / ".." / "shared" / "corpus" / "S-RES-2640-2022-draft.txt"
    if not draft.is_file():
        pytest.skip("shared/corpus/S-RES-2640-2022-draft.txt is not beside the repository")
    from wpscheck.engine import check
    from wpscheck.loading import load_document, load_pack

    pack = load_pack(ROOT / "rules" / "minusma-recommendations-2021.toml")
    report = check([load_document(draft)], [pack])
    f = next(f for f in report.findings if f.rule == "a-csa-representation")
    assert f.message == (
        "0 of 4 elements present (score 0.00) — missing: increased representation of women "
        "(found in PP9, in the preamble: this rule looks only at the operative part); its "
        "subcommittees; as an urgent priority; including as co-chairs"
    )
