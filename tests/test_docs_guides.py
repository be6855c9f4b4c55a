"""The user guide and the plugin guide show what really happens: every command the user
guide shows is run and its shown lines compared, and the plugin guide's code is loaded
as a plugin and run."""

from __future__ import annotations

import re
import shlex
import types
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import RunCli
from wpscheck.engine import check
from wpscheck.loading import load_packs, load_snapshot
from wpscheck.plugin import FormatOptions
from wpscheck.registry import build_registry

DOCS = Path(__file__).resolve().parents[1] / "docs"
GUIDE = (DOCS / "user-guide.md").read_text(encoding="utf-8")
PLUGINS = (DOCS / "plugins.md").read_text(encoding="utf-8")

SHOWN = re.findall(r"```text\n\$ (wpscheck [^\n]+)\n(.*?)```", GUIDE, re.S)


def test_the_guide_shows_commands() -> None:
    assert len(SHOWN) >= 5


@pytest.mark.parametrize(("command", "shown"), SHOWN, ids=[c for c, _ in SHOWN])
def test_user_guide_output_is_real(run_cli: RunCli, command: str, shown: str) -> None:
    run = run_cli(*shlex.split(command)[1:])
    printed = (run.out + run.err).splitlines()
    lines = [line for line in shown.splitlines() if line.strip() not in ("…", "")]
    assert lines
    for line in lines:
        assert line in printed, line
    # In the order shown.
    positions = [printed.index(line) for line in lines]
    assert positions == sorted(positions)


def _block(marker: str, lang: str) -> str:
    found = re.search(rf"<!-- {marker} -->\n```{lang}\n(.*?)```", PLUGINS, re.S)
    assert found is not None, marker
    return found.group(1)


@pytest.fixture
def example_plugin(tmp_path: Path) -> types.ModuleType:
    pkg = tmp_path / "wps_cochairs"
    (pkg / "packs").mkdir(parents=True)
    (pkg / "__init__.py").write_text(_block("example:plugin", "python"), encoding="utf-8")
    (pkg / "packs" / "co-chairs.toml").write_text(_block("example:pack", "toml"), "utf-8")
    module = types.ModuleType("wps_cochairs")
    module.__file__ = str(pkg / "__init__.py")
    exec(compile((pkg / "__init__.py").read_text(), module.__file__, "exec"), module.__dict__)
    return module


def test_plugin_guide_example_runs(example_plugin: types.ModuleType, tmp_path: Path) -> None:
    reg = build_registry(example_plugin)
    assert reg.problems == []
    assert reg.check_kinds["woman-chair"].plugin == "wps_cochairs"
    assert reg.readers["rst"].suffixes == (".rst",)
    assert "oneline" in reg.formatters
    assert tmp_path / "wps_cochairs" / "packs" in reg.pack_paths
    snap = tmp_path / "csa.toml"
    snap.write_text(
        '[[bodies]]\nid = "csa"\nname = "CSA"\nkind = "peace-mechanism"\ncountry = "ML"\n'
        'tags = ["peace-agreement"]\nsource = "test"\nseats = 29\nwomen = 9\n'
        'members = [{name = "A", gender = "male", role = "co-chair"},\n'
        '  {name = "B", gender = "female", role = "co-chair"}]\n',
        encoding="utf-8",
    )
    packs = load_packs([tmp_path / "wps_cochairs" / "packs"], reg=reg)
    report = check([load_snapshot(snap)], packs, reg=reg, today=date(2021, 5, 1))
    assert [(f.rule_id, f.status, f.message) for f in report.findings] == [
        ("co-chairs/woman-co-chair", "pass", "1 of 2 co-chairs are women")
    ]
    assert reg.formatters["oneline"].render(report, FormatOptions()) == (
        "findings: 1, failed: 0, score: 1.00\n"
    )
    draft = tmp_path / "d.rst"
    draft.write_text("The Security Council,\n\n1. Decides to extend the mandate;\n")
    doc = reg.readers["rst"].read(draft)
    assert [p.ref for p in doc.paragraphs] == ["OP1"]
