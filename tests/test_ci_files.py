"""The CI files the project ships say what the CLI accepts."""

from __future__ import annotations

import re
import shlex

from tests import samples
from wpscheck.cli import build_parser


def test_pre_commit_hook_entries_are_real_commands() -> None:
    text = (samples.ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    ids = re.findall(r"^- id: (\S+)$", text, re.M)
    entries = re.findall(r"^  entry: (.+)$", text, re.M)
    assert ids == ["wpscheck", "wpscheck-validate-pack"]
    assert len(entries) == len(ids)
    blocks = text.split("\n- id: ")[1:]
    for entry, block in zip(entries, blocks, strict=True):
        argv = shlex.split(entry)
        assert argv[0] == "wpscheck"
        # pre-commit appends every staged file unless pass_filenames is false.
        files = [] if "pass_filenames: false" in block else ["a.toml", "b.csv"]
        args = build_parser().parse_args([*argv[1:], *files])
        assert args.func is not None


def test_ci_doc_commands_parse() -> None:
    text = (samples.ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    commands = re.findall(r"wpscheck (check [^\n>#]*?)(?:\s*>>.*|\s*#.*)?$", text, re.M)
    assert len(commands) >= 8
    # The snippets share their inputs and options in WPSCHECK_ARGS: every value must parse.
    values = re.findall(r"^\s+WPSCHECK_ARGS: (.+)$", text, re.M)
    assert len(values) == 2
    for command in commands:
        for value in values if "$WPSCHECK_ARGS" in command else [""]:
            line = command.replace("$WPSCHECK_ARGS", value).replace("…", "x")
            argv = shlex.split(line.replace("$GITHUB_STEP_SUMMARY", ""))
            args = build_parser().parse_args(argv)
            assert args.paths, line
            assert args.format in ("text", "json", "sarif", "junit", "github", "markdown", "html")
