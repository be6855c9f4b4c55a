"""Profiles: how to read a table as a publisher ships it, without converting it by hand.

A profile turns one file into snapshot data (bodies as records, the line of each, and
notes on what it read). The built-in ones are ``ipu-monthly``, ``ipu-historical``,
``unsd-sdg`` and ``worldbank-wide`` (one module each); a plugin adds more with the
``wpscheck_profiles`` hook; and a ``[mapping]`` table in TOML declares one for any table
(see :class:`~wpscheck.profiles.mapping.Mapping` and ``docs/sources.md``): named with
``--profile FILE.toml``, or found beside the data as ``NAME.wpscheck.toml`` for ``NAME.csv``.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from wpscheck.errors import SnapshotError, did_you_mean
from wpscheck.loading.files import read_text, show
from wpscheck.plugin import Profile
from wpscheck.profiles.mapping import Mapping, ProfileData, apply_mapping

__all__ = [
    "MAPPING_SUFFIX",
    "Mapping",
    "ProfileData",
    "load_mapping",
    "mapping_beside",
    "mapping_profile",
]


#: A mapping beside ``NAME.csv`` is ``NAME.wpscheck.toml``.
MAPPING_SUFFIX = ".wpscheck.toml"


def mapping_profile(name: str, mapping: Mapping, summary: str = "") -> Profile:
    """A profile that reads a file with a declared mapping."""

    def read(path: Path) -> ProfileData:
        return apply_mapping(path, mapping)

    return Profile(name=name, read=read, summary=summary or (mapping.title or name))


def mapping_beside(path: Path) -> Path | None:
    """The mapping file declared beside a data file (``NAME.wpscheck.toml``), if any."""
    beside = path.with_name(path.stem + MAPPING_SUFFIX)
    return beside if beside.is_file() else None


def load_mapping(path: Path) -> Profile:
    """A profile from a TOML file with a ``[mapping]`` table."""
    from wpscheck.loading.positions import loc_path, parse_toml

    where = show(path)
    data = parse_toml(path, read_text(path, what="mapping"), error=SnapshotError)
    table = data.get("mapping")
    if not isinstance(table, dict):
        keys = ", ".join(data) or "nothing"
        raise SnapshotError(
            f"{where}: expected a [mapping] table (which columns are the country, the date, "
            f"the seats, the women or the share); the file holds {keys}"
        )
    try:
        mapping = Mapping.model_validate(table)
    except ValidationError as exc:
        from wpscheck.loading.positions import describe_validation_error

        err = exc.errors()[0]
        line = _key_line(path, str(err["loc"][0]) if err["loc"] else "")
        place = f"{where}:{line}" if line else where
        raise SnapshotError(
            f"{place}: mapping.{loc_path(err['loc'])}: "
            f"{describe_validation_error(err, list(Mapping.model_fields))}"
        ) from None
    return mapping_profile(where, mapping)


def _key_line(path: Path, key: str) -> int | None:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip().startswith(f"{key} ") or line.strip().startswith(f"{key}="):
            return n
    return None


def unknown_profile(name: str, names: list[str]) -> SnapshotError:
    return SnapshotError(
        f'unknown profile "{name}"{did_you_mean(name, names)}; the profiles are '
        f"{', '.join(sorted(names))}, or give a TOML file with a [mapping] table"
    )
