"""``check --against LAST``, ``rules new --from LAST`` and ``diff --wps`` (issue 10)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from wpscheck.against import against_pack
from wpscheck.cli import main
from wpscheck.loading import load_pack

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "against"
ANNEX = ROOT / "rules" / "baselines" / "S-RES-2531-2020-wps-annex.txt"
DRAFT_2640 = ROOT / ".." / "shared" / "corpus" / "S-RES-2640-2022-draft.txt"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[dict, str]:  # type: ignore[type-arg]
    _, out, _ = _run(capsys, "check", *argv, "--format", "json", "--all")
    return json.loads(out), out


def _by_ref(report: dict, pack: str) -> dict[str, str]:  # type: ignore[type-arg]
    return {
        f["expected"]["baseline_ref"]: f["classification"]
        for f in report["findings"]
        if f["pack"] == pack
    }


def test_against_fixture_classifies_each_wps_provision(capsys: pytest.CaptureFixture[str]) -> None:
    report, _ = _json(capsys, str(DATA / "draft.txt"), "--against", str(DATA / "last.txt"))
    assert _by_ref(report, "retain-s-res-9001-2030") == {
        "PP2": "dropped",
        "OP2": "weakened",
        "OP3": "modified",
    }
    lost = [f for f in report["findings"] if f["expected"].get("baseline_ref") == "OP3"]
    assert lost[0]["observed"]["lost_terms"] == ["Women Protection Advisers"]
    assert lost[0]["subject_name"] == "S/RES/9001 (2030) OP3 →"
    # Added to the shipped packs, which still run.
    assert "resolution-2531-wps" in [p["id"] for p in report["summary"]["packs"]]


def test_symbol_option_names_the_earlier_text(capsys: pytest.CaptureFixture[str]) -> None:
    pack = against_pack(DATA / "last.txt", symbol="S/RES/2677 (2023)")
    assert pack.id == "retain-s-res-2677-2023"
    assert pack.baseline_info == {"S-RES-2677-2023": {"symbol": "S/RES/2677 (2023)"}}
    assert pack.rules[0].references == ("S/RES/2677 (2023) PP2",)


def test_written_pack_is_the_golden_file_and_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(DATA / "last.txt", tmp_path / "last.txt")
    out = tmp_path / "pack.toml"
    code, stdout, _ = _run(
        capsys, "rules", "new", "--from", str(tmp_path / "last.txt"), "-o", str(out)
    )
    assert code == 0
    assert stdout == f"wrote {out.as_posix()}: pack retain-s-res-9001-2030, 3 rules\n"
    assert out.read_text(encoding="utf-8") == (DATA / "last-pack.toml").read_text(encoding="utf-8")
    assert _run(capsys, "rules", "validate", str(out))[0] == 0
    # Loading the file gives the pack --against builds in memory, less its path.
    derived = against_pack(tmp_path / "last.txt")
    assert load_pack(out).model_copy(update={"path": None}) == derived


def _same_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, last: Path, draft: Path
) -> dict:  # type: ignore[type-arg]
    """``--rules PACK.toml`` and ``--against LAST`` over the same other packs give the same
    bytes (the pack is outside the working folder, so neither report names its file)."""
    shutil.copy(last, tmp_path / last.name)
    pack = tmp_path / "pack.toml"
    assert (
        _run(capsys, "rules", "new", "--from", str(tmp_path / last.name), "-o", str(pack))[0] == 0
    )
    other = str(ROOT / "rules" / "data-integrity.toml")
    by_pack, a = _json(capsys, str(draft), "--rules", other, "--rules", str(pack))
    _, b = _json(capsys, str(draft), "--rules", other, "--against", str(tmp_path / last.name))
    assert a == b
    return by_pack


def test_rules_new_reproduces_against_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    _same_report(capsys, tmp_path, DATA / "last.txt", DATA / "draft.txt")


def test_rules_new_reproduces_against_on_the_2022_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    if not DRAFT_2640.is_file():
        pytest.skip("shared/corpus/S-RES-2640-2022-draft.txt is not beside the repository")
    monkeypatch.chdir(ROOT)
    report = _same_report(capsys, tmp_path, ANNEX, DRAFT_2640.resolve())
    assert len(_by_ref(report, "retain-s-res-2531-2020")) == 16


def test_against_2531_matches_the_shipped_pack(capsys: pytest.CaptureFixture[str]) -> None:
    if not DRAFT_2640.is_file():
        pytest.skip("shared/corpus/S-RES-2640-2022-draft.txt is not beside the repository")
    report, _ = _json(capsys, str(DRAFT_2640), "--against", str(ANNEX))
    shipped = _by_ref(report, "resolution-2531-wps")
    derived = _by_ref(report, "retain-s-res-2531-2020")
    # Every provision, with the shipped pack's ref: a lead whose one quoted dash item holds
    # the WPS words (OP3, OP28(a)(iii)) is one provision with it, as the pack names it.
    assert derived == shipped
    assert derived == {
        "PP1": "retained",
        "PP2": "dropped",
        "PP3": "retained",
        "OP3": "weakened",
        "OP4": "modified",
        "OP8": "retained",
        "OP28(a)(iii)": "modified",
        "OP28(a)(v)": "retained",
        "OP28(c)(iii)": "retained",
        "OP28(e)(iii)": "retained",
        "OP45": "modified",
        "OP51": "retained",
        "OP53": "weakened",
        "OP54": "weakened",
        "OP56": "retained",
        "OP57": "weakened",
    }


def test_no_wps_provision_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(
        capsys, "check", str(DATA / "draft.txt"), "--against", str(DATA / "no-wps.txt")
    )
    assert code == 2
    assert err == (
        f"error: {(DATA / 'no-wps.txt').as_posix()}: no women, peace and security provision "
        "found in its 2 paragraphs (no term of the WPS vocabulary, "
        "rules/vocabularies/wps-en.toml), so there is nothing to retain; give the earlier "
        "resolution of the mandate, or a pack with --rules\n"
    )


def test_unreadable_last_is_the_readers_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.txt"
    code, _, err = _run(capsys, "check", str(DATA / "draft.txt"), "--against", str(missing))
    assert (code, err) == (2, f"error: {missing.as_posix()}: no such file or directory\n")
    odd = tmp_path / "last.xyz"
    odd.write_text("x", encoding="utf-8")
    code, _, err = _run(capsys, "check", str(DATA / "draft.txt"), "--against", str(odd))
    assert code == 2
    assert err.startswith(f"error: {odd.as_posix()}: no reader for .xyz (draft formats: ")


def test_rules_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    last = tmp_path / "last.txt"
    shutil.copy(DATA / "last.txt", last)
    out = tmp_path / "pack.toml"
    out.write_text("keep", encoding="utf-8")
    code, _, err = _run(capsys, "rules", "new", "--from", str(last), "-o", str(out))
    assert code == 2
    assert err == (
        f"error: {out.as_posix()}: already exists; refusing to overwrite it (give --force to "
        "replace it, or choose another -o)\n"
    )
    assert out.read_text(encoding="utf-8") == "keep"
    assert _run(capsys, "rules", "new", "--from", str(last), "-o", str(out), "--force")[0] == 0
    code, _, err = _run(capsys, "rules", "new", "--from", str(last), "-o", str(last), "--force")
    assert code == 2
    assert err == (
        f"error: {last.as_posix()}: is the earlier resolution (--from); refusing to write the "
        "pack over it; choose another -o\n"
    )
    assert last.read_text(encoding="utf-8") == (DATA / "last.txt").read_text(encoding="utf-8")


def test_rules_new_needs_last_inside_the_packs_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pack.toml"
    last = DATA / "last.txt"
    code, _, err = _run(capsys, "rules", "new", "--from", str(last), "-o", str(out))
    assert code == 2
    assert err == (
        f"error: {last.as_posix()}: is not inside {tmp_path.as_posix()}, the folder of "
        f"{out.as_posix()}; a pack's baselines must be inside the pack's folder, so write the "
        f"pack beside the resolution (-o {(DATA / 'pack.toml').as_posix()}); nothing was written\n"
    )
    assert not out.exists()


def test_diff_wps_compares_only_wps_provisions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "diff", str(DATA / "last.txt"), str(DATA / "draft.txt"), "--wps")
    assert code == 1
    lines = out.splitlines()
    assert (
        lines[0] == "S/RES/9001 (2030) → S/2031/100    3 paragraphs: "
        "0 retained · 1 modified · 1 weakened · 1 dropped"
    )
    assert lines[1] == "WPS provisions only: 3 of 6 baseline paragraphs compared"
    refs = [ln.split()[0] for ln in lines[3:] if ln.startswith("  ") and not ln.startswith("   ")]
    assert refs == ["PP2", "OP2", "OP3"]
    _, out, _ = _run(
        capsys, "diff", str(DATA / "last.txt"), str(DATA / "draft.txt"), "--wps", "--format", "json"
    )
    data = json.loads(out)
    assert data["wps"] == {"provisions": 3, "paragraphs": 6}
    assert [p["baseline_ref"] for p in data["paragraphs"]] == ["PP2", "OP2", "OP3"]


def test_diff_wps_says_its_count_in_markdown_and_html(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("diff", str(DATA / "last.txt"), str(DATA / "draft.txt"), "--wps", "--format")
    _, md, _ = _run(capsys, *args, "markdown")
    assert md.splitlines()[2] == "_WPS provisions only: 3 of 6 baseline paragraphs compared_"
    _, page, _ = _run(capsys, *args, "html")
    assert "<p>WPS provisions only: 3 of 6 baseline paragraphs compared</p>" in page
