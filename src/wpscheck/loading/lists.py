"""Candidate lists from CSV: one candidate a row.

Columns (a header row, any order): ``list_id``, ``position``, ``name``, ``sex`` (required);
``party``, ``constituency``, ``country``, ``level`` (optional; a list's party,
constituency, country and level are those of its rows, which must agree). ``sex`` is
``F``/``M`` (also ``female``/``male``, ``woman``/``man``, ``femme``/``homme``, ``H``).
Positions of a list must be whole numbers, each once; the candidates are put in their
order. A file is read as lists when its header has ``list_id``, ``position`` and ``sex``.
Every mistake is an error naming the file, line and column.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable
from pathlib import Path

from wpscheck.candidates import Candidate, CandidateList, ListFile
from wpscheck.errors import SnapshotError, did_you_mean, format_place
from wpscheck.loading.files import read_text, show

__all__ = ["LIST_COLUMNS", "is_list_header", "load_lists"]

REQUIRED = ("list_id", "position", "name", "sex")
OPTIONAL = ("party", "constituency", "country", "level")
LIST_COLUMNS = REQUIRED + OPTIONAL
_SEX = {
    "f": "F",
    "female": "F",
    "woman": "F",
    "w": "F",
    "femme": "F",
    "m": "M",
    "male": "M",
    "man": "M",
    "homme": "M",
    "h": "M",
}


def is_list_header(header: Iterable[str]) -> bool:
    names = {h.strip().lower() for h in header}
    return {"list_id", "position", "sex"} <= names


def is_list_file(path: Path) -> bool:
    """Whether a ``.csv`` file's header names candidate-list columns."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            first = fh.readline()
    except (OSError, UnicodeDecodeError):
        return False
    return is_list_header(next(csv.reader([first]), []))


def load_lists(path: str | Path) -> ListFile:
    """Read the candidate lists of one CSV file."""
    path = Path(path)
    where = show(path)
    text = read_text(path, what="candidate lists")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(reader, [])]
    for n, name in enumerate(header, 1):
        if name not in LIST_COLUMNS:
            raise SnapshotError(
                f'{format_place(where, 1, n)}: unknown column "{name}"'
                f"{did_you_mean(name, LIST_COLUMNS)}"
            )
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise SnapshotError(
            f"{format_place(where, 1)}: candidate lists need the columns "
            f"{', '.join(REQUIRED)}; missing: {', '.join(missing)}"
        )
    col = {name: i for i, name in enumerate(header)}
    rows: dict[str, list[tuple[int, Candidate]]] = {}
    meta: dict[str, dict[str, str | None]] = {}
    first_line: dict[str, int] = {}
    for line, row in enumerate(reader, 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise SnapshotError(
                f"{format_place(where, line)}: {len(row)} fields, the header has {len(header)}"
            )

        def cell(name: str, row: list[str] = row) -> str:
            return row[col[name]].strip()

        list_id = cell("list_id")
        if not list_id:
            raise SnapshotError(f"{format_place(where, line, col['list_id'] + 1)}: empty list_id")
        raw_pos = cell("position")
        try:
            position = int(raw_pos)
            if position < 1:
                raise ValueError
        except ValueError:
            raise SnapshotError(
                f"{format_place(where, line, col['position'] + 1)}: position "
                f'"{raw_pos}" is not a whole number from 1'
            ) from None
        raw_sex = cell("sex")
        sex = _SEX.get(raw_sex.lower())
        if sex is None:
            raise SnapshotError(
                f'{format_place(where, line, col["sex"] + 1)}: sex "{raw_sex}" is not F or M '
                "(female/male, woman/man, femme/homme are read too)"
            )
        values = {k: (cell(k) or None) if k in col else None for k in OPTIONAL}
        known = meta.setdefault(list_id, values)
        for k, v in values.items():
            if v != known[k]:
                raise SnapshotError(
                    f"{format_place(where, line, col[k] + 1)}: list {list_id} has {k} "
                    f'"{v or ""}" here and "{known[k] or ""}" on line {first_line[list_id]}'
                )
        first_line.setdefault(list_id, line)
        candidate = Candidate(position, cell("name"), "F" if sex == "F" else "M", line)
        rows.setdefault(list_id, []).append((position, candidate))
    lists = []
    for list_id, cands in rows.items():
        cands.sort(key=lambda pc: pc[0])
        for (a, ca), (b, cb) in itertools.pairwise(cands):
            if a == b:
                raise SnapshotError(
                    f"{format_place(where, cb.line, col['position'] + 1)}: list {list_id} "
                    f"has position {b} twice (also line {ca.line})"
                )
        m = meta[list_id]
        lists.append(
            CandidateList(
                id=list_id,
                candidates=tuple(c for _, c in cands),
                party=m["party"],
                constituency=m["constituency"],
                country=m["country"],
                level=m["level"],
                path=where,
                line=first_line[list_id],
            )
        )
    if not lists:
        raise SnapshotError(f"{where}: no candidates (one candidate a row after the header)")
    return ListFile(path=where, lists=tuple(lists))
