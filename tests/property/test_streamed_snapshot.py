"""A large CSV snapshot checked a chunk at a time gives the report the whole snapshot
gives: the same findings in the same order, the same summary and verdicts, the same text
and JSON; and a file with a problem gives the same error, after the last chunk."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wpscheck.engine import check
from wpscheck.errors import SnapshotError
from wpscheck.loading import shipped_packs
from wpscheck.loading.snapshots import load_snapshot, stream_csv
from wpscheck.plugin import FormatOptions
from wpscheck.registry import registry

PACKS = shipped_packs()
REG = registry()
TODAY = date(2021, 5, 1)
HEADER = ["id", "name", "kind", "country", "as_of", "seats", "women", "share"]
HEADER += ["stated_share", "tags", "source"]

ROWS = st.lists(
    st.tuples(
        st.sampled_from(["government", "commission", "legislature", "peace-mechanism"]),
        st.sampled_from(["ML", "ML", "RW", "Mali"]),
        st.sampled_from(["", "2020-06-01", "2030-01-01"]),
        st.integers(0, 40),
        st.integers(0, 45),
        st.sampled_from(["", "", "12.5%", "40 %"]),
        st.sampled_from(["", "27 percent", "40 percent"]),
        st.sampled_from(["appointed", "elected", "appointed;peace-agreement", ""]),
        st.sampled_from(["seed", "seed", ""]),
    ),
    min_size=1,
    max_size=40,
)


def _write(path: Path, rows: Sequence[tuple[object, ...]], dup: bool = False) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i, (kind, country, as_of, seats, women, share, stated, tags, source) in enumerate(rows):
            counted = not share
            w.writerow(
                [
                    f"b{0 if dup and i == len(rows) - 1 else i}",
                    f"Body {i}",
                    kind,
                    country,
                    as_of,
                    seats if counted else "",
                    women if counted else "",
                    share,
                    stated,
                    tags,
                    source,
                ]
            )


def _report(subject: object, passes: bool) -> object:
    return check([subject], PACKS, reg=REG, today=TODAY, passes=passes, unselected=True)  # type: ignore[list-item]


@settings(max_examples=60, deadline=None)
@given(ROWS, st.integers(1, 7), st.booleans())
def test_a_stream_gives_the_whole_snapshots_report(rows: list, size: int, passes: bool) -> None:  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "s.csv"
        _write(path, rows)
        whole = _report(load_snapshot(path), passes)
        streamed = _report(stream_csv(path, chunk_size=size), passes)
    assert streamed.findings == whole.findings  # type: ignore[attr-defined]
    assert streamed.summary == whole.summary  # type: ignore[attr-defined]
    assert streamed.notes == whole.notes  # type: ignore[attr-defined]
    text, js = REG.formatter("text"), REG.formatter("json")
    options = FormatOptions()
    if passes or not text.lists_passes(whole, options):  # type: ignore[misc, arg-type]
        assert text.render(streamed, options) == text.render(whole, options)  # type: ignore[arg-type]
    assert js.render(streamed, options) == js.render(whole, options)  # type: ignore[arg-type]


@pytest.mark.parametrize("size", [1, 2, 50])
def test_a_stream_raises_the_whole_snapshots_error(tmp_path: Path, size: int) -> None:
    path = tmp_path / "s.csv"
    _write(path, [("commission", "ML", "", 3, 1, "", "", "", "seed")] * 4, dup=True)
    with pytest.raises(SnapshotError) as whole:
        load_snapshot(path)
    with pytest.raises(SnapshotError) as streamed:
        list(stream_csv(path, chunk_size=size).chunks())
    assert str(streamed.value) == str(whole.value)
    assert str(whole.value).endswith(
        's.csv:5: bodies[3].id: "b0" is used twice (also by bodies[0])'
    )


@pytest.mark.parametrize("size", [1, 2, 50])
def test_a_bad_cell_is_the_same_error_streamed(tmp_path: Path, size: int) -> None:
    """The first problem, with the count of the others, after the last chunk."""
    path = tmp_path / "s.csv"
    rows = [("commission", "ML", "", 3, 1, "", "", "", "seed")] * 5
    rows[1] = ("comission", "ML", "", 3, 1, "", "", "", "seed")
    rows[3] = ("commission", "ML", "soon", 3, 1, "", "", "", "seed")
    _write(path, rows)
    with pytest.raises(SnapshotError) as whole:
        load_snapshot(path)
    with pytest.raises(SnapshotError) as streamed:
        list(stream_csv(path, chunk_size=size).chunks())
    assert str(streamed.value) == str(whole.value)
    assert 's.csv:3: bodies[1].kind: unknown body kind "comission"' in str(whole.value)


def test_a_rule_whose_parameters_fail_is_one_error_streamed_or_not(tmp_path: Path) -> None:
    from wpscheck.models import Rule, RulePack

    bad = Rule(id="q", check="quota", title="q", params={"min_share": 30}, pack="gen")
    pack = RulePack(id="gen", title="g", version="1", rules=(bad,))
    path = tmp_path / "s.csv"
    _write(path, [("commission", "ML", "", 3, 1, "", "", "", "seed")] * 3)
    whole = check([load_snapshot(path)], [pack], reg=REG, today=TODAY, passes=False)
    streamed = check([stream_csv(path, chunk_size=1)], [pack], reg=REG, today=TODAY, passes=False)
    assert streamed.findings == whole.findings
    assert [(f.rule, f.status) for f in whole.findings] == [("q", "error")]
    assert "30 is above 1: did you mean 30 %?" in whole.findings[0].message


def test_after_each_chunk_the_cli_freezes_and_at_the_end_unfreezes(tmp_path: Path) -> None:
    import gc

    from wpscheck.cli import _frozen_between_chunks

    path = tmp_path / "s.csv"
    _write(path, [("commission", "ML", "", 3, 1, "", "", "", "seed")] * 5)
    stream = stream_csv(path, chunk_size=2)
    seen: list[int] = []
    with _frozen_between_chunks([stream]):
        assert stream.after_chunk is gc.freeze
        stream.after_chunk = lambda: seen.append(gc.get_freeze_count())
        check([stream], PACKS, reg=REG, today=TODAY, passes=False)
        gc.freeze()
    assert len(seen) == 3  # 5 bodies, 2 at a time
    assert gc.get_freeze_count() == 0  # nothing outlives the command


@pytest.mark.parametrize(
    "options",
    [
        (),
        ("--verbose",),
        ("--format", "json"),
        ("--format", "json", "--all"),
        ("--format", "sarif"),
        ("--format", "html"),
        ("--view", "table"),
    ],
)
def test_the_cli_streams_a_large_csv_to_the_same_output(
    tmp_path: Path, run_cli: object, monkeypatch: pytest.MonkeyPatch, options: tuple[str, ...]
) -> None:
    """Every CSV counts as large here: streamed (or read whole when the output lists
    every pass, or again when it turns out to list a few) the CLI writes what it writes
    for the file read at once."""
    from wpscheck.loading import inputs

    path = tmp_path / "s.csv"
    rows = [("commission", "ML", "", 10, w % 11, "", "", "appointed", "seed") for w in range(30)]
    _write(path, rows)
    few = tmp_path / "few.csv"
    _write(few, rows[:3])
    for csv_file in (path, few):
        whole = run_cli("check", str(csv_file), *options, cwd=tmp_path)  # type: ignore[operator]
        monkeypatch.setattr(inputs, "STREAM_BYTES", 1)
        streamed = run_cli("check", str(csv_file), *options, cwd=tmp_path)  # type: ignore[operator]
        monkeypatch.setattr(inputs, "STREAM_BYTES", 8 * 2**20)
        assert (streamed.code, streamed.out, streamed.err) == (whole.code, whole.out, whole.err)
