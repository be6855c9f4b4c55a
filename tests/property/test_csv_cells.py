"""The CSV loader's shortcut (each distinct cell validated once, bodies built from the
validated values) gives exactly what validating every row with the model gives: the same
bodies, field by field and in the same field order, the same given fields, the same
error. The model path is the reference; the shortcut steps aside for any row it cannot
vouch for."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wpscheck.errors import SnapshotError
from wpscheck.loading import snapshots

COLUMNS = ["id", "name", "kind", "level", "country", "as_of", "seats", "women", "share"]
COLUMNS += ["stated_share", "tags", "source", "chamber", "status", "statutory_seats"]

#: Per column: cells the model takes, then cells it refuses or the shortcut leaves to it
#: (padded, unhashable-looking, a bare percent); the first are drawn more often, so that
#: most tables are taken by the shortcut and some fall back.
_GOOD_BAD = {
    "id": (["a", "b-1", "c.2", "f:g", ""], [" d", "e ", "-x"]),
    "name": (["Body", "Ñame", "x\u00a0y", ""], [" Padded "]),
    "kind": (["government", "commission", "legislature"], ["comission"]),
    "level": (["", "national", "local"], ["nationl"]),
    "country": (["", "ML", "Mali", "MLI"], ["ml", "XX", " ML "]),
    "as_of": (["", "2020-06-01", "2020-06", "2020"], ["2020-13-01", "soon"]),
    "seats": (["", "10", "0", " 7"], ["-3", "abc", "1e3"]),
    "women": (["", "3", "12"], ["x"]),
    "share": (["", "0.3", "30%", "30 %"], ["61.3", "2", "abc"]),
    "stated_share": (["", "27 percent", " 26.4 % "], []),
    "tags": (["", "appointed", "appointed;elected", " a , b ", ";"], []),
    "source": (["", "seed", " padded "], []),
    "chamber": (["", "lower", "single"], ["middle"]),
    "status": (["", "suspended"], ["gone"]),
    "statutory_seats": (["", "20"], ["0"]),
}
_CELLS = {c: st.sampled_from(good * 6 + bad) for c, (good, bad) in _GOOD_BAD.items()}
ROWS = st.lists(st.fixed_dictionaries(_CELLS), min_size=1, max_size=12)


def _load(path: Path, *, shortcut: bool) -> object:
    saved = snapshots._Cells.bodies
    if not shortcut:
        snapshots._Cells.bodies = lambda self, records: None  # type: ignore[method-assign]
    try:
        snap = snapshots.load_snapshot(path)
    except SnapshotError as exc:
        return ("error", str(exc))
    finally:
        snapshots._Cells.bodies = saved  # type: ignore[method-assign]
    return (
        [(list(b.__dict__.items()), sorted(b.model_fields_set), repr(b)) for b in snap.bodies],
        snap.notes,
        snap.lines,
    )


@settings(max_examples=300, deadline=None)
@given(ROWS, st.permutations(COLUMNS))
def test_the_shortcut_gives_what_the_model_gives(
    rows: list[dict[str, str]], cols: list[str]
) -> None:
    header = cols[: max(3, len(cols) // 2)] if len(rows) % 2 else cols
    for needed in ("id", "name", "kind"):
        if needed not in header:
            header = [needed, *header]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "s.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            for i, row in enumerate(rows):
                w.writerow([row[c] if c != "id" or not row[c] else f"{row[c]}{i}" for c in header])
        assert _load(path, shortcut=True) == _load(path, shortcut=False)


def test_the_shortcut_is_taken_for_a_plain_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.csv"
    path.write_text("id,name,kind,seats,women\na,A,commission,10,3\nb,B,government,5,2\n")
    calls: list[int] = []
    real = snapshots._Cells.bodies

    def spy(self: snapshots._Cells, records: list[dict[str, object]]) -> object:
        got = real(self, records)
        calls.append(0 if got is None else len(got))
        return got

    monkeypatch.setattr(snapshots._Cells, "bodies", spy)
    snap = snapshots.load_snapshot(path)
    assert calls == [2]
    assert [(b.id, b.seats, b.women) for b in snap.bodies] == [("a", 10, 3), ("b", 5, 2)]
