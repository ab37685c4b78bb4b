"""The PDF reading deadline: seconds from ``JIXIAO_PDF_SECONDS`` (or none at all), tested with a fake
clock so that no result depends on how fast the machine is."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

from jixiao.read import limits
from jixiao.read.pdf import read_pdf
from jixiao.read.text import TextDocument


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        self.now += 1.0  # every look at the clock takes a second
        return self.now


@pytest.mark.parametrize(("env", "expected"), [(None, 60.0), ("off", None), ("0", None), ("2.5", 2.5),
                                               ("-1", None), ("soon", 60.0)])
def test_deadline_seconds(monkeypatch: pytest.MonkeyPatch, env: str | None, expected: float | None) -> None:
    if env is None:
        monkeypatch.delenv(limits.PDF_SECONDS_ENV, raising=False)
    else:
        monkeypatch.setenv(limits.PDF_SECONDS_ENV, env)
    assert limits.deadline_seconds(60.0) == expected


def _pdf(pages: int) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for n in range(pages):
        pdf.drawString(72, 760, f"page {n + 1}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _read(monkeypatch: pytest.MonkeyPatch, env: str | None) -> TextDocument:
    if env is None:
        monkeypatch.delenv(limits.PDF_SECONDS_ENV, raising=False)
    else:
        monkeypatch.setenv(limits.PDF_SECONDS_ENV, env)
    monkeypatch.setattr(limits, "_clock", FakeClock())
    return read_pdf(_pdf(8))


def _text(doc: TextDocument) -> str:
    return " ".join(cell.text for row in doc.rows for cell in row.cells)


def test_deadline_stops_reading_between_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _read(monkeypatch, "3.5")  # ends at 1004.5; pages checked at 1002, 1003, 1004, then 1005: stop
    assert any("time limit reached after 3 pages" in w for w in doc.warnings), doc.warnings
    assert "page 3" in _text(doc) and "page 4" not in _text(doc)


def test_no_deadline_reads_every_page(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _read(monkeypatch, "off")
    assert not any("time limit" in w for w in doc.warnings)
    assert "page 8" in _text(doc)
