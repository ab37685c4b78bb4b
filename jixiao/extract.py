"""The library entry point for extraction: a file (or bytes) → one DOC of DESIGN §5.1."""

from __future__ import annotations

import errno
import gc
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jixiao.errors import ReadError
from jixiao.model.document import Document
from jixiao.model.evaluation import Evaluation
from jixiao.model.selfeval import SelfEvaluation
from jixiao.read.office import locate_pages, read_document
from jixiao.recognize.budget import recognize_budget
from jixiao.recognize.confidence import carry_confidence
from jixiao.recognize.evaluation import recognize_evaluations
from jixiao.recognize.forms import Recognition, view, worth_reading
from jixiao.recognize.forms import recognize as recognize_forms
from jixiao.recognize.forms.choose import choose, fill_funds_rows, mark_blank, split_project_code, violations
from jixiao.recognize.forms.monitoring import inside, recognize_monitoring
from jixiao.recognize.forms.streams import restore_cells
from jixiao.recognize.selfeval import recognize_self_evaluations
from jixiao.recognize.stream import tokenize

MAX_BYTES = 64 * 1024 * 1024
__all__ = ["MAX_BYTES", "Document", "NotRegularFile", "extract_bytes", "extract_path", "read_file"]


def extract_bytes(data: bytes, source: str) -> Document:
    """Read and recognize one document given as bytes. Never raises on bad content."""
    fmt, text = read_document(data, source)
    doc = Document(source=source, format=fmt, encoding=text.encoding, warnings=list(text.warnings))
    tokens = tokenize(text.rows)
    by_stream = recognize_self_evaluations(tokens)
    # Text whose cells lost their grid is the stream reader's: the header reader reads what it did not
    # find, and only the funds of what it did. Grid documents are the header reader's first.
    settled = [se for se in by_stream if fmt == "text" and se.location.line_start is not None and not violations(se)]
    # ... a project's form nothing argues against is left alone; a department's is read for its funds rows
    # (基本支出 / 项目支出, which the stream reader has no name for); an evaluation report is not read
    known = [_span(se) for se in settled if se.kind == "department_self_evaluation"] if fmt == "text" else None
    doc.evaluations = recognize_evaluations(text, tokens)
    skip = [_span(se) for se in settled if se.kind != "department_self_evaluation"]
    skip += [_span(ev) for ev in doc.evaluations if ev.location.line_start is not None]
    # a form flattened into one line, or printed one cell per line: cells and rows back
    rows = restore_cells(text.rows, fmt == "text")
    by_headers = (recognize_forms(view(rows, grid=fmt != "text"), known, skip)
                  if fmt != "text" or worth_reading(rows) else Recognition())
    doc.self_evaluations = choose(by_stream, by_headers.forms, prefer_grid=fmt != "text",
                                  margin=0.0 if fmt != "text" else 1.0, partial=by_headers.partial)
    if doc.evaluations:  # an evaluation report's own tables are not self-evaluations
        doc.self_evaluations = [se for se in doc.self_evaluations if se not in by_headers.forms
                                or not _inside(se, doc.evaluations)]
    doc.monitoring_reports = recognize_monitoring(text.rows, grid=fmt != "text")
    if doc.monitoring_reports:  # a 执行监控表 is no self-evaluation, whatever the stream reader made of it
        doc.self_evaluations = [se for se in doc.self_evaluations
                                if not inside(se.location.line_start, doc.monitoring_reports)]
    blank = 0
    for se in doc.self_evaluations:
        split_project_code(se)  # (the stream reader leaves "code-name" in the name)
        fill_funds_rows(se)
        blank += mark_blank(se)
    if blank:
        doc.warnings.append(f"{source}: {blank}张空白表单模板（没有任何数值），不作审核 / blank form template")
    claimed = [(ev.location.line_start, ev.location.line_end) for ev in doc.evaluations
               if ev.location.line_start is not None and ev.location.line_end is not None]
    claimed += [(se.location.line_start, se.location.line_end) for se in doc.self_evaluations
                if se.location.line_start is not None and se.location.line_end is not None]
    claimed += [(mr.location.line_start, mr.location.line_end) for mr in doc.monitoring_reports
                if mr.location.line_start is not None and mr.location.line_end is not None]
    budget = recognize_budget(text, tokens, claimed)
    doc.budget_tables, doc.target_declarations = budget.tables, budget.declarations
    doc.budget_disclosure = budget.disclosure
    carry_confidence(text.rows, doc.self_evaluations, doc.target_declarations)  # scans: OCR confidence of cells
    locate_pages(text, doc.self_evaluations, doc.evaluations, doc.target_declarations, doc.budget_tables,
                 doc.monitoring_reports)  # PDF pages
    if not doc.form_count():
        doc.warnings.append(f"{source}: 未识别到任何表单 / no form recognized")
    for n, form in enumerate(doc.self_evaluations):
        if form.incomplete and not form.blank:
            name = form.project_name or "未命名"
            doc.warnings.append(f"{source}: 第{n + 1}张自评表（{name}）不完整：{'；'.join(form.warnings)}")
    return doc


class NotRegularFile(ReadError, OSError):
    """A named pipe, device, socket or folder where a file was expected: never read (a pipe would
    block forever)."""


def read_file(path: Path | str | bytes, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file. A named pipe, device or socket is refused without waiting for
    a writer (opened non-blocking, then checked), as is a file over ``limit`` bytes: ``OSError``
    with a one-line reason."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(errno.EINVAL,
                                 "不是普通文件（管道、设备或套接字），已跳过 / not a regular file, skipped")
        if info.st_size > limit:
            raise OSError(errno.EFBIG, f"文件过大（{info.st_size} 字节，上限 {limit}）/ file too large")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(limit + 1)
    finally:
        os.close(fd)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while one document is extracted. Extraction makes no
    reference cycles (measured: nothing to collect on 16× the seeds), but every full collection walks
    the whole heap, and a big document grows the heap enough to trigger many: with the collector on,
    CPU grows faster than the input (16× the seeds: 28× the CPU of 1×; paused: about 16×)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _span(form: SelfEvaluation | Evaluation) -> tuple[int, int]:
    start = form.location.line_start or 0
    return start, form.location.line_end if form.location.line_end is not None else start


def _inside(form: SelfEvaluation, reports: list[Evaluation]) -> bool:
    start = form.location.line_start or 0
    return any(ev.location.line_start is not None and ev.location.line_end is not None
               and ev.location.line_start <= start <= ev.location.line_end for ev in reports)


def extract_path(path: Path) -> Document:
    """Read one file; raises ``OSError`` when it cannot be read at all (missing, not a regular
    file, too large)."""
    data = read_file(path)
    with collector_paused():
        return extract_bytes(data, str(path))
