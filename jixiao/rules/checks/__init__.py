"""One module per check, each with a stable ``CODE`` (see :mod:`jixiao.rules.base`)."""

from __future__ import annotations

from jixiao.rules.checks import (
    se001_execution_rate,
    se002_execution_score,
    se003_total,
    se004_weight_sum,
    se005_level1_weights,
    se006_score_bounds,
    se007_full_marks_missed,
    se008_score_above_formula,
    se009_deducted_without_note,
    se010_missed_without_note,
    se011_qualitative_band,
    se012_grade,
    se013_cost_vs_funds,
    se014_cost_units,
    se015_malformed_cell,
    se016_missing_cell,
    se017_unquantified_target,
    se018_vague_wording,
    se019_missing_section,
    se020_duplicate_indicator,
    se021_percent_over_100,
    se022_cost_as_minimum,
    se023_input_as_output,
    se024_not_applicable,
    se025_funds_crossfoot,
)

MODULES = (
    se001_execution_rate, se002_execution_score, se003_total, se004_weight_sum, se005_level1_weights,
    se006_score_bounds, se007_full_marks_missed, se008_score_above_formula, se009_deducted_without_note,
    se010_missed_without_note, se011_qualitative_band, se012_grade, se013_cost_vs_funds, se014_cost_units,
    se015_malformed_cell, se016_missing_cell, se017_unquantified_target, se018_vague_wording,
    se019_missing_section, se020_duplicate_indicator, se021_percent_over_100, se022_cost_as_minimum,
    se023_input_as_output, se024_not_applicable, se025_funds_crossfoot,
)
