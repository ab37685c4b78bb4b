"""OCR throughput: scanned pages per second per core, and the fields read right.

    .venv/bin/python bench/ocr_bench.py [--pages N] [--threads T]

Generated self-evaluations (jixiao.samples.generator) printed as degraded scans (jixiao.samples.scan:
150–300 dpi, rotated up to ±1.5°, a red seal over the table, noise, JPEG/PNG) are read end to end with
``extract_bytes`` (decode, deskew, seal, rulings, OCR, grid, recognition) with the OCR cache off.
ONNX Runtime runs ``T`` threads (default 1: the figure is per core); pages/s/core = pages ÷ (wall
seconds × T). CPU seconds per page are reported too (steadier on a machine shared with others).
Fields right: as in tests/ocr, against the form read from the PDF the scan was printed from.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DPIS = (200, 150, 300, 200)
ANGLES = (1.0, -1.5, 0.5, -0.8)
UNITS = (("某某区民政局", "社区养老服务项目"), ("某某县教育局", "农村学校营养改善项目"),
         ("某某区文化旅游局", "公共文化服务项目"), ("某某镇人民政府", "农村人居环境整治项目"))


def _fields(form: Any) -> dict[str, Any]:
    data = form.model_dump(mode="json")
    out: dict[str, Any] = {k: data[k] for k in ("project_name", "department", "total_weight", "total_score")}
    out.update({f"funds.{k}": v for k, v in data["funds"]["total"].items() if k != "printed" and k != "line"})
    for n, indicator in enumerate(data["indicators"]):
        out.update({f"{n}.{k}": indicator[k] for k in ("level1", "level2", "level3", "target", "actual",
                                                       "weight", "score")})
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    os.environ["JIXIAO_OCR_THREADS"] = str(args.threads)
    os.environ["JIXIAO_OCR_CACHE"] = "off"

    from jixiao.extract import extract_bytes
    from jixiao.present.forms import write_form
    from jixiao.read.ocr import available
    from jixiao.samples.generator import make_form
    from jixiao.samples.scan import Degradation, scan_page

    if not available():
        raise SystemExit("OCR extra not installed: pip install 'jixiao[ocr]'")
    scans: list[tuple[bytes, dict[str, Any], str]] = []
    with tempfile.TemporaryDirectory() as folder:
        for n in range(args.pages):
            unit, project = UNITS[n % len(UNITS)]
            form = make_form(random.Random(100 + n), unit, project, 2024, None)
            path = Path(folder) / f"{n}.pdf"
            write_form(form, "pdf", path)
            source = extract_bytes(path.read_bytes(), path.name).self_evaluations[0]
            options = Degradation(dpi=DPIS[n % len(DPIS)], angle=ANGLES[n % len(ANGLES)],
                                  fmt="png" if n % 2 else "jpeg", seed=n)
            label = f"{options.dpi} dpi {options.angle:+.1f}° {options.fmt}"
            scans.append((scan_page(path.read_bytes(), 0, options), _fields(source), label))
    extract_bytes(scans[0][0][:64], "warm.png")  # imports (not the engine: a broken image stops early)
    wall = cpu = 0.0
    right = total = found = 0
    for data, expected, label in scans:
        start, start_cpu = time.perf_counter(), time.process_time()
        doc = extract_bytes(data, "scan")
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - start_cpu
        wall, cpu = wall + seconds, cpu + cpu_seconds
        read = _fields(doc.self_evaluations[0]) if doc.self_evaluations else {}
        found += bool(doc.self_evaluations)
        good = sum(1 for k, v in expected.items() if read.get(k) == v)
        right, total = right + good, total + len(expected)
        wrong = [f"{k}: {read.get(k)!r} ≠ {v!r}" for k, v in expected.items() if read.get(k) != v]
        print(f"{label:22} {seconds:6.2f} s wall {cpu_seconds:6.2f} s cpu  fields {good}/{len(expected)}"
              + (f"  ({'; '.join(wrong)})" if wrong else ""))
    pages = len(scans)
    print(f"\n{pages} pages, {args.threads} ONNX thread(s): {wall / pages:.2f} s/page wall, "
          f"{cpu / pages:.2f} s/page cpu")
    print(f"pages/s/core: {pages / (wall * args.threads):.3f} (wall × threads), {pages / cpu:.3f} (cpu)")
    print(f"forms found {found}/{pages}, fields right {right}/{total} ({100 * right / max(total, 1):.1f}%)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
