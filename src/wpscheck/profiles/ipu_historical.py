"""``ipu-historical``: the IPU historical database of women in national parliaments,
1945–2018 (the original ``.xlsx`` workbook or a CSV export of it).

One row per election or renewal of a chamber: ``Country, Region, Election / Renewal, Year,
Month (often empty), Chamber Type (Single, Lower, Upper), Chamber Total Seats, Total women,
% Of Women in Chamber (0–1), NOTES``. A date is a month where the month is given and a
year otherwise (never an invented day). Cells such as ``?``, ``Not available`` or
``59 52`` are left out with a note. Former countries (Czechoslovakia, the USSR …) get their
ISO 3166-3 codes; the Republic of Viet Nam and the Yemen Arab Republic keep VN and YE, which
were their codes before the unifications.
"""

from __future__ import annotations

from pathlib import Path

from wpscheck.profiles.mapping import MISSING, Mapping, ProfileData, apply_mapping

MAPPING = Mapping(
    title="IPU historical database of women in national parliaments, 1945-2018",
    header_starts_with="Country",
    country="Country",
    chamber="Chamber Type",
    # Assemblies that are not one chamber of a bicameral legislature keep no chamber.
    chamber_values={
        "Single Lower": "single",
        "Temporary Assembly": "",
        "Constituent Assembly": "",
        "Special": "",
        "Council": "",
        "Not available": "",
    },
    country_names={
        "Germany (Democratic Republic)": "DDDE",
        "Viet Nam North  (Democratic Republic Of)": "VDVN",
        "Yemen South (People's Democratic Republic)": "YDYE",
        "Yugoslavia (Federal Republic of)": "YUCS",
        # ISO 3166's VN and YE were first the codes of these two, and stayed.
        "Viet Nam South (Republic Of)": "VN",
        "Yemen North (Yemen Arab Republic)": "YE",
    },
    date="Year",
    month="Month",
    seats="Chamber Total Seats",
    women="Total women",
    missing=(*MISSING, "?", "Not available"),
    unreadable="note",
    id_prefix="ipu",
    source="IPU historical database 1945-2018",
)


def read(path: Path) -> ProfileData:
    return apply_mapping(path, MAPPING)
