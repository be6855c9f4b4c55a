"""The built-in readers and formatters are registered without importing their modules:
the table in ``wpscheck.builtin`` must say what each module's ``READER``/``FORMATTER`` says."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

from wpscheck import builtin
from wpscheck.plugin import Formatter, Reader
from wpscheck.registry import build_registry

ROOT = Path(__file__).resolve().parent.parent


def test_every_builtin_module_is_in_the_table() -> None:
    assert set(builtin.READER_MODULES) == set(builtin.READERS)
    assert set(builtin.FORMATTER_MODULES) == set(builtin.FORMATTERS)


def test_the_reader_table_matches_each_module() -> None:
    for module, (name, suffixes, summary) in builtin.READERS.items():
        reader = importlib.import_module(module).READER
        assert isinstance(reader, Reader)
        assert (reader.name, reader.suffixes, reader.summary) == (name, suffixes, summary), (
            f"update wpscheck.builtin.READERS for {module}"
        )


def test_the_formatter_table_matches_each_module() -> None:
    for module, (name, summary, suffix) in builtin.FORMATTERS.items():
        fmt = importlib.import_module(module).FORMATTER
        assert isinstance(fmt, Formatter)
        assert (fmt.name, fmt.summary, fmt.suffix) == (name, summary, suffix), (
            f"update wpscheck.builtin.FORMATTERS for {module}"
        )


def test_lazy_entries_delegate_to_the_modules(tmp_path: Path) -> None:
    from wpscheck.engine import check
    from wpscheck.loading import load_inputs, shipped_packs
    from wpscheck.plugin import FormatOptions

    reg = build_registry()
    draft = ROOT / "fixtures" / "drafts" / "sanctions-pass.txt"
    doc = reg.readers["txt"].read(draft)
    assert doc == importlib.import_module("wpscheck.readers.txt").READER.read(draft)
    report = check(load_inputs([draft], reg=reg), shipped_packs(reg), reg=reg)
    for name, fmt in reg.formatters.items():
        module = importlib.import_module(f"wpscheck.formatters.{name}")
        assert fmt.render(report, FormatOptions()) == module.FORMATTER.render(
            report, FormatOptions()
        )


def test_a_text_run_imports_no_other_formatter_or_reader() -> None:
    code = (
        "import sys\n"
        "from wpscheck.cli import main\n"
        "try:\n"
        "    main(['check', 'fixtures/drafts/sanctions-pass.txt', '--fail-on', 'never'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('wpscheck.formatters.',"
        " 'wpscheck.readers.'))), file=sys.stderr)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert run.stderr.strip().splitlines()[-1] == (
        "['wpscheck.formatters.text', 'wpscheck.readers.txt']"
    )
