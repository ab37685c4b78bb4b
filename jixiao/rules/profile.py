"""Rule profiles: every number the rules use, as data (``profiles/*.toml``, and
``$JIXIAO_HOME/profiles/*.toml``, which add profiles or replace a bundled one of the same name).

A profile may name another with ``extends = "national"``; its tables are merged key by key over
the parent's, and arrays (grades, level-1 weights) replace the parent's whole.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from jixiao.errors import RulesError
from jixiao.home import data_dirs


class ProfileError(RulesError, ValueError):
    """Unknown or invalid profile."""


class Level1Weight(BaseModel):
    key: str  # matched as a substring of the printed level-1 label ("满意度" in "服务对象满意度指标")
    label: str
    weight: Decimal


class Weights(BaseModel):
    execution: Decimal = Decimal(10)
    total: Decimal = Decimal(100)
    level1: list[Level1Weight] = Field(default_factory=list)


class Grade(BaseModel):
    label: str
    min: Decimal


class Qualitative(BaseModel):
    achieved: tuple[Decimal, Decimal] = (Decimal("0.8"), Decimal(1))
    partial: tuple[Decimal, Decimal] = (Decimal("0.6"), Decimal("0.8"))
    not_achieved: tuple[Decimal, Decimal] = (Decimal(0), Decimal("0.6"))
    achieved_words: list[str] = Field(default_factory=list)
    partial_words: list[str] = Field(default_factory=list)
    not_achieved_words: list[str] = Field(default_factory=list)

    def band_for(self, word: str) -> tuple[str, tuple[Decimal, Decimal]] | None:
        """The band ("achieved" …) an actual value such as "优" or "是" implies, if any."""
        for name in ("not_achieved", "partial", "achieved"):
            if word in getattr(self, f"{name}_words"):
                band: tuple[Decimal, Decimal] = getattr(self, name)
                return name, band
        return None


class Scoring(BaseModel):
    negative_zero_at: Decimal = Decimal(2)
    near_full: Decimal = Decimal("0.9")
    clear_miss: Decimal = Decimal("0.95")
    rounding_units: Decimal = Decimal(1)
    # An indicator whose target, actual, weight or score cell starts with one of these does not apply to
    # the project: it is dropped and the other indicators' weights are rescaled to keep the total.
    not_applicable: list[str] = ["不适用", "不涉及", "本项目不涉及", "无此项", "此项不适用"]


class Profile(BaseModel):
    name: str
    title: str = ""
    weights: Weights = Field(default_factory=Weights)
    grades: list[Grade] = Field(default_factory=list)
    qualitative: Qualitative = Field(default_factory=Qualitative)
    scoring: Scoring = Field(default_factory=Scoring)
    # Numbers of the evaluation-report and budget-disclosure rules (grade bands of a report,
    # tolerances …): owned by ``jixiao.rules.evaluation`` and ``jixiao.rules.budget``, which
    # validate them into their own models.
    evaluation: dict[str, Any] = Field(default_factory=dict)
    budget: dict[str, Any] = Field(default_factory=dict)
    monitoring: dict[str, Any] = Field(default_factory=dict)  # ``jixiao.rules.monitoring`` (绩效运行监控表)
    lifecycle: dict[str, Any] = Field(default_factory=dict)  # ``jixiao.rules.lifecycle`` (across documents)
    ocr: dict[str, Any] = Field(default_factory=dict)  # ``jixiao.rules.ocr`` (values read from scans)

    def grade_for(self, score: Decimal) -> str | None:
        """The grade label of a total score (grades are checked from the highest bound down)."""
        for grade in sorted(self.grades, key=lambda g: g.min, reverse=True):
            if score >= grade.min:
                return grade.label
        return None

    def level1_for(self, label: str | None) -> Level1Weight | None:
        """The profile's level-1 entry a printed label belongs to ("满意度" before "效益")."""
        if not label:
            return None
        for entry in sorted(self.weights.level1, key=lambda e: -len(e.key)):
            if entry.key in label:
                return entry
        return None


def _profile_files() -> dict[str, Path]:
    """Each profile name and its file: ``$JIXIAO_HOME/profiles`` wins over the package's."""
    files: dict[str, Path] = {}
    for directory in data_dirs("profiles"):
        for path in sorted(directory.glob("*.toml")):
            files.setdefault(path.stem, path)
    return files


def available_profiles() -> list[str]:
    """Names of the profiles: the bundled ones and those in ``$JIXIAO_HOME/profiles``."""
    return sorted(_profile_files())


def _raw(name: str, seen: tuple[str, ...] = ()) -> dict[str, Any]:
    if name in seen:
        raise ProfileError(f"规则配置循环继承 / profile inheritance cycle: {' → '.join((*seen, name))}")
    files = _profile_files()
    if name not in files:
        known = ", ".join(sorted(files))
        raise ProfileError(f"未知规则配置 / unknown profile: {name}（可用 / available: {known}）")
    try:
        data = tomllib.loads(files[name].read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ProfileError(f"规则配置无法读取 / unreadable profile {files[name]}: {error}") from error
    parent = data.pop("extends", None)
    if parent is None:
        return data
    return _merge(_raw(str(parent), (*seen, name)), data)


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


_CACHE: dict[tuple[str, tuple[Path, ...]], Profile] = {}


def load_profile(name: str = "national") -> Profile:
    """Load a profile by name (``$JIXIAO_HOME/profiles`` first, then the bundled ones); raises
    ``ProfileError`` for unknown or invalid ones."""
    key = (name, tuple(data_dirs("profiles")))  # a different JIXIAO_HOME is a different profile set
    if key not in _CACHE:
        try:
            _CACHE[key] = Profile.model_validate(_raw(name))
        except ValidationError as error:
            raise ProfileError(f"规则配置无效 / invalid profile {name}: {error}") from error
    return _CACHE[key]
