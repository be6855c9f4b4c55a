"""Delimited text as publishers save it: the encoding and the delimiter are detected.

Encodings, in this order: a byte-order mark (UTF-8, UTF-16 LE/BE), UTF-16 without a mark
(every other byte of the first line is NUL), UTF-8, then Windows-1252 (what Excel saves
in Western locales; it decodes any byte except five unused ones). Delimiters: comma,
semicolon (Excel in French, German … locales) or tab, whichever splits the first lines
most evenly. What was detected, other than UTF-8 with commas, is said in a note.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

from wpscheck.errors import InputError, SnapshotError, format_place
from wpscheck.loading.files import read_bytes, show

__all__ = ["DELIMITERS", "Table", "TableStream", "decode", "read_table", "stream_table"]

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")

#: The delimiters tried, by name.
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}


@dataclasses.dataclass(frozen=True)
class Table:
    """The rows of a delimited file, with the 1-based line each starts on."""

    rows: list[list[str]]
    lines: list[int]
    encoding: str
    delimiter: str
    notes: tuple[str, ...] = ()


def decode(data: bytes, where: str) -> tuple[str, str]:
    """The text of ``data`` and the name of its encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", where), "UTF-8 with a byte-order mark"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", where), "UTF-16"
    head = data[:200]
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4:
        return _strict(data, "utf-16-le", where), "UTF-16 (little-endian, no byte-order mark)"
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4:
        return _strict(data, "utf-16-be", where), "UTF-16 (big-endian, no byte-order mark)"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{format_place(where, line)}: not text in UTF-8, UTF-16 or Windows-1252 (byte "
            f"0x{data[exc.start]:02x} at offset {exc.start}); save the file as UTF-8"
        ) from None


def _strict(data: bytes, encoding: str, where: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where}: not valid {encoding.upper()} text (offset {exc.start}); save the file "
            "as UTF-8"
        ) from None


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most columns, evenly."""
    sample = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_score = ",", -1.0
    for delim in DELIMITERS:
        counts = []
        for line in sample:
            try:
                counts.append(len(next(csv.reader([line], delimiter=delim))))
            except (StopIteration, csv.Error):
                counts.append(1)
        if not counts:
            continue
        # The commonest column count, weighted by how many lines have it.
        width = max(set(counts), key=lambda c: (counts.count(c), c))
        score = (width - 1) * counts.count(width) if width > 1 else 0
        if score > best_score:
            best, best_score = delim, score
    return best


@dataclasses.dataclass(frozen=True)
class TableStream:
    """The rows of a delimited file as they are parsed: ``(line, cells)`` pairs, each line
    the 1-based line the row starts on (a parse error is raised while iterating)."""

    rows: Iterator[tuple[int, list[str]]]
    encoding: str
    delimiter: str
    notes: tuple[str, ...] = ()


def stream_table(
    path: Path, *, delimiter: str | None = None, encoding: str | None = None
) -> TableStream:
    """Read a delimited file row by row; the delimiter and encoding are detected unless
    given. Only the text is held whole, not a list of every row."""
    where = show(path)
    data = read_bytes(path, what="data file", error=SnapshotError)
    if encoding is None:
        text, enc = decode(data, where)
    else:
        text, enc = _strict(data, encoding, where), encoding
    del data
    delim = delimiter or sniff_delimiter(text)
    notes = []
    if enc != "UTF-8" and enc != "UTF-8 with a byte-order mark":
        notes.append(f"read as {enc} text")
    if delim != "," and delimiter is None:
        notes.append(f"columns separated by {DELIMITERS[delim]}s")
    return TableStream(_rows(text, delim, where), enc, delim, tuple(notes))


def _rows(text: str, delim: str, where: str) -> Iterator[tuple[int, list[str]]]:
    # Lines as ``io.StringIO(text, newline="")`` gives them (ending at \r\n, \r or \n),
    # one at a time: a StringIO would copy the text at four bytes a character.
    lines = (m.group() for m in _LINE.finditer(text))
    reader = csv.reader(lines, delimiter=delim)
    start = 1
    try:
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error as exc:
        raise SnapshotError(
            f"{format_place(where, reader.line_num)}: not valid CSV: {exc}"
        ) from None


def read_table(path: Path, *, delimiter: str | None = None, encoding: str | None = None) -> Table:
    """Read a delimited file; the delimiter and encoding are detected unless given."""
    stream = stream_table(path, delimiter=delimiter, encoding=encoding)
    rows: list[list[str]] = []
    lines: list[int] = []
    for line, row in stream.rows:
        rows.append(row)
        lines.append(line)
    return Table(rows, lines, stream.encoding, stream.delimiter, stream.notes)
