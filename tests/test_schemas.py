"""The published JSON Schemas come from the models the loader validates with: every shipped
pack and every fixture snapshot validates against them, what the loader refuses they
refuse too, and the files shipped for editors (``schemas/``, named by each pack's
``#:schema`` line) are the generator's output."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from wpscheck.errors import WpscheckError
from wpscheck.loading import csv_records, load_pack, load_snapshot
from wpscheck.loading.lists import is_list_file
from wpscheck.registry import build_registry
from wpscheck.schema import schema

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

ROOT = Path(__file__).resolve().parent.parent
PACKS = sorted((ROOT / "rules").glob("*.toml"))
SNAPSHOTS = sorted(
    p
    for folder in ("fixtures", "tests/data/valid", "tests/packs")
    for p in (ROOT / folder).rglob("*")
    if p.suffix in (".toml", ".json", ".csv") and not is_list_file(p)  # candidate lists
)


def plain(value: Any) -> Any:
    """TOML data as a JSON document holds it (a date as its ISO text), as editors see it."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def document(path: Path) -> Any:
    if path.suffix == ".csv":
        rows, _ = csv_records(path)
        return {"bodies": rows}
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    return plain(tomllib.loads(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def validators() -> dict[str, Any]:
    reg = build_registry()
    return {
        name: jsonschema.Draft202012Validator(schema(name, reg=reg))
        for name in ("rules", "snapshot")
    }


def errors(validator: Any, data: Any) -> list[str]:
    return sorted(f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data))


def test_there_is_something_to_validate() -> None:
    assert len(PACKS) == 7
    assert {p.suffix for p in SNAPSHOTS} == {".toml", ".json", ".csv"}
    assert ROOT / "fixtures" / "mali" / "bodies-2021.toml" in SNAPSHOTS


@pytest.mark.parametrize("path", PACKS, ids=lambda p: p.name)
def test_every_shipped_pack_validates(validators: dict[str, Any], path: Path) -> None:
    assert errors(validators["rules"], document(path)) == []


@pytest.mark.parametrize("path", SNAPSHOTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_fixture_snapshot_validates(validators: dict[str, Any], path: Path) -> None:
    load_snapshot(path)  # the loader reads it ...
    assert errors(validators["snapshot"], document(path)) == []  # ... and so does the schema


PACK = '[pack]\nid = "p"\ntitle = "P"\n\n[[rule]]\nid = "q"\ncheck = "quota"\ntitle = "Q"\n'

#: (case, pack text): each is refused by the loader and by the schema.
BAD_PACKS = [
    ("misspelt-param", PACK + "min_shar = 0.3\n"),
    ("unknown-kind", PACK.replace('"quota"', '"quotas"') + "min_share = 0.3\n"),
    ("bad-severity", PACK + 'min_share = 0.3\nseverity = "eror"\n'),
    ("share-above-one", PACK + 'min_share = "130 %"\n'),
    ("share-not-a-percentage", PACK + 'min_share = "thirty"\n'),
    ("rule-id", PACK.replace('id = "q"', 'id = "Q_1"') + "min_share = 0.3\n"),
    ("no-pack-id", PACK.replace('id = "p"\n', "") + "min_share = 0.3\n"),
    ("verb-scale-one-verb", '[data]\nverb_scale = "decides"\n' + PACK + "min_share = 0.3\n"),
    ("unknown-data-key", '[data]\nverb_scal = [["decides"]]\n' + PACK + "min_share = 0.3\n"),
    ("unknown-top-key", "rules = 1\n" + PACK + "min_share = 0.3\n"),
    ("baseline-without-path", PACK + 'min_share = 0.3\n[[baseline]]\nid = "b"\n'),
    ("selector-level", PACK + 'min_share = 0.3\napplies_to = { level = "nation" }\n'),
]


@pytest.mark.parametrize(("text"), [c[1] for c in BAD_PACKS], ids=[c[0] for c in BAD_PACKS])
def test_what_the_loader_refuses_the_schema_refuses(
    validators: dict[str, Any], tmp_path: Path, text: str
) -> None:
    (tmp_path / "p.toml").write_text(text, encoding="utf-8")
    with pytest.raises(WpscheckError):
        load_pack(tmp_path / "p.toml")
    assert errors(validators["rules"], plain(tomllib.loads(text))) != []


BODY = {"id": "a", "name": "A", "kind": "commission"}
BAD_SNAPSHOTS = [
    ("no-bodies", {"title": "T", "bodies": []}),
    ("set-by-the-loader", {"bodies": [BODY], "path": "x.toml"}),
    ("lines", {"bodies": [BODY], "lines": [1]}),
    ("unknown-kind", {"bodies": [{**BODY, "kind": "goverment"}]}),
    ("share-above-one", {"bodies": [{**BODY, "share": 1.5}]}),
    ("share-in-words", {"bodies": [{**BODY, "share": "22 apples"}]}),
    ("count-as-text", {"bodies": [{**BODY, "women": "four"}]}),
    ("unknown-key", {"bodies": [{**BODY, "woman": 3}]}),
]


@pytest.mark.parametrize("data", [c[1] for c in BAD_SNAPSHOTS], ids=[c[0] for c in BAD_SNAPSHOTS])
def test_what_the_snapshot_loader_refuses_the_schema_refuses(
    validators: dict[str, Any], tmp_path: Path, data: dict[str, Any]
) -> None:
    (tmp_path / "s.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(WpscheckError):
        load_snapshot(tmp_path / "s.json")
    assert errors(validators["snapshot"], data) != []


def test_a_percentage_share_is_valid_in_both(validators: dict[str, Any], tmp_path: Path) -> None:
    data = {"bodies": [{**BODY, "share": "22 %"}, {**BODY, "id": "b", "share": "5 per cent"}]}
    (tmp_path / "s.json").write_text(json.dumps(data), encoding="utf-8")
    assert [b.share for b in load_snapshot(tmp_path / "s.json").bodies] == [0.22, 0.05]
    assert errors(validators["snapshot"], data) == []


@pytest.mark.parametrize("name", ["rules", "snapshot"])
def test_the_shipped_schema_files_are_current(name: str) -> None:
    shipped = ROOT / "schemas" / f"wpscheck-{name}.schema.json"
    generated = json.dumps(schema(name, reg=build_registry()), indent=2, ensure_ascii=False)
    assert shipped.read_text(encoding="utf-8") == generated + "\n", (
        f"regenerate it: wpscheck schema {name} > schemas/{shipped.name}"
    )


@pytest.mark.parametrize("path", PACKS, ids=lambda p: p.name)
def test_every_shipped_pack_names_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "#:schema ../schemas/wpscheck-rules.schema.json"
    assert (path.parent / first.split(" ", 1)[1]).resolve().is_file()
