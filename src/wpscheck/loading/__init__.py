"""Loading: rule packs from TOML, snapshots from TOML / JSON / CSV, drafts via readers.

One module per thing loaded: :mod:`~wpscheck.loading.files` (safe reading: regular files
only, a size limit), :mod:`~wpscheck.loading.positions` (line and column of a mistake,
validation errors as sentences), :mod:`~wpscheck.loading.packs`,
:mod:`~wpscheck.loading.snapshots`, :mod:`~wpscheck.loading.documents` and
:mod:`~wpscheck.loading.inputs`. Every mistake in a file becomes a
:class:`~wpscheck.errors.WpscheckError` whose message names the file, the line and column
(or the data path such as ``bodies[3].women``), what was expected, and the closest valid
name.
"""

from __future__ import annotations

from wpscheck.loading.documents import load_document
from wpscheck.loading.files import MAX_INPUT_BYTES, parse_size, read_bytes, read_text, size_limit
from wpscheck.loading.inputs import expand_inputs, load_inputs
from wpscheck.loading.packs import load_pack, load_packs, shipped_packs
from wpscheck.loading.positions import (
    describe_validation_error,
    locate_table_key,
    parse_json,
    parse_toml,
)
from wpscheck.loading.snapshots import SNAPSHOT_SUFFIXES, csv_records, load_snapshot

__all__ = [
    "MAX_INPUT_BYTES",
    "SNAPSHOT_SUFFIXES",
    "csv_records",
    "describe_validation_error",
    "expand_inputs",
    "load_document",
    "load_inputs",
    "load_pack",
    "load_packs",
    "load_snapshot",
    "locate_table_key",
    "parse_json",
    "parse_size",
    "parse_toml",
    "read_bytes",
    "read_text",
    "shipped_packs",
    "size_limit",
]
