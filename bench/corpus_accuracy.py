"""How well the recognizer reads the real published excerpts, against READINGS.md (issue 14).

    .venv/bin/python bench/corpus_accuracy.py [CORPUS_DIR] [--only 001,022] [--quiet] [--bonus]

Per excerpt: self-evaluation forms expected / found (found = an extracted self-evaluation carrying a
number), fields right / total, and the mismatches (path: expected, got). ``--bonus`` also lists the
misses among the readings' ambiguous (most-likely) values, which never count towards accuracy.
The oracle lives in tests/corpus/readings.py; the scoring rules in tests/corpus/scoring.py.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.corpus.measure import CorpusResult, ExcerptResult, measure  # noqa: E402


def _line(result: ExcerptResult) -> str:
    excerpt, score = result.excerpt, result.score
    fields = f"{score.right:>3}/{score.total:<3} {100 * score.accuracy:5.1f}%" if score.total else " " * 13
    bonus = f"{score.bonus_right}/{score.bonus_total}" if score.bonus_total else ""
    found = "yes" if result.found else "no"
    return (f"{excerpt.file:<14} {excerpt.holds:<6} {excerpt.reading or '':<17} {len(excerpt.forms):>3} "
            f"{result.forms_found:>5}  {found:<5} {fields}  {bonus}")


def report(result: CorpusResult, quiet: bool, bonus: bool, only: set[str]) -> None:
    print(f"{'excerpt':<14} {'holds':<6} {'reading':<17} exp found  found fields right   bonus")
    for one in result.excerpts:
        if only and one.excerpt.file[:3] not in only:
            continue
        print(_line(one))
        if not quiet:
            for mismatch in one.score.mismatches:
                print(f"    {mismatch}")
            if bonus:
                for mismatch in one.score.bonus_mismatches:
                    print(f"    (bonus) {mismatch}")
            if one.excerpt.holds != "filled" and one.found:
                print(f"    spurious: {one.forms_found} self-evaluation(s) with numbers in a '{one.excerpt.holds}' "
                      "excerpt")
    score = result.score
    print()
    print(f"forms found: {result.found} of {result.holding} excerpts holding a self-evaluation "
          f"(issue 14 bar: 13 of 15)")
    print(f"forms matched: {score.forms_matched} of {score.forms_expected} read forms")
    print(f"fields right: {score.right} of {score.total} = {100 * score.accuracy:.1f}% (issue 14 bar: 65%)")
    print(f"bonus (ambiguous readings): {score.bonus_right} of {score.bonus_total}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    default = os.environ.get("JIXIAO_CORPUS", str(ROOT.parent / "shared" / "corpus" / "pages"))
    parser.add_argument("corpus", nargs="?", default=default)
    parser.add_argument("--only", default="", help="comma-separated excerpt numbers, e.g. 001,022")
    parser.add_argument("--quiet", action="store_true", help="the table only, no mismatches")
    parser.add_argument("--bonus", action="store_true", help="also list misses of ambiguous readings")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not any(corpus.glob("*.txt")):
        sys.exit(f"no corpus excerpts in {corpus}")
    only = {part.strip().zfill(3) for part in args.only.split(",") if part.strip()}
    report(measure(corpus), args.quiet, args.bonus, only)


if __name__ == "__main__":
    main()
