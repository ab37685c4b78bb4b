"""Fields a recognizer sets on some forms only (an evaluation's 决算表 numbers its rows, its
execution table lists formulas …): declared on the model, so mypy and the rules see them, and
printed only where set, so a form's JSON says what its recognizer found and nothing more."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, SerializerFunctionWrapHandler, model_serializer


class Sparse(BaseModel):
    """A model whose ``SPARSE`` fields appear in its dump only once set (by the recognizer, or by
    the JSON it was read back from)."""

    SPARSE: ClassVar[tuple[str, ...]] = ()

    @model_serializer(mode="wrap")
    def _set_fields_only(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict):
            unset = [name for name in self.SPARSE if name not in self.model_fields_set]
            for name in unset:
                data.pop(name, None)
        return data


__all__ = ["Sparse"]
