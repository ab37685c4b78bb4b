"""The one registry of output formats: what each is, its file suffix and media type, and which
commands write it. A command checks ``--format`` against :func:`formats_of`; the web app takes its
download media types from here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OutputFormat:
    name: str
    suffix: str
    media_type: str
    description: str


OUTPUT_FORMATS: dict[str, OutputFormat] = {f.name: f for f in (
    OutputFormat("table", "", "text/plain", "终端表格 / readable tables"),
    OutputFormat("json", ".json", "application/json", "JSON（DESIGN §5）"),
    OutputFormat("markdown", ".md", "text/markdown", "Markdown 报告 / a Markdown report"),
    OutputFormat("csv", ".csv", "text/csv", "CSV（UTF-8 BOM）"),
    OutputFormat("xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel 工作簿"),
    OutputFormat("docx", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "Word 文档"),
    OutputFormat("pdf", ".pdf", "application/pdf", "PDF（内嵌字体 / fonts embedded）"),
)}

# Which formats each command writes (``form``: a form in the official layout, as ``export-form``,
# ``template`` and the web's downloads write it).
COMMAND_FORMATS: dict[str, tuple[str, ...]] = {
    "extract": ("json", "table"),
    "check": ("json", "table"),
    "rules": ("json", "table", "markdown"),
    "show": ("table", "json"),
    "inspect": ("json", "table"),
    "ls": ("table", "json", "csv"),
    "stats": ("table", "json"),
    "export": ("xlsx", "csv", "json"),
    "form": ("docx", "xlsx", "pdf"),
}
assert all(f in OUTPUT_FORMATS for formats in COMMAND_FORMATS.values() for f in formats)


def formats_of(command: str) -> tuple[str, ...]:
    """The formats ``command`` writes."""
    return COMMAND_FORMATS[command]


def media_type(fmt: str) -> str:
    return OUTPUT_FORMATS[fmt].media_type


__all__ = ["COMMAND_FORMATS", "OUTPUT_FORMATS", "OutputFormat", "formats_of", "media_type"]
