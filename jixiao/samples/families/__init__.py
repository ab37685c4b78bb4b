"""Template families of many provinces' budget-performance forms, printed in every format with
the reading a careful human makes of each (the truth): the recognizer's development set.

``layout`` (forms as data) → ``families`` (sample data → layout + truth) → ``render`` (DOCX, XLSX,
HTML, PDF, office-made PDF, text) → ``score`` (compare an extraction with the truth)."""

from jixiao.samples.families.families import FAMILIES, Family, Sample, family_truth
from jixiao.samples.families.score import Score, compare, write_family_set

__all__ = ["FAMILIES", "Family", "Sample", "Score", "compare", "family_truth", "write_family_set"]
