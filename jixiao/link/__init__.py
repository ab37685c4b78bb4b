"""Linking the forms of one project across documents and years (DESIGN §4: 申报 → 监控 → 自评 → 评价).

Pure (no I/O): the store links stored forms with it (:mod:`jixiao.store.linking`), ``jixiao check``
links the forms of the files it is given in memory. Imports only the model's vocabulary.

    from jixiao.link import Candidate, assign
"""

from jixiao.link.keys import STAGE_LABELS, STAGE_OF_KIND, STAGES, Stage, code_key, display_name, name_key, unit_key
from jixiao.link.match import CERTAIN, FUZZY_MIN, Anchor, Assignment, Candidate, Decision, assign

__all__ = ["CERTAIN", "FUZZY_MIN", "STAGES", "STAGE_LABELS", "STAGE_OF_KIND", "Anchor", "Assignment", "Candidate",
           "Decision", "Stage", "assign", "code_key", "display_name", "name_key", "unit_key"]
