"""The ``wpscheck`` console command: :func:`wpscheck.cli.main`, then the process ends at
once.

Only the console command ends the process this way: library code and tests call
:func:`~wpscheck.cli.main`, which returns. Once the report is written and flushed there is
nothing left to do, and tearing down a heap of parsed drafts and findings (every object
freed one by one) would cost a run tens of milliseconds for nothing. ``--version`` is
answered before the command line module (argparse and the rest) is imported.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not ``typing.TYPE_CHECKING``: importing typing costs a few ms
if TYPE_CHECKING:
    from typing import NoReturn

__all__ = ["entry"]


def _code(exc: SystemExit) -> int:
    """The exit status the interpreter would give ``exc`` (a message: printed, status 1)."""
    if exc.code is None or isinstance(exc.code, int):
        return exc.code or 0
    print(exc.code, file=sys.stderr)
    return 1


def entry() -> NoReturn:
    """Run the command line, flush stdout and stderr, and end the process."""
    if sys.argv[1:] == ["--version"]:  # what argparse's version action prints
        from wpscheck._version import __version__

        sys.stdout.write(f"wpscheck {__version__}\n")
        code = 0
    else:
        from wpscheck.cli import main

        try:
            code = main()
        except SystemExit as exc:  # argparse: --help, a usage error
            code = _code(exc)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # a reader gone away, a stream closed
            continue
    os._exit(code)
