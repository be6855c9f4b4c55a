"""The pack cache: a validated pack stored as JSON, used while its files are unchanged."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from wpscheck.errors import RulePackError
from wpscheck.loading import packs as packs_module
from wpscheck.loading.packcache import cache_dir
from wpscheck.loading.packs import load_pack, shipped_packs
from wpscheck.packfile import pack_file_model
from wpscheck.plugin import CheckKind, hookimpl
from wpscheck.registry import build_registry, registry

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_PACKS = [ROOT / "tests/data/against/last-pack.toml", ROOT / "tests/data/reports/pack.toml"]

BASELINE = """\
The Security Council,

1. Calls upon all parties to ensure the full, equal and meaningful participation of women.

2. Decides to remain seized of the matter.
"""

PACK = """\
[pack]
id = "tiny"
title = "A tiny pack"

[data]
vocabulary = "vocab.toml"

[[baseline]]
id = "last"
path = "last.txt"

[[rule]]
id = "op1"
check = "retain"
title = "OP 1"
ref = "OP1"
key_terms = ["participation of women"]
applies_to = { document_kind = "mandate-renewal" }
"""


@pytest.fixture
def cache_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cache switched on, in a folder of this test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("WPSCHECK_CACHE", "on")
    return tmp_path / "cache" / "wpscheck" / "packs"


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times a pack file was validated (the cache skips that)."""
    count: list[int] = []

    def counted(reg: Any) -> Any:
        count.append(1)
        return pack_file_model(reg)

    monkeypatch.setattr(packs_module, "_file_model", counted)
    return count


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "last.txt").write_text(BASELINE, encoding="utf-8")
    vocab = (ROOT / "rules/vocabularies/retention-en.toml").read_text(encoding="utf-8")
    (folder / "vocab.toml").write_text(vocab, encoding="utf-8")
    (folder / "tiny.toml").write_text(PACK, encoding="utf-8")
    return folder / "tiny.toml"


def test_the_cache_dir_follows_xdg(cache_on: Path) -> None:
    assert cache_dir() == cache_on


def test_every_shipped_and_fixture_pack_comes_back_equal(
    cache_on: Path, monkeypatch: pytest.MonkeyPatch, validations: list[int]
) -> None:
    monkeypatch.setenv("WPSCHECK_CACHE", "off")
    validated = shipped_packs() + [load_pack(p) for p in FIXTURE_PACKS]
    assert not cache_on.exists()
    monkeypatch.setenv("WPSCHECK_CACHE", "on")
    stored = shipped_packs() + [load_pack(p) for p in FIXTURE_PACKS]
    assert len(list(cache_on.glob("*.json"))) == len(validated) == 9
    validations.clear()
    cached = shipped_packs() + [load_pack(p) for p in FIXTURE_PACKS]
    assert validations == []  # every one a hit
    assert cached == stored == validated
    for hit, fresh in zip(cached, validated, strict=True):
        assert hit is not fresh
        assert hit.model_dump() == fresh.model_dump()
        for a, b in zip(hit.rules, fresh.rules, strict=True):
            assert a.model_fields_set == b.model_fields_set
            assert a.applies_to.model_fields_set == b.applies_to.model_fields_set
            assert a.params == b.params


def test_a_hit_skips_validation(cache_on: Path, tiny: Path, validations: list[int]) -> None:
    first = load_pack(tiny)
    second = load_pack(tiny)
    assert validations == [1]
    assert second == first
    assert second.rules[0].applies_to.document_kind == ("mandate-renewal",)


def test_editing_the_toml_is_a_miss(cache_on: Path, tiny: Path, validations: list[int]) -> None:
    load_pack(tiny)
    tiny.write_text(PACK.replace("A tiny pack", "A renamed pack"), encoding="utf-8")
    assert load_pack(tiny).title == "A renamed pack"
    assert validations == [1, 1]


def test_editing_a_baseline_is_a_miss(cache_on: Path, tiny: Path, validations: list[int]) -> None:
    load_pack(tiny)
    baseline = tiny.with_name("last.txt")
    baseline.write_text(BASELINE.replace("participation of women", "role of women"), "utf-8")
    with pytest.raises(RulePackError, match="participation of women"):
        load_pack(tiny)  # validated again: the key term is no longer in OP1
    assert validations == [1, 1]


def test_editing_the_vocabulary_is_a_miss(
    cache_on: Path, tiny: Path, validations: list[int]
) -> None:
    load_pack(tiny)
    vocab = tiny.with_name("vocab.toml")
    vocab.write_text(vocab.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    load_pack(tiny)
    assert validations == [1, 1]
    load_pack(tiny)
    assert validations == [1, 1]


def test_off_writes_nothing(
    cache_on: Path, tiny: Path, monkeypatch: pytest.MonkeyPatch, validations: list[int]
) -> None:
    monkeypatch.setenv("WPSCHECK_CACHE", "off")
    load_pack(tiny)
    load_pack(tiny)
    assert validations == [1, 1]
    assert not cache_on.exists()


@pytest.mark.parametrize(
    "entry",
    [
        "not json {",
        "[]",
        json.dumps({"format": 999, "files": [], "pack": {}}),
        json.dumps({"format": 1, "files": [], "pack": {"m": "Rule", "f": {}, "s": []}}),
        json.dumps({"format": 1, "files": [["/no/such/file", "00"]], "pack": None}),
    ],
    ids=["garbage", "a-list", "other-format", "foreign-fields", "missing-file"],
)
def test_a_corrupt_or_foreign_entry_is_rebuilt(
    cache_on: Path, tiny: Path, validations: list[int], entry: str
) -> None:
    good = load_pack(tiny)
    (stored,) = cache_on.glob("*.json")
    stored.write_text(entry, encoding="utf-8")
    assert load_pack(tiny) == good
    assert validations == [1, 1]
    assert json.loads(stored.read_text(encoding="utf-8"))["format"] == 1  # written again
    assert load_pack(tiny) == good
    assert validations == [1, 1]


def test_an_entry_reading_outside_the_pack_folder_is_not_used(
    cache_on: Path, tiny: Path, tmp_path: Path, validations: list[int]
) -> None:
    good = load_pack(tiny)
    (stored,) = cache_on.glob("*.json")
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(BASELINE, encoding="utf-8")
    entry = stored.read_text(encoding="utf-8")
    stored.write_text(entry.replace(good.baselines["last"], str(outside)), encoding="utf-8")
    assert str(outside) in stored.read_text(encoding="utf-8")
    assert load_pack(tiny) == good
    assert validations == [1, 1]


def test_an_unwritable_cache_is_not_an_error(
    tmp_path: Path, tiny: Path, monkeypatch: pytest.MonkeyPatch, validations: list[int]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setenv("WPSCHECK_CACHE", "on")
    assert load_pack(tiny).id == "tiny"
    assert load_pack(tiny).id == "tiny"
    assert validations == [1, 1]


class _ExtraKind:
    """A plugin offering one more check kind (a copy of retain under another id)."""

    __name__ = "extra"

    @hookimpl
    def wpscheck_check_kinds(self) -> list[CheckKind[Any, Any]]:
        import dataclasses

        from wpscheck.checks.retain import KIND

        return [dataclasses.replace(KIND, id="retain-again")]


def test_other_check_kinds_are_another_entry(
    cache_on: Path, tiny: Path, validations: list[int]
) -> None:
    load_pack(tiny, reg=registry())
    load_pack(tiny, reg=build_registry())  # the same kinds: a hit
    assert validations == [1]
    load_pack(tiny, reg=build_registry(_ExtraKind()))
    assert validations == [1, 1]
    assert len(list(cache_on.glob("*.json"))) == 2


def test_the_suite_runs_with_the_cache_off() -> None:
    assert os.environ["WPSCHECK_CACHE"] == "off"
