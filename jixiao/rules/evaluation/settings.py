"""The ``[evaluation]`` table of a rule profile, validated: grade bands of a report and tolerances."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field, ValidationError

from jixiao.rules.profile import Profile, ProfileError


class GradeBand(BaseModel):
    label: str
    min: Decimal
    aliases: list[str] = Field(default_factory=list)  # other printed forms of the same band ("良好" for "良")

    def matches(self, printed: str) -> bool:
        return printed == self.label or printed in self.aliases


class EvaluationSettings(BaseModel):
    part_total: Decimal = Decimal(100)  # the maxima of the 结论一览表's parts add up to this
    rounding_units: Decimal = Decimal(1)  # slack, in units of the last printed digit
    money_tolerance: Decimal = Decimal("0.01")  # 万元: amounts that differ by at most this are rounding
    grades: list[GradeBand] = Field(default_factory=list)  # highest first; empty → the profile's grades

    def bands(self, profile: Profile) -> list[GradeBand]:
        if self.grades:
            return sorted(self.grades, key=lambda g: g.min, reverse=True)
        return [GradeBand(label=g.label, min=g.min) for g in sorted(profile.grades, key=lambda g: g.min, reverse=True)]

    def band_for(self, profile: Profile, score: Decimal) -> GradeBand | None:
        return next((b for b in self.bands(profile) if score >= b.min), None)


def settings_of(profile: Profile) -> EvaluationSettings:
    """The profile's ``[evaluation]`` table, validated (once per checked document: it is small)."""
    try:
        return EvaluationSettings.model_validate(profile.evaluation)
    except ValidationError as error:
        raise ProfileError(f"规则配置[evaluation]无效 / invalid [evaluation] in {profile.name}: {error}") from error
