"""The demo's scanned document: one self-evaluation printed, stamped and scanned — drawn with the lean
install's own parts (reportlab, pypdfium2, Pillow), so ``jixiao demo`` writes it on any machine.

With the ``ocr`` extra the demo reads it like the other files; without, the ingest says for this file
how to enable OCR. (:mod:`jixiao.samples.scan` degrades pages more thoroughly for the OCR tests, and
needs the extra's numpy and OpenCV.)
"""

from __future__ import annotations

import io
import random
import tempfile
from pathlib import Path
from typing import Any

from jixiao.samples.generator import make_form

DPI = 200
FILE_NAME = "{year}年扫描件_项目支出绩效自评表（盖章）.jpg"


def scanned_self_evaluation(year: int = 2024, seed: int = 11) -> bytes:
    """A JPEG scan (200 dpi) of a generated self-evaluation: a red round seal over the funds table,
    an ink blot under the last digit of the 总分, a slight rotation, blur and compression; the same
    bytes for the same arguments."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]
    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    from jixiao.present.forms import write_form

    rng = random.Random(seed)
    form = make_form(rng, "示例街道办事处", "社区环境综合整治项目", year, None)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "form.pdf"
        write_form(form, "pdf", path)
        document = pdfium.PdfDocument(path.read_bytes())
        try:
            page = document[0].render(scale=DPI / 72).to_pil().convert("RGB")
            blot = _last_char_box(document[0], form.total_printed["total_score"])
        finally:
            document.close()
    width, height = page.size
    if blot is not None:  # an ink blot under the total's last digit: read, but not surely (识别存疑)
        x0, y0, x1, y1 = blot
        ImageDraw.Draw(page).ellipse((x0 - 2, y0 + (y1 - y0) * 0.5, x1 + 3, y1 + 6), fill=(40, 40, 40))
    seal = Image.new("RGB", page.size, (255, 255, 255))
    draw = ImageDraw.Draw(seal)
    radius = DPI * 0.8
    cx, cy = width * rng.uniform(0.55, 0.7), height * rng.uniform(0.3, 0.4)
    red = (214, 48, 52)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=red, width=int(DPI * 0.05))
    inner = radius * 0.25
    draw.regular_polygon((cx, cy, inner), 5, fill=red)  # the mark at an official seal's centre
    page = ImageChops.multiply(page, seal)  # ink over ink: the text under the seal stays dark
    page = page.rotate(0.8, resample=Image.Resampling.BILINEAR, fillcolor=(246, 243, 236))
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    buffer = io.BytesIO()
    page.save(buffer, "JPEG", quality=82, dpi=(DPI, DPI))
    return buffer.getvalue()


def _last_char_box(page: Any, text: str) -> tuple[float, float, float, float] | None:
    """The image box (pixels at ``DPI``, top-down) of the last character of ``text``'s last
    occurrence on the PDF page."""
    textpage = page.get_textpage()
    found = textpage.get_text_range().rfind(text)
    if found < 0 or not text:
        return None
    left, bottom, right, top = textpage.get_charbox(found + len(text) - 1)
    height = page.get_size()[1]
    scale = DPI / 72
    return left * scale, (height - top) * scale, right * scale, (height - bottom) * scale


def write_demo_scan(folder: Path, year: int = 2024) -> Path:
    """Write the demo's scan into ``folder``; its path."""
    path = folder / FILE_NAME.format(year=year)
    path.write_bytes(scanned_self_evaluation(year))
    return path


__all__ = ["scanned_self_evaluation", "write_demo_scan"]
