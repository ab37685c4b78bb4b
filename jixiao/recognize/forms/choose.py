"""Two readings of the same page, and the one that satisfies the form's own arithmetic.

The header-driven reader (:mod:`.selfeval`) and the label-stream reader (:mod:`jixiao.recognize.selfeval`,
tuned for text whose cells lost their grid: PDF text fragments, shifted tab rows) may both read a
form. Where their forms overlap, the reading whose numbers satisfy more of the form's own relations
(rate = 执行数/预算数, Σ weights = total weight, Σ scores = total score, score ≤ weight, funds rows
that cross-foot) wins; on a tie, the reader made for the input wins (the grid reader for DOCX, XLSX,
HTML and ruled PDF; the stream reader for text).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal

from jixiao.model.selfeval import FUND_ROWS, FundsRowEntry, SelfEvaluation
from jixiao.model.values import is_blank
from jixiao.recognize.forms.draft import CODE_NAME
from jixiao.recognize.forms.rows import OPERATORS
from jixiao.recognize.lexicon import lexicon

_TOLERANCE = Decimal("0.011")
_NUMBERISH = re.compile(r"^[\d.,%\s]+$")
_NATURES = OPERATORS | {"正向", "反向"}


def quality(form: SelfEvaluation) -> float:
    """How well a reading agrees with itself: relations that hold count up, those broken count down."""
    return _assess(form)[0]


def violations(form: SelfEvaluation) -> int:
    """How many of the form's own relations its reading breaks (0: a reading nothing argues against)."""
    return _assess(form)[1]


def _assess(form: SelfEvaluation) -> tuple[float, int]:
    q = 0.0
    bad = 0

    def holds(ok: bool, gain: float, loss: float) -> None:
        nonlocal q, bad
        if ok:
            q += gain
        else:
            q -= loss
            bad += 1

    for name in FUND_ROWS:
        row = getattr(form.funds, name)
        budget = row.full_year_budget if row.full_year_budget is not None else row.initial_budget
        if budget and row.executed is not None and row.execution_rate is not None:
            holds(abs(row.executed / budget - row.execution_rate) <= Decimal("0.006"), 1.0, 1.0)
    weights = [i.weight for i in form.indicators]
    scores = [i.score for i in form.indicators]
    funds_w = form.funds.total.weight or Decimal(0)
    funds_s = form.funds.total.score or Decimal(0)
    if form.total_weight is not None and weights and all(w is not None for w in weights):
        total = sum((w for w in weights if w is not None), Decimal(0))
        holds(min(abs(total + funds_w - form.total_weight), abs(total - form.total_weight)) <= _TOLERANCE, 2.0, 1.0)
    if form.total_score is not None and scores and all(s is not None for s in scores):
        total = sum((s for s in scores if s is not None), Decimal(0))
        holds(min(abs(total + funds_s - form.total_score), abs(total - form.total_score)) <= Decimal("0.6"),
              2.0, 1.0)
    for ind in form.indicators:
        if ind.weight is not None and ind.score is not None:
            holds(Decimal(0) <= ind.score <= ind.weight, 0.2, 0.5)
        if "weight" in ind.printed and ind.weight is None and ind.printed["weight"] not in ("/", "—", "-"):
            holds(False, 0.0, 0.5)
        if ind.level3:
            holds(not _NUMBERISH.match(ind.level3), 0.05, 1.0)  # a name is not a number
        if ind.nature:
            holds(ind.nature.strip() in _NATURES, 0.0, 1.0)
        if ind.unit:
            holds(not _NUMBERISH.match(ind.unit), 0.0, 1.0)
    q += 0.1 * sum(1 for v in (form.project_name, form.department, form.implementing_unit, form.goal_expected,
                               form.goal_actual) if v)
    if form.indicators and form.total_score is None and form.total_weight is None:
        q -= 2.0  # a reading that lost the total row escapes the total's checks: it is not the better one
    return q, bad


def _same_funds(a: SelfEvaluation, b: SelfEvaluation) -> bool:
    """Both readings give the same numbers for every canonical funds row either of them found."""
    for name in FUND_ROWS:
        ra, rb = getattr(a.funds, name), getattr(b.funds, name)
        if ra.line is None and rb.line is None:
            continue
        if any(getattr(ra, c) != getattr(rb, c) for c in ("initial_budget", "full_year_budget", "executed")):
            return False
    return bool(b.funds_rows)


def _adopt_funds(old: SelfEvaluation, new: SelfEvaluation) -> None:
    """The header reading saw the same numbers and more: the rows the stream reader has no name for
    (基本支出 …) and the dashes of cells a page or line break cut off (分值 "—" on the next line)."""
    old.funds_rows = new.funds_rows
    for name in FUND_ROWS:
        mine, theirs = getattr(old.funds, name), getattr(new.funds, name)
        for column, text in theirs.printed.items():
            if column not in mine.printed and is_blank(text) and getattr(mine, column) is None:
                mine.printed[column] = text
    for entry in old.funds_rows:
        if entry.role in FUND_ROWS:
            entry.printed = dict(getattr(old.funds, entry.role).printed) | entry.printed
            entry.line = getattr(old.funds, entry.role).line


def _overlap(a: SelfEvaluation, b: SelfEvaluation) -> bool:
    la, lb = a.location, b.location
    if la.line_start is None or lb.line_start is None:
        return False
    ea = la.line_end if la.line_end is not None else la.line_start
    eb = lb.line_end if lb.line_end is not None else lb.line_start
    return la.line_start <= eb and lb.line_start <= ea


def _span(form: SelfEvaluation) -> tuple[int, int] | None:
    loc = form.location
    if loc.line_start is None:
        return None
    return loc.line_start, loc.line_end if loc.line_end is not None else loc.line_start


class _Overlaps:
    """The grid forms that may overlap a span, without comparing every form with every other (which
    made extraction quadratic in the number of forms): spans sorted by start, with the running
    maximum of their ends, so that a search stops where no earlier span reaches."""

    def __init__(self, forms: list[SelfEvaluation]) -> None:
        spans = sorted((span, k) for k, f in enumerate(forms) if (span := _span(f)) is not None)
        self.starts = [span[0] for span, _ in spans]
        self.keys = [k for _, k in spans]
        self.reach: list[int] = []
        for (_, end), _k in spans:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def candidates(self, form: SelfEvaluation) -> list[int]:
        span = _span(form)
        if span is None:
            return []
        found = []
        at = bisect_right(self.starts, span[1]) - 1
        while at >= 0 and self.reach[at] >= span[0]:
            found.append(self.keys[at])
            at -= 1
        return sorted(found)


def choose(stream: list[SelfEvaluation], grid: list[SelfEvaluation], prefer_grid: bool,
           margin: float = 0.0, partial: list[SelfEvaluation] | None = None) -> list[SelfEvaluation]:
    """One list of forms in document order: every form either reader found, overlapping readings
    settled by :func:`quality` (``margin``: how much better the other reader must be to win).
    ``partial``: the header reader's funds blocks of forms it left to the stream reader."""
    chosen: list[SelfEvaluation] = []
    used: set[int] = set()
    index = _Overlaps(grid)
    parts = _Overlaps(partial or [])
    for old in stream:
        for k in parts.candidates(old):
            part = (partial or [])[k]
            if _overlap(old, part) and _same_funds(old, part):
                _adopt_funds(old, part)
        rivals = [k for k in index.candidates(old) if k not in used and _overlap(old, grid[k])]
        if not rivals:
            chosen.append(old)
            continue
        used.update(rivals)
        if len(rivals) > 1:  # the grid reader split what the stream reader took as one
            chosen.extend(grid[k] for k in rivals) if prefer_grid else chosen.append(old)
            continue
        new = grid[rivals[0]]
        q_old, q_new = quality(old), quality(new)
        winner = (old if q_old > q_new + margin else new) if prefer_grid else (new if q_new > q_old + margin else old)
        if winner is old and _same_funds(old, new):
            _adopt_funds(old, new)
        chosen.append(winner)
    chosen.extend(new for k, new in enumerate(grid) if k not in used)
    chosen.sort(key=lambda f: f.location.line_start or 0)
    return chosen


def split_project_code(form: SelfEvaluation) -> None:
    """"51092324T000010263357-2023年全县安可替代补助资金项目" in the name cell: the code and the name,
    whichever reader read the form (a project code is how its forms are linked across documents)."""
    if form.project_name and form.project_code is None:
        m = CODE_NAME.match(form.project_name)
        if m:
            form.project_code, form.project_name = m.group(1), m.group(2).strip()


def fill_funds_rows(form: SelfEvaluation) -> None:
    """A form read by the stream reader lists its canonical funds rows in ``funds_rows`` too."""
    if form.funds_rows:
        return
    lex = lexicon()
    for role in FUND_ROWS:
        row = getattr(form.funds, role)
        if row.line is None and not row.printed:
            continue
        words = lex.words("fund_row", role)
        form.funds_rows.append(FundsRowEntry(**row.model_dump(), label=words[0] if words else role, role=role))


def mark_blank(form: SelfEvaluation) -> bool:
    """A form whose every value cell is empty (a blank template) is marked ``blank``; returns it."""
    values = [form.total_printed.get("total_weight"), form.total_printed.get("total_score")]
    values += [t for row in form.funds_rows for t in row.printed.values()]
    values += [t for name in FUND_ROWS for t in getattr(form.funds, name).printed.values()]
    values += [v for i in form.indicators for v in (i.target, i.actual, *i.printed.values())]
    if not any(v and any(ch.isdigit() for ch in v) for v in values):
        form.blank = True
    return form.blank
