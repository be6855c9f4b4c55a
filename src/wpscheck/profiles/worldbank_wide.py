"""``worldbank-wide``: a World Bank indicator download (``API_….csv``), one column a year.

The header row starts with ``Country Name`` (the preamble lines before it, when the file
has them, are skipped); ``Country Code`` is the ISO alpha-3 code, and a code that names no
country (``ARB`` Arab World, ``WLD`` World …) is an aggregate, skipped with a note. Each
filled year cell is an observation of the share in percent (SG.GEN.PARL.ZS: seats held by
women in national parliaments), dated by its year.
"""

from __future__ import annotations

from pathlib import Path

from wpscheck.profiles.mapping import Mapping, ProfileData, apply_mapping

MAPPING = Mapping(
    title="World Bank indicator, one column a year",
    header_starts_with="Country Name",
    country="Country Code",
    country_name="Country Name",
    wide=r"\d{4}",
    wide_field="share",
    share_unit="percent",
    unknown_countries="aggregate",
    id_prefix="wb",
    source="World Bank indicator download",
)


def read(path: Path) -> ProfileData:
    return apply_mapping(path, MAPPING)
