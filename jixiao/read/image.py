"""Page images for OCR (needs the ``ocr`` extra: OpenCV and NumPy): decode, deskew, remove the red
seal, find the table's ruling lines.

* **Decode:** PNG/JPEG/TIFF (every frame of a multi-page TIFF) → RGB arrays with their resolution (the
  file's own, or the one that makes the short side an A4 page's width).
* **Deskew:** the angle within ±3° that makes the rows of ink sharpest (the horizontal projection
  profile with the largest sum of squares), coarse then fine, on a reduced copy.
* **Seal:** saturated red (the unit's seal, red stamps) becomes white before text is read; ink under
  the seal is dark and stays.
* **Rulings:** adaptive threshold, then morphological opening with a long horizontal (vertical) line:
  only rulings survive, not strokes of characters. Each component is one segment, in points with y
  growing upwards (PDF page space, as :mod:`jixiao.read.pdf_page` uses); vertical rulings must end
  on horizontal ones (both snapped to each other), so a stray stroke is never a column.
"""

from __future__ import annotations

import io
from typing import Any

import cv2
import numpy as np

A4_SHORT_INCHES = 8.27
MAX_SKEW = 3.0  # degrees
SNAP = 6.0  # points: a ruling's end this close to a crossing ruling reaches it
Segment = tuple[float, float, float]
Array = Any  # numpy arrays (OpenCV's and NumPy's stubs disagree on their generic types)


def decode(data: bytes, max_pages: int) -> list[tuple[Array, float]]:
    """(RGB image, dpi) of every page (frame) of an image file."""
    from PIL import Image, ImageSequence

    out: list[tuple[Array, float]] = []
    with Image.open(io.BytesIO(data)) as picture:
        info_dpi = picture.info.get("dpi")
        for frame in ImageSequence.Iterator(picture):
            if len(out) >= max_pages:
                break
            rgb = np.asarray(frame.convert("RGB"), dtype=np.uint8)
            out.append((rgb, resolution(rgb, info_dpi)))
    return out


def resolution(image: Array, info_dpi: Any) -> float:
    """The file's resolution when it states a plausible one, else the short side as A4's width."""
    try:
        dpi = float(info_dpi[0]) if info_dpi else 0.0
    except (TypeError, ValueError, IndexError):
        dpi = 0.0
    if 70 <= dpi <= 1200:
        return dpi
    return max(float(min(image.shape[:2])) / A4_SHORT_INCHES, 36.0)


def blank(gray: Array) -> bool:
    """A page without ink (an empty or uniformly grey scan): nothing to read."""
    dark = gray < min(160, int(np.median(gray)) - 60)
    return float(dark.mean()) < 0.0005


def remove_seal(rgb: Array) -> Array:
    """Saturated red (the seal, red stamps) → grey from its red channel, scaled so that the seal's
    red becomes the paper's brightness (no white shape for OCR to read): ink under the seal (black
    multiplied by the seal's red: dark red) stays dark, the seal's soft edges over a stroke keep it."""
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    hue, sat = hsv[:, :, 0], hsv[:, :, 1]
    red = ((hue <= 12) | (hue >= 155)) & (sat >= 35)
    if not red.any():
        return rgb
    out = rgb.copy()
    paper = float(np.median(hsv[:, :, 2][~red])) if (~red).any() else 255.0
    reds = rgb[:, :, 0][red].astype(np.float32)
    seal = max(float(np.median(reds)), 1.0)
    grey = np.clip(reds * (paper / seal), 0, paper).astype(np.uint8)
    out[red] = grey[:, None]
    return out


def skew(gray: Array) -> float:
    """Degrees to rotate the page by (OpenCV's sense: counter-clockwise) to make its rows level."""
    scale = min(1.0, 1000.0 / max(gray.shape[1], 1))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    height, width = ink.shape
    centre = (width / 2, height / 2)

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(ink, matrix, (width, height), flags=cv2.INTER_NEAREST, borderValue=0)
        profile = turned.sum(axis=1, dtype=np.float64)
        return float(np.dot(profile, profile))

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.25), key=lambda a: sharpness(float(a)))
    fine = max(np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05), key=lambda a: sharpness(float(a)))
    return round(float(fine), 2)


def rotate(rgb: Array, angle: float) -> Array:
    if abs(angle) < 0.01:
        return rgb
    height, width = rgb.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(rgb, matrix, (width, height), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=(255, 255, 255))


def rulings(gray: Array, dpi: float) -> tuple[list[Segment], list[Segment]]:
    """(horizontal (y, x0, x1), vertical (x, y0, y1)) rulings in points, y growing upwards."""
    block = int(dpi * 0.15) | 1
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15)
    long_h, long_v = max(int(dpi * 0.4), 20), max(int(dpi * 0.17), 12)
    bridge = max(int(dpi * 0.03), 3)
    horizontal_ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (long_h, 1)))
    horizontal_ink = cv2.morphologyEx(horizontal_ink, cv2.MORPH_CLOSE,
                                      cv2.getStructuringElement(cv2.MORPH_RECT, (bridge, 1)))
    vertical_ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, long_v)))
    vertical_ink = cv2.morphologyEx(vertical_ink, cv2.MORPH_CLOSE,
                                    cv2.getStructuringElement(cv2.MORPH_RECT, (1, bridge)))
    pt = 72.0 / dpi
    page_height = gray.shape[0] * pt
    thick = dpi * 0.06
    horizontal = [(float((y + h / 2) * pt), float(x * pt), float((x + w) * pt))
                  for x, y, w, h in _components(horizontal_ink) if h <= thick and w >= long_h]
    vertical = [(float((x + w / 2) * pt), float(y * pt), float((y + h) * pt))
                for x, y, w, h in _components(vertical_ink) if w <= thick and h >= long_v]
    horizontal, vertical = _snap(horizontal, vertical)
    return ([(page_height - y, x0, x1) for y, x0, x1 in horizontal],
            [(x, page_height - y1, page_height - y0) for x, y0, y1 in vertical])


def _components(mask: Array) -> list[tuple[int, int, int, int]]:
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return [(int(stats[k, 0]), int(stats[k, 1]), int(stats[k, 2]), int(stats[k, 3])) for k in range(1, count)]


def _snap(horizontal: list[Segment], vertical: list[Segment]) -> tuple[list[Segment], list[Segment]]:
    """Vertical rulings whose two ends reach horizontal ones (extended to them), and horizontal
    rulings extended to the vertical ones their ends nearly reach (y growing downwards here)."""
    kept: list[Segment] = []
    for x, y0, y1 in vertical:
        crossing = [y for y, a, b in horizontal if a - SNAP <= x <= b + SNAP]
        top = min((y for y in crossing if abs(y - y0) <= SNAP), key=lambda y: abs(y - y0), default=None)
        bottom = min((y for y in crossing if abs(y - y1) <= SNAP), key=lambda y: abs(y - y1), default=None)
        if top is not None and bottom is not None and bottom > top:
            kept.append((x, min(top, y0), max(bottom, y1)))
    extended: list[Segment] = []
    for y, x0, x1 in horizontal:
        crossing = [x for x, a, b in kept if a - SNAP <= y <= b + SNAP]
        left = min((x for x in crossing if abs(x - x0) <= SNAP), key=lambda x: abs(x - x0), default=x0)
        right = min((x for x in crossing if abs(x - x1) <= SNAP), key=lambda x: abs(x - x1), default=x1)
        extended.append((y, min(left, x0), max(right, x1)))
    return extended, kept
