"""Every PDF jixiao writes carries its own CJK font (subset-embedded TrueType), so a page renders
and reads back the same on a machine with no CJK font installed (this suite runs on one): ≥ ≤ ± ％
and full-width punctuation are drawn, not substituted away."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest

from jixiao.present.forms import TEMPLATES, write_sheets, write_template
from jixiao.present.forms.fonts import FONT_FILE, register_cjk_font
from jixiao.present.forms.layout import Sheet

SCALE = 4  # pixels per point
INK = 128  # a grey value darker than this is ink


def _sheet() -> Sheet:
    sheet = Sheet(title="年度绩效指标完成情况", widths=[3, 3, 8])
    sheet.new_row()
    sheet.label(0, "指标")
    sheet.label(1, "指标值")
    sheet.label(2, "说明")
    sheet.new_row()
    sheet.add(0, "培训人次")
    sheet.add(1, "≥174人次", align="center")
    sheet.add(2, "偏差≤5％，误差±0.5；（全年）“达标”、完成率：100％。" * 3)
    return sheet


def _marks(path: Path) -> list[tuple[str, tuple[float, float, float, float], bytes]]:
    """Each character of the first page's text layer, its box and the rendered pixels inside it."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[0]
        text = page.get_textpage()
        image = page.render(scale=SCALE, grayscale=True).to_pil().convert("L")
        height = image.height
        out = []
        for i in range(text.count_chars()):
            ch = text.get_text_range(i, 1)
            left, bottom, right, top = text.get_charbox(i)
            box = (left * SCALE, height - top * SCALE, right * SCALE, height - bottom * SCALE)
            out.append((ch, (left, bottom, right, top), image.crop(tuple(round(v) for v in box)).tobytes()))
        return out
    finally:
        pdf.close()


def test_symbols_and_full_width_punctuation_are_drawn(tmp_path: Path) -> None:
    path = tmp_path / "form.pdf"
    write_sheets([_sheet()], "pdf", path)
    marks = _marks(path)
    text = "".join(ch for ch, _, _ in marks)
    assert "≥174人次" in text
    assert "偏差≤5％，误差±0.5；（全年）“达标”、完成率：100％。" in re.sub(r"\s", "", text)
    pixels = {ch: ink for ch, _, ink in marks}
    for ch in "≥≤±％，；（）“”、：。人":
        ink = pixels[ch]
        assert sum(1 for p in ink if p < INK) >= 4, f"{ch!r} is not drawn"
    # two different glyphs, not the same stand-in box twice
    assert pixels["≥"] != pixels["≤"]


def test_every_font_is_embedded(tmp_path: Path) -> None:
    written = []
    for kind in TEMPLATES:
        path = tmp_path / f"{kind}.pdf"
        write_template(kind, "pdf", path)
        written.append(path)
    path = tmp_path / "form.pdf"
    write_sheets([_sheet()], "pdf", path)
    written.append(path)
    for path in written:
        data = path.read_bytes()
        fonts = re.findall(rb"/BaseFont\s*/([^\s/>]+)", data)
        assert fonts, path.name
        assert all(b"+" in name for name in fonts), fonts  # subset names: ABCDEF+Name
        descriptors = len(re.findall(rb"/Type\s*/FontDescriptor", data))
        assert data.count(b"/FontFile2") == descriptors == len(fonts), path.name
        assert b"STSong" not in data


def test_output_is_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    write_sheets([_sheet()], "pdf", first)
    write_sheets([_sheet()], "pdf", second)
    assert first.read_bytes() == second.read_bytes()


def test_the_font_ships_with_the_package() -> None:
    assert FONT_FILE.is_file()
    assert FONT_FILE.read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType outlines, not CFF ("OTTO")
    assert 1_000_000 < FONT_FILE.stat().st_size < 8_000_000
    assert register_cjk_font() == register_cjk_font()
    assert (FONT_FILE.parent / "OFL.txt").is_file()


@pytest.mark.parametrize("text", ["≥", "≤", "±", "％", "，", "。", "（", "）", "：", "；", "、", "“", "”", "—", "…"])
def test_symbols_are_in_the_font(text: str) -> None:
    from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]

    font = pdfmetrics.getFont(register_cjk_font())
    assert ord(text) in font.face.charToGlyph
