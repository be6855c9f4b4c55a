"""Snapshots of bodies from TOML, JSON or CSV files.

Every mistake becomes a :class:`~wpscheck.errors.SnapshotError` naming the file, the line
and column of the body (and of its key where it can be found), the data path such as
``bodies[3].women``, what was expected and the closest valid name.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from wpscheck.errors import InputError, SnapshotError, did_you_mean, format_place
from wpscheck.loading.files import read_text
from wpscheck.loading.files import show as show_path
from wpscheck.loading.positions import (
    describe_validation_error,
    loc_path,
    locate_json_key,
    locate_table_key,
    parse_json,
    parse_toml,
)
from wpscheck.models import (
    BODY_ID,
    Body,
    Member,
    Observation,
    ParseNote,
    Snapshot,
    SnapshotStream,
)

__all__ = [
    "SNAPSHOT_SUFFIXES",
    "csv_records",
    "load_snapshot",
    "load_with_profile",
    "stream_csv",
]

SNAPSHOT_SUFFIXES = (".toml", ".json", ".csv", ".tsv")


@functools.cache
def _bodies_adapter() -> TypeAdapter[tuple[Body, ...]]:
    """The validator of a list of bodies, built on first use (a draft check needs none)."""
    return TypeAdapter(tuple[Body, ...])


SNAPSHOT_KEYS = tuple(k for k in Snapshot.model_fields if k not in ("path", "lines"))
BODY_KEYS = tuple(Body.model_fields)
CSV_REQUIRED = ("id", "name", "kind")
CSV_COLUMNS = tuple(k for k in BODY_KEYS if k not in ("members", "history"))
#: The CSV columns of counts, whose cells are whole numbers.
CSV_WHOLE_NUMBERS = ("seats", "women")


def load_snapshot(path: str | Path) -> Snapshot:
    """Read a snapshot of bodies from a ``.toml``, ``.json`` or ``.csv`` file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".xlsx"):
        return _load_csv(path)
    text = read_text(path, what="snapshot")
    if suffix == ".toml":
        data: Any = parse_toml(path, text, error=SnapshotError)
        if "pack" in data and "rule" in data:
            raise SnapshotError(
                f"{show_path(path)}: this is a rule pack, not a snapshot; pass it with --rules"
            )
        lines = _toml_body_lines(text)
    elif suffix == ".json":
        data = parse_json(path, text, error=SnapshotError)
        if isinstance(data, list):
            data = {"bodies": data}
        lines = _json_body_lines(text, data)
    else:
        raise InputError(
            f"{show_path(path)}: cannot read {suffix or 'a file without a suffix'} as a snapshot "
            f"(expected {', '.join(SNAPSHOT_SUFFIXES)})"
        )
    if not isinstance(data, dict):
        raise SnapshotError(f"{show_path(path)}: expected a table with a list of bodies")
    if not data.get("bodies"):
        how = (
            "[[bodies]] tables, each with at least id, name and kind"
            if suffix == ".toml"
            else "a list of bodies, each with at least id, name and kind (or an object with a "
            '"bodies" list)'
        )
        raise SnapshotError(f"{show_path(path)}: the snapshot holds no bodies; expected {how}")
    return _validate_snapshot(
        path,
        data,
        lines,
        toml_text=text if suffix == ".toml" else None,
        json_text=text if suffix == ".json" else None,
    )


def _validate_snapshot(
    path: Path,
    data: dict[str, Any],
    lines: list[int | None],
    *,
    toml_text: str | None = None,
    json_text: str | None = None,
) -> Snapshot:
    show = show_path(path)
    for key in data:
        if key not in SNAPSHOT_KEYS:
            raise SnapshotError(
                f'{show}: unknown top-level key "{key}"{did_you_mean(key, SNAPSHOT_KEYS)}'
            )
    bodies = data.get("bodies", [])
    if not isinstance(bodies, list):
        raise SnapshotError(f"{show}: bodies: expected a list of bodies ([[bodies]] tables)")
    meta = {k: v for k, v in data.items() if k != "bodies"}
    try:
        snap = Snapshot(**meta, path=show, lines=tuple(lines))
    except ValidationError as exc:
        err = exc.errors()[0]
        raise SnapshotError(
            f"{show}: {loc_path(err['loc'])}: {describe_validation_error(err, SNAPSHOT_KEYS)}"
        ) from None
    if snap.share_unit is not None:
        bodies = [
            {"share_unit": snap.share_unit, **b} if isinstance(b, dict) else b for b in bodies
        ]
    bodies, notes = _map_countries(show, bodies, lines, toml_text, json_text)
    try:
        parsed = _bodies_adapter().validate_python(bodies, context={"kinds": snap.kinds})
    except ValidationError as exc:
        raise _snapshot_error(show, exc, lines, toml_text, json_text) from None
    _check_unique(show, parsed, lines)
    _share_fields_sets(parsed, {})
    return snap.model_copy(update={"bodies": parsed, "notes": (*snap.notes, *notes)})


def _map_countries(
    show: str,
    bodies: list[Any],
    lines: Sequence[int | None],
    toml_text: str | None = None,
    json_text: str | None = None,
    *,
    start: int = 0,
) -> tuple[list[Any], list[ParseNote]]:
    """Country names and alpha-3 codes read as alpha-2 codes, each with a note; a value
    naming no country is an error at its place, naming the nearest."""
    from wpscheck.countries import UnknownCountry, country, lookup

    out: list[Any] = []
    notes: list[ParseNote] = []
    codes: set[str] = set()  # values already known to be codes
    for i, b in enumerate(bodies, start):
        value = b.get("country") if isinstance(b, dict) else None
        if not isinstance(value, str) or value in codes:
            out.append(b)
            continue
        try:
            country(value)
            codes.add(value)
            out.append(b)
            continue
        except UnknownCountry:
            pass
        try:
            found = lookup(value)
        except UnknownCountry:
            out.append(b)  # the model's error, at the key's place, names the nearest
            continue
        if value.strip().upper() == found.country.code and value.strip() != found.country.code:
            out.append(b)  # lower case: an error, not a guess
            continue
        line = lines[i] if i < len(lines) else None
        notes.append(
            ParseNote(
                code="country",
                message=f"bodies[{i}].country: {found.note}",
                lines=(line,) if line else (),
            )
        )
        out.append({**b, "country": found.country.code})
    return out, notes


def _check_unique(show: str, bodies: Sequence[Body], lines: Sequence[int | None]) -> None:
    twice = _first_twice(show, bodies, lines, 0, {})
    if twice is not None:
        raise twice


def _snapshot_error(
    show: str,
    exc: ValidationError,
    lines: Sequence[int | None],
    toml_text: str | None = None,
    json_text: str | None = None,
    *,
    offset: int = 0,
    more: int = 0,
) -> SnapshotError:
    """The error of the first problem; ``offset`` is the index of the first body that was
    validated, ``more`` the problems found in later bodies validated apart."""
    errors = exc.errors()
    err = errors[0]
    loc = err["loc"]
    if offset and loc and isinstance(loc[0], int):
        loc = (loc[0] + offset, *loc[1:])
    index = loc[0] if loc and isinstance(loc[0], int) else None
    line = lines[index] if index is not None and index < len(lines) else None
    column: int | None = None
    if index is not None and len(loc) > 1 and isinstance(loc[1], str):
        found: int | None = None
        col: int | None = None
        if toml_text is not None:
            found, col = locate_table_key(toml_text, "bodies", index, loc[1])
        elif json_text is not None and line is not None:
            found, col = locate_json_key(json_text, line, loc[1])
        if found is not None and found != line:
            line, column = found, col
    valid: Sequence[str] = BODY_KEYS
    if len(loc) > 2 and loc[1] in ("members", "history"):
        valid = list((Member if loc[1] == "members" else Observation).model_fields)
    desc = describe_validation_error(err, valid, "key")
    others = len(errors) - 1 + more
    more_text = f" (and {others} more problems)" if others else ""
    place = format_place(show, line, column)
    return SnapshotError(f"{place}: {loc_path(loc, 'bodies')}: {desc}{more_text}")


def _toml_body_lines(text: str) -> list[int | None]:
    return [
        i + 1
        for i, line in enumerate(text.splitlines())
        if re.match(r"^\s*\[\[\s*bodies\s*\]\]", line)
    ]


#: ``"id": "…"`` in a JSON text: the key and its string value, as written.
_JSON_ID = re.compile(r'"id"\s*:\s*("(?:[^"\\\n]|\\.)*")')


def _json_body_lines(text: str, data: Any) -> list[int | None]:
    """The line of each body of a JSON snapshot: where its ``"id"`` is written, searched
    forward from the previous body's. One scan of the text (linear in its size)."""
    bodies = data.get("bodies") if isinstance(data, dict) else None
    if not isinstance(bodies, list):
        return []
    # Every "id": "…" in the text, by the value as written, in the order they occur.
    places: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in _JSON_ID.finditer(text):
        places[m.group(1)].append((m.start(), m.end()))
    out: list[int | None] = []
    pos = 0
    counted, line = 0, 1  # newlines counted up to offset ``counted``
    for b in bodies:
        bid = b.get("id") if isinstance(b, dict) else None
        if not isinstance(bid, str):
            out.append(None)
            continue
        spots = places.get(json.dumps(bid), [])
        k = bisect.bisect_left(spots, (pos, -1))
        if k == len(spots):
            out.append(None)
            continue
        start, end = spots[k]
        line += text.count("\n", counted, start)
        counted = start
        out.append(line)
        pos = end
    return out


def csv_records(path: Path) -> tuple[list[dict[str, Any]], list[int | None]]:
    """The rows of a CSV snapshot as body records (the data a TOML or JSON snapshot would
    hold: an empty cell left out, a count as a number), with the line of each."""
    rows, lines, _ = _table_records(path)
    return rows, lines


def _table_records(path: Path) -> tuple[list[dict[str, Any]], list[int | None], list[str]]:
    """The records of a table of snapshot columns (CSV in any usual dialect, TSV, or a
    workbook), the line of each, and notes on the encoding and delimiter detected."""
    records, read = _stream_records(path)
    rows: list[dict[str, Any]] = []
    lines: list[int | None] = []
    for line, record in records:
        rows.append(record)
        lines.append(line)
    return rows, lines, read


def _stream_records(path: Path) -> tuple[Iterator[tuple[int, dict[str, Any]]], list[str]]:
    """The records of a table of snapshot columns as they are read, each with its line
    (the header is checked before this returns), and the reader's notes."""
    from wpscheck.loading.csvfile import stream_table

    where = show_path(path)
    if path.suffix.lower() == ".xlsx":
        from wpscheck.loading.xlsx import read_xlsx

        table = read_xlsx(path)
        body: Iterator[tuple[int, list[str]]] = iter(zip(table.lines, table.rows, strict=True))
        notes = list(table.notes)
    else:
        stream = stream_table(path)
        body, notes = stream.rows, list(stream.notes)
    try:
        _, first = next(body)
    except StopIteration:
        raise SnapshotError(
            f"{where}: empty CSV: expected a header row with at least {', '.join(CSV_REQUIRED)}"
        ) from None
    header = [h.strip() for h in first]
    unknown = [c for c in header if c not in CSV_COLUMNS]
    for col in header:
        if col not in CSV_COLUMNS:
            hint = (
                "; this looks like a table as its publisher ships it: read it with --profile "
                "(see docs/sources.md)"
                if len(unknown) > 1
                else ""
            )
            raise SnapshotError(
                f'{where}:1: unknown column "{col}"{did_you_mean(col, CSV_COLUMNS)}{hint}'
            )
    for col in CSV_REQUIRED:
        if col not in header:
            raise SnapshotError(
                f'{where}:1: missing column "{col}" (required columns: '
                f"{', '.join(CSV_REQUIRED)}; the header has: {', '.join(header)})"
            )
    return _records(where, header, body), notes


def _records(
    where: str, header: list[str], body: Iterator[tuple[int, list[str]]]
) -> Iterator[tuple[int, dict[str, Any]]]:
    width = len(header)
    counts = [h for h in header if h in CSV_WHOLE_NUMBERS]
    for line, row in body:
        # A row of blank cells is skipped (the first cell, usually the id, decides most).
        if not row or (not row[0].strip() and all(not c.strip() for c in row)):
            continue
        if len(row) != width:
            raise SnapshotError(f"{where}:{line}: expected {width} columns, found {len(row)}")
        # An empty cell is an absent value (the field's default); a CSV cell is text, and a
        # whole number in a column of counts is read as a number.
        record: dict[str, Any] = {h: c for h, c in zip(header, row, strict=True) if c != ""}
        for h in counts:
            c = record.get(h)
            if c is not None and c.isascii() and c.strip().isdigit():
                record[h] = int(c)
        yield line, record


def _share_fields_sets(
    bodies: Sequence[Body], shared: dict[frozenset[str], set[str]]
) -> Sequence[Body]:
    """The bodies, those that were given the same fields sharing one set of their names
    (``model_fields_set``): a set per body is about 700 bytes, half a body's memory. Bodies
    are frozen, and pydantic copies the set before a ``model_copy`` changes it."""
    for b in bodies:
        names = b.__pydantic_fields_set__
        one = shared.setdefault(frozenset(names), names)
        if one is not names:
            object.__setattr__(b, "__pydantic_fields_set__", one)
    return bodies


#: Bodies of a CSV validated at a time: the rows of one chunk are held, not the file's.
CHUNK = 10_000

#: The columns of a CSV whose cells are validated one distinct value at a time
#: (:class:`_Cells`); ``id`` and ``name`` differ on every row and are checked by hand.
_PER_ROW = ("id", "name")
_BODY_ID = re.compile(BODY_ID)


class _Cells:
    """CSV bodies validated a distinct cell at a time: a table of 100,000 bodies has a
    few hundred distinct values outside its ``id`` and ``name`` columns. Each value is
    validated once, by the model itself (a body holding only that value), and the bodies
    are built from the validated values. A row the shortcut cannot vouch for (a value
    the model refuses, a ``share_unit`` column, which changes how a share is read) makes
    :meth:`bodies` return None, and the caller validates the rows with the model as
    before, so the errors are the model's own."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, Any], Any] = {}
        self._sets: dict[frozenset[str], set[str]] = {}
        self._probe = {"id": "x", "name": "x", "kind": "government"}

    def _value(self, column: str, cell: Any) -> Any:
        """The model's value for ``cell`` in ``column`` (validated on first sight)."""
        try:
            body = Body.model_validate({**self._probe, column: cell})
        except ValidationError:
            raise _Unvouched from None
        value = getattr(body, column)
        self._seen[(column, cell)] = value
        return value

    def bodies(self, records: Sequence[dict[str, Any]]) -> list[Body] | None:
        out: list[Body] = []
        defaults = _BODY_DEFAULTS
        make = Body.__new__
        put = object.__setattr__
        seen = self._seen
        sets = self._sets
        unseen = _UNSEEN
        try:
            for record in records:
                if "share_unit" in record or not ("id" in record and "name" in record):
                    return None
                values = dict(defaults)
                for column, cell in record.items():
                    if column in _PER_ROW:
                        # Cells with white space around are left to the model, which
                        # strips what Unicode calls white space (not quite str.strip's).
                        if not isinstance(cell, str) or cell != cell.strip():
                            return None
                        if column == "id" and not _BODY_ID.match(cell):
                            return None
                        values[column] = cell
                        continue
                    try:
                        value = seen.get((column, cell), unseen)
                    except TypeError:  # an unhashable cell: not from a CSV
                        return None
                    values[column] = self._value(column, cell) if value is unseen else value
                if "kind" not in record:
                    return None
                body = make(Body)
                names = frozenset(record)
                fields = sets.get(names)
                if fields is None:
                    fields = sets[names] = set(names)
                put(body, "__dict__", values)
                put(body, "__pydantic_fields_set__", fields)
                put(body, "__pydantic_extra__", None)
                put(body, "__pydantic_private__", None)
                out.append(body)
        except _Unvouched:
            return None
        return out


_UNSEEN = object()


class _Unvouched(Exception):
    """A cell the shortcut does not vouch for: validate the rows with the model."""


#: A body's fields in their order, each with its default (None for the required ones,
#: which every row gives).
_BODY_DEFAULTS: dict[str, Any] = {
    name: None if field.is_required() else field.get_default(call_default_factory=True)
    for name, field in Body.model_fields.items()
}


def _load_csv(path: Path) -> Snapshot:
    stream = stream_csv(path)
    bodies: list[Body] = []
    lines: list[int | None] = []
    for _, chunk, at in stream.chunks():
        bodies.extend(chunk)
        lines.extend(at)
    return Snapshot.model_construct(
        as_of=None,
        country=None,
        title=None,
        sources={},
        bodies=tuple(bodies),
        path=stream.path,
        lines=tuple(lines),
        kinds=(),
        share_unit=None,
        notes=tuple(stream.notes),
    )


def stream_csv(path: str | Path, chunk_size: int = CHUNK) -> SnapshotStream:
    """A CSV snapshot read ``chunk_size`` bodies at a time (:class:`SnapshotStream`): the
    header is checked now; a problem in the rows is raised, as :func:`load_snapshot`
    raises it, once the last chunk has been read."""
    path = Path(path)
    where = show_path(path)
    records, read = _stream_records(path)
    notes = [ParseNote(code="reader", message=m) for m in read]

    def chunks() -> Iterator[tuple[int, tuple[Body, ...], tuple[int | None, ...]]]:
        lines: list[int | None] = []
        adapter = _bodies_adapter()
        shared: dict[frozenset[str], set[str]] = {}
        cells = _Cells()
        seen: dict[str, int] = {}
        twice: SnapshotError | None = None
        failed: tuple[ValidationError, int] | None = None
        more = 0  # problems in the chunks after the first that failed
        while chunk := list(itertools.islice(records, chunk_size)):
            start = len(lines)
            lines.extend(line for line, _ in chunk)
            mapped, found = _map_countries(where, [r for _, r in chunk], lines, start=start)
            del chunk
            notes.extend(found)
            got: Sequence[Body] | None = cells.bodies(mapped) if failed is None else None
            if got is None:
                try:
                    got = _share_fields_sets(adapter.validate_python(mapped), shared)
                except ValidationError as exc:
                    if failed is None:
                        failed = (exc, start)
                    else:
                        more += exc.error_count()
                    continue
            if failed is not None:
                continue
            twice = twice or _first_twice(where, got, lines, start, seen)
            if twice is None:
                yield start, tuple(got), tuple(lines[start:])
        if failed is not None:
            first, start = failed
            raise _snapshot_error(where, first, lines, offset=start, more=more) from None
        if twice is not None:
            raise twice

    return SnapshotStream(path=where, chunks=chunks, notes=notes)


def _first_twice(
    show: str,
    bodies: Sequence[Body],
    lines: Sequence[int | None],
    start: int,
    seen: dict[str, int],
) -> SnapshotError | None:
    """The error of the first id used twice, counting from ``bodies[start]`` (``seen``:
    the index of each id so far)."""
    for i, b in enumerate(bodies, start):
        if b.id in seen:
            line = lines[i] if i < len(lines) else None
            return SnapshotError(
                f'{format_place(show, line)}: bodies[{i}].id: "{b.id}" is used twice '
                f"(also by bodies[{seen[b.id]}])"
            )
        seen[b.id] = i
    return None


def load_with_profile(
    path: str | Path, profile: str | Path | None = None, *, reg: Any = None
) -> Snapshot:
    """Read a published table with a profile: a registered name (``ipu-monthly``), a TOML
    file with a ``[mapping]`` table, or (``profile=None``) the ``NAME.wpscheck.toml``
    mapping beside the file."""
    from wpscheck.profiles import load_mapping, mapping_beside, unknown_profile
    from wpscheck.registry import registry

    path = Path(path)
    if profile is None:
        beside = mapping_beside(path)
        if beside is None:
            return load_snapshot(path)
        prof = load_mapping(beside)
    elif str(profile).endswith(".toml"):
        prof = load_mapping(Path(profile))
    else:
        reg = reg or registry()
        if str(profile) not in reg.profiles:
            raise unknown_profile(str(profile), list(reg.profiles))
        prof = reg.profiles[str(profile)]
    if not path.exists():
        raise SnapshotError(f"{show_path(path)}: no such file or directory")
    data, lines, notes = prof.read(path)
    return _from_data(path, data, lines, notes, f'read with profile "{prof.name}"')


def _from_data(
    path: Path, data: dict[str, Any], lines: list[int | None], notes: list[str], how: str
) -> Snapshot:
    """A snapshot from the data a profile read (validated as a snapshot file's)."""
    if not data.get("bodies"):
        raise SnapshotError(f"{show_path(path)}: {how}, the file gave no bodies")
    snap = _validate_snapshot(path, data, lines)
    read = tuple(ParseNote(code="profile", message=m) for m in [how, *notes])
    return snap.model_copy(update={"notes": (*read, *snap.notes)})
