"""The OCR bar on forms the OCR work was not tuned on: template families (jixiao/samples/families,
not the generator bench/ocr_bench.py prints) rendered to PDF, printed as degraded scans and read back.

    .venv/bin/python bench/ocr_unseen.py [--families a,b] [--dpis 200,150] [--show]

Each family's first form is drawn with reportlab (``render.to_pdf``), scanned by
``jixiao.samples.scan`` (a red seal over the table, rotation within ±1.5°, noise, blur, JPEG) at each
resolution and read with ``extract_bytes``; the reading is scored against the family's truth
(``jixiao.samples.families.score.compare``: every leaf one field). A number read wrongly is either
marked (a finding of category ``ocr`` on that form) or not: the bar is none unmarked.
"""

from __future__ import annotations

import argparse
import os
import sys

FAMILIES = ("central", "sichuan_county", "sichuan_510000", "anhui", "yunnan_old", "yunnan", "guizhou_dept",
            "chongqing_dept", "national_td", "chongqing_td")
ANGLES = (1.2, -1.5, 0.7, -0.9, 1.5, -0.4)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--families", default=",".join(FAMILIES))
    parser.add_argument("--dpis", default="200,150")
    parser.add_argument("--show", action="store_true", help="print every field read wrongly")
    args = parser.parse_args()
    os.environ["JIXIAO_OCR_CACHE"] = "off"
    from jixiao.read.ocr import available

    if not available():
        raise SystemExit("OCR extra not installed: pip install 'jixiao[ocr]'")
    from jixiao.samples.scanbar import PageResult, read_page, scan_family

    results: list[PageResult] = []
    n = 0
    for name in args.families.split(","):
        for dpi in (int(x) for x in args.dpis.split(",")):
            data, truth = scan_family(name, dpi, ANGLES[n % len(ANGLES)], seed=40 + n)
            r = read_page(data, truth, f"{name}@{dpi}")
            n += 1
            results.append(r)
            print(f"{r.label:24} forms {r.forms_found}/{r.forms_expected} fields {r.right}/{r.total} "
                  f"wrong numbers {len(r.wrong_numbers)} unmarked {len(r.unmarked)} marks {r.marks} "
                  f"{r.seconds:5.1f} s")
            for line in (r.wrong_numbers + r.other_wrong) if args.show else r.unmarked:
                print("    " + line)
            sys.stdout.flush()
    right, total = sum(r.right for r in results), sum(r.total for r in results)
    print(f"\n{len(results)} pages: forms {sum(r.forms_found for r in results)}/"
          f"{sum(r.forms_expected for r in results)}, fields right {right}/{total} "
          f"({100 * right / max(total, 1):.1f}%), numbers wrong {sum(len(r.wrong_numbers) for r in results)}, "
          f"wrong and unmarked {sum(len(r.unmarked) for r in results)}, cells marked {sum(r.marks for r in results)}")


if __name__ == "__main__":
    main()
