"""Print any form as a degraded scan, for the OCR tests and the demo (needs the ``ocr`` extra).

A PDF page made by the project's writers (:func:`jixiao.present.forms.write_form`) is rendered to an
image at the scan's resolution, then degraded the way a stamped paper form comes out of an office
scanner: an uneven, slightly tinted background, a red round seal pressed over part of the table (ink
multiplies: the black text under it stays black), a small rotation, blur, noise and JPEG
compression. Every degradation is drawn from ``random.Random(seed)``: the same arguments give the
same bytes.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

Image = Any  # a numpy array (height, width, 3) of uint8 RGB


@dataclass(frozen=True, slots=True)
class Degradation:
    dpi: int = 200
    angle: float = 1.0  # degrees, counter-clockwise; the tests and the bar stay within ±1.5
    seal: bool = True
    noise: float = 6.0  # standard deviation of the Gaussian noise, grey levels
    blur: float = 0.6  # Gaussian sigma in pixels at 200 dpi
    background: float = 0.10  # darkest share of the uneven background
    quality: int = 80  # JPEG quality
    fmt: str = "jpeg"  # "jpeg" | "png" | "tiff"
    seed: int = 0


def render_page(pdf: bytes, page: int = 0, dpi: int = 200) -> Image:
    """A PDF page as an RGB image at ``dpi``."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    document = pdfium.PdfDocument(pdf)
    try:
        bitmap = document[page].render(scale=dpi / 72, rev_byteorder=True)
        array = np.array(bitmap.to_numpy()[:, :, :3], dtype=np.uint8)
    finally:
        document.close()
    return array


def degrade(image: Image, options: Degradation) -> Image:
    """The page image as a scan: background, seal, rotation, blur and noise (not yet compressed)."""
    import cv2

    rng = random.Random(options.seed)
    height, width = image.shape[:2]
    page = image.astype(np.float32)
    if options.seal:
        page *= _seal(width, height, options.dpi, rng)
    # uneven lighting: a smooth gradient from one corner, and a faint paper tint
    corner = rng.choice([(0, 0), (width, 0), (0, height), (width, height)])
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    distance = np.hypot(xx - corner[0], yy - corner[1]) / math.hypot(width, height)
    light = 1.0 - options.background * (1.0 - distance)
    page *= light[:, :, None]
    page *= np.array([1.0, 0.985, 0.95], dtype=np.float32)
    page = np.clip(page, 0, 255)
    if options.angle:
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), options.angle, 1.0)
        page = cv2.warpAffine(page, matrix, (width, height), flags=cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_CONSTANT, borderValue=(245, 242, 235))
    if options.blur:
        page = cv2.GaussianBlur(page, (0, 0), options.blur * options.dpi / 200)
    if options.noise:
        noise = np.random.default_rng(options.seed).normal(0.0, options.noise, page.shape[:2])
        page = page + noise[:, :, None].astype(np.float32)
    return np.clip(page, 0, 255).astype(np.uint8)


def _seal(width: int, height: int, dpi: int, rng: random.Random) -> Any:
    """A multiplicative layer (1 = paper) holding a red round seal: a ring, an inner ring, a star and
    a ring of strokes standing for the unit's name, over the lower right part of the table."""
    import cv2

    layer = np.zeros((height, width), dtype=np.uint8)
    radius = int(dpi * 0.8)  # a 40 mm seal
    centre = (int(width * rng.uniform(0.58, 0.72)), int(height * rng.uniform(0.50, 0.68)))
    thick = max(2, dpi // 40)
    cv2.circle(layer, centre, radius, 255, thick * 2, cv2.LINE_AA)
    cv2.circle(layer, centre, int(radius * 0.93), 255, max(1, thick // 2), cv2.LINE_AA)
    star = [(centre[0] + int(radius * 0.3 * (1 if k % 2 == 0 else 0.4) * math.sin(k * math.pi / 5)),
             centre[1] - int(radius * 0.3 * (1 if k % 2 == 0 else 0.4) * math.cos(k * math.pi / 5)))
            for k in range(10)]
    cv2.fillPoly(layer, [np.array(star, dtype=np.int32)], 255, cv2.LINE_AA)
    for k in range(16):  # the unit's name around the rim: short strokes
        angle = math.pi * (0.85 + 1.3 * k / 15)
        r0, r1 = radius * 0.62, radius * 0.82
        p0 = (int(centre[0] + r0 * math.cos(angle)), int(centre[1] + r0 * math.sin(angle)))
        p1 = (int(centre[0] + r1 * math.cos(angle)), int(centre[1] + r1 * math.sin(angle)))
        cv2.line(layer, p0, p1, 255, thick, cv2.LINE_AA)
    strength = layer.astype(np.float32)[:, :, None] / 255.0 * rng.uniform(0.75, 0.9)
    red = np.array([0.86, 0.12, 0.16], dtype=np.float32)
    return 1.0 - strength * (1.0 - red)


def encode(image: Image, options: Degradation) -> bytes:
    """The scan as file bytes (JPEG, PNG or TIFF) carrying its resolution."""
    from PIL import Image as PILImage

    picture = PILImage.fromarray(image, "RGB")
    buffer = io.BytesIO()
    if options.fmt == "jpeg":
        picture.save(buffer, "JPEG", quality=options.quality, dpi=(options.dpi, options.dpi))
    elif options.fmt == "png":
        picture.save(buffer, "PNG", dpi=(options.dpi, options.dpi))
    elif options.fmt == "tiff":
        picture.save(buffer, "TIFF", compression="tiff_lzw", dpi=(options.dpi, options.dpi))
    else:
        raise ValueError(f"unknown image format: {options.fmt}")
    return buffer.getvalue()


def scan_page(pdf: bytes, page: int = 0, options: Degradation | None = None) -> bytes:
    """One page of a PDF printed, stamped and scanned: image file bytes."""
    options = options or Degradation()
    return encode(degrade(render_page(pdf, page, options.dpi), options), options)


def image_pdf(images: list[tuple[bytes, int]]) -> bytes:
    """An image-only PDF, one page per (image file bytes, dpi), each page the image's size."""
    from PIL import Image as PILImage
    from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped]
    from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    for data, dpi in images:
        with PILImage.open(io.BytesIO(data)) as picture:
            width, height = picture.size
        size = (width * 72 / dpi, height * 72 / dpi)
        pdf.setPageSize(size)
        pdf.drawImage(ImageReader(io.BytesIO(data)), 0, 0, width=size[0], height=size[1])
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def join_pdfs(parts: list[bytes]) -> bytes:
    """The pages of several PDFs in one (a text page followed by a scanned one …)."""
    import pypdfium2 as pdfium

    target = pdfium.PdfDocument.new()
    try:
        for part in parts:
            source = pdfium.PdfDocument(part)
            try:
                target.import_pages(source)
            finally:
                source.close()
        buffer = io.BytesIO()
        target.save(buffer)
        return buffer.getvalue()
    finally:
        target.close()


def scanned_form(form: Any, options: Degradation | None = None, fmt: str = "image") -> bytes:
    """A form (SelfEvaluation, TargetDeclaration, Evaluation …) printed by the project's writer and
    scanned: its first page as an image file (``fmt`` "image") or as an image-only PDF ("pdf")."""
    import tempfile

    from jixiao.present.forms import write_form

    options = options or Degradation()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "form.pdf"
        write_form(form, "pdf", path)
        image = scan_page(path.read_bytes(), 0, options)
    return image if fmt == "image" else image_pdf([(image, options.dpi)])
