"""Header-driven recognition of the form family (自评表, 部门整体自评表) from the reader's grid."""

from jixiao.recognize.forms.rows import GRow, view, worth_reading
from jixiao.recognize.forms.selfeval import FormTrace, Recognition, recognize

__all__ = ["FormTrace", "GRow", "Recognition", "recognize", "view", "worth_reading"]
