"""``unsd-sdg``: a series of the UN Statistics gender data portal (SDG 5.5.1 (a) and (b),
ministers, police, judges), tab-separated as published (often under a ``.csv`` name).

``ISO3`` is the country (a row without one is a region or the world: skipped, with a
note), ``TIME_PERIOD`` the year (kept as a year: "as of 1 Feb" is in ``COMMENT_OBS``, not a
day to invent), ``OBS_VALUE`` the percent (0–100) of women, ``MINSET_SERIES`` the kind of
body (legislature, local authorities, government, police, judiciary).
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
    # The series says what body it is about; it is part of the id, so that two series of
    # one country are two bodies.
    kind_column="MINSET_SERIES",
    kind_values={
        "S5867152a": "legislature",  # SDG 5.5.1(a), single or lower chamber
        "S37241f88": "local-authority",  # SDG 5.5.1(b), deliberative bodies of local government
        "S22b614cb": "government",  # ministerial positions
        "Sb3320b80": "other",  # police officers
        "S5aac0815": "judiciary",  # judges
    },
    level_values={"S37241f88": "local"},
    id_prefix="unsd",
    source="UN Statistics gender data portal",
)


def read(path: Path) -> ProfileData:
    return apply_mapping(path, MAPPING)
