"""OC001 on 绩效目标申报表 read from scans: an amount, an indicator's value cell or its 分值 whose OCR
confidence is below the profile's ``[ocr]`` bound (the same rule as on self-evaluations, see
:mod:`jixiao.rules.ocr.oc001_low_confidence`)."""

from __future__ import annotations

from collections import Counter

from jixiao.model.declaration import TargetDeclaration
from jixiao.model.document import Document
from jixiao.rules.finding import Finding, FormRef, locate
from jixiao.rules.ocr import oc001_low_confidence as oc001
from jixiao.rules.ocr.settings import OcrSettings, settings_of
from jixiao.rules.profile import Profile

AMOUNTS = {"total_amount": "资金总额", "fiscal_amount": "财政拨款", "other_amount": "其他资金"}


def check_declarations(doc: Document, profile: Profile) -> list[Finding]:
    """OC001 findings on every target declaration of ``doc`` (none for a document with a text layer)."""
    findings: list[Finding] = []
    seen: Counter[str] = Counter()
    settings: OcrSettings | None = None
    for td in doc.target_declarations:
        index = seen[td.kind]
        seen[td.kind] += 1
        if not td.confidence and not any(i.confidence for i in td.indicators):
            continue
        settings = settings or settings_of(profile)
        findings.extend(_declaration(doc.source, index, td, settings, profile.name))
    return findings


def _declaration(source: str, index: int, td: TargetDeclaration, settings: OcrSettings,
                 profile: str) -> list[Finding]:
    name = f"「{td.project_name or td.unit or f'第{index + 1}张申报表'}」"
    cells: list[tuple[str, str, int | None, str, float, bool]] = []
    for key, label in AMOUNTS.items():
        if key in td.confidence and td.printed.get(key):
            cells.append((key, label, None, td.printed[key], td.confidence[key], True))
    for n, ind in enumerate(td.indicators):
        what = f"第{n + 1}行指标「{ind.level3 or ind.level2 or ''}」"
        text = ind.cell or ind.printed_value or (ind.value if isinstance(ind.value, str) else None)
        if "value" in ind.confidence and text:
            cells.append((f"indicators.{n}.value", what + "指标值", ind.line, text, ind.confidence["value"], False))
        if "weight" in ind.confidence and ind.weight is not None:
            cells.append((f"indicators.{n}.weight", what + "分值", ind.line, format(ind.weight, "f"),
                          ind.confidence["weight"], True))
    out: list[Finding] = []
    for path, label, line, text, confidence, number in cells:
        if not oc001.doubt(text, confidence, number, settings):
            continue
        out.append(Finding(
            code=oc001.CODE, category=oc001.CATEGORY, severity=oc001.SEVERITY, source=source,
            form=FormRef(kind=td.kind, project_name=td.project_name, index=index), location=locate(line, td.location),
            message=f"{name}{label}「{text}」识别存疑（扫描件识别置信度{confidence:.2f}），请对照原件核对。",
            actual={"field": path, "printed": text, "confidence": round(confidence, 3)}, profile=profile,
            rule=oc001.NAME))
    return out
