"""Reading input files safely: regular files only, under a size limit, UTF-8 text.

A path that is not a regular file (a FIFO, a device such as ``/dev/zero``, a socket, or a
symlink to one) is refused before anything is read: reading one could block forever or
never end. The size is checked before reading and enforced while reading, so a file that
grows meanwhile cannot take more memory than the limit.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

from wpscheck.errors import InputError, WpscheckError, format_place

__all__ = ["MAX_INPUT_BYTES", "parse_size", "read_bytes", "read_text", "show", "size_limit"]

#: The default largest input file read (snapshots, tables, packs …); ``--max-size`` or
#: :func:`size_limit` raises it.
MAX_INPUT_BYTES = 64 * 1024 * 1024

_LIMIT: ContextVar[int] = ContextVar("wpscheck_max_input_bytes", default=MAX_INPUT_BYTES)

_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12}
_UNITS |= {"k": 10**3, "m": 10**6, "g": 10**9, "kib": 2**10, "mib": 2**20, "gib": 2**30}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """A size such as ``500MB``, ``2GB``, ``64MiB`` or ``1000000`` (bytes), as bytes;
    ``ValueError`` naming the forms understood otherwise."""
    m = _SIZE.match(text)
    unit = m.group(2).lower() if m else ""
    if m is None or unit not in _UNITS or float(m.group(1)) * _UNITS[unit] < 1:
        raise ValueError(
            f'"{text}" is not a size; expected a number of bytes with an optional unit: '
            "KB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024), e.g. 500MB"
        )
    return int(float(m.group(1)) * _UNITS[unit])


@contextlib.contextmanager
def size_limit(limit: int | None) -> Iterator[None]:
    """Within the block, input files up to ``limit`` bytes are read (``None``: the default
    of :data:`MAX_INPUT_BYTES`). Scoped to the current context, not the process."""
    if limit is None:
        yield
        return
    token = _LIMIT.set(limit)
    try:
        yield
    finally:
        _LIMIT.reset(token)


_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def show(path: Path | str) -> str:
    """A path as the messages print it: as given, with forward slashes."""
    return Path(path).as_posix()


def read_bytes(
    path: Path,
    *,
    what: str = "file",
    limit: int | None = None,
    error: type[WpscheckError] = InputError,
    too_large_hint: str = "",
) -> bytes:
    """A file's bytes, or ``error`` saying it is missing, a directory, not a regular file,
    too large or unreadable. Without a ``limit``, the one :func:`size_limit` sets applies,
    and the error on a larger file says how to raise it."""
    if limit is None:
        limit = _LIMIT.get()
        if not too_large_hint:
            too_large_hint = "; raise the limit with --max-size SIZE, e.g. --max-size {size}"
    try:
        st = path.stat()  # follows a symlink: its target is what would be read
    except FileNotFoundError:
        raise error(f"{show(path)}: no such file or directory") from None
    except OSError as exc:
        raise error(f"{show(path)}: cannot be read ({exc.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise error(f"{show(path)}: is a directory, expected a {what}")
    if not stat.S_ISREG(st.st_mode):
        kind = next((name for test, name in _NOT_REGULAR if test(st.st_mode)), "not a file")
        via = " (through a symbolic link)" if path.is_symlink() else ""
        raise error(
            f"{show(path)}: is {kind}{via}, not a regular file; expected a {what} saved on disk"
        )
    if st.st_size > limit:
        raise error(_too_large(path, st.st_size, limit, what) + _hint(too_large_hint, st.st_size))
    try:
        # O_NONBLOCK: should the path be swapped for a FIFO after the check, opening it
        # does not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise error(f"{show(path)}: is not a regular file; expected a {what}")
            data = f.read(limit + 1)
    except OSError as exc:
        raise error(f"{show(path)}: cannot be read ({exc.strerror})") from None
    if len(data) > limit:
        hint = _hint(too_large_hint, len(data))
        raise error(_too_large(path, len(data), limit, what, grew=True) + hint)
    return data


def _hint(hint: str, size: int) -> str:
    """The hint, with ``{size}`` a round number of megabytes above ``size``."""
    return hint.replace("{size}", f"{size // 10**6 + 1}MB")


def _too_large(path: Path, size: int, limit: int, what: str, *, grew: bool = False) -> str:
    if grew:
        return f"{show(path)}: grew past the {limit:,}-byte limit for a {what} while being read"
    return f"{show(path)}: {size:,} bytes is larger than the {limit:,}-byte limit for a {what}"


def read_text(path: Path, *, what: str = "file") -> str:
    """Read a UTF-8 text file (a BOM is allowed) or raise a clear error."""
    data = read_bytes(path, what=what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{format_place(show(path), line)}: not UTF-8 text (byte 0x{data[exc.start]:02x} "
            f"at offset {exc.start}); save the {what} as UTF-8"
        ) from None
