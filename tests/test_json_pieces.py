"""The JSON report written in pieces is pydantic's whole-report text, byte for byte: the
reference is ``Report.model_dump_json(indent=2)`` (its findings serializer leaves out the
rule-level text a finding shares with its rule)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.property.test_counted_passes import _many
from wpscheck.engine import check, with_passes
from wpscheck.formatters import json as json_format
from wpscheck.loading import load_inputs, shipped_packs
from wpscheck.models import Report
from wpscheck.plugin import FormatOptions

ROOT = Path(__file__).resolve().parents[1]
PACKS = shipped_packs()


def _reports() -> list[Report]:
    mali = check(load_inputs([ROOT / "fixtures" / "mali"]), PACKS)
    big = check([_many("a.toml", 60, 4), _many("b.toml", 7, 6)], PACKS, passes=False)
    return [mali, big, with_passes(big), check([], PACKS)]


@pytest.mark.parametrize("piece", [1, 7, 2000])
@pytest.mark.parametrize("verbose", [False, True])
def test_pieces_join_to_the_whole_report(
    piece: int, verbose: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_format, "_PIECE", piece)
    options = FormatOptions(verbose=verbose)
    for report in _reports():
        if verbose and not report.passes_listed:
            report = with_passes(report)
        shown = json_format._displayed(report, options)
        whole = shown.model_dump_json(indent=2) + "\n"
        pieces = list(json_format.chunks(report, options))
        assert "".join(pieces) == whole
        assert json_format.render(report, options) == whole
        if len(report.findings) > piece:
            assert len(pieces) > 2  # written a few findings at a time
