"""Figures as sources state them: percent units, dates of year or month precision,
chambers and statuses, ISO country codes, declared kinds; CSV dialects and encodings;
``check DIR`` on a data folder; profiles from a plugin. Every error is asserted whole."""

from __future__ import annotations

import json
import textwrap
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import RunCli
from wpscheck.errors import WpscheckError
from wpscheck.loading import load_snapshot
from wpscheck.loading.snapshots import load_with_profile
from wpscheck.models import Body, Selector
from wpscheck.periods import Period, parse_period

BODY = 'id = "b"\nname = "B"\nkind = "legislature"\n'


def snapshot(tmp_path: Path, text: str, name: str = "s.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error(path: Path, profile: str | Path | None = None) -> str:
    with pytest.raises(WpscheckError) as exc:
        load_with_profile(path, profile)
    return str(exc.value).replace(str(path.parent) + "/", "")


# ----------------------------------------------------------------- percent units


def test_a_bare_percent_is_an_error_naming_both_ways_to_say_it(tmp_path: Path) -> None:
    path = snapshot(tmp_path, f"[[bodies]]\n{BODY}share = 61.3\n")
    assert error(path) == (
        "s.toml:5:1: bodies[0].share: 61.3 is not a share from 0 to 1; if it is a percent, say "
        'so: share = "61.3 %", or share_unit = "percent" beside it'
    )


def test_share_unit_percent_reads_bare_numbers_in_the_body_and_its_history(
    tmp_path: Path,
) -> None:
    path = snapshot(
        tmp_path,
        f'[[bodies]]\n{BODY}share = 61.3\nshare_unit = "percent"\nas_of = 2021\n'
        "[[bodies.history]]\nas_of = 2019\nshare = 50\n",
    )
    b = load_snapshot(path).bodies[0]
    assert b.share == pytest.approx(0.613)
    assert b.history[0].share == 0.5
    snap = snapshot(tmp_path, f'share_unit = "percent"\n[[bodies]]\n{BODY}share = 24.2\n', "t.toml")
    assert load_snapshot(snap).bodies[0].share == pytest.approx(0.242)


# ------------------------------------------------------------------------ dates


def test_dates_keep_the_precision_the_source_gives(tmp_path: Path) -> None:
    path = snapshot(
        tmp_path,
        f'as_of = 2021\n[[bodies]]\n{BODY}as_of = "2020-12"\n'
        "[[bodies.history]]\nas_of = 2019\nseats = 10\nwomen = 2\n",
    )
    snap = load_snapshot(path)
    assert (str(snap.as_of), str(snap.bodies[0].as_of)) == ("2021", "2020-12")
    assert str(snap.bodies[0].history[0].as_of) == "2019"
    assert snap.bodies[0].model_dump(mode="json")["as_of"] == "2020-12"


def test_a_bad_date_says_the_three_forms(tmp_path: Path) -> None:
    path = snapshot(tmp_path, f'[[bodies]]\n{BODY}as_of = "2020-13"\n')
    assert error(path) == (
        's.toml:5:1: bodies[0].as_of: expected a year (2021), a month ("2020-12") or a day '
        '(2020-12-05), got "2020-13"'
    )


def test_the_order_of_a_year_a_month_and_a_day() -> None:
    y, m, d = parse_period(2020), parse_period("2020-06"), parse_period("2020-06-15")
    jan = parse_period("2020-01")
    assert sorted([parse_period(2021), d, m, jan, date(2020, 1, 1), y]) == [
        y,
        jan,
        date(2020, 1, 1),
        m,
        d,
        parse_period(2021),
    ]
    assert y != date(2020, 1, 1)
    assert [str(p) for p in (y, m, d)] == ["2020", "2020-06", "2020-06-15"]
    q3 = parse_period("2020-Q3")
    assert (str(q3), q3.month) == ("2020-Q3", 7)
    assert m < q3 < parse_period("2020-07") < parse_period("2020-Q4")


def _period(d: date, precision: str) -> Period:
    """The period of ``precision`` that holds ``d``."""
    month = {"year": 1, "quarter": (d.month - 1) // 3 * 3 + 1}.get(precision, d.month)
    return Period(d.year, month, d.day if precision == "day" else 1, precision=precision)  # type: ignore[arg-type]


periods = st.builds(
    _period,
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.sampled_from(["year", "quarter", "month", "day"]),
)


@given(periods, periods)
def test_periods_are_totally_ordered_by_first_day_then_precision(a: Period, b: Period) -> None:
    assert (a < b) + (a == b) + (a > b) == 1
    if a.toordinal() != b.toordinal():
        assert (a < b) == (a.toordinal() < b.toordinal())
    assert parse_period(str(a)) == a


# ---------------------------------------------------------- chamber and status


def test_chamber_and_status_are_checked_and_select(tmp_path: Path) -> None:
    path = snapshot(tmp_path, f'[[bodies]]\n{BODY}chamber = "lowr"\n')
    assert error(path) == (
        's.toml:5:1: bodies[0].chamber: unknown chamber "lowr": expected one of single, lower, '
        'upper (did you mean "lower"?)'
    )
    upper = Body(id="b", name="B", kind="legislature", chamber="upper", status="suspended")
    assert Selector(chamber="upper").matches_body(upper)
    assert not Selector(chamber=["lower", "single"]).matches_body(upper)
    assert Selector(status="suspended").matches_body(upper)
    assert Selector(status="sitting").matches_body(Body(id="c", name="C", kind="legislature"))


# -------------------------------------------------------------------- countries


def test_alpha3_codes_and_names_are_read_as_alpha2_with_a_note(tmp_path: Path) -> None:
    path = snapshot(
        tmp_path,
        f'[[bodies]]\n{BODY}country = "SSD"\n[[bodies]]\nid = "c"\nname = "C"\n'
        'kind = "legislature"\ncountry = "Colombia"\n',
    )
    snap = load_snapshot(path)
    assert [b.country for b in snap.bodies] == ["SS", "CO"]
    assert [n.message for n in snap.notes] == [
        'bodies[0].country: "SSD" read as SS (South Sudan), from its alpha-3',
        'bodies[1].country: "Colombia" read as CO (Colombia), from its name',
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("co", 'country "co": codes are upper case: CO (Colombia)'),
        (
            "SX2",
            'country "SX2" is not an ISO 3166-1 country: give its alpha-2 code (e.g. ML), '
            "alpha-3 code or name; nearest: SX (Sint Maarten (Dutch part))",
        ),
        (
            "Sudan/Darfur",
            'country "Sudan/Darfur" is not an ISO 3166-1 country: give its alpha-2 code (e.g. '
            "ML), alpha-3 code or name; nearest: SD (Sudan); a part of a country goes in "
            'region: country = "SD", region = "Darfur"',
        ),
    ],
)
def test_a_country_that_is_no_code_is_an_error(tmp_path: Path, value: str, message: str) -> None:
    path = snapshot(tmp_path, f'[[bodies]]\n{BODY}country = "{value}"\n')
    assert error(path) == f"s.toml:5:1: bodies[0].country: {message}"


def test_a_region_of_a_country_is_declared(tmp_path: Path) -> None:
    path = snapshot(tmp_path, f'[[bodies]]\n{BODY}country = "SD"\nregion = "Darfur"\n')
    b = load_snapshot(path).bodies[0]
    assert (b.country, b.region) == ("SD", "Darfur")
    multi = Body(id="p", name="P", kind="peace-mechanism", countries=("EC", "PE"))
    assert Selector(country="PE").matches_body(multi)


# ---------------------------------------------------------------- declared kinds


def test_a_snapshot_declares_kinds_of_its_own(tmp_path: Path) -> None:
    ok = snapshot(
        tmp_path, 'kinds = ["delegation"]\n[[bodies]]\nid = "d"\nname = "D"\nkind = "delegation"\n'
    )
    assert load_snapshot(ok).bodies[0].kind == "delegation"
    bad = snapshot(tmp_path, '[[bodies]]\nid = "d"\nname = "D"\nkind = "delegaton"\n', "b.toml")
    assert error(bad).startswith('b.toml:4:1: bodies[0].kind: unknown body kind "delegaton"')
    assert error(bad).endswith(
        '; a snapshot may declare kinds of its own, e.g. kinds = ["delegation"]'
    )
    typo = snapshot(
        tmp_path,
        'kinds = ["delegation"]\n[[bodies]]\nid = "d"\nname = "D"\nkind = "delegatoin"\n',
        "c.toml",
    )
    assert '(did you mean "delegation"?)' in error(typo)


# ------------------------------------------------------------ dialects, encodings

CSV = "id;name;kind;seats;women\nml-cnt;Conseil national de Transition;transition-council;121;31\n"


@pytest.mark.parametrize(
    ("encoding", "note"),
    [
        ("utf-8", ["columns separated by semicolons"]),
        ("cp1252", ["read as Windows-1252 text", "columns separated by semicolons"]),
        ("utf-16", ["read as UTF-16 text", "columns separated by semicolons"]),
    ],
)
def test_csv_in_excel_dialects_is_read_and_said(
    tmp_path: Path, encoding: str, note: list[str]
) -> None:
    path = tmp_path / "cnt.csv"
    path.write_bytes(CSV.replace("Conseil", "Conseil é").encode(encoding))
    snap = load_snapshot(path)
    assert (snap.bodies[0].seats, snap.bodies[0].women) == (121, 31)
    assert snap.bodies[0].name == "Conseil é national de Transition"
    assert [n.message for n in snap.notes] == note


def test_a_published_table_without_a_profile_is_pointed_to_one(tmp_path: Path) -> None:
    path = tmp_path / "wb.csv"
    path.write_text("Country Name,Country Code,2019\nMali,MLI,9.5\n", encoding="utf-8")
    assert error(path) == (
        'wb.csv:1: unknown column "Country Name" (did you mean "country"?); this looks like a '
        "table as its publisher ships it: read it with --profile (see docs/sources.md)"
    )


# --------------------------------------------------------------- mappings, profiles


def test_a_mapping_beside_the_data_is_used_and_its_mistakes_are_placed(tmp_path: Path) -> None:
    data = tmp_path / "ml.csv"
    data.write_text("Pays;Année;Sièges;Femmes\nMali;2020;147;41\nMali;2023;147;-\n", "cp1252")
    (tmp_path / "ml.wpscheck.toml").write_text(
        '[mapping]\ncountry = "Pays"\ndate = "Année"\nseats = "Sièges"\nwomen = "Femmes"\n',
        encoding="utf-8",
    )
    snap = load_with_profile(data)
    b = snap.bodies[0]
    assert (b.id, b.country, str(b.as_of), b.seats, b.women) == ("row-ml", "ML", "2023", 147, None)
    assert [(str(o.as_of), o.seats, o.women) for o in b.history] == [("2020", 147, 41)]
    assert [n.message for n in snap.notes] == [
        'read with profile "' + (tmp_path / "ml.wpscheck.toml").as_posix() + '"',
        "read as Windows-1252 text",
        "columns separated by semicolons",
        '1 country names or codes read as ISO 3166-1 alpha-2 codes (e.g. "Mali" as ML)',
        "2 rows read as 1 body",
    ]
    (tmp_path / "ml.wpscheck.toml").write_text('[mapping]\ncountry = "Pays"\nseats = "Siège"\n')
    assert error(data) == (
        'ml.csv:1: the mapping\'s seats = "Siège" is not a column of the header (did you mean '
        '"Sièges"?) (the header has: Pays, Année, Sièges, Femmes)'
    )
    (tmp_path / "ml.wpscheck.toml").write_text('[mapping]\ncountry = "Pays"\nseat = "Sièges"\n')
    assert error(data) == (
        'ml.wpscheck.toml:3: mapping.seat: unknown key "seat" (did you mean "seats"?)'
    )


def test_an_unknown_profile_names_the_nearest(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("a\n")
    run = run_cli("check", "t.csv", "--profile", "unsd-sgd", cwd=tmp_path)
    assert run.err == (
        'error: unknown profile "unsd-sgd" (did you mean "unsd-sdg"?); the profiles are '
        "ipu-historical, ipu-monthly, unsd-sdg, worldbank-wide, or give a TOML file with a "
        "[mapping] table\n"
    )
    assert run.code == 2


def test_a_workbook_without_the_extra_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "python_calamine", None)
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"PK")
    assert error(path, "ipu-historical") == (
        "t.xlsx: install wpscheck[xlsx] to read .xlsx workbooks (pip install 'wpscheck[xlsx]')"
    )


def test_check_dir_skips_packs_mappings_and_notes_with_a_note(
    run_cli: RunCli, tmp_path: Path
) -> None:
    root = Path(__file__).resolve().parents[1]
    data = tmp_path / "data"
    data.mkdir()
    (data / "bodies.toml").write_text(
        (root / "fixtures" / "mali" / "bodies-2021.toml").read_text("utf-8"), "utf-8"
    )
    (data / "quota.toml").write_text('[pack]\nid = "p"\ntitle = "P"\n', "utf-8")
    (data / "README.md").write_text("# Notes\n", "utf-8")
    (data / "convert.log").write_text("guessed\n", "utf-8")
    run = run_cli("check", "data", "--format", "json", cwd=tmp_path)
    report = json.loads(run.out)
    assert report["inputs"] == ["data/bodies.toml"]
    assert report["notes"][:3] == [
        {"path": "data/README.md", "message": "skipped: a note in a data folder, not a draft"},
        {"path": "data/convert.log", "message": "skipped: a note in a data folder, not a draft"},
        {"path": "data/quota.toml", "message": "skipped: a rule pack (pass it with --rules)"},
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_dir_reads_a_table_with_the_mapping_beside_it(
    run_cli: RunCli, tmp_path: Path, jobs: str
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "ml.csv").write_text("Pays,Sièges,Femmes\nMali,147,41\n", encoding="utf-8")
    (data / "ml.wpscheck.toml").write_text(
        '[mapping]\ncountry = "Pays"\nas_of = "2020-04"\nseats = "Sièges"\nwomen = "Femmes"\n',
        encoding="utf-8",
    )
    run = run_cli("check", "data", "--format", "json", "-j", jobs, cwd=tmp_path)
    report = json.loads(run.out)
    assert report["inputs"] == ["data/ml.csv"]
    assert report["summary"]["subjects"] == 1
    assert report["notes"][0] == {
        "path": "data/ml.wpscheck.toml",
        "message": "skipped: a mapping, read with its data file",
    }
    assert report["notes"][1] == {
        "path": "data/ml.csv",
        "message": 'read with profile "data/ml.wpscheck.toml"',
    }
