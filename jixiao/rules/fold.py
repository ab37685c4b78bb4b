"""Noise folded: a rule that fires on most rows of a document for the same template feature (every
qualitative target, every empty 指标方向性, level-1 weights other than 50/30/10, a regional
qualitative scale such as 优良中低差) becomes one document-level note that counts them, and related
findings on the same row are merged into one with the others' evidence attached.
"""

from __future__ import annotations

from collections import defaultdict

from jixiao.rules.finding import Finding

FOLD_MIN = 5  # this many findings of one feature in one document make it the template's, not the form's
# code → (severities folded, a word the message must hold to be that feature, or "")
FOLDABLE: dict[str, tuple[tuple[str, ...], str]] = {
    "SE005": (("warning",), ""),  # level-1 weights adjusted (the forms' own note allows it)
    "SE017": (("info",), ""),  # qualitative targets
    "SE018": (("warning", "info"), ""),  # vague wording such as 预算范围内 on every cost row
    "TD007": (("info",), "未填指标方向性"),  # 指标方向性 left empty where ≥/≤ gives the direction
    "TD010": (("warning",), "刻度"),  # a regional qualitative scale printed as the value
    "TD011": (("warning",), ""),  # satisfaction/timeliness targets filed as qualitative
}


def _feature(finding: Finding) -> tuple[str, str, str] | None:
    rule = FOLDABLE.get(finding.code)
    if rule is None or finding.merged or finding.severity not in rule[0] or (
            rule[1] and rule[1] not in finding.message):
        return None
    return (finding.source, finding.code, rule[1])


def fold_noise(findings: list[Finding]) -> list[Finding]:
    """Each template feature seen ``FOLD_MIN`` times or more in a document → one info note (on its
    first occurrence) counting them, with every place in ``actual``; everything else unchanged."""
    groups: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        key = _feature(finding)
        if key is not None:
            groups[key].append(finding)
    folded = {key: group for key, group in groups.items() if len(group) >= FOLD_MIN}
    result: list[Finding] = []
    for finding in findings:
        key = _feature(finding)
        if key is None or key not in folded:
            result.append(finding)
            continue
        group = folded[key]
        if finding is not group[0]:
            continue
        forms = len({(f.form.kind, f.form.index) for f in group})
        places = [{"form": f.form.index, "project_name": f.form.project_name,
                   "line": f.location.get("line_start", f.location.get("page_start"))} for f in group]
        result.append(finding.model_copy(update={
            "severity": "info", "expected": None, "actual": {"count": len(group), "places": places},
            "message": f"本文件{forms}张表共{len(group)}处同类问题（模板普遍如此，合为一条）。例：{finding.message}"}))
    return result


# Categories that describe one problem of a row when they meet on it.
FAMILY = {"score_bounds": "score", "score_unjustified": "score", "score_unexplained": "score", "typo": "typo"}
_ORDER = {"error": 0, "warning": 1, "info": 2}
DECLARED_ROW_CODES = ("TD002", "TD004", "TD005", "TD006", "TD010")


def _row_key(finding: Finding) -> tuple[object, ...] | None:
    line = finding.location.get("line_start")
    # a declared indicator row: its cost cap, nature, direction and filing are one row's problem (the
    # project-level findings — goal, contacts, counts of rows — share the project's first line, not a row)
    row_level = finding.code in DECLARED_ROW_CODES or (finding.code == "TD007" and finding.severity == "warning")
    family = "declared_row" if row_level else FAMILY.get(finding.category)
    if family is None and finding.code.startswith("SE"):  # one rule telling two cells of one row (target, actual)
        family = finding.code
    if line is None or family is None:
        return None
    return (finding.source, finding.form.kind, finding.form.index, line, family)


def merge_same_row(findings: list[Finding]) -> list[Finding]:
    """Related findings on the same row of the same form (a score above its weight, outside its band,
    deducted without a note …) are one problem: the most severe is kept, the others' messages are
    attached in its ``merged`` and their codes named at the end of its message (the store keeps it)."""
    groups: dict[tuple[object, ...], list[Finding]] = defaultdict(list)
    for finding in findings:
        key = _row_key(finding)
        if key is not None:
            groups[key].append(finding)
    result: list[Finding] = []
    for finding in findings:
        key = _row_key(finding)
        group = groups[key] if key is not None else [finding]
        if len(group) == 1:
            result.append(finding)
            continue
        head = min(group, key=lambda f: _ORDER[f.severity])
        if finding is head:
            others = [f for f in group if f is not head]
            codes = "、".join(dict.fromkeys(f.code for f in others))
            result.append(head.model_copy(update={"merged": [f"{f.code}：{f.message}" for f in others],
                                                  "message": f"{head.message}（同一行另见{codes}）"}))
    return result
