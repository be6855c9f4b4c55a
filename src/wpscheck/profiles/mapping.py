"""A declared mapping: which columns of a published table are the country, the chamber,
the date, the seats, the women or the share, and how to read them.

A mapping is a ``[mapping]`` table in TOML (beside the data as ``NAME.wpscheck.toml``, or
named with ``--profile FILE.toml``); the built-in profiles are mappings too. Each row is
one observation of a body; the body is the country (and chamber, and ``id_column``), its
latest observation gives its figures and the earlier ones its ``history``. A wide table
(one column a year) gives one observation per filled cell of the ``wide`` columns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from wpscheck.countries import UnknownCountry, lookup
from wpscheck.errors import SnapshotError, closest, did_you_mean, format_place
from wpscheck.loading.csvfile import Table, read_table
from wpscheck.loading.files import show

__all__ = ["MISSING", "MONTHS", "Mapping", "ProfileData", "Rows", "apply_mapping", "read_rows"]

#: Cells that mean "no figure" unless a mapping says otherwise.
MISSING = ("", "-", "NA", "N/A", "n/a", "..", "…")
#: Month names, lower case, and their numbers.
MONTHS = {
    m: n
    for n, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}

Rows = list[tuple[int, dict[str, str]]]
#: What a profile reads: the snapshot data, the line of each body, and notes.
ProfileData = tuple[dict[str, Any], list[int | None], list[str]]


class Mapping(BaseModel):
    """How a table's columns become bodies (the ``[mapping]`` table of a mapping file)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str | None = Field(default=None, description="the snapshot's title")
    header_starts_with: str | None = Field(
        default=None,
        description="the header is the first row whose first cell is this (skips a preamble)",
    )
    skip_lines: int = Field(default=0, ge=0, description="preamble rows before the header")
    sheet: str | None = Field(default=None, description="the sheet of a workbook (default: first)")
    country: str = Field(description="the column of the country: a code or a name")
    country_name: str | None = Field(default=None, description="the column of its printed name")
    chamber: str | None = Field(default=None, description="the column of the chamber")
    chamber_values: dict[str, str] = Field(
        default_factory=dict, description="cell value → single, lower or upper"
    )
    date: str | None = Field(default=None, description="the column of the year or date")
    month: str | None = Field(default=None, description="the column of the month, if apart")
    as_of: str | None = Field(default=None, description="one date for every row")
    seats: str | None = None
    women: str | None = None
    share: str | None = None
    share_unit: Literal["percent", "fraction"] = "fraction"
    wide: str | None = Field(
        default=None, description="a regular expression: the columns that are dates (wide)"
    )
    wide_field: Literal["share", "women", "seats"] = "share"
    id_column: str | None = Field(default=None, description="a column whose value is a body")
    missing: tuple[str, ...] = Field(default=MISSING, description="cells that mean no figure")
    unreadable: Literal["error", "note"] = Field(
        default="error", description="a figure that is not a number: an error, or a note"
    )
    aggregates: tuple[str, ...] = Field(
        default=(), description="country cells that are aggregates (regions, the world)"
    )
    country_names: dict[str, str] = Field(
        default_factory=dict,
        description='printed name → ISO code, where the name alone is not enough ("" for a '
        "state with no ISO 3166 code: its rows are left out, with a note)",
    )
    country_separator: str | None = Field(
        default=None,
        description='splits a cell naming several places ("Sudan/Darfur", "Ecuador/Peru"): '
        "parts naming countries are the subject's states, the others its region",
    )
    unknown_countries: Literal["error", "aggregate"] = Field(
        default="error", description="a country cell that names no country"
    )
    filter: dict[str, str] = Field(default_factory=dict, description="keep rows with these")
    id_prefix: str = "row"
    kind: str = "legislature"
    level: str | None = "national"
    kind_column: str | None = Field(
        default=None, description="a column whose cell says the body kind (via kind_values)"
    )
    kind_values: dict[str, str] = Field(
        default_factory=dict, description="kind_column cell → body kind"
    )
    level_values: dict[str, str] = Field(
        default_factory=dict, description="kind_column cell → level"
    )
    tags: tuple[str, ...] = ()
    source: str = Field(default="", description="the source, cited with each row's line")


def read_rows(path: Path, mapping: Mapping, preamble: Sequence[str] = ()) -> tuple[Rows, Table]:
    """The table's data rows as ``(line, {column: cell})``, after its preamble."""
    table = _read_any(path, mapping.sheet)
    where = show(path)
    start = mapping.skip_lines
    if mapping.header_starts_with is not None:
        want = mapping.header_starts_with
        found = next((i for i, r in enumerate(table.rows) if r and r[0].strip() == want), None)
        if found is None:
            raise SnapshotError(
                f'{where}: no header row starting with "{want}" (the mapping\'s '
                "header_starts_with); is this the right file or profile?"
            )
        start = found
    if start >= len(table.rows):
        raise SnapshotError(f"{where}: no header row after {start} preamble lines")
    header = [h.strip() for h in table.rows[start]]
    rows: Rows = []
    for line, row in zip(table.lines[start + 1 :], table.rows[start + 1 :], strict=True):
        if not any(c.strip() for c in row):
            continue
        rows.append((line, dict(zip(header, (c.strip() for c in row), strict=False))))
    _check_columns(where, table.lines[start], header, mapping)
    return rows, table


def _read_any(path: Path, sheet: str | None) -> Table:
    if path.suffix.lower() == ".xlsx":
        from wpscheck.loading.xlsx import read_xlsx

        return read_xlsx(path, sheet=sheet)
    return read_table(path)


def _check_columns(where: str, line: int, header: list[str], m: Mapping) -> None:
    named = {
        "country": m.country,
        "country_name": m.country_name,
        "chamber": m.chamber,
        "date": m.date,
        "month": m.month,
        "seats": m.seats,
        "women": m.women,
        "share": m.share,
        "id_column": m.id_column,
        "kind_column": m.kind_column,
        **{f"filter.{k}": k for k in m.filter},
    }
    for key, col in named.items():
        if col is not None and col not in header:
            raise SnapshotError(
                f'{format_place(where, line)}: the mapping\'s {key} = "{col}" is not a column '
                f"of the header{did_you_mean(col, header) if closest(col, header) else ''} "
                f"(the header has: {', '.join(header)})"
            )


def apply_mapping(
    path: Path,
    mapping: Mapping,
    *,
    rows: Rows | None = None,
    as_of: str | None = None,
    name_of: Callable[[str, str | None], str] | None = None,
) -> ProfileData:
    """The snapshot data (bodies as records), the line of each body, and the notes."""
    where = show(path)
    notes: list[str] = []
    if rows is None:
        rows, table = read_rows(path, mapping)
        notes.extend(table.notes)
    m = mapping
    wide_cols: list[str] = []
    if m.wide is not None and rows:
        pattern = re.compile(m.wide)
        wide_cols = [c for c in rows[0][1] if pattern.fullmatch(c)]
    missing = set(m.missing)
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    names: dict[tuple[str, str, str], str] = {}
    first_line: dict[tuple[str, str, str], int] = {}
    aggregates: dict[str, int] = {}
    mapped: dict[str, str] = {}
    unreadable: list[str] = []
    no_code: dict[str, int] = {}
    places: dict[tuple[str, str, str], dict[str, Any]] = {}
    multi: list[str] = []
    kept = 0
    for line, row in rows:
        if any(row.get(k) != v for k, v in m.filter.items()):
            continue
        cell = row.get(m.country, "")
        if cell in m.aggregates or cell in missing:
            label = cell or row.get(m.country_name or "", "") or "(no country)"
            aggregates[label] = aggregates.get(label, 0) + 1
            continue
        if m.country_names.get(cell) == "":
            no_code[cell] = no_code.get(cell, 0) + 1
            continue
        place: dict[str, Any] = {}
        if m.country_separator and m.country_separator in cell:
            place = _places(cell, m.country_separator)
            if place.get("countries"):
                multi.append(cell)
            cell = place.pop("first")
        try:
            found = lookup(m.country_names.get(cell, cell))
        except UnknownCountry as exc:
            if m.unknown_countries == "aggregate":
                aggregates[cell] = aggregates.get(cell, 0) + 1
                continue
            raise SnapshotError(
                f'{format_place(where, line)}: column "{m.country}": {exc}; if it is an '
                "aggregate (a region, the world), list it in the mapping's aggregates"
            ) from None
        code = found.country.code
        if found.how != "alpha-2" and cell not in m.country_names:
            mapped.setdefault(cell, code)
        kept += 1
        chamber = _chamber(where, line, row, m)
        cells = [row.get(c, "") for c in (m.kind_column, m.id_column) if c]
        key = (code, chamber or "", "\x1f".join(cells))
        if place:
            places[key] = place
        names.setdefault(key, row.get(m.country_name or m.country, cell))
        first_line.setdefault(key, line)

        cite = f"{m.source}, line {line}" if m.source else f"line {line}"
        if wide_cols:
            for col in wide_cols:
                value = _figure(where, line, col, row.get(col, ""), m, unreadable)
                if value is None:
                    continue
                when = _period(where, line, col, col)
                groups.setdefault(key, []).append(
                    {"as_of": when, m.wide_field: value, "source": f"{cite}, {col}"}
                )
            continue
        when = as_of or m.as_of or ""
        if m.date is not None:
            when = _date(where, line, row, m, unreadable)
        obs: dict[str, Any] = {"as_of": when or None, "source": cite}
        for field in ("seats", "women", "share"):
            col = getattr(m, field)
            value = (
                None
                if col is None
                else _figure(where, line, col, row.get(col, ""), m, unreadable, field)
            )
            if value is not None:
                obs[field] = value
        groups.setdefault(key, []).append(obs)
    bodies: list[dict[str, Any]] = []
    lines: list[int | None] = []
    for key in sorted(groups, key=lambda k: first_line[k]):
        code, chamber, extra = key
        kind, level = m.kind, m.level
        if m.kind_column is not None:
            cell = extra.split("\x1f")[0]
            kind = m.kind_values.get(cell, kind)
            level = m.level_values.get(cell, level)
            extra = "\x1f".join([kind, *extra.split("\x1f")[1:]])
        history = sorted(
            (o for o in groups[key] if o.get("as_of") is not None),
            key=lambda o: _sort_key(o["as_of"]),
        )
        undated = [o for o in groups[key] if o.get("as_of") is None]
        latest = (undated or history)[-1]
        if not undated:
            history = history[:-1]
        parts = [m.id_prefix, code.lower(), chamber, *(_slug(e) for e in extra.split("\x1f"))]
        body: dict[str, Any] = {
            "id": "-".join(p for p in parts if p),
            "name": (name_of or _name)(names[key], chamber or None),
            "kind": kind,
            "country": code,
            **{k: v for k, v in latest.items() if v is not None},
        }
        if level:
            body["level"] = level
        if chamber:
            body["chamber"] = chamber
        body.update(places.get(key, {}))
        if body.get("countries"):
            del body["country"]
        if m.tags:
            body["tags"] = list(m.tags)
        if m.share is not None or (m.wide is not None and m.wide_field == "share"):
            body["share_unit"] = m.share_unit
        if history:
            body["history"] = history
        bodies.append(body)
        lines.append(first_line[key])
    if mapped:
        shown = ", ".join(f'"{k}" as {v}' for k, v in list(mapped.items())[:3])
        notes.append(
            f"{len(mapped)} country names or codes read as ISO 3166-1 alpha-2 codes (e.g. {shown})"
        )
    if aggregates:
        shown = ", ".join(f'"{k}"' for k in list(aggregates)[:4])
        notes.append(
            f"{count(sum(aggregates.values()), 'row')} of "
            f"{count(len(aggregates), 'aggregate')} skipped "
            f"(not countries: {shown}{' …' if len(aggregates) > 4 else ''})"
        )
    if multi:
        notes.append(
            f"{len(multi)} subjects span several states (country left out, countries given): "
            + ", ".join(f'"{c}"' for c in multi[:4])
            + (" …" if len(multi) > 4 else "")
        )
    if no_code:
        notes.append(
            f"{sum(no_code.values())} rows of states with no ISO 3166 code left out: "
            + ", ".join(f'"{k}"' for k in no_code)
        )
    if unreadable:
        notes.append(
            f"{len(unreadable)} figures that are not numbers left out: "
            f"{'; '.join(unreadable[:5])}{' …' if len(unreadable) > 5 else ''}"
        )
    notes.append(f"{count(kept, 'row')} read as {count(len(bodies), 'body', 'bodies')}")
    data: dict[str, Any] = {"bodies": bodies}
    if m.title:
        data["title"] = m.title
    return data, lines, notes


def count(n: int, one: str, many: str | None = None) -> str:
    """``1 row``, ``2 rows``."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _places(cell: str, sep: str) -> dict[str, Any]:
    """The states and the region a cell such as "Sudan/Darfur" names."""
    codes: list[str] = []
    region: list[str] = []
    first = ""
    for part in (p.strip() for p in cell.split(sep) if p.strip()):
        try:
            codes.append(lookup(part).country.code)
            first = first or part
        except UnknownCountry:
            region.append(part)
    out: dict[str, Any] = {"first": first or cell}
    if region and codes:
        out["region"] = sep.join(region)
    if len(codes) > 1:
        out["countries"] = list(dict.fromkeys(codes))
    return out


def _sort_key(value: Any) -> Any:
    from wpscheck.periods import parse_period

    return parse_period(value)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _name(printed: str, chamber: str | None) -> str:
    return f"{printed}: {chamber} chamber" if chamber else printed


def _chamber(where: str, line: int, row: dict[str, str], m: Mapping) -> str | None:
    if m.chamber is None:
        return None
    cell = row.get(m.chamber, "")
    value = m.chamber_values.get(cell, cell.lower())
    if value == "":
        return None  # declared: a body that is not one chamber of a legislature
    if value not in ("single", "lower", "upper"):
        raise SnapshotError(
            f'{format_place(where, line)}: column "{m.chamber}": "{cell}" is not a chamber: '
            "expected single, lower or upper, or a chamber_values entry in the mapping that "
            f'says which it is (e.g. chamber_values = {{ "{cell}" = "lower" }})'
        )
    return value


def _figure(
    where: str,
    line: int,
    col: str,
    cell: str,
    m: Mapping,
    unreadable: list[str],
    what: str | None = None,
) -> int | float | str | None:
    """The figure in a cell: a count, a share; None for a cell meaning no figure."""
    what = what or m.wide_field
    if cell in m.missing:
        return None
    text = cell.replace(",", ".") if what == "share" else cell
    try:
        number = float(text)
    except ValueError:
        number = None
    if what in ("seats", "women") and number is not None and number.is_integer():
        return int(number)
    if what == "share" and number is not None:
        return number
    if m.unreadable == "note":
        unreadable.append(f'line {line} {col} "{cell}"')
        return None
    expected = "a whole number" if what in ("seats", "women") else "a number"
    raise SnapshotError(
        f'{format_place(where, line)}: column "{col}": expected {expected} of {what} or a '
        f'cell meaning no figure ({", ".join(repr(x) for x in m.missing)}), got "{cell}"'
    )


def _period(where: str, line: int, col: str, text: str) -> str:
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?|-?Q[1-4])?", text):
        return text
    raise SnapshotError(
        f'{format_place(where, line)}: column "{col}": expected a year, quarter, month or '
        f'date, got "{text}"'
    )


def _date(where: str, line: int, row: dict[str, str], m: Mapping, unreadable: list[str]) -> str:
    assert m.date is not None
    cell = row.get(m.date, "")
    year = cell.split(".")[0] if re.fullmatch(r"\d{4}(\.0+)?", cell) else cell
    if m.month is not None:
        month = row.get(m.month, "").strip()
        if month:
            n = MONTHS.get(month.lower()) or (int(month) if month.isdigit() else None)
            if (n is None or not 1 <= n <= 12) and m.unreadable == "note":
                unreadable.append(f'line {line} {m.month} "{month}" (dated by its year)')
            elif n is None or not 1 <= n <= 12:
                raise SnapshotError(
                    f'{format_place(where, line)}: column "{m.month}": expected a month name '
                    f'or number, got "{month}"'
                )
            else:
                return f"{year}-{n:02d}"
    return _period(where, line, m.date, year)
