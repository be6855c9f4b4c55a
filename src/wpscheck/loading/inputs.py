"""The inputs of a check: files and directories expanded, each loaded by its kind."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from wpscheck.candidates import ListFile
from wpscheck.errors import InputError
from wpscheck.loading.documents import load_document
from wpscheck.loading.files import show
from wpscheck.loading.lists import is_list_file, load_lists
from wpscheck.loading.snapshots import SNAPSHOT_SUFFIXES, load_snapshot
from wpscheck.models import Document, Snapshot
from wpscheck.registry import Registry, registry

__all__ = ["expand_inputs", "load_inputs"]


def expand_inputs(paths: Iterable[str | Path], *, reg: Registry | None = None) -> list[Path]:
    """Files to check: each file as given, each directory's supported files, sorted."""
    reg = reg or registry()
    suffixes = set(SNAPSHOT_SUFFIXES) | set(reg.document_suffixes)
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise InputError(f"{show(path)}: no such file or directory")
        if path.is_dir():
            found = sorted(
                f
                for f in path.rglob("*")
                if f.is_file()
                and f.suffix.lower() in suffixes
                and not any(part.startswith(".") for part in f.relative_to(path).parts)
            )
            if not found:
                raise InputError(
                    f"{show(path)}: directory holds no snapshots ({', '.join(SNAPSHOT_SUFFIXES)})"
                    f" or drafts ({', '.join(reg.document_suffixes) or 'no reader installed'})"
                )
            out.extend(found)
        else:
            out.append(path)
    return out


def load_inputs(
    paths: Iterable[str | Path], *, reg: Registry | None = None
) -> list[Snapshot | Document | ListFile]:
    """Load every input: snapshots by suffix, drafts by their reader, candidate lists
    (a ``.csv`` whose header has list_id, position and sex) by ``loading.lists``."""
    reg = reg or registry()
    subjects: list[Snapshot | Document | ListFile] = []
    for f in expand_inputs(paths, reg=reg):
        if f.suffix.lower() == ".csv" and is_list_file(f):
            subjects.append(load_lists(f))
        elif f.suffix.lower() in SNAPSHOT_SUFFIXES:
            subjects.append(load_snapshot(f))
        else:
            subjects.append(load_document(f, reg=reg))
    return subjects
