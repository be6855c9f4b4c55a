"""The data path at size: --max-size, JSON body lines found in one scan, CSV read in chunks."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import RunCli
from wpscheck.errors import SnapshotError
from wpscheck.loading import load_snapshot, parse_size, size_limit
from wpscheck.loading import snapshots as snapshots_module
from wpscheck.loading.csvfile import _LINE

CSV = "id,name,kind,seats,women\na,A,government,10,3\nb,B,government,10,5\n"


def test_sizes_read_as_bytes() -> None:
    assert [parse_size(s) for s in ("500MB", "2GB", "64MiB", "1000000", "1.5 kb")] == [
        500_000_000,
        2_000_000_000,
        67_108_864,
        1_000_000,
        1_500,
    ]
    with pytest.raises(ValueError, match="not a size") as err:
        parse_size("5XB")
    assert str(err.value) == (
        '"5XB" is not a size; expected a number of bytes with an optional unit: KB, MB, GB '
        "(powers of 1000) or KiB, MiB, GiB (powers of 1024), e.g. 500MB"
    )


def test_max_size_lowers_and_raises_the_limit(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "s.csv").write_text(CSV)
    run = run_cli("check", "s.csv", "--max-size", "50B", cwd=tmp_path)
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        "error: s.csv: 65 bytes is larger than the 50-byte limit for a data file; raise the "
        "limit with --max-size SIZE, e.g. --max-size 1MB\n"
    )
    assert run_cli("check", "s.csv", "--max-size", "1KB", cwd=tmp_path).code == 1
    with pytest.raises(SnapshotError, match="50-byte limit"), size_limit(50):
        load_snapshot(tmp_path / "s.csv")
    assert len(load_snapshot(tmp_path / "s.csv").bodies) == 2  # the limit was scoped


def test_a_size_that_is_not_one_is_a_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "s.csv").write_text(CSV)
    run = run_cli("check", "s.csv", "--max-size", "lots", cwd=tmp_path)
    assert run.code == 2
    assert '--max-size: "lots" is not a size' in run.err


def test_json_body_lines_follow_escapes(tmp_path: Path) -> None:
    ids = ["a", "e.1", "c:2", "name-b", "b"]
    bodies = [{"id": i, "name": f'"id": "b" {i}', "kind": "government"} for i in ids]
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"bodies": bodies}, indent=2), encoding="utf-8")
    # Each body takes five lines ({, id, name, kind, }); the first id is on line 4.
    assert load_snapshot(path).lines == (4, 9, 14, 19, 24)


@given(st.text(alphabet='ab,\r\n"', max_size=40))
def test_lines_split_as_a_stringio_does(text: str) -> None:
    assert [m.group() for m in _LINE.finditer(text)] == list(io.StringIO(text, newline=""))


def _rows(n: int) -> str:
    return "id,name,kind,seats,women\n" + "".join(
        f"b{i},B {i},government,10,{i % 11}\n" for i in range(n)
    )


def test_chunked_csv_gives_the_same_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.csv"
    path.write_text(_rows(25) + ",,,,\nc,C,commission,5,1\n")
    whole = load_snapshot(path)
    monkeypatch.setattr(snapshots_module, "CHUNK", 4)
    chunked = load_snapshot(path)
    assert chunked == whole
    assert len(chunked.bodies) == 26
    assert chunked.lines[-1] == 28


def test_an_error_in_a_later_chunk_names_its_body_and_counts_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.csv"
    text = _rows(12).replace("b5,B 5,government,10,5", "b5,B 5,government,ten,5")
    path.write_text(text.replace("b9,B 9,government,10,9", "b9,B 9,government,10,many"))
    with pytest.raises(SnapshotError) as whole:
        load_snapshot(path)
    monkeypatch.setattr(snapshots_module, "CHUNK", 4)
    with pytest.raises(SnapshotError) as chunked:
        load_snapshot(path)
    assert str(chunked.value) == str(whole.value)
    assert str(whole.value).startswith("s.csv:7:") or "bodies[5].seats" in str(whole.value)
    assert "(and 1 more problems)" in str(whole.value)


_BODY = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["government", "legislature", "commission"]),
        "level": st.sampled_from(["national", "local"]),
        "country": st.sampled_from(["ML", "FR", "SN"]),
        "tags": st.lists(st.sampled_from(["appointed", "elected", "interim"]), max_size=2),
    }
)


@given(st.lists(_BODY, max_size=30), _BODY, st.booleans())
def test_grouped_selection_picks_what_the_selector_matches(
    bodies: list[dict[str, object]], like: dict[str, object], with_tags: bool
) -> None:
    from wpscheck.engine import _body_subjects, _BodyPool
    from wpscheck.models import Body, Selector, Snapshot

    parsed = tuple(
        Body.model_validate({"id": f"b{i}", "name": "B", **b}) for i, b in enumerate(bodies)
    )
    snap = Snapshot.model_construct(bodies=parsed, path="s.csv", lines=())
    sel = Selector.model_validate(
        {"kind": [like["kind"]], "country": [like["country"]]}
        | ({"tags": like["tags"]} if with_tags and like["tags"] else {})
    )
    subjects = _body_subjects([snap])
    assert _BodyPool(subjects).select(sel) == [s for s in subjects if sel.matches_body(s.body)]


def test_bodies_alike_share_one_fields_set_and_copies_do_not(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(_rows(3) + "c,C,commission,,\n")
    a, b, _, d = load_snapshot(path).bodies
    assert a.model_fields_set is b.model_fields_set
    assert a.model_fields_set == {"id", "name", "kind", "seats", "women"}
    assert d.model_fields_set == {"id", "name", "kind"}
    copy = a.model_copy(update={"share_unit": "percent"})
    assert "share_unit" in copy.model_fields_set
    assert "share_unit" not in b.model_fields_set
