"""Running the registered checks over forms and documents."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from jixiao.model.document import Document
from jixiao.model.selfeval import SelfEvaluation
from jixiao.rules.base import Context, Rule
from jixiao.rules.budget import RULES as BUDGET_RULES
from jixiao.rules.budget import check_budget
from jixiao.rules.checks import MODULES
from jixiao.rules.evaluation import RULES as EVALUATION_RULES
from jixiao.rules.evaluation import check_evaluations
from jixiao.rules.finding import CATEGORIES, SEVERITIES, Finding
from jixiao.rules.fold import fold_noise, merge_same_row
from jixiao.rules.lifecycle import RULES as LIFECYCLE_RULES
from jixiao.rules.monitoring import RULES as MONITORING_RULES
from jixiao.rules.monitoring import check_monitoring
from jixiao.rules.ocr import RULES as OCR_RULES
from jixiao.rules.ocr import fold_ocr
from jixiao.rules.ocr.declarations import check_declarations as check_declarations_ocr
from jixiao.rules.profile import Profile, load_profile
from jixiao.rules.scoring import FormScore, score_form

RULES: tuple[Rule, ...] = tuple(Rule.from_module(m) for m in MODULES)
FORM_RULES: tuple[Rule, ...] = RULES + OCR_RULES  # what check_form runs: the SE checks, and OC* on values from scans
ALL_RULES: tuple[Rule, ...] = (RULES + EVALUATION_RULES + BUDGET_RULES + MONITORING_RULES
                              + LIFECYCLE_RULES + OCR_RULES)  # what ``jixiao rules`` lists
SEVERITY_ORDER = {s: n for n, s in enumerate(SEVERITIES)}


def _profile(profile: Profile | str) -> Profile:
    return load_profile(profile) if isinstance(profile, str) else profile


def check_form(form: SelfEvaluation, index: int = 0, source: str = "", profile: Profile | str = "national",
               rules: tuple[Rule, ...] = FORM_RULES) -> list[Finding]:
    """All findings of ``rules`` on one self-evaluation; those a cell read uncertainly from a scan
    explains are merged into its OCR finding (:func:`jixiao.rules.ocr.fold_ocr`)."""
    prof = _profile(profile)
    ctx = Context(source=source, index=index, form=form, profile=prof, score=score_form(form, prof))
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(rule.check(replace(ctx, rule=rule)))
    return fold_ocr(findings)


def check_document(doc: Document, profile: Profile | str = "national") -> list[Finding]:
    """All findings on every form of a document: self-evaluations, then evaluation reports, then
    budget tables and target declarations, then monitoring forms, each in document order; related
    findings on one row merged and a template's feature seen on most forms folded into one note
    (:mod:`jixiao.rules.fold`)."""
    prof = _profile(profile)
    findings: list[Finding] = []
    seen: Counter[str] = Counter()
    for form in doc.self_evaluations:  # indexes count within a kind, as everywhere (DESIGN §5.2)
        if not form.blank:  # a blank template has nothing to audit
            findings.extend(check_form(form, seen[form.kind], doc.source, prof))
        seen[form.kind] += 1
    findings.extend(check_evaluations(doc, prof))
    findings.extend(check_budget(doc, prof))
    findings.extend(check_declarations_ocr(doc, prof))  # declarations read from scans
    findings.extend(check_monitoring(doc, prof))
    return fold_noise(merge_same_row(findings))


def summarize(docs: list[Document], findings: list[Finding], profile: Profile | str = "national",
              scores: list[FormScore] | None = None) -> dict[str, Any]:
    """The ``summary`` object of ``jixiao check --format json``."""
    prof = _profile(profile)
    if scores is None:
        scores = [score_form(f, prof) for d in docs for f in d.self_evaluations]
    grades = Counter(s.recomputed_grade or "无法评定" for s in scores)
    by_severity: Counter[str] = Counter(f.severity for f in findings)
    by_category: Counter[str] = Counter(f.category for f in findings)
    by_code = Counter(f.code for f in findings)
    forms_by_kind = _forms_by_kind(docs)
    return {
        "profile": prof.name,
        "documents": len(docs),
        "forms_checked": sum(forms_by_kind.values()),  # every form of every kind (a disclosure counts its own)
        "self_evaluations_scored": len(scores),
        "forms_by_kind": forms_by_kind,
        "findings": len(findings),
        "by_severity": {s: by_severity.get(s, 0) for s in SEVERITIES},
        "by_category": {c: by_category[c] for c in CATEGORIES if by_category.get(c)},
        "by_code": dict(sorted(by_code.items())),
        "forms_with_errors": len({(f.source, f.form.kind, f.form.index) for f in findings if f.severity == "error"}),
        "recomputed_grades": {g.label: grades.get(g.label, 0) for g in prof.grades}
        | ({"无法评定": grades["无法评定"]} if grades.get("无法评定") else {}),
    }


def _forms_by_kind(docs: list[Document]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for doc in docs:
        counts.update(se.kind for se in doc.self_evaluations)
        counts.update(ev.kind for ev in doc.evaluations)
        counts.update(td.kind for td in doc.target_declarations)
        counts["budget_table"] += len(doc.budget_tables)
        counts["monitoring"] += len(doc.monitoring_reports)
    return {kind: n for kind, n in counts.items() if n}
