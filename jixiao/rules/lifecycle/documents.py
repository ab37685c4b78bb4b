"""The projects of documents in memory (``jixiao check`` on several files, no database): their
forms linked with :func:`jixiao.link.assign` exactly as the store links stored ones, then checked
project by project."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jixiao.link import STAGE_OF_KIND, Candidate, assign, name_key
from jixiao.model.document import Document
from jixiao.rules.finding import Finding
from jixiao.rules.lifecycle import BudgetLine, Placed, ProjectBundle, check_lifecycle
from jixiao.rules.profile import Profile


def form_unit(form: Any) -> str | None:
    """The unit a form is filed under (as the store files it)."""
    kind = getattr(form, "kind", "")
    if kind == "project_target_declaration":
        return str(form.unit) or None
    if kind == "monitoring":
        return form.unit or form.implementing_unit or form.department or None
    if kind == "self_evaluation":
        return form.implementing_unit or form.department or None
    return None


def _name(form: Any) -> str | None:
    return getattr(form, "project_name", None) or getattr(form, "subject", None) or None


def bundles_of(docs: Sequence[Document]) -> list[ProjectBundle]:
    """One bundle per project found among the documents' forms, in the order projects were found."""
    placed: dict[tuple[int, str, int], Placed[Any]] = {}
    candidates: list[Candidate] = []
    for n, doc in enumerate(docs):
        forms = [(kind, index, form) for kind, index, form in doc.forms() if kind in STAGE_OF_KIND]
        units = {u for _, _, f in forms if (u := form_unit(f))}
        years = {y for _, _, f in doc.forms() if isinstance(y := getattr(f, "year", None), int)}
        for kind, index, form in forms:
            unit = form_unit(form) or (next(iter(units)) if len(units) == 1 else None)
            printed = getattr(form, "year", None)
            year = printed if isinstance(printed, int) else (next(iter(years)) if len(years) == 1 else None)
            ref = (n, kind, index)
            placed[ref] = Placed(form, doc.source, kind, index, year)
            candidates.append(Candidate(ref, STAGE_OF_KIND[kind], unit, _name(form),
                                        getattr(form, "project_code", None), year))
    anchors, assignments = assign(candidates)
    bundles: dict[int, ProjectBundle] = {}
    for a in assignments:
        anchor = anchors[a.anchor]
        bundle = bundles.setdefault(a.anchor, ProjectBundle(name=anchor.name, code=anchor.code))
        p = placed[a.ref]  # type: ignore[index]
        getattr(bundle, {"declaration": "declarations", "monitoring": "monitoring",
                         "self_evaluation": "self_evaluations", "evaluation": "evaluations"}[
            STAGE_OF_KIND[p.kind]]).append(p)
    for bundle in bundles.values():
        declared = {p.source for p in bundle.declarations}
        key = name_key(bundle.name)
        for doc in docs:
            if doc.source not in declared:
                continue
            for index, table in enumerate(doc.budget_tables):
                if table.role != "projects":
                    continue
                for row in table.rows:
                    names = [row.item, *(v for k, v in row.fields.items() if "项目" in k and "单位" not in k)]
                    if any(name_key(x) == key for x in names if x):
                        bundle.budget_lines.append(BudgetLine(Placed(table, doc.source, "budget_table", index,
                                                                     None), row))
    for bundle in bundles.values():
        for group in (bundle.declarations, bundle.monitoring, bundle.self_evaluations, bundle.evaluations):
            group.sort(key=lambda p: (p.year or 0, p.source, p.index))
    return list(bundles.values())


def check_documents(docs: Sequence[Document], profile: Profile) -> list[Finding]:
    """The lifecycle findings across (and within) the documents."""
    findings: list[Finding] = []
    for bundle in bundles_of(docs):
        findings.extend(check_lifecycle(bundle, profile))
    return findings


__all__ = ["bundles_of", "check_documents", "form_unit"]
