"""Reading input files safely: regular files only, under a size limit, UTF-8 text.

A path that is not a regular file (a FIFO, a device such as ``/dev/zero``, a socket, or a
symlink to one) is refused before anything is read: reading one could block forever or
never end. The size is checked before reading and enforced while reading, so a file that
grows meanwhile cannot take more memory than the limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from wpscheck.errors import InputError, WpscheckError, format_place

__all__ = ["MAX_INPUT_BYTES", "read_bytes", "read_text", "show"]

MAX_INPUT_BYTES = 64 * 1024 * 1024

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
    limit: int = MAX_INPUT_BYTES,
    error: type[WpscheckError] = InputError,
    too_large_hint: str = "",
) -> bytes:
    """A file's bytes, or ``error`` saying it is missing, a directory, not a regular file,
    too large or unreadable."""
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
        raise error(_too_large(path, st.st_size, limit, what) + too_large_hint)
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
        raise error(_too_large(path, len(data), limit, what, grew=True) + too_large_hint)
    return data


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
