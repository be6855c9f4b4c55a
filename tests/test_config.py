"""Settings files: discovery from the current directory up, and their mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from wpscheck.config import ConfigError, discover, load_config


def _pack_dir(root: Path) -> Path:
    packs = root / "packs"
    packs.mkdir()
    return packs


def test_wpscheck_toml_is_found_from_a_subfolder(tmp_path: Path) -> None:
    _pack_dir(tmp_path)
    (tmp_path / "wpscheck.toml").write_text('rules = ["packs/"]\nfail-on = "warning"\n')
    deep = tmp_path / "drafts" / "2026"
    deep.mkdir(parents=True)
    found = discover(deep)
    assert found == (tmp_path / "wpscheck.toml").resolve()
    config = load_config(found)
    assert config.rules == (found.parent / "packs/",)
    assert (config.shipped, config.fail_on) == (True, "warning")
    assert config.note == f"settings from {found.as_posix()}"


def test_pyproject_counts_only_with_a_tool_wpscheck_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert discover(tmp_path) != (tmp_path / "pyproject.toml").resolve()
    _pack_dir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.wpscheck]\nrules = ["packs"]\nshipped = false\n'
    )
    found = discover(tmp_path)
    assert found == (tmp_path / "pyproject.toml").resolve()
    config = load_config(found)
    assert (config.shipped, config.rules) == (False, (found.parent / "packs",))
    assert config.note.endswith("pyproject.toml [tool.wpscheck]")


def test_wpscheck_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.wpscheck]\nfail-on = "never"\n')
    (tmp_path / "wpscheck.toml").write_text('fail-on = "warning"\n')
    assert discover(tmp_path) == (tmp_path / "wpscheck.toml").resolve()


def test_unknown_setting_names_the_nearest(tmp_path: Path) -> None:
    path = tmp_path / "wpscheck.toml"
    path.write_text('fail_on = "warning"\n')
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert str(err.value) == (
        f'{path.as_posix()}: unknown setting "fail_on" (did you mean "fail-on"?); '
        "the settings are rules, shipped, fail-on"
    )


def test_bad_fail_on_value(tmp_path: Path) -> None:
    path = tmp_path / "wpscheck.toml"
    path.write_text('fail-on = "errors"\n')
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert str(err.value) == (
        f'{path.as_posix()}: "fail-on" is "errors" (did you mean "error"?); '
        "expected one of error, warning, never"
    )


def test_missing_pack_folder(tmp_path: Path) -> None:
    path = tmp_path / "wpscheck.toml"
    path.write_text('rules = ["team-packs"]\n')
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert str(err.value) == (
        f'{path.as_posix()}: "rules" names team-packs, which does not exist in {tmp_path}'
    )


def test_nothing_to_check(tmp_path: Path) -> None:
    path = tmp_path / "wpscheck.toml"
    path.write_text("shipped = false\n")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert str(err.value) == (
        f'{path.as_posix()}: "shipped = false" with no "rules" would check nothing'
    )
