"""Presentation (DESIGN §4 ``present``): the CLI, terminal tables, JSON, and forms written in the
official layout (DOCX / XLSX / PDF).

Public API::

    from jixiao.present import document_json, write_form, write_template, OUTPUT_FORMATS

The CLI lives in ``jixiao.present.cli`` (``main``) and its ``*_cli`` modules; nothing outside
``present`` imports them. Exit codes are :mod:`jixiao.present.exits`. Names load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.lazy import lazy_names

if TYPE_CHECKING:
    from jixiao.present.formats import OUTPUT_FORMATS, OutputFormat, formats_of
    from jixiao.present.forms import FormWriteError, form_model, write_form, write_template
    from jixiao.present.jsonout import document_json
    from jixiao.present.render import print_extract_table

_WHERE = {
    "document_json": "jixiao.present.jsonout",
    "print_extract_table": "jixiao.present.render",
    "OUTPUT_FORMATS": "jixiao.present.formats",
    "OutputFormat": "jixiao.present.formats",
    "formats_of": "jixiao.present.formats",
    "FormWriteError": "jixiao.present.forms",
    "form_model": "jixiao.present.forms",
    "write_form": "jixiao.present.forms",
    "write_template": "jixiao.present.forms",
}
__all__ = [
    "OUTPUT_FORMATS",
    "FormWriteError",
    "OutputFormat",
    "document_json",
    "form_model",
    "formats_of",
    "print_extract_table",
    "write_form",
    "write_template",
]
__getattr__ = lazy_names(__name__, _WHERE)
