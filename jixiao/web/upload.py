"""Uploads: several files → checked for count, size and type → the store's pipeline, one result each."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

import anyio.to_thread
from anyio import CapacityLimiter
from fastapi import UploadFile
from sqlalchemy import Engine

from jixiao.store.pipeline import SUFFIXES
from jixiao.web.upload_records import receive, record_rejected
from jixiao.web.users import Principal
from jixiao.web.workflow import mark_drafts

STATUS_NAMES = {"stored": "已入库", "unchanged": "未变（已入库过）", "failed": "无法识别（未入库）",
                "rejected": "已拒收", "pending": "已读取，待确认单位"}


def safe_name(name: str | None) -> str:
    """The file's own name without folders or control characters."""
    base = PurePath((name or "").replace("\\", "/")).name
    base = re.sub(r"[\x00-\x1f/]", "", base).strip()
    return base[:200] or "未命名"


def _rejected(name: str, reason: str) -> dict[str, Any]:
    return {"file": name, "status": "rejected", "reason": reason, "document_id": None, "forms": 0, "warnings": [],
            "findings": {"error": 0, "warning": 0, "info": 0}}


async def ingest_uploads(engine: Engine, user: Principal, files: list[UploadFile], max_bytes: int,
                         max_files: int, limiter: CapacityLimiter | None = None) -> list[dict[str, Any]]:
    """One result per file, in upload order. Stored under the path ``upload/<user>/<file name>`` so
    that uploading a changed file again makes a new version of the same document."""
    results: list[dict[str, Any]] = []
    for position, upload in enumerate(files):
        name = safe_name(upload.filename)
        if position >= max_files:
            results.append(_rejected(name, f"一次最多上传 {max_files} 个文件 / at most {max_files} files at once"))
            continue
        suffix = PurePath(name).suffix.lower()
        if suffix not in SUFFIXES:
            results.append(_rejected(name, f"不支持的文件类型 / unsupported type: {suffix or '无扩展名'}"
                                           f"（支持 {' '.join(sorted(SUFFIXES))}）"))
            continue
        data = await upload.read(max_bytes + 1)
        if len(data) > max_bytes:
            results.append(_rejected(name, f"文件超过 {max_bytes // (1024 * 1024) or max_bytes} "
                                           f"{'MB' if max_bytes >= 1024 * 1024 else '字节'} 上限 / file too large"))
            continue
        path = f"upload/{user.username}/{name}"
        result, document_id, receipt = await anyio.to_thread.run_sync(receive, engine, user, name, path, data,
                                                                      limiter=limiter)
        if document_id is not None:  # a unit's upload: its forms are drafts until the unit submits them
            await anyio.to_thread.run_sync(mark_drafts, engine, user, document_id, limiter=limiter)
        counts = result.severities()
        status = ("failed" if receipt["outcome"] == "unrecognized" else "unchanged" if document_id is None
                  else "pending" if receipt["assignment"] == "pending" else "stored")
        results.append({"file": name, "status": status, "reason": result.error, "document_id": document_id,
                        "forms": len(result.forms), "warnings": list(result.warnings),
                        "findings": {s: counts.get(s, 0) for s in ("error", "warning", "info")}, **receipt})
    rejected = [r for r in results if r["status"] == "rejected"]
    if rejected:  # recorded too: 我的上传 lists every file, refused ones with their reason
        await anyio.to_thread.run_sync(record_rejected, engine, user, rejected, limiter=limiter)
    return results
