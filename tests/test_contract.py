"""The plugin contract is one module: a plugin author's names all come from
``wpscheck.plugin`` (and the public ones from ``wpscheck``), and nothing is missing."""

from __future__ import annotations

import wpscheck
import wpscheck.plugin as contract
from wpscheck import models


def test_every_public_name_resolves() -> None:
    missing = [n for n in wpscheck.__all__ if not hasattr(wpscheck, n)]
    assert missing == []
    for name in ("CheckKind", "CheckContext", "BodySubject", "FormatOptions", "hookimpl"):
        assert getattr(wpscheck, name) is getattr(contract, name)


def test_the_contract_exports_the_models_a_check_receives() -> None:
    for name in ("Body", "Snapshot", "Document", "Paragraph", "Rule", "RulePack", "Report"):
        assert name in contract.__all__
        assert getattr(contract, name) is getattr(models, name)
    for name in ("Finding", "Location", "Status", "Severity", "Observation"):
        assert getattr(contract, name) is getattr(models, name)
