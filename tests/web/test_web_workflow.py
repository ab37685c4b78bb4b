"""The season's workflow through the web app, on SQLite and on PostgreSQL: each step allowed to the
role and state it fits and refused otherwise (unit staff cannot approve, cannot edit a submitted
form, cannot act on another unit's form; a reviewer cannot return without a comment nor decide on a
draft), the 待办 queues, filters and bulk actions, and the exports carrying every decision."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from jixiao.samples.generator import generate_district
from jixiao.store import connect, ingest
from jixiao.store.queries import D, F, X, units
from jixiao.web import create_app
from jixiao.web.users import add_user
from tests.store.conftest import db_url, pg_url, sqlite_url  # noqa: F401  (fixtures: SQLite and PostgreSQL)
from tests.web.conftest import PASSWORD


class Site:
    """A store with two units' forms (filed by ``jixiao ingest``: 已提交) and one user per role."""

    def __init__(self, url: str, folder: Path) -> None:
        engine = connect(url)
        assert ingest(engine, generate_district(folder / "s", units=2, projects=3), jobs=1).stored == 2
        with engine.connect() as conn:
            (self.a, name_a), (self.b, name_b) = [(u["id"], u["name"]) for u in units(conn) if u["forms"]][:2]
            self.forms = {unit: [int(i) for i in conn.execute(
                select(F.c.id).where(F.c.unit_id == unit, F.c.kind == "self_evaluation").order_by(F.c.id)).scalars()]
                for unit in (self.a, self.b)}
            self.paths = {unit: str(conn.execute(select(D.c.path).join(F, F.c.document_id == D.c.id)
                                                 .where(F.c.unit_id == unit)).scalars().first())
                          for unit in (self.a, self.b)}
        for name, role, unit in (("admin", "admin", None), ("reviewer", "reviewer", None), ("staff_a", "unit", name_a),
                                 ("staff_b", "unit", name_b), ("evaluator_b", "evaluator", name_b)):
            add_user(engine, name, PASSWORD, role, [unit] if unit else None)
        engine.dispose()
        self.app = create_app(url, secret="s")
        self.clients: dict[str, TestClient] = {}
        self.tokens: dict[str, str] = {}
        for name in ("admin", "reviewer", "staff_a", "staff_b", "evaluator_b"):
            client = TestClient(self.app, follow_redirects=False)
            self.tokens[name] = client.post("/api/login", json={"username": name, "password": PASSWORD}
                                            ).json()["csrf_token"]
            self.clients[name] = client

    def post(self, who: str, path: str, body: dict[str, Any]) -> Any:
        return self.clients[who].post(path, headers={"X-CSRF-Token": self.tokens[who]}, json=body)

    def step(self, who: str, form_id: int, action: str, comment: str | None = None) -> Any:
        return self.post(who, f"/api/forms/{form_id}/step", {"action": action, "comment": comment})

    def state(self, form_id: int) -> str:
        state: str = self.clients["admin"].get(f"/api/forms/{form_id}").json()["state"]
        return state

    def edit(self, who: str, form_id: int, total: str) -> Any:
        return self.post(who, f"/api/forms/{form_id}/edits", {"changes": {"total_score": total}})

    def queue(self, who: str, **params: str) -> dict[str, Any]:
        data: dict[str, Any] = self.clients[who].get("/api/todo", params=params).json()
        return data


def test_each_step_is_allowed_to_its_role_and_state_only(db_url: str, tmp_path: Path) -> None:  # noqa: F811
    site = Site(db_url, tmp_path)
    form, other = site.forms[site.a][0], site.forms[site.b][0]
    assert site.state(form) == "submitted"  # filed by the bureau's ingest
    assert form in [f["id"] for f in site.queue("reviewer", queue="pending")["forms"]]

    locked = site.edit("staff_a", form, "1")  # a submitted form is read-only for the unit
    assert locked.status_code == 409 and "等待财政局审核" in locked.json()["detail"]
    assert "disabled" in site.clients["staff_a"].get(f"/forms/{form}/edit").text
    assert site.post("staff_a", f"/api/forms/{form}/review", {"status": "approved"}).status_code == 403
    assert site.step("staff_a", form, "approve").status_code == 403  # the unit cannot approve
    assert site.step("staff_a", form, "submit").status_code == 409  # already submitted
    assert site.step("staff_b", form, "withdraw").status_code == 404  # another unit's form
    assert site.step("evaluator_b", form, "start").status_code == 404
    assert site.step("reviewer", form, "submit").status_code == 403  # reviewers judge, units submit
    assert site.step("staff_a", form, "launch").status_code == 422
    assert site.clients["staff_a"].post(f"/api/forms/{form}/step", json={"action": "withdraw"}).status_code == 403

    assert site.step("staff_a", form, "withdraw").json()["state"] == "draft"  # before any review: back to draft
    assert site.edit("staff_a", form, "1").status_code == 200
    refused = site.step("reviewer", form, "approve")  # nobody decides on a draft
    assert refused.status_code == 409 and "草稿" in refused.json()["detail"]
    assert site.post("reviewer", f"/api/forms/{form}/review", {"status": "approved"}).status_code == 409
    assert site.step("staff_a", form, "submit").json()["state"] == "submitted"

    assert site.step("reviewer", form, "start").json()["state"] == "in_review"
    assert site.step("staff_a", form, "withdraw").status_code == 409  # the review has begun
    no_comment = site.step("reviewer", form, "return", "  ")
    assert no_comment.status_code == 422 and "退回意见" in no_comment.json()["detail"]
    assert site.state(form) == "in_review"
    assert site.step("reviewer", form, "return", "请补充偏差原因").json()["state"] == "returned"
    page = site.clients["staff_a"].get(f"/forms/{form}/edit").text
    assert "请补充偏差原因" in page and 'id="step-submit"' in page and "disabled" not in page
    assert site.edit("staff_a", form, "2").status_code == 200  # a returned form is the unit's again
    assert site.step("staff_a", form, "submit").status_code == 200
    assert site.step("reviewer", other, "return", "另一张表的决定").status_code == 200  # a later decision elsewhere
    todo = site.queue("reviewer", queue="resubmitted")
    assert [f["id"] for f in todo["forms"]] == [form] and todo["forms"][0]["changed"] is True
    assert [f["id"] for f in site.queue("reviewer", queue="changed")["forms"]] == [form]  # edited after its own

    assert site.step("reviewer", form, "approve", "已更正").json()["state"] == "approved"
    for who in ("staff_a", "admin"):  # approved: locked for everyone
        response = site.edit(who, form, "3")
        assert response.status_code == 409 and "已审核通过" in response.json()["detail"]
    assert site.step("staff_a", form, "submit").status_code == 409
    history = site.clients["staff_a"].get(f"/api/forms/{form}").json()["history"]
    assert [h["status"] for h in history] == ["approved", "submitted", "returned", "in_review", "submitted",
                                              "draft"]
    assert [h["user"] for h in history][:3] == ["reviewer", "staff_a", "reviewer"]
    assert site.step("reviewer", form, "return", "再核一次").json()["state"] == "returned"  # reopened
    assert site.state(other) == "returned"


def test_bulk_actions_are_all_or_nothing_across_units_and_skip_what_does_not_fit(
        db_url: str, tmp_path: Path) -> None:  # noqa: F811
    site = Site(db_url, tmp_path)
    a, b = site.forms[site.a], site.forms[site.b]
    assert len(a) >= 2 and b
    # another unit's form in a unit's bulk submit: 404, nothing done
    assert site.step("staff_a", a[0], "withdraw").status_code == 200
    assert site.post("staff_a", "/api/todo/forms", {"ids": [a[0], b[0]], "action": "submit"}).status_code == 404
    assert site.state(a[0]) == "draft"
    assert site.post("evaluator_b", "/api/todo/forms", {"ids": [a[1]], "action": "approve"}).status_code == 404
    assert site.post("staff_a", "/api/todo/forms", {"ids": a[:2], "action": "approve"}).status_code == 403
    assert site.post("reviewer", "/api/todo/forms", {"ids": a[:2], "action": "return"}).status_code == 422
    assert site.post("reviewer", "/api/todo/forms", {"ids": [], "action": "approve"}).status_code == 422
    assert site.clients["reviewer"].post("/api/todo/forms", json={"ids": a, "action": "approve"}).status_code == 403

    done = site.post("reviewer", "/api/todo/forms", {"ids": a + b, "action": "approve", "comment": "合格"}).json()
    assert done["done"] == sorted(set(a[1:] + b)) and [s["id"] for s in done["skipped"]] == [a[0]]
    assert "草稿" in done["skipped"][0]["reason"]
    assert {site.state(f) for f in a[1:] + b} == {"approved"} and site.state(a[0]) == "draft"

    # the 待办 page: a bulk return with one comment, CSRF checked, the unit's own list
    reviewer = site.clients["reviewer"]
    page = reviewer.post("/todo", data={"csrf_token": "forged", "form": [str(a[1])], "action": "return",
                                        "comment": "x"})
    assert page.status_code == 403
    page = reviewer.post("/todo", data={"csrf_token": site.tokens["reviewer"], "form": [str(a[1])],
                                        "action": "return", "comment": ""})
    assert page.status_code == 422 and "退回意见" in page.text and site.state(a[1]) == "approved"
    page = reviewer.post("/todo", data={"csrf_token": site.tokens["reviewer"], "form": [str(f) for f in a[1:]],
                                        "action": "return", "comment": "请补充佐证材料", "queue": "all"})
    assert page.status_code == 200 and f"退回：{len(a) - 1} 张表单" in page.text
    mine = site.queue("staff_a")
    assert sorted(f["id"] for f in mine["forms"]) == sorted(a) and mine["counts"]["returned"] == len(a) - 1
    assert {f["unit_id"] for f in site.queue("staff_a", queue="all")["forms"]} == {site.a}
    assert [u[0] for u in mine["choices"]["units"]] == [site.a]
    assert site.queue("staff_a", queue="returned")["forms"][0]["comment"] == "请补充佐证材料"


def test_todo_filters_sorts_and_bulk_finding_decisions(db_url: str, tmp_path: Path) -> None:  # noqa: F811
    site = Site(db_url, tmp_path)
    everything = site.queue("reviewer", queue="all")
    assert everything["total"] == len(everything["forms"]) > 0
    assert set(everything["counts"]) == {"todo", "pending", "resubmitted", "changed", "all"}
    with_errors = site.queue("reviewer", queue="all", errors="yes")["forms"]
    without = site.queue("reviewer", queue="all", errors="no")["forms"]
    assert with_errors and all(f["errors"] > 0 for f in with_errors) and all(f["errors"] == 0 for f in without)
    assert len(with_errors) + len(without) == everything["total"]
    by_errors = [f["errors"] for f in site.queue("reviewer", queue="all", sort="errors", order="desc")["forms"]]
    assert by_errors == sorted(by_errors, reverse=True)
    only_b = site.queue("reviewer", queue="all", unit=str(site.b))["forms"]
    assert only_b and {f["unit_id"] for f in only_b} == {site.b}
    assert all(f["batch"].endswith("· 导入") for f in everything["forms"])
    batch = everything["choices"]["batches"][0]
    assert site.queue("reviewer", queue="all", batch=batch)["total"] == everything["total"]
    assert site.queue("reviewer", queue="all", batch="2000-01-01 · 导入")["total"] == 0
    year = everything["choices"]["years"][0]
    assert all(f["year"] == year for f in site.queue("reviewer", queue="all", year=str(year))["forms"])
    grade = everything["choices"]["grades"][0]
    assert all(grade in (f["grade"], f["recomputed_grade"])
               for f in site.queue("reviewer", queue="all", grade=grade)["forms"])
    assert site.clients["reviewer"].get("/todo?year=x&unit=99999999999999999999&sort=no&queue=?").status_code == 200
    assert site.queue("reviewer", state="approved")["total"] == 0

    form = with_errors[0]["id"]
    if site.clients["admin"].get(f"/api/forms/{form}").json()["unit_id"] != site.a:
        form = next(f["id"] for f in with_errors if f["unit_id"] == site.a)
    page = site.clients["reviewer"].post("/todo", data={"csrf_token": site.tokens["reviewer"], "form": [str(form)],
                                                        "action": "dismiss", "comment": ""})
    assert page.status_code == 422 and "驳回理由" in page.text
    page = site.clients["reviewer"].post("/todo", data={"csrf_token": site.tokens["reviewer"], "form": [str(form)],
                                                        "action": "confirm", "comment": "请逐条说明"})
    assert page.status_code == 200 and "已确认" in page.text
    assert site.state(form) == "in_review"  # judging its findings started the review
    findings = site.clients["admin"].get(f"/api/forms/{form}").json()["findings"]
    confirmed = [f for f in findings if (f["review"] or {}).get("status") == "confirmed"]
    assert confirmed and {f["severity"] for f in confirmed} <= {"error", "warning"}
    assert all(f["review"]["text"] == "请逐条说明" and f["review"]["user"] == "reviewer" for f in confirmed)
    assert site.step("reviewer", form, "return", "见已确认的问题").status_code == 200
    page = site.clients["staff_a"].get(f"/forms/{form}/edit").text
    assert 'id="must-answer"' in page and all(f["message"] in page for f in confirmed)
    assert "见已确认的问题" in page
    again = site.post("reviewer", "/api/todo/findings", {"ids": [confirmed[0]["id"]], "status": "dismissed"})
    assert again.status_code == 422
    assert site.post("staff_a", "/api/todo/findings", {"ids": [confirmed[0]["id"]], "status": "confirmed"}
                     ).status_code == 403
    assert site.post("evaluator_b", "/api/todo/findings", {"ids": [confirmed[0]["id"]], "status": "confirmed"}
                     ).status_code == 404
    dismissed = site.post("reviewer", "/api/todo/findings", {"ids": [confirmed[0]["id"]], "status": "dismissed",
                                                             "reason": "已说明"}).json()
    assert dismissed["findings"] == [confirmed[0]["id"]] and dismissed["started"] == []
    page = site.clients["staff_a"].get(f"/forms/{form}/edit").text
    assert f'data-finding="{confirmed[0]["id"]}"' not in page  # dismissed: nothing to answer any more
    assert all(f'data-finding="{f["id"]}"' in page for f in confirmed[1:])


def test_every_export_carries_states_and_decisions_as_text(db_url: str, tmp_path: Path) -> None:  # noqa: F811
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    from jixiao.store.export import export_csv, export_json

    site = Site(db_url, tmp_path)
    engine = connect(db_url)
    with engine.connect() as conn:
        finding, approved = conn.execute(select(X.c.id, X.c.form_id).where(X.c.form_id.in_(site.forms[site.a]))
                                         .order_by(X.c.id)).first() or (0, 0)
    engine.dispose()
    returned, draft = [f for f in site.forms[site.a] if f != approved][:2]
    site.step("reviewer", approved, "approve", "合格")
    site.step("reviewer", returned, "return", "=HYPERLINK(\"http://evil\",\"点此\")")
    site.step("staff_a", draft, "withdraw")
    site.post("reviewer", "/api/todo/findings", {"ids": [finding], "status": "dismissed", "reason": "+1 已核实"})

    response = site.clients["reviewer"].get("/api/export.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["项目支出绩效自评表"]
    header = [c.value for c in sheet[1]]
    cols = [header.index(h) for h in ("审核状态", "意见", "审核人", "时间")]
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    assert [rows[approved][c].value for c in cols[:3]] == ["通过", "合格", "reviewer"]
    assert str(rows[approved][cols[3]].value).startswith(("19", "20"))
    bad = rows[returned][cols[1]]
    assert [rows[returned][c].value for c in cols[:1]] == ["退回"] and bad.value.startswith("=HYPERLINK")
    assert bad.data_type == "s" and bad.quotePrefix  # shown as text, never a live formula
    assert rows[draft][cols[0]].value == "草稿" and rows[draft][cols[2]].value is None
    problems = book["问题清单"]
    head = [c.value for c in problems[1]]
    row = next(r for r in problems.iter_rows(min_row=2) if r[0].value == finding)
    assert [row[head.index(h)].value for h in ("审核状态", "意见", "审核人")] == ["已驳回", "+1 已核实", "reviewer"]
    assert row[head.index("意见")].quotePrefix

    engine = connect(db_url)
    with engine.connect() as conn:
        exported = export_json(conn)
        files = export_csv(conn, tmp_path / "csv")
    engine.dispose()
    states = {f["id"]: (f["review_state"], f["review_comment"], f["reviewer"]) for f in exported["forms"]}
    assert states[approved] == ("approved", "合格", "reviewer") and states[draft] == ("draft", None, None)
    assert next(f for f in exported["findings"] if f["id"] == finding)["review_state"] == "dismissed"
    with next(p for p in files if p.name == "项目支出绩效自评表.csv").open(encoding="utf-8-sig") as handle:
        table = list(csv.reader(handle))
    line = next(r for r in table[1:] if r[0] == str(returned))
    assert line[table[0].index("审核状态")] == "退回" and line[table[0].index("意见")].startswith("'=HYPERLINK")


def test_a_units_upload_makes_drafts_the_bureaus_is_submitted(db_url: str, tmp_path: Path) -> None:  # noqa: F811
    site = Site(db_url, tmp_path)
    source = Path(site.paths[site.a])
    data = source.read_bytes()
    states = {}
    for who in ("staff_a", "admin"):
        response = site.clients[who].post("/api/upload", headers={"X-CSRF-Token": site.tokens[who]},
                                          files=[("files", (f"{who}{source.suffix}", data))])
        result = response.json()["results"][0]
        assert response.status_code == 200 and result["document_id"], result
        document = site.clients["admin"].get(f"/api/documents/{result['document_id']}").json()
        states[who] = {site.state(f["id"]) for f in document["forms"]}
    assert states == {"staff_a": {"draft"}, "admin": {"submitted"}}
    drafts = site.queue("staff_a", queue="draft")
    assert drafts["total"] > 0 and all(f["batch"].endswith("staff_a 上传") for f in drafts["forms"])
    assert site.queue("reviewer", queue="pending", batch=drafts["forms"][0]["batch"])["total"] == 0
