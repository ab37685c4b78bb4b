"""Running the lifecycle checks over stored projects: each project's linked forms (current document
versions) become a :class:`ProjectBundle`, its findings replace the project's stored ones (a finding
on the form to correct, ``project_id`` set, the forms it cites in ``related``)."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any, cast

from sqlalchemy import Connection, Table, delete, func, select, update

from jixiao.link.keys import name_key
from jixiao.model.declaration import TargetDeclaration
from jixiao.model.evaluation import Evaluation
from jixiao.model.monitoring import MonitoringReport
from jixiao.model.selfeval import SelfEvaluation
from jixiao.model.tables import BudgetTable
from jixiao.rules.finding import Finding
from jixiao.rules.lifecycle import BudgetLine, Placed, ProjectBundle, check_lifecycle
from jixiao.rules.profile import Profile, ProfileError, load_profile
from jixiao.store.process import finding_record
from jixiao.store.schema import DocumentRow, FindingRow, FormRow, Project, ProjectForm

D, F, X, P, L = (cast(Table, m.__table__) for m in (DocumentRow, FormRow, FindingRow, Project, ProjectForm))
ACTIVE = ("linked", "uncertain", "confirmed")


def _profile(name: str) -> Profile:
    try:
        return load_profile(name)
    except ProfileError:
        return load_profile("national")


def _budget_lines(conn: Connection, document_ids: set[int], key: str) -> list[BudgetLine]:
    """The rows naming the project in the 项目支出 tables of the documents of its declarations."""
    if not document_ids or not key:
        return []
    query = (select(F.c.idx, F.c.year, F.c.data, F.c.id, D.c.path).join(D, D.c.id == F.c.document_id)
             .where(F.c.document_id.in_(sorted(document_ids)), F.c.kind == "budget_table").order_by(F.c.id))
    lines: list[BudgetLine] = []
    for r in conn.execute(query):
        table = BudgetTable.model_validate_json(r.data)
        if table.role != "projects":
            continue
        placed = Placed(table, r.path, "budget_table", r.idx, r.year, r.id)
        for row in table.rows:
            names = [row.item, *(v for k, v in row.fields.items() if "项目" in k and "单位" not in k)]
            if any(name_key(n) == key for n in names if n):
                lines.append(BudgetLine(placed, row))
    return lines


def bundle_of(conn: Connection, project_id: int) -> tuple[ProjectBundle, dict[tuple[str, str, int], tuple[int, int]],
                                                          str] | None:
    """The project's bundle, the (source, kind, index) → (form id, document id) of its forms, and the
    profile of its newest document."""
    project = conn.execute(select(P).where(P.c.id == project_id)).first()
    if project is None:
        return None
    query = (select(L.c.stage, L.c.year, F.c.id, F.c.kind, F.c.idx, F.c.data, F.c.document_id, D.c.path, D.c.profile)
             .join(F, F.c.id == L.c.form_id).join(D, D.c.id == F.c.document_id)
             .where(L.c.project_id == project_id, L.c.state.in_(ACTIVE), D.c.current.is_(True)).order_by(F.c.id))
    bundle = ProjectBundle(name=project.name, unit=None, code=project.code, project_id=project_id)
    where: dict[tuple[str, str, int], tuple[int, int]] = {}
    profile = "national"
    declared_in: set[int] = set()
    for r in conn.execute(query):
        where[(r.path, r.kind, r.idx)] = (r.id, r.document_id)
        profile = r.profile or profile
        if r.stage == "declaration":
            bundle.declarations.append(Placed(TargetDeclaration.model_validate_json(r.data), r.path, r.kind, r.idx,
                                              r.year, r.id))
            declared_in.add(r.document_id)
        elif r.stage == "monitoring":
            bundle.monitoring.append(Placed(MonitoringReport.model_validate_json(r.data), r.path, r.kind, r.idx,
                                            r.year, r.id))
        elif r.stage == "self_evaluation":
            bundle.self_evaluations.append(Placed(SelfEvaluation.model_validate_json(r.data), r.path, r.kind, r.idx,
                                                  r.year, r.id))
        elif r.stage == "evaluation":
            bundle.evaluations.append(Placed(Evaluation.model_validate_json(r.data), r.path, r.kind, r.idx, r.year,
                                             r.id))
    bundle.budget_lines = _budget_lines(conn, declared_in, project.name_key)
    return bundle, where, profile


def recheck(conn: Connection, project_ids: list[int]) -> int:
    """Replace the lifecycle findings of these projects; the number stored."""
    if not project_ids:
        return 0
    old_docs = set(conn.execute(select(X.c.document_id).where(X.c.project_id.in_(project_ids))).scalars())
    conn.execute(delete(X).where(X.c.project_id.in_(project_ids)))
    rows: list[dict[str, Any]] = []
    for project_id in project_ids:
        found = bundle_of(conn, project_id)
        if found is None:
            continue
        bundle, where, profile = found
        try:
            findings = check_lifecycle(bundle, _profile(profile))
        except Exception:  # a bug in a rule must not stop an ingest of thousands of files (as process_bytes)
            continue
        for finding in findings:
            target = where.get((finding.source, finding.form.kind, finding.form.index))
            if target is None:
                continue
            rows.append(_row(finding, project_id, *target))
    docs = old_docs | {r["document_id"] for r in rows}
    if rows:
        seqs: dict[int, int] = {}
        for document_id, top in conn.execute(select(X.c.document_id, func.max(X.c.seq))
                                             .where(X.c.document_id.in_(sorted(docs))).group_by(X.c.document_id)):
            seqs[document_id] = (top if top is not None else -1) + 1
        for row in rows:
            row["seq"] = seqs.get(row["document_id"], 0)
            seqs[row["document_id"]] = row["seq"] + 1
        conn.execute(X.insert(), rows)
    _recount(conn, docs)
    return len(rows)


def _row(finding: Finding, project_id: int, form_id: int, document_id: int) -> dict[str, Any]:
    record = finding_record(finding)
    del record["kind"], record["idx"]
    return {**record, "document_id": document_id, "form_id": form_id, "project_id": project_id,
            "related": json.dumps(finding.related, ensure_ascii=False, sort_keys=True)}


def _recount(conn: Connection, documents: set[int]) -> None:
    counts: defaultdict[int, int] = defaultdict(int)
    if not documents:
        return
    for document_id, n in conn.execute(select(X.c.document_id, func.count()).where(
            X.c.document_id.in_(sorted(documents))).group_by(X.c.document_id)):
        counts[document_id] = int(n)
    for document_id in sorted(documents):
        conn.execute(update(D).where(D.c.id == document_id).values(finding_count=counts[document_id]))


__all__ = ["bundle_of", "recheck"]
