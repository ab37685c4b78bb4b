"""The profile's ``[ocr]`` table, validated."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ValidationError

from jixiao.rules.profile import Profile, ProfileError


class OcrSettings(BaseModel):
    min_confidence: Decimal = Decimal("0.9")  # a number cell read less surely is uncertain
    value_confidence: Decimal = Decimal("0.7")  # a target/actual/declared value cell read less surely is uncertain


def settings_of(profile: Profile) -> OcrSettings:
    try:
        return OcrSettings.model_validate(profile.ocr)
    except ValidationError as error:
        raise ProfileError(f"规则配置 [ocr] 无效 / invalid [ocr] table in profile {profile.name}: {error}") from error
