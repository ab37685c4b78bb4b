"""Without the ``ocr`` extra a scan is not read, and the one-line warning says how to enable OCR; the
format of an image is sniffed from its bytes. Nothing here runs OCR."""

from __future__ import annotations

import io
import sys

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped]
from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

from jixiao.extract import extract_bytes
from jixiao.read.sniff import sniff


def _image(fmt: str) -> bytes:
    picture = Image.new("RGB", (120, 80), color=(250, 250, 250))
    buffer = io.BytesIO()
    picture.save(buffer, fmt)
    return buffer.getvalue()


def _image_pdf() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.drawImage(ImageReader(Image.new("L", (200, 100), color=90)), 72, 500, width=400, height=200)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "TIFF"])
def test_images_are_sniffed_from_their_bytes(fmt: str) -> None:
    assert sniff(_image(fmt)) == "image"


@pytest.fixture
def no_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    """The OCR engine's import fails, as on an install without the extra."""
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)


@pytest.mark.usefixtures("no_ocr")
def test_image_without_ocr_names_the_extra() -> None:
    doc = extract_bytes(_image("PNG"), "scan.png")
    assert doc.format == "image"
    assert doc.form_count() == 0
    assert "扫描" in doc.warnings[0] and "pip install 'jixiao[ocr]'" in doc.warnings[0]
    assert "\n" not in doc.warnings[0]


@pytest.mark.usefixtures("no_ocr")
def test_scanned_pdf_without_ocr_names_the_extra() -> None:
    doc = extract_bytes(_image_pdf(), "scan.pdf")
    assert doc.form_count() == 0
    assert "\n" not in doc.warnings[0]
    assert "扫描件，无文字层，需OCR" in doc.warnings[0]
    assert "pip install 'jixiao[ocr]'" in doc.warnings[0]
