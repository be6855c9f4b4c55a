"""Write ``src/wpscheck/data/countries.tsv`` from Debian's ``iso-codes`` package.

``python tools/make_countries.py [ISO_CODES_JSON_DIR]`` (default
``/usr/share/iso-codes/json``, from ``apt-get install iso-codes``) reads ISO 3166-1
(current countries) and ISO 3166-3 (former ones) and writes one row a country: its code
(alpha-2; alpha-4 for a former country), alpha-3, numeric, ISO short name, and the other
names people write for it (official name, common name, and the aliases below). The
wpscheck package reads only the TSV, so nothing at run time needs iso-codes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "wpscheck" / "data" / "countries.tsv"

#: Names in wide use that ISO does not list for the country: former ISO names, the short
#: forms the World Bank and the UN statistics print, and the names of dissolved states.
ALIASES: dict[str, tuple[str, ...]] = {
    "TR": ("Turkey",),
    "CZ": ("Czech Republic",),
    "SZ": ("Swaziland",),
    "CV": ("Cape Verde",),
    "MK": ("Macedonia", "The Former Yugoslav Republic of Macedonia"),
    "MM": ("Burma",),
    "CI": ("Ivory Coast",),
    "TL": ("East Timor",),
    "SY": ("Syria",),
    "RU": ("Russia",),
    "IR": ("Iran",),
    "LA": ("Laos", "Lao PDR"),
    "VN": ("Vietnam",),
    "LY": ("Libyan Arab Jamahiriya",),
    "VE": ("Venezuela, RB",),
    "HK": ("Hong Kong SAR, China",),
    "MO": ("Macao SAR, China", "Macau"),
    "KR": ("South Korea",),
    "KP": ("North Korea",),
    "US": ("United States of America", "USA"),
    "GB": ("Great Britain", "UK"),
    "SUHH": ("USSR", "Soviet Union"),
    "CSHH": ("Czechoslovakia",),
    "YUCS": ("Yugoslavia",),
    "CSXX": ("Serbia and Montenegro",),
    "DDDE": ("German Democratic Republic", "East Germany"),
}

#: Codes outside ISO 3166-1 that sources use for a territory ISO does not list.
EXTRA = [("XK", "XKX", "", "Kosovo", "Republic of Kosovo")]


def rows(src: Path) -> list[list[str]]:
    current = json.loads((src / "iso_3166-1.json").read_text(encoding="utf-8"))["3166-1"]
    former = json.loads((src / "iso_3166-3.json").read_text(encoding="utf-8"))["3166-3"]
    out = []
    for c in current:
        names = [c.get("official_name", ""), c.get("common_name", "")]
        out.append([c["alpha_2"], c["alpha_3"], c.get("numeric", ""), c["name"], "", *names])
    for c in former:
        year = c.get("withdrawal_date", "")[:4]
        out.append([c["alpha_4"], c.get("alpha_3", ""), c.get("numeric", ""), c["name"], year])
    for code, a3, num, name, *names in EXTRA:
        out.append([code, a3, num, name, "", *names])
    for row in out:
        row.extend(ALIASES.get(row[0], ()))
    return sorted(out, key=lambda r: (len(r[0]), r[0]))


def main(argv: list[str]) -> int:
    src = Path(argv[0]) if argv else Path("/usr/share/iso-codes/json")
    lines = ["# code\talpha3\tnumeric\tname\twithdrawn\tother names (from tools/make_countries.py)"]
    for row in rows(src):
        code, a3, num, name, withdrawn, *others = row
        others = [o for o in dict.fromkeys(others) if o and o != name]
        lines.append("\t".join([code, a3, num, name, withdrawn, "|".join(others)]))
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}: {len(lines) - 1} countries")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
