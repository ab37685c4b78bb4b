"""Recognition accuracy on the template-family development set (jixiao/samples/families).

    .venv/bin/python bench/families_accuracy.py [--out DIR] [--formats docx,xlsx,...] [--families a,b]
                                                [--worst N] [--json FILE]

Writes every family in every format (LibreOffice-made PDFs only when ``soffice`` is installed) with
its truth, runs ``jixiao.extract.extract_path`` on each file and prints, per family × format, the
forms found / expected and the field accuracy, then the totals per format and the worst mismatches.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from jixiao.extract import extract_path
from jixiao.present.jsonout import document_json
from jixiao.samples.families.families import FAMILIES
from jixiao.samples.families.render import FORMATS
from jixiao.samples.families.score import Score, compare, write_family_set


def run(out: Path, formats: tuple[str, ...], families: tuple[str, ...]) -> dict[str, tuple[str, str, Score]]:
    index = write_family_set(out, formats=formats, families=families)
    results: dict[str, tuple[str, str, Score]] = {}
    for name, entry in index.items():
        try:
            extracted: dict[str, Any] = document_json(extract_path(out / name))
        except Exception as exc:
            extracted = {"warnings": [f"crash: {exc!r}"]}
        results[name] = (entry["family"], entry["format"], compare(extracted, entry["truth"]))
    return results


def report(results: dict[str, tuple[str, str, Score]], formats: tuple[str, ...], worst: int) -> str:
    present = [f for f in formats if any(fmt == f for _, fmt, _ in results.values())]
    cell: dict[tuple[str, str], Score] = {(fam, fmt): sc for fam, fmt, sc in results.values()}
    width = 13
    lines = ["forms found/expected  field accuracy  (per family × format)", "",
             "family".ljust(16) + "".join(f.ljust(width) for f in present)]
    per_format = {f: Score() for f in present}
    overall = Score()
    for fam in FAMILIES:
        if not any(k[0] == fam for k in cell):
            continue
        row = fam.ljust(16)
        for fmt in present:
            sc = cell.get((fam, fmt))
            if sc is None:
                row += "-".ljust(width)
                continue
            per_format[fmt].add(sc)
            overall.add(sc)
            row += f"{sc.forms_found}/{sc.forms_expected} {sc.accuracy:4.0%}".ljust(width)
        lines.append(row)
    lines.append("all".ljust(16) + "".join(
        f"{per_format[f].forms_found}/{per_format[f].forms_expected} {per_format[f].accuracy:4.0%}".ljust(width)
        for f in present))
    lines += ["", f"overall: forms {overall.forms_found}/{overall.forms_expected}, "
                  f"fields {overall.right}/{overall.total} = {overall.accuracy:.1%}"]
    if worst:
        # the most frequent wrong fields (path with list indexes dropped), then a few examples
        kinds: Counter[str] = Counter()
        examples: dict[str, tuple[str, Any, Any]] = {}
        for name, (_fam, _fmt, sc) in results.items():
            for m in sc.mismatches:
                key = _generic(m.path)
                kinds[key] += 1
                if m.got is not None and key not in examples:
                    examples[key] = (name, m.expected, m.got)
        lines += ["", f"worst fields (wrong in how many files×forms), top {worst}:"]
        for key, n in kinds.most_common(worst):
            ex = examples.get(key)
            lines.append(f"  {n:5d}  {key}" + (f"   e.g. {ex[0]}: expected {ex[1]!r}, got {ex[2]!r}" if ex else ""))
    return "\n".join(lines)


def _generic(path: str) -> str:
    out, depth = [], 0
    for ch in path:
        if ch == "[":
            depth += 1
            out.append("[]")
        elif ch == "]":
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, help="keep the generated files here (default: a temporary directory)")
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--families", default=",".join(FAMILIES))
    ap.add_argument("--worst", type=int, default=15)
    ap.add_argument("--json", type=Path, help="also write per-file scores and mismatches as JSON")
    args = ap.parse_args(argv)
    formats = tuple(f for f in args.formats.split(",") if f)
    families = tuple(f for f in args.families.split(",") if f)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="jixiao-families-") as tmp:
        out = args.out or Path(tmp)
        results = run(out, formats, families)
    print(report(results, formats, args.worst))
    print(f"\n{len(results)} files in {time.perf_counter() - start:.0f} s")
    if args.json:
        args.json.write_text(json.dumps({name: {"family": fam, "format": fmt, "forms_found": sc.forms_found,
                                                "forms_expected": sc.forms_expected, "right": sc.right,
                                                "total": sc.total,
                                                "mismatches": [m.__dict__ for m in sc.mismatches]}
                                         for name, (fam, fmt, sc) in results.items()},
                                        ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
