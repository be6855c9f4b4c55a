"""The plugin host: a third-party package adds a check kind and a rule pack through the
``wpscheck`` entry-point group, exactly as the built-ins do; a broken plugin becomes an
``error`` finding naming it while every other rule still runs."""

from __future__ import annotations

import textwrap
import types
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from wpscheck.engine import check
from wpscheck.loading import load_snapshot, shipped_packs
from wpscheck.models import Finding
from wpscheck.plugin import BodySubject, CheckContext, CheckKind, FormatOptions, hookimpl
from wpscheck.registry import build_registry

TODAY = date(2021, 5, 1)

PLUGIN = '''
"""A tiny third-party wpscheck plugin: a check kind and a rule pack."""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from wpscheck.plugin import CheckKind, hookimpl


class ChairParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    role: str = "chair"


def check(ctx, subject):
    chairs = [m for m in subject.body.members if m.role == ctx.params.role]
    women = [m for m in chairs if m.gender == "female"]
    ok = bool(women)
    yield ctx.body_finding(
        subject,
        "pass" if ok else "fail",
        1.0 if ok else 0.0,
        f"{len(women)} of {len(chairs)} {ctx.params.role}s are women",
    )


@hookimpl
def wpscheck_check_kinds():
    return [CheckKind(id="woman-chair", subject="body", params=ChairParams, check=check,
                      summary="a woman among the chairs")]


@hookimpl
def wpscheck_rule_packs():
    return [Path(__file__).parent / "packs"]
'''

PACK = """
[pack]
id = "co-chairs"
title = "Women as co-chairs of peace-agreement mechanisms"

[[rule]]
id = "woman-co-chair"
check = "woman-chair"
title = "A woman among the co-chairs"
role = "co-chair"
references = ["seed note, 'Recommendations', a) ('including as co-chairs')"]
[rule.applies_to]
tags = ["peace-agreement"]
"""

SNAPSHOT = """
[[bodies]]
id = "csa"
name = "CSA"
kind = "peace-mechanism"
country = "ML"
tags = ["peace-agreement", "appointed"]
source = "test"
seats = 29
women = 9
members = [
  {name = "A", gender = "male", role = "co-chair"},
  {name = "B", gender = "female", role = "co-chair"},
]
"""


def _install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, package: str, source: str
) -> Path:
    """Install a plugin package as pip would: the package and a dist-info with its entry
    point ``name``; the package's folder."""
    site = tmp_path / "site"
    pkg = site / package
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text(source)
    dist = site / f"{package}-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {package}\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(f"[wpscheck]\n{name} = {package}\n")
    monkeypatch.syspath_prepend(str(site))
    return pkg


@pytest.fixture
def installed_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The co-chairs plugin installed, and a snapshot for it."""
    pkg = _install(tmp_path, monkeypatch, "cochairs", "wps_cochairs", PLUGIN)
    (pkg / "packs").mkdir()
    (pkg / "packs" / "co-chairs.toml").write_text(PACK)
    snap = tmp_path / "csa.toml"
    snap.write_text(textwrap.dedent(SNAPSHOT))
    return snap


def test_installed_plugin_adds_a_check_kind_and_a_pack(installed_plugin: Path) -> None:
    reg = build_registry(entry_points=True)
    assert reg.problems == []
    assert reg.check_kinds["woman-chair"].plugin == "cochairs"
    packs = shipped_packs(reg)
    assert "co-chairs" in [p.id for p in packs]
    report = check([load_snapshot(installed_plugin)], packs, reg=reg, today=TODAY)
    f = next(f for f in report.findings if f.rule_id == "co-chairs/woman-co-chair")
    assert (f.status, f.message, f.check) == ("pass", "1 of 2 co-chairs are women", "woman-chair")
    # The built-in packs ran on the same body.
    law = next(f for f in report.findings if f.rule_id == "mali-law-052/appointments-30pct")
    assert law.status == "pass"


def test_plugin_rule_key_errors_name_its_keys(installed_plugin: Path, tmp_path: Path) -> None:
    from wpscheck.errors import RulePackError
    from wpscheck.loading import load_pack

    bad = tmp_path / "bad.toml"
    bad.write_text(PACK.replace('role = "co-chair"', 'rol = "co-chair"'))
    reg = build_registry(entry_points=True)
    with pytest.raises(RulePackError) as exc:
        load_pack(bad, reg=reg)
    assert str(exc.value) == (
        f'{bad.as_posix()}:10:1: rule "woman-co-chair": unknown key "rol" for check kind '
        '"woman-chair" (did you mean "role"?)'
    )


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _crash(ctx: CheckContext, subject: BodySubject) -> Iterator[Finding]:
    raise ZeroDivisionError("division by zero")
    yield  # pragma: no cover


def _plugin(name: str, **hooks: object) -> types.ModuleType:
    mod = types.ModuleType(name)
    for hook, fn in hooks.items():
        setattr(mod, hook, hookimpl(fn))  # type: ignore[call-overload]
    return mod


def test_a_crashing_check_kind_is_an_error_finding_and_others_run(installed_plugin: Path) -> None:
    def kinds() -> list[CheckKind]:
        return [CheckKind(id="crash", subject="body", params=_Params, check=_crash, summary="x")]

    crashing = _plugin("crashing_plugin", wpscheck_check_kinds=kinds)
    reg = build_registry(crashing)
    pack_file = installed_plugin.parent / "crash.toml"
    pack_file.write_text(
        '[pack]\nid = "crashy"\ntitle = "C"\n[[rule]]\nid = "boom"\n'
        'check = "crash"\ntitle = "Boom"\n'
    )
    from wpscheck.loading import load_packs

    packs = [*shipped_packs(reg), *load_packs([pack_file], reg=reg)]
    report = check([load_snapshot(installed_plugin)], packs, reg=reg, today=TODAY)
    errors = [f for f in report.findings if f.status == "error"]
    assert len(errors) == 1
    assert errors[0].message == (
        'rule "crashy/boom" (check kind "crash" from plugin "crashing_plugin") failed on csa: '
        "ZeroDivisionError: division by zero"
    )
    assert any(f.rule_id == "mali-law-052/appointments-30pct" for f in report.findings)


def test_a_plugin_whose_hook_fails_is_named(installed_plugin: Path) -> None:
    def kinds() -> list[CheckKind]:
        raise RuntimeError("no database")

    broken = _plugin("broken_plugin", wpscheck_check_kinds=kinds)
    reg = build_registry(broken)
    report = check([load_snapshot(installed_plugin)], shipped_packs(reg), reg=reg, today=TODAY)
    errors = [f for f in report.findings if f.status == "error"]
    assert [(f.subject, f.message) for f in errors] == [
        (
            "broken_plugin",
            'plugin "broken_plugin": wpscheck_check_kinds failed: RuntimeError: no database',
        )
    ]
    assert report.summary.by_status["fail"] + report.summary.by_status["pass"] > 0


def test_an_entry_point_that_does_not_import_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    dist = site / "wps_missing-0.1.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: wps-missing\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[wpscheck]\nmissing = wps_not_there\n")
    monkeypatch.syspath_prepend(str(site))
    reg = build_registry(entry_points=True)
    assert [(p.plugin, p.message) for p in reg.problems] == [
        (
            "missing",
            "could not be loaded: ModuleNotFoundError: No module named 'wps_not_there'",
        )
    ]


RIVAL = '''
"""A third-party plugin that offers names the built-in plugin already provides."""
from wpscheck.checks.quota import QuotaParams
from wpscheck.plugin import CheckKind, Formatter, Reader, hookimpl


def check(ctx, subject):
    yield ctx.body_finding(subject, "fail", 0.0, "the rival quota")


def read(path):
    raise AssertionError("the rival reader must not be used")


@hookimpl
def wpscheck_check_kinds():
    return [CheckKind(id="quota", subject="body", params=QuotaParams, check=check, summary="x")]


@hookimpl
def wpscheck_readers():
    return [
        Reader(name="txt", suffixes=(".rst",), read=read),
        Reader(name="plain", suffixes=(".text",), read=read),
    ]


@hookimpl
def wpscheck_formatters():
    return [Formatter(name="json", render=lambda report, options: "rival\\n")]
'''


def test_a_plugin_never_replaces_a_builtin_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _install(tmp_path, monkeypatch, "rival", "wps_rival", RIVAL)
    reg = build_registry(entry_points=True)
    expected = [
        'plugin "rival": check kind "quota" is already provided by plugin "builtin"; '
        'the one from "rival" is ignored',
        'plugin "rival": reader "txt" is already provided by plugin "builtin"; '
        'the one from "rival" is ignored',
        'plugin "rival": reader "plain" offers .text, already read by reader "txt" of '
        'plugin "builtin"; the one from "rival" is ignored',
        'plugin "rival": format "json" is already provided by plugin "builtin"; '
        'the one from "rival" is ignored',
    ]
    assert [f'plugin "{p.plugin}": {p.message}' for p in reg.problems] == expected
    # The built-ins keep their names and run.
    assert [reg.check_kinds["quota"].plugin, reg.formatters["json"].plugin] == ["builtin"] * 2
    assert {r.plugin for r in reg.readers.values()} == {"builtin"}
    draft = Path(__file__).resolve().parents[1] / "fixtures" / "drafts" / "sanctions-pass.txt"
    reader = reg.reader_for(draft.with_suffix(".text"))
    assert reader is not None
    assert (reader.name, reader.plugin) == ("txt", "builtin")
    mali = Path(__file__).resolve().parents[1] / "fixtures" / "mali" / "bodies-2021.toml"
    report = check([load_snapshot(mali)], shipped_packs(reg), reg=reg, today=TODAY)
    errors = [f for f in report.findings if f.status == "error"]
    assert [(f.rule_id, f.subject, f.message) for f in errors] == [
        ("wpscheck/plugin", "rival", message) for message in sorted(expected)
    ]
    # Every other finding is the built-ins' own, as without the rival.
    plain = build_registry()
    alone = check([load_snapshot(mali)], shipped_packs(plain), reg=plain, today=TODAY)
    assert [f for f in report.findings if f.status != "error"] == alone.findings
    assert any(f.check == "quota" for f in alone.findings)
    assert reg.formatter("json").render(report, FormatOptions()).startswith("{\n")


def test_two_entry_points_of_one_name_load_one_and_name_the_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _install(tmp_path, monkeypatch, "dup", "wps_dup_b", "")
    _install(tmp_path, monkeypatch, "dup", "wps_dup_a", "")
    reg = build_registry(entry_points=True)
    assert getattr(reg.manager.get_plugin("dup"), "__name__", None) == "wps_dup_a"
    assert [(p.plugin, p.message) for p in reg.problems] == [
        ("dup", 'entry point "wps_dup_b" not loaded: a plugin named "dup" is already registered')
    ]


PROFILE_PLUGIN = '''
"""A third-party profile: a two-column "country,women-percent" file."""
from __future__ import annotations

from pathlib import Path

from wpscheck.plugin import Profile, hookimpl


def read(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    bodies = []
    for n, line in enumerate(lines[1:], start=2):
        country, share = line.split(",")
        bodies.append(
            {"id": f"x-{country.lower()}", "name": country, "kind": "legislature",
             "country": country, "share": f"{share} %"}
        )
    return {"bodies": bodies}, list(range(2, len(lines) + 1)), [f"{len(bodies)} rows"]


@hookimpl
def wpscheck_profiles():
    return [Profile(name="two-columns", read=read, summary="country and women percent")]
'''


def test_a_plugin_adds_a_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _install(tmp_path, monkeypatch, "twocols", "wps_twocols", PROFILE_PLUGIN)
    reg = build_registry(entry_points=True)
    assert reg.problems == []
    assert reg.profiles["two-columns"].plugin == "twocols"
    data = tmp_path / "shares.csv"
    data.write_text("country,women\nML,28.6\nSN,43\n", encoding="utf-8")
    from wpscheck.loading.snapshots import load_with_profile

    snap = load_with_profile(data, "two-columns", reg=reg)
    assert [(b.id, b.share) for b in snap.bodies] == [("x-ml", 0.286), ("x-sn", 0.43)]
    assert snap.lines == (2, 3)
    assert [n.message for n in snap.notes] == ['read with profile "two-columns"', "2 rows"]
