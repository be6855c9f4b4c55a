"""Published data read as it is: every raw file of ``../shared/data/raw`` that holds
composition figures loads with its profile (or a declared mapping) and gives the figures
of the hand conversion in ``../shared/data/converted`` — or, where they differ, the test
says exactly which and why."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.conftest import RunCli
from wpscheck.errors import WpscheckError
from wpscheck.loading.snapshots import load_with_profile
from wpscheck.loading.xlsx import read_xlsx
from wpscheck.models import Body, Snapshot, share_value
from wpscheck.profiles.ipu_monthly import election

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "data"
RAW = SHARED / "raw"
CONVERTED = SHARED / "converted"
MAPPINGS = ROOT / "tests" / "data" / "mappings"

IPU_MONTHLY = RAW / "ipu-mafaldim" / "women_percent_as_of2021.csv"
IPU_HISTORICAL = RAW / "ipu-mafaldim" / "women_in_parliament-historical_database-1945_to_2018.xlsx"
UNSD = RAW / "unstats-gender-portal" / "7100__IV_2__I836a1d80__S5867152a.tsv"
WORLDBANK = RAW / "worldbank-sg-gen-parl-zs" / "API_SG.GEN.PARL.ZS_DS2_en_csv_v2_1740381.csv"
PADD = RAW / "padd-good-2024" / "PADD_Agreement Level.csv"

pytestmark = pytest.mark.skipif(
    not RAW.is_dir(), reason="needs the raw data in ../shared/data (not shipped with wpscheck)"
)


Point = tuple[str, "int | None", "int | None", "float | None"]


def points(b: Body) -> list[Point]:
    """A body's observations, earliest first: (date as printed, seats, women, share)."""
    return [(str(o.as_of), o.seats, o.women, o.share) for o in (*b.history, b)]  # type: ignore[attr-defined]


def notes(snap: Snapshot) -> list[str]:
    return [n.message for n in snap.notes]


@pytest.fixture(scope="module")
def monthly() -> Snapshot:
    return load_with_profile(IPU_MONTHLY, "ipu-monthly")


@pytest.fixture(scope="module")
def historical() -> Snapshot:
    return load_with_profile(IPU_HISTORICAL, "ipu-historical")


def test_excel_damaged_election_dates_get_their_zeros_back() -> None:
    assert election("9.2018") == "2018-09"
    assert election("10.202") == "2020-10"  # Excel read 10.2020 as a number
    assert election("7.2") == "2000-07"
    assert election("-") is None
    assert election("13.2020") is None


def test_ipu_monthly_gives_the_source_figures(monthly: Snapshot) -> None:
    assert len(monthly.bodies) == 274
    assert notes(monthly)[-1] == "193 rows read as 274 bodies"
    by_id = {b.id: b for b in monthly.bodies}
    rw = by_id["ipu-rw-lower"]  # "1,Rwanda,9.2018,80,49,61.3,9.2019,26,10,38.5"
    assert (rw.chamber, rw.seats, rw.women, rw.stated_share, str(rw.as_of), rw.tags) == (
        "lower",
        80,
        49,
        "61.3 %",
        "2021-09-01",
        ("election-2018-09",),
    )
    assert (by_id["ipu-rw-upper"].seats, by_id["ipu-rw-upper"].women) == (26, 10)
    nz = by_id["ipu-nz-single"]  # "6,New Zealand,10.202,120,59,49.2,-,-,-,-"
    assert (nz.chamber, nz.seats, nz.women, nz.tags) == ("single", 120, 59, ("election-2020-10",))
    assert "ipu-nz-upper" not in by_id
    sd = by_id["ipu-sd-single"]  # "Suspended,Sudan,-,-,-,-,-,-,-,-"
    assert (sd.status, sd.seats, sd.women, sd.stated_share) == ("suspended", None, None, None)
    # Austria's upper chamber has no election date ("-") but figures.
    at = by_id["ipu-at-upper"]
    assert (at.seats, at.women, at.tags) == (61, 22, ())


def test_ipu_monthly_equals_the_hand_conversion(monthly: Snapshot) -> None:
    rows = list(
        csv.DictReader(
            (CONVERTED / "ipu-2021-09-chambers.csv").read_text(encoding="utf-8").splitlines()
        )
    )
    mine = {(b.country, b.chamber == "upper"): b for b in monthly.bodies}
    assert len(rows) == len(mine) == 274
    for r in rows:
        b = mine[(r["country"], r["id"].endswith("-upper"))]
        got = (
            "" if b.seats is None else str(b.seats),
            "" if b.women is None else str(b.women),
            b.stated_share or "",
            str(b.as_of),
            [t for t in b.tags if t.startswith("election-")],
            b.status == "suspended",
        )
        tags = r["tags"].split(";")
        want = (
            r["seats"],
            r["women"],
            r["stated_share"],
            r["as_of"],
            [t for t in tags if t.startswith("election-")],
            "suspended" in tags,
        )
        assert got == want, r["id"]


def test_unsd_sdg_equals_the_hand_conversion_without_invented_days() -> None:
    snap = load_with_profile(UNSD, "unsd-sdg")
    assert notes(snap)[1:] == [
        "columns separated by tabs",
        '193 country names or codes read as ISO 3166-1 alpha-2 codes (e.g. "AFG" as AF, '
        '"ALB" as AL, "DZA" as DZ)',
        '812 rows of 40 aggregates skipped (not countries: "World", "Africa", "South America", '
        '"Oceania" …)',
        "4068 rows read as 193 bodies",
    ]
    mine = {b.country: {p[0]: p[3] for p in points(b)} for b in snap.bodies}
    converted = json.loads((CONVERTED / "unsd-sdg551a-2000-2021.json").read_text("utf-8"))
    compared = 0
    for b in converted["bodies"]:
        for o in (*b["history"], b):
            # The converter invented a day ("2021-01-01", "2006-02-01"); the source says 2021.
            year = o["as_of"][:4]
            assert mine[b["country"]][year] == pytest.approx(share_value(o["share"]), abs=1e-12)
            compared += 1
    assert compared == 4068
    af = next(b for b in snap.bodies if b.country == "AF")
    assert (af.id, af.kind, str(af.as_of), len(af.history)) == (
        "unsd-af-legislature",
        "legislature",
        "2021",
        14,
    )
    assert af.share == pytest.approx(0.2702)


def test_ipu_historical_matches_the_hand_conversion_except_where_the_workbook_differs(
    historical: Snapshot,
) -> None:
    assert len(historical.bodies) == 380
    assert notes(historical)[-1] == "3815 rows read as 380 bodies"
    seen: dict[str, set[tuple[str, int | None, int | None]]] = {}
    assemblies: dict[str, set[tuple[str, int | None, int | None]]] = {}
    for b in historical.bodies:
        into = seen if b.chamber in ("single", "lower") else assemblies
        for when, seats, women, _ in points(b):
            into.setdefault(b.country or "", set()).add((when, seats, women))
    sheet = read_xlsx(IPU_HISTORICAL).rows
    months = "january february march april may june july august september october november "
    months += "december"
    converted = json.loads((CONVERTED / "ipu-lower-chambers-1945-2021.json").read_text("utf-8"))
    every = seen
    why: dict[str, int] = {}
    same = 0
    for b in converted["bodies"]:
        for o in b["history"]:
            year, month, _ = o["as_of"].split("-")
            when = year if "(month not given)" in o["source"] else f"{year}-{month}"
            if (when, o["seats"], o["women"]) in seen[b["country"]]:
                same += 1
                continue
            # Where they differ, the workbook says something the cleaned CSV (which the
            # converter read) changed by hand: a range of months, several counts in one
            # cell, or another state's chamber (the GDR's, filed under Germany).
            other = [c for c, obs in every.items() if (when, o["seats"], o["women"]) in obs]
            name = o["source"].split(": ", 1)[1].split(f", {year}")[0]
            rows = [
                r
                for r in sheet
                if r[3] == year and r[0].startswith(name) and r[5].lower() in ("single", "lower")
            ]
            if (when, o["seats"], o["women"]) in assemblies.get(b["country"], ()):
                reason = "not a chamber (a constituent or temporary assembly)"
            elif other:
                reason = f"another state: {other[0]}"
            elif any(r[4] and r[4].lower() not in months.split() for r in rows):
                reason = "a range of months"
            elif any(not r[6].isdigit() or not r[7].isdigit() for r in rows):
                reason = "several counts in a cell"
            else:
                reason = f"unexplained: {o}"
            why[reason] = why.get(reason, 0) + 1
    assert same == 2376
    assert why == {
        "a range of months": 53,
        "several counts in a cell": 3,
        "another state: DDDE": 9,  # the GDR's Volkskammer, not the Bundestag
        "another state: YDYE": 3,  # South Yemen's assembly, filed under Yemen
        "not a chamber (a constituent or temporary assembly)": 1,  # Uganda 1994
    }


def test_worldbank_wide_gives_one_observation_a_year() -> None:
    snap = load_with_profile(WORLDBANK, "worldbank-wide")
    assert len(snap.bodies) == 193
    af = next(b for b in snap.bodies if b.country == "AF")
    # "Afghanistan,AFG,…,27.86885246,27.01612903" (2019, 2020)
    assert str(af.as_of) == "2020"
    assert af.share == pytest.approx(0.2701612903)
    assert [(str(o.as_of), round(o.share or 0, 6)) for o in af.history[-2:]] == [
        ("2017", 0.277108),
        ("2019", 0.278689),
    ]
    assert notes(snap)[2].startswith('48 rows of 48 aggregates skipped (not countries: "ARB"')


def test_a_declared_mapping_reads_the_peace_delegations_as_converted() -> None:
    snap = load_with_profile(PADD, MAPPINGS / "padd.toml")
    assert len(snap.bodies) == 116
    mine = {b.id.rsplit("-", 1)[1]: b for b in snap.bodies}
    rows = list(
        csv.DictReader(
            (CONVERTED / "padd-peace-delegations.csv").read_text(encoding="utf-8").splitlines()
        )
    )
    for r in rows:
        b = mine[r["id"].split("-")[2]]
        assert ("" if b.seats is None else str(b.seats), str(b.as_of)) == (r["seats"], r["as_of"])
        assert ("" if b.women is None else str(b.women)) == r["women"]
        # The converter kept a country only where the cell named one; the mapping also
        # reads "Macedonia/Yugoslavia (former)" as MK with a region.
        assert (b.country or "") == r["country"] or b.countries or b.region
    darfur = next(b for b in snap.bodies if b.region == "Darfur")
    assert (darfur.country, darfur.countries) == ("SD", ())
    ecuador_peru = next(b for b in snap.bodies if b.countries == ("EC", "PE"))
    assert ecuador_peru.country is None


def test_check_with_a_profile_reports_what_reading_noticed(run_cli: RunCli) -> None:
    result = run_cli("check", str(IPU_MONTHLY), "--profile", "ipu-monthly", "--format", "json")
    report = json.loads(result.out)
    assert report["summary"]["subjects"] == 274
    assert [n["message"] for n in report["notes"]][:2] == [
        'read with profile "ipu-monthly"',
        '193 country names read as ISO 3166-1 alpha-2 codes (e.g. "Rwanda" as RW, "Cuba" as '
        'CU, "Nicaragua" as NI)',
    ]


def test_the_other_unsd_series_are_bodies_of_their_own_kind() -> None:
    folder = RAW / "unstats-gender-portal"
    local = load_with_profile(next(folder.glob("7200__*.tsv")), "unsd-sdg")
    ministers = load_with_profile(next(folder.glob("7000__*.tsv")), "unsd-sdg")
    assert {(b.kind, b.level) for b in local.bodies} == {("local-authority", "local")}
    assert {b.kind for b in ministers.bodies} == {"government"}
    assert (len(local.bodies), len(ministers.bodies)) == (135, 194)
    quotas = next(folder.glob("9600__*.tsv"))  # categories, no figures
    with pytest.raises(WpscheckError) as exc:
        load_with_profile(quotas, "unsd-sdg")
    assert str(exc.value).startswith(
        f'{quotas.as_posix()}:1: the mapping\'s share = "OBS_VALUE" is not a column of the '
        "header (the header has: INDICATOR_LABEL, "
    )


def test_declared_mappings_read_the_eige_quarters_and_the_wps_index() -> None:
    eige = load_with_profile(
        RAW / "eige-ministers-jadouch" / "2022_ministerial_data.csv",
        MAPPINGS / "eige-ministers.toml",
    )
    assert len(eige.bodies) == 28
    at = eige.bodies[0]  # "Austria,27.3,27.3,36.4,…"
    assert (at.id, str(at.as_of)) == ("eige-ministers-at", "2022-Q1")
    assert [(str(o.as_of), o.share) for o in at.history[:3]] == [
        ("2003-Q3", 0.273),
        ("2004-Q2", 0.273),
        ("2004-Q3", 0.364),
    ]
    assert notes(eige)[2] == (
        '1 row of 1 aggregate skipped (not countries: "European Union - 27 countries (from 2020)")'
    )
    index = load_with_profile(
        RAW / "wps-index-2025" / "wps-index-2025-analysis.csv", MAPPINGS / "wps-index.toml"
    )
    ml = next(b for b in index.bodies if b.country == "ML")  # "164,Mali,MLI,…,30.4,…"
    assert (str(ml.as_of), ml.share, ml.name) == ("2025", 0.304, "Mali")
    assert len(index.bodies) == 181
