"""``unsd-sdg``: a series of the UN Statistics gender data portal (SDG 5.5.1 (a) and (b),
ministers, police, judges), tab-separated as published (often under a ``.csv`` name).

``ISO3`` is the country (a row without one is a region or the world: skipped, with a
note), ``TIME_PERIOD`` the year (kept as a year: "as of 1 Feb" is in ``COMMENT_OBS``, not a
day to invent), ``OBS_VALUE`` the percent (0–100) of women.
"""

from __future__ import annotations

from pathlib import Path

from wpscheck.profiles.mapping import Mapping, ProfileData, apply_mapping

MAPPING = Mapping(
    title="UN Statistics gender data portal series",
    header_starts_with="INDICATOR_LABEL",
    country="ISO3",
    country_name="REF_AREA_DESC",
    date="TIME_PERIOD",
    share="OBS_VALUE",
    share_unit="percent",
    filter={"SEX": "F"},
    id_prefix="unsd",
    source="UN Statistics gender data portal",
)


def read(path: Path) -> ProfileData:
    return apply_mapping(path, MAPPING)
