"""``ipu-monthly``: the IPU monthly ranking "Women in national parliaments" (CSV export).

A few preamble lines ("Source: …", "Date: …", "Ranking as of 1st September 2021"), then a
two-row header: ``Rank, Country``, then per chamber (lower or single house, upper chamber)
``Elections, Seats*, Women, %W``. Each country row gives one body per chamber it has: the
lower one is ``chamber = "single"`` when the country has no upper chamber. ``-`` means no
chamber or no figures; a rank of ``Suspended`` is ``status = "suspended"`` (a body with no
figures). The ranking's date ("as of 1st September 2021") dates every body; the election
(month.year, e.g. ``9.2018``) becomes the tag ``election-2018-09``. Excel, reading
``10.2020`` as a number, printed it ``10.202``: a month.year cell whose year has fewer than
four digits lost its trailing zeros, which are put back.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from wpscheck.countries import UnknownCountry, lookup
from wpscheck.errors import SnapshotError, format_place
from wpscheck.loading.csvfile import read_table
from wpscheck.loading.files import show
from wpscheck.profiles.mapping import MONTHS, ProfileData, count

_AS_OF = re.compile(r"as of (\d{1,2})(?:st|nd|rd|th)? (\w+) (\d{4})", re.IGNORECASE)
_ELECTION = re.compile(r"^(\d{1,2})\.(\d{1,4})$")
_NONE = ("", "-")


def election(cell: str) -> str | None:
    """``"9.2018"`` → ``"2018-09"``; ``"10.202"`` (Excel's 10.2020) → ``"2020-10"``."""
    m = _ELECTION.match(cell.strip())
    if m is None or not 1 <= int(m.group(1)) <= 12:
        return None
    return f"{m.group(2).ljust(4, '0')}-{int(m.group(1)):02d}"


def read(path: Path) -> ProfileData:
    where = show(path)
    table = read_table(path)
    notes = list(table.notes)
    rows, lines = table.rows, table.lines
    header = next((i for i, r in enumerate(rows) if r[:2] == ["Rank", "Country"]), None)
    if header is None or header + 1 >= len(rows) or rows[header + 1][:2] != ["Rank", "Country"]:
        raise SnapshotError(
            f'{where}: not an IPU monthly ranking: expected a two-row header starting "Rank,'
            'Country" (lower or single house, upper chamber; then Elections, Seats*, Women, '
            "%W for each)"
        )
    as_of: str | None = None
    for r in rows[:header]:
        m = _AS_OF.search(" ".join(r))
        if m and m.group(2).lower() in MONTHS:
            as_of = f"{m.group(3)}-{MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
    if as_of is None:
        notes.append('no "Ranking as of <day> <month> <year>" line: bodies are undated')
    bodies: list[dict[str, Any]] = []
    body_lines: list[int | None] = []
    mapped: dict[str, str] = {}
    n_rows = 0
    for line, row in zip(lines[header + 2 :], rows[header + 2 :], strict=True):
        if not any(c.strip() for c in row):
            continue
        if len(row) < 10:
            raise SnapshotError(
                f"{format_place(where, line)}: expected 10 columns (Rank, Country, then "
                f"Elections, Seats*, Women, %W for two chambers), found {len(row)}"
            )
        n_rows += 1
        rank, name = row[0].strip(), row[1].strip()
        try:
            found = lookup(name)
        except UnknownCountry as exc:
            raise SnapshotError(f'{format_place(where, line)}: column "Country": {exc}') from None
        code = found.country.code
        if found.how != "alpha-2":
            mapped.setdefault(name, code)
        lower, upper = row[2:6], row[6:10]
        has_upper = any(c.strip() not in _NONE for c in upper)
        for cells, chamber in ((lower, "lower" if has_upper else "single"), (upper, "upper")):
            if chamber == "upper" and not has_upper:
                continue
            body = _body(code, name, chamber, cells, line, as_of)
            if rank.lower() == "suspended":
                body["status"] = "suspended"
            bodies.append(body)
            body_lines.append(line)
    if mapped:
        shown = ", ".join(f'"{k}" as {v}' for k, v in list(mapped.items())[:3])
        notes.append(f"{len(mapped)} country names read as ISO 3166-1 alpha-2 codes (e.g. {shown})")
    notes.append(f"{count(n_rows, 'row')} read as {count(len(bodies), 'body', 'bodies')}")
    data: dict[str, Any] = {"title": "IPU monthly ranking of women in national parliaments"}
    if as_of:
        data["as_of"] = as_of
    data["bodies"] = bodies
    return data, body_lines, notes


def _body(
    code: str, name: str, chamber: str, cells: list[str], line: int, as_of: str | None
) -> dict[str, Any]:
    el, seats, women, pct = (c.strip() for c in cells)
    label = {"single": "single chamber", "lower": "lower chamber", "upper": "upper chamber"}
    body: dict[str, Any] = {
        "id": f"ipu-{code.lower()}-{chamber}",
        "name": f"{name}: {label[chamber]}",
        "kind": "legislature",
        "level": "national",
        "country": code,
        "chamber": chamber,
    }
    if as_of:
        body["as_of"] = as_of
    if seats not in _NONE:
        body["seats"] = seats
    if women not in _NONE:
        body["women"] = women
    if pct not in _NONE:
        body["stated_share"] = f"{pct} %"
    when = election(el)
    if when:
        body["tags"] = [f"election-{when}"]
    body["source"] = f"IPU monthly ranking, line {line}" + (
        f", last election {when}" if when else ""
    )
    return body
