"""The inputs of a check: files and directories expanded, each loaded by its kind.

In a directory, files that are not inputs are skipped with a note, never silently: a rule
pack (a ``.toml`` with a ``[pack]`` table), a mapping (``NAME.wpscheck.toml``, read with
its data file), and in a folder that holds data (snapshots or tables), the notes beside it
(``*.md``, ``*.log``), which would otherwise be read as drafts. Other files of a suffix
no reader knows are passed over, as before.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal, overload

from wpscheck.candidates import ListFile
from wpscheck.errors import InputError
from wpscheck.loading.documents import load_document
from wpscheck.loading.files import show
from wpscheck.loading.lists import is_list_file, load_lists
from wpscheck.loading.snapshots import SNAPSHOT_SUFFIXES, load_with_profile, stream_csv
from wpscheck.models import Document, ReportNote, Snapshot, SnapshotStream
from wpscheck.registry import Registry, registry

__all__ = ["DATA_SUFFIXES", "InputPlan", "expand_inputs", "load_inputs", "plan_inputs"]

#: Workbooks: read with a profile or a mapping, or as a table of snapshot columns.
TABLE_SUFFIXES = (".xlsx",)
#: Every suffix read as data (a snapshot or a table), not as a draft.
DATA_SUFFIXES = (*SNAPSHOT_SUFFIXES, *TABLE_SUFFIXES)
#: In a folder of data, files with these suffixes are notes about it, not drafts.
NOTE_SUFFIXES = (".md", ".markdown", ".log")
_PACK = re.compile(r"^\s*\[pack\]\s*(#.*)?$", re.MULTILINE)


@dataclasses.dataclass(frozen=True)
class InputPlan:
    """The files to check, and a note for each file of a directory left out."""

    files: list[Path]
    notes: list[ReportNote]


def _is_pack(path: Path) -> bool:
    try:
        head = path.read_bytes()[:65536].decode("utf-8", "replace")
    except OSError:
        return False
    return bool(_PACK.search(head))


def plan_inputs(paths: Iterable[str | Path], *, reg: Registry | None = None) -> InputPlan:
    """Files to check (each file as given, each directory's inputs, sorted) and notes."""
    reg = reg or registry()
    data_suffixes = set(DATA_SUFFIXES)
    suffixes = data_suffixes | set(reg.document_suffixes)
    out: list[Path] = []
    notes: list[ReportNote] = []
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise InputError(f"{show(path)}: no such file or directory")
        if not path.is_dir():
            out.append(path)
            continue
        candidates = sorted(
            f
            for f in path.rglob("*")
            if f.is_file() and not any(part.startswith(".") for part in f.relative_to(path).parts)
        )
        data_dirs = {f.parent for f in candidates if f.suffix.lower() in data_suffixes}
        found: list[Path] = []
        for f in candidates:
            suffix = f.suffix.lower()
            why = None
            if f.name.endswith(".wpscheck.toml"):
                why = "a mapping, read with its data file"
            elif suffix == ".toml" and _is_pack(f):
                why = "a rule pack (pass it with --rules)"
            elif suffix in NOTE_SUFFIXES and f.parent in data_dirs:
                why = "a note in a data folder, not a draft"
            elif suffix not in suffixes:
                continue
            if why is None:
                found.append(f)
            else:
                notes.append(ReportNote(path=show(f), message=f"skipped: {why}"))
        if not found:
            raise InputError(
                f"{show(path)}: directory holds no snapshots ({', '.join(SNAPSHOT_SUFFIXES)})"
                f" or drafts ({', '.join(reg.document_suffixes) or 'no reader installed'})"
            )
        out.extend(found)
    return InputPlan(out, notes)


def expand_inputs(paths: Iterable[str | Path], *, reg: Registry | None = None) -> list[Path]:
    """Files to check: each file as given, each directory's supported files, sorted."""
    return plan_inputs(paths, reg=reg).files


#: A CSV snapshot from this size on is read a chunk at a time when it is checked alone
#: (``load_inputs(..., stream=True)``): about 85,000 bodies.
STREAM_BYTES = 8 * 2**20


@overload
def load_inputs(
    paths: Iterable[str | Path],
    *,
    reg: Registry | None = None,
    profile: str | None = None,
    stream: Literal[False] = False,
) -> list[Snapshot | Document | ListFile]: ...


@overload
def load_inputs(
    paths: Iterable[str | Path],
    *,
    reg: Registry | None = None,
    profile: str | None = None,
    stream: bool,
) -> list[Snapshot | Document | ListFile | SnapshotStream]: ...


def load_inputs(
    paths: Iterable[str | Path],
    *,
    reg: Registry | None = None,
    profile: str | None = None,
    stream: bool = False,
) -> list[Any]:
    """Load every input: snapshots by suffix (tables with ``profile``, or with the mapping
    beside them), drafts by their reader, candidate lists (a ``.csv`` whose header has
    list_id, position and sex) by ``loading.lists``. With ``stream``, a lone CSV snapshot
    of ``STREAM_BYTES`` or more is given as a :class:`SnapshotStream`, read a chunk at a
    time as it is checked, so that its bodies are never all in memory."""
    reg = reg or registry()
    files = expand_inputs(paths, reg=reg)
    if stream and len(files) == 1 and _streamable(files[0], profile):
        return [stream_csv(files[0])]
    subjects: list[Snapshot | Document | ListFile | SnapshotStream] = []
    for f in files:
        if f.suffix.lower() == ".csv" and profile is None and is_list_file(f):
            subjects.append(load_lists(f))
        elif f.suffix.lower() in DATA_SUFFIXES:
            subjects.append(load_with_profile(f, profile, reg=reg))
        else:
            subjects.append(load_document(f, reg=reg))
    return subjects


def _streamable(path: Path, profile: str | None) -> bool:
    """A plain CSV snapshot (no profile or mapping, not candidate lists) worth streaming."""
    from wpscheck.profiles import mapping_beside

    if profile is not None or path.suffix.lower() not in (".csv", ".tsv"):
        return False
    try:
        big = path.is_file() and path.stat().st_size >= STREAM_BYTES
    except OSError:
        return False
    return big and mapping_beside(path) is None and not is_list_file(path)
