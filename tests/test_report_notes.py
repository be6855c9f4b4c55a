"""What reading a draft noticed reaches the report (``Report.notes``) and every view; a
draft the rules do not apply to says why, even when nothing else is shown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, RunCli
from wpscheck.engine import check
from wpscheck.formatters.sarif import to_sarif
from wpscheck.loading import load_document, load_pack
from wpscheck.models import Report, ReportNote

SARIF_SCHEMA = ROOT / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json"
PLAIN = (
    "This is some plain text about the weather.\nIt rains often in the north.\n\n"
    "Nothing here is structured at all.\n"
)
NO_STRUCTURE = (
    "no preamble or operative part recognised (no “The Security Council,” line, no numbered "
    "operative paragraphs): read as 2 plain paragraphs in one section"
)
NOT_MINUSMA = (
    "  … 16 not applicable (resolution-2531-wps): the draft does not mention MINUSMA, so "
    "S/RES/2531 (2020) does not apply to it (--verbose lists them)"
)


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    p = tmp_path / "plain.txt"
    p.write_text(PLAIN, encoding="utf-8")
    return p


def test_the_report_carries_the_documents_notes(plain: Path) -> None:
    doc = load_document(plain)
    report = check([doc], [load_pack(ROOT / "rules" / "resolution-2531-wps.toml")])
    assert report.notes == [ReportNote(path=doc.path or "", message=NO_STRUCTURE)]


def test_text_view_of_a_draft_with_no_structure_says_so_and_why_nothing_applied(
    run_cli: RunCli, plain: Path
) -> None:
    r = run_cli("check", "plain.txt", cwd=plain.parent)
    assert r.code == 0
    assert r.out == (
        "Verdict\n"
        "  plain.txt\n"
        "    resolution-2531-wps did not apply to this draft (the draft does not mention "
        "MINUSMA, so S/RES/2531 (2020) does not apply to it).\n"
        "\n"
        "plain.txt\n"
        f"  note: {NO_STRUCTURE}\n"
        f"{NOT_MINUSMA}\n"
        "\n"
        "16 findings on 1 subject · 0 failed (error) · 0 warnings · 0 passed · score n/a\n"
    )


def test_not_applicable_findings_are_counted_by_reason(run_cli: RunCli) -> None:
    r = run_cli("check", "fixtures/drafts/sanctions-pass.txt")
    lines = r.out.splitlines()
    assert lines[-3] == (
        "  … 16 not applicable (resolution-2531-wps): the draft is a sanctions renewal, so "
        "S/RES/2531 (2020) does not apply to it (--verbose lists them)"
    )
    verbose = run_cli("check", "fixtures/drafts/sanctions-pass.txt", "--verbose").out
    assert "not applicable (" not in verbose
    assert "  – resolution-2531-wps/op4-participation-30pct  S/RES/2531 (2020) OP4\n" in verbose


def test_hidden_passes_and_not_applicable_are_said_apart() -> None:
    from wpscheck.formatters.text import _hidden_lines
    from wpscheck.models import Finding

    def na(pack: str, message: str) -> Finding:
        return Finding("r", pack, "d.txt", "not-applicable", "error", 0.0, message)

    assert _hidden_lines(3, []) == ["  … 3 passed (--verbose lists them)"]
    assert _hidden_lines(2, [na("a", "x"), na("a", "x"), na("b", "y")]) == [
        "  … 2 not applicable (a): x",
        "  … 1 not applicable (b): y",
        "  … 2 passed (--verbose lists them)",
    ]
    many = [na("a", str(n)) for n in range(4)]
    assert _hidden_lines(0, many) == ["  … 4 not applicable (--verbose lists them)"]
    assert _hidden_lines(0, []) == []


def test_a_file_with_notes_and_no_findings_still_gets_its_heading(
    run_cli: RunCli, plain: Path
) -> None:
    r = run_cli(
        "check",
        "plain.txt",
        "--only-rules",
        str(ROOT / "rules" / "mali-law-052.toml"),
        cwd=plain.parent,
    )
    assert r.out.splitlines()[:2] == ["plain.txt", f"  note: {NO_STRUCTURE}"]


def _report(run_cli: RunCli, plain: Path, fmt: str) -> str:
    r = run_cli("check", "plain.txt", "--format", fmt, cwd=plain.parent)
    assert r.code == 0, r.err
    return r.out


def test_json_report_and_its_schema_hold_the_notes(run_cli: RunCli, plain: Path) -> None:
    data = json.loads(_report(run_cli, plain, "json"))
    assert data["notes"] == [{"path": "plain.txt", "message": NO_STRUCTURE}]
    Report.model_validate(data)  # a report read back (e.g. --baseline) keeps them
    schema = json.loads(run_cli("schema", "report").out)
    assert "notes" in schema["properties"]
    assert schema["$defs"]["ReportNote"]["required"] == ["path", "message"]


def test_markdown_and_html_show_the_notes(run_cli: RunCli, plain: Path) -> None:
    md = _report(run_cli, plain, "markdown")
    assert f"### Notes on reading the inputs\n\n- `plain.txt`: {NO_STRUCTURE}\n" in md
    html = _report(run_cli, plain, "html")
    assert (
        '<h3>Notes on reading the inputs</h3><ul class="input-notes">\n'
        "<li><code>plain.txt</code>: no preamble or operative part recognised (no "
        "“The Security Council,” line, no numbered operative paragraphs): read as 2 plain "
        "paragraphs in one section</li>\n</ul>"
    ) in html


def test_sarif_gives_the_notes_as_tool_notifications(plain: Path) -> None:
    doc = load_document(plain)
    log = to_sarif(check([doc], [load_pack(ROOT / "rules" / "resolution-2531-wps.toml")]))
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation == {
        "executionSuccessful": True,
        "toolExecutionNotifications": [
            {
                "level": "note",
                "message": {"text": NO_STRUCTURE},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {
                                "uri": Path(doc.path or "").as_posix(),
                                "uriBaseId": "%SRCROOT%",
                            }
                        }
                    }
                ],
            }
        ],
    }
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the official SARIF schema is not at {SARIF_SCHEMA} (../shared is absent)")
    import jsonschema

    schema: Any = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft4Validator(schema).iter_errors(log))
    assert not errors, errors[0].message


def test_no_notes_no_invocations() -> None:
    doc = load_document(ROOT / "fixtures" / "drafts" / "sanctions-pass.txt")
    log = to_sarif(check([doc], [load_pack(ROOT / "rules" / "sanctions-gender-expertise.toml")]))
    assert "invocations" not in log["runs"][0]


def test_jobs_keep_the_notes(run_cli: RunCli, plain: Path) -> None:
    other = plain.parent / "other.txt"
    other.write_text("Another note without structure.\n", encoding="utf-8")
    serial = run_cli("check", "plain.txt", "other.txt", "--format", "json", cwd=plain.parent).out
    parallel = run_cli(
        "check", "plain.txt", "other.txt", "--format", "json", "--jobs", "2", cwd=plain.parent
    ).out
    assert parallel == serial
    assert [n["path"] for n in json.loads(serial)["notes"]] == ["plain.txt", "other.txt"]


def test_absolute_paths_apply_to_notes(run_cli: RunCli, plain: Path) -> None:
    r = run_cli("check", "plain.txt", "--format", "json", "--absolute-paths", cwd=plain.parent)
    (note,) = json.loads(r.out)["notes"]
    assert note["path"] == plain.resolve().as_posix()
