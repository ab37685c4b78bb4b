"""Hostile and odd files: each gives a one-line reason (a warning), never a crash, a hang or a blow-up."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
from PIL import Image
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped]
from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

from jixiao.extract import extract_bytes
from jixiao.read.limits import MAX_PDF_PAGES
from jixiao.read.sniff import OLE2


def small_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("项目支出绩效自评表")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def only_warning(data: bytes, source: str) -> str:
    doc = extract_bytes(data, source)
    assert doc.form_count() == 0
    assert doc.warnings, "a reason must be given"
    first = doc.warnings[0]
    assert "\n" not in first and "Traceback" not in first
    return first


def test_corrupt_zip() -> None:
    data = small_docx()
    reason = only_warning(data[: len(data) // 2], "cut.docx")
    assert "压缩包损坏" in reason


def test_zip_bomb_is_refused_before_decompression() -> None:
    bomb = rezip(small_docx(), {}, {"word/media/image1.bin": bytes(64 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024  # 64 MiB of zeros in well under 1 MiB
    assert "压缩炸弹" in only_warning(bomb, "bomb.docx")


def test_xml_entity_expansion_is_refused() -> None:
    laughs = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "hahahahahahahahahaha">'
              + b"".join(b'<!ENTITY %c "&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;">' % ((k,) + (k - 1,) * 10)
                         for k in range(ord("b"), ord("k")))
              + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              + b"<w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>")
    data = rezip(small_docx(), {"word/document.xml": laughs})
    assert "DTD" in only_warning(data, "laughs.docx")


def test_encrypted_office_file() -> None:
    # an OOXML file saved with a password is an OLE2 container holding EncryptionInfo/EncryptedPackage
    container = OLE2 + bytes(504) + "EncryptionInfo".encode("utf-16-le") + bytes(50) + \
        "EncryptedPackage".encode("utf-16-le") + bytes(1000)
    assert "加密" in only_warning(container, "locked.docx")


def test_encrypted_pdf() -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt="secret")
    pdf.drawString(72, 700, "locked")
    pdf.save()
    assert "加密" in only_warning(buffer.getvalue(), "locked.pdf")


def test_corrupt_pdf() -> None:
    assert "PDF 损坏" in only_warning(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n" + bytes(100), "broken.pdf")


def test_scanned_pdf_without_text_layer() -> None:
    image = Image.new("L", (200, 100), color=200)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for _ in range(2):
        pdf.drawImage(ImageReader(image), 72, 500, width=400, height=200)
        pdf.showPage()
    pdf.save()
    assert "扫描件，无文字层，需OCR" in only_warning(buffer.getvalue(), "scan.pdf")


def test_thousand_page_pdf_is_capped() -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for page in range(1000):
        pdf.drawString(72, 700, f"page {page + 1} line")
        pdf.showPage()
    pdf.save()
    doc = extract_bytes(buffer.getvalue(), "long.pdf")
    assert doc.format == "pdf"
    assert any("1000 页" in w and f"前 {MAX_PDF_PAGES} 页" in w for w in doc.warnings)
    assert doc.self_evaluations == []


def test_deeply_nested_tables_are_cut() -> None:
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    for depth in range(12):
        cell.text = f"层{depth}"
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
    buffer = io.BytesIO()
    document.save(buffer)
    doc = extract_bytes(buffer.getvalue(), "nested.docx")
    assert any("嵌套" in w for w in doc.warnings)


def test_zip_without_office_document() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "没有 Word/Excel" in only_warning(out.getvalue(), "x.docx")


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run([sys.executable, "-m", "jixiao.present", *args], capture_output=True, env=environment,
                          timeout=300, check=False)


def test_cli_reports_hostile_files_without_traceback(tmp_path: Path) -> None:
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(small_docx()[:500])
    text_named_docx = tmp_path / "notes.docx"
    text_named_docx.write_text("项目名称\t某项目\n", encoding="utf-8")
    result = run_cli("extract", str(cut), str(text_named_docx), "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    assert b"Traceback" not in result.stderr
    docs = json.loads(result.stdout)["documents"]
    assert docs[0]["format"] == "zip" and "压缩包损坏" in docs[0]["warnings"][0]
    assert docs[1]["format"] == "text"


def test_legacy_doc_without_libreoffice_says_so(tmp_path: Path) -> None:
    fake = tmp_path / "old.doc"
    fake.write_bytes(OLE2 + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(2000))
    result = run_cli("extract", str(fake), "--format", "json", env={"PATH": str(tmp_path)})
    assert result.returncode == 0, result.stderr.decode()
    (doc,) = json.loads(result.stdout)["documents"]
    assert doc["format"] == "doc"
    assert "LibreOffice" in doc["warnings"][0]
