"""What was read from an uploaded file, field by field beside the row and the cell it came from — what
the uploader checks before the forms count (我的上传 → one upload)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Connection, Table, select

from jixiao.model.kinds import kind_name
from jixiao.model.selfeval import SELF_EVALUATION_KINDS
from jixiao.model.values import plain
from jixiao.store.queries import form_rows
from jixiao.store.schema import FormRow

FORMS = cast(Table, FormRow.__table__)
HEADER_FIELDS = (("project_name", "项目名称"), ("project_code", "项目编码"), ("department", "主管部门"),
                 ("implementing_unit", "实施单位"), ("project_lead", "项目负责人"), ("phone", "联系电话"),
                 ("year", "年度"))
FUND_COLUMNS = (("initial_budget", "年初预算数"), ("full_year_budget", "全年预算数"), ("executed", "全年执行数"),
                ("weight", "分值"), ("execution_rate", "执行率"), ("score", "得分"))
INDICATOR_COLUMNS = (("target", "年度指标值"), ("actual", "实际完成值"), ("weight", "分值"), ("score", "得分"),
                     ("deviation_note", "偏差原因"))
ROW_COLUMNS = (("target", "指标值"), ("actual", "实际完成值"), ("nature", "指标性质"), ("measure", "度量单位"),
               ("weight", "分值"), ("score", "得分"), ("note", "说明"))
MAX_FIELDS = 400  # per form: a budget table of thousands of rows is previewed in part


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float | Decimal | int):
        return str(plain(value))
    return str(value)


def _lines(location: dict[str, Any]) -> str:
    start, end = location.get("line_start"), location.get("line_end")
    if start is None:
        page = location.get("page_start")
        return f"第{page}页" if page is not None else ""
    return f"第{start}行" if end in (None, start) else f"第{start}–{end}行"


def _header_lines(data: dict[str, Any]) -> str:
    """Where a form's header fields are printed: from its first line to the line before its funds and
    indicator rows (the whole form when it has none)."""
    start = data["location"].get("line_start")
    body = [r["line"] for r in [*(data.get("funds_rows") or []), *(data.get("indicators") or [])]
            if r.get("line") is not None]
    if start is None or not body or min(body) - 1 <= start:
        return _lines(data["location"])
    return f"第{start}–{min(body) - 1}行（表头）"


def _self_evaluation(data: dict[str, Any]) -> list[dict[str, str]]:
    header = _header_lines(data)
    fields = [{"group": "表头", "field": label, "value": _text(data.get(key)), "source": header,
               "printed": _text(data.get(key))} for key, label in HEADER_FIELDS if data.get(key) not in (None, "")]
    for row in data.get("funds_rows") or []:
        printed = row.get("printed") or {}
        for key, label in FUND_COLUMNS:
            if row.get(key) is None and key not in printed:
                continue
            fields.append({"group": f"资金：{row.get('label') or ''}", "field": label, "value": _text(row.get(key)),
                           "source": f"第{row['line']}行" if row.get("line") is not None else "",
                           "printed": printed.get(key, _text(row.get(key)))})
    for indicator in data.get("indicators") or []:
        printed = indicator.get("printed") or {}
        name = indicator.get("level3") or indicator.get("level2") or "指标"
        for key, label in INDICATOR_COLUMNS:
            if indicator.get(key) in (None, ""):
                continue
            fields.append({"group": f"指标：{name}", "field": label, "value": _text(indicator.get(key)),
                           "source": f"第{indicator['line']}行" if indicator.get("line") is not None else "",
                           "printed": printed.get(key, _text(indicator.get(key)))})
    total = data.get("total_printed") or {}
    for key, label in (("total_weight", "总分值"), ("total_score", "总分")):
        if data.get(key) is not None:
            line = data.get("total_line")
            fields.append({"group": "合计", "field": label, "value": _text(data.get(key)),
                           "source": f"第{line}行" if line is not None else "", "printed": total.get(key, "")})
    return fields


def _stored_rows(conn: Connection, form_id: int, data: dict[str, Any]) -> list[dict[str, str]]:
    fields = [{"group": "表头", "field": label, "value": _text(data.get(key)), "source": _lines(data["location"]),
               "printed": _text(data.get(key))}
              for key, label in (("project_name", "项目名称"), ("unit", "单位"), ("subject", "评价对象"),
                                 ("title", "表名"), ("year", "年度"))
              if isinstance(data.get(key), str | int) and data.get(key) not in ("", None)]
    for row in form_rows(conn, form_id):
        name = row.get("level3") or row.get("item") or row.get("level2") or row.get("code") or "行"
        source = f"第{row['line']}行" if row.get("line") is not None else ""
        values = [(label, row.get(key)) for key, label in ROW_COLUMNS if row.get(key) not in (None, "")]
        if row.get("values"):
            values.append(("数值", "、".join("" if v is None else str(v) for v in row["values"])))
        for label, value in values:
            fields.append({"group": str(name), "field": label, "value": _text(value), "source": source,
                           "printed": _text(value)})
    return fields


def preview(conn: Connection, document_id: int) -> list[dict[str, Any]]:
    """Every form the document holds (filed or held), with what was read from it."""
    forms = []
    for row in conn.execute(select(FORMS.c.id, FORMS.c.kind, FORMS.c.name, FORMS.c.data)
                            .where(FORMS.c.document_id == document_id).order_by(FORMS.c.id)):
        data = json.loads(row.data)
        data.setdefault("location", {})
        fields = _self_evaluation(data) if row.kind in SELF_EVALUATION_KINDS else _stored_rows(conn, row.id, data)
        forms.append({"id": row.id, "kind": row.kind, "kind_name": kind_name(row.kind), "name": row.name,
                      "lines": _lines(data["location"]), "fields": fields[:MAX_FIELDS],
                      "more": max(len(fields) - MAX_FIELDS, 0)})
    return forms
