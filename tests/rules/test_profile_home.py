"""``$JIXIAO_HOME``: a province adds or replaces rule profiles in its own directory, without
editing the install (``jixiao.home.data_dirs``)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.home import PACKAGE_DIRS, data_dirs
from jixiao.rules.profile import ProfileError, available_profiles, load_profile

GUANGDONG = """\
name = "guangdong"
title = "广东省（示例）"
extends = "national"

[[grades]]
label = "优"
min = 85

[[grades]]
label = "差"
min = 0
"""


def test_data_dirs_without_a_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("JIXIAO_HOME", raising=False)
    assert data_dirs("profiles") == [PACKAGE_DIRS["profiles"]]
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "missing"))
    assert data_dirs("profiles") == [PACKAGE_DIRS["profiles"]]
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path))  # exists, but has no profiles/
    assert data_dirs("lexicon") == [PACKAGE_DIRS["lexicon"]]
    with pytest.raises(ValueError, match="未知数据类别"):
        data_dirs("nonsense")


def test_profile_from_jixiao_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "guangdong.toml").write_text(GUANGDONG, encoding="utf-8")
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path))
    assert data_dirs("profiles") == [tmp_path / "profiles", PACKAGE_DIRS["profiles"]]
    assert {"guangdong", "national", "beijing"} <= set(available_profiles())
    profile = load_profile("guangdong")
    assert [(g.label, g.min) for g in profile.grades] == [("优", Decimal(85)), ("差", Decimal(0))]
    assert profile.weights == load_profile("national").weights  # the rest from the bundled parent
    monkeypatch.delenv("JIXIAO_HOME")
    with pytest.raises(ProfileError, match="guangdong"):
        load_profile("guangdong")


def test_home_profile_replaces_a_bundled_one(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bundled = load_profile("beijing")
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "beijing.toml").write_text(
        GUANGDONG.replace('"guangdong"', '"beijing"'), encoding="utf-8")
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path))
    assert [g.label for g in load_profile("beijing").grades] == ["优", "差"]
    monkeypatch.delenv("JIXIAO_HOME")
    assert load_profile("beijing") == bundled


def test_unreadable_home_profile_is_a_profile_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "broken.toml").write_text("name = [", encoding="utf-8")
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path))
    with pytest.raises(ProfileError, match="无法读取"):
        load_profile("broken")
