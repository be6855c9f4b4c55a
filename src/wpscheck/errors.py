"""One root exception for every mistake a user can make, with the place it happened.

Every error a user can cause (a bad rule pack, a bad snapshot, a missing file) is a
:class:`WpscheckError`. The CLI prints ``error: <message>`` and exits with code 2; it
never shows a traceback for one of these.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "DocumentError",
    "InputError",
    "RulePackError",
    "SnapshotError",
    "WpscheckError",
    "closest",
    "did_you_mean",
    "format_place",
]


class WpscheckError(Exception):
    """The root of every error wpscheck raises on purpose.

    ``str(error)`` is the whole one-paragraph message a user sees.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(WpscheckError):
    """A file that is missing, unreadable, or of a kind wpscheck cannot read."""


class RulePackError(WpscheckError):
    """A rule pack that does not parse or does not validate."""


class SnapshotError(WpscheckError):
    """A snapshot of bodies that does not parse or does not validate."""


class DocumentError(WpscheckError):
    """A draft text that cannot be read."""


def closest(name: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The valid names closest to ``name``, best first (may be empty)."""
    pool = sorted(set(candidates))
    found = difflib.get_close_matches(name, pool, n=n, cutoff=0.6)
    if len(found) > 1:
        # Keep only the names about as close as the best: "min_shar" suggests "min_share",
        # not also "min_seats".
        ratio = [difflib.SequenceMatcher(None, name, c).ratio() for c in found]
        found = [c for c, r in zip(found, ratio, strict=True) if r >= ratio[0] - 0.1]
    if not found:
        lowered = name.lower()
        found = [c for c in pool if lowered and (lowered in c.lower() or c.lower() in lowered)][:n]
    return found


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """`` (did you mean "x"?)`` or `` (valid: a, b, c)`` — always says what is valid."""
    pool = sorted(set(candidates))
    near = closest(name, pool)
    if near:
        return " (did you mean " + " or ".join(f'"{c}"' for c in near) + "?)"
    if pool:
        return " (valid: " + ", ".join(pool) + ")"
    return ""


def format_place(path: str, line: int | None = None, column: int | None = None) -> str:
    """``path:line:column`` with whatever parts are known."""
    place = path
    if line is not None:
        place += f":{line}"
        if column is not None:
            place += f":{column}"
    return place
