"""Loading snapshots from TOML, JSON and CSV, and rule packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from wpscheck.loading import load_inputs, load_snapshot, shipped_packs

VALID = Path(__file__).resolve().parent / "data" / "valid"
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("suffix", ["toml", "json", "csv"])
def test_the_three_formats_give_the_same_bodies(suffix: str) -> None:
    reference = load_snapshot(VALID / "three.toml").bodies
    assert load_snapshot(VALID / f"three.{suffix}").bodies == reference


@pytest.mark.parametrize(
    ("suffix", "lines"), [("toml", (3, 15, 25)), ("json", (4, 7, 10)), ("csv", (2, 3, 4))]
)
def test_each_body_knows_its_line(suffix: str, lines: tuple[int, ...]) -> None:
    assert load_snapshot(VALID / f"three.{suffix}").lines == lines


def test_shares_are_exact_decimals() -> None:
    snap = load_snapshot(ROOT / "fixtures" / "mali" / "interim-authorities-2021.csv")
    assert [b.share for b in snap.bodies] == [0.014, 0.074, 0.242]


def test_mali_fixtures_cover_every_format() -> None:
    subjects = load_inputs([ROOT / "fixtures" / "mali"])
    assert [Path(s.path or "").suffix for s in subjects] == [".toml", ".csv", ".json"]


def test_shipped_packs() -> None:
    ids = [p.id for p in shipped_packs()]
    body_packs = {"data-integrity", "mali-law-052", "peace-agreement"}
    assert [i for i in ids if i in body_packs] == [
        "data-integrity",
        "mali-law-052",
        "peace-agreement",
    ]
