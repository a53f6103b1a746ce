"""Benchmark: how long an evidence pack takes for long conversations.

Builds a full pack (originals, report.pdf with every message in its timeline, spreadsheets,
CASE/UCO JSON-LD, manifest) for synthetic conversations of growing length, and, side by side
in the same run, the anchor: the least any pack must do, a stdlib ZIP of the same originals
with timeline.csv. The ratio is what the readable, verifiable pack costs on top. The goal:
a 10,000-message conversation packs in under 30 seconds.

    uv run python bench/pack.py [--sizes 1000,10000]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
import zipfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from pypdf import PdfReader

from pack_support import evidence_files, extraction_for, originals
from shield import __version__
from shield.adapters.pdf import ReportLabRenderer
from shield.services.pack import PackRequest, PackService
from shield.services.pack.contents import Places
from shield.services.pack.sheets import timeline_csv
from support import SteppingClock

BUDGET_SECONDS = 30.0


def anchor(request: PackRequest, out: Path) -> float:
    start = time.perf_counter()
    places = Places(request.extraction, ())
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for original in request.originals:
            z.writestr(original.name, b"".join(original.read()))
        z.writestr("timeline.csv", timeline_csv(request.extraction, places))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = evidence_files(root / "given")
        for size in sizes:
            ex = extraction_for(files, messages=size)
            request = PackRequest(ex, originals(files), victim="Zoë Ñandú")
            service = PackService(ReportLabRenderer(), SteppingClock(), version=__version__)
            start = time.perf_counter()
            result = service.build(request, root / f"pack-{size}.zip")
            took = time.perf_counter() - start
            with zipfile.ZipFile(result.path) as z:
                pdf = z.read("report.pdf")
            pages = len(PdfReader(io.BytesIO(pdf)).pages)
            base = anchor(replace(request), root / f"anchor-{size}.zip")
            rows.append((len(ex.messages), took, pages, len(pdf) / 1e6, base, took / base))
    print(
        f"{'messages':>9} {'shield pack s':>14} {'pdf pages':>10} {'pdf MB':>7} "
        f"{'anchor: zip+csv s':>18} {'ratio':>7} {'< 30 s':>7}"
    )
    for messages, took, pages, mb, base, ratio in rows:
        ok = "yes" if took < BUDGET_SECONDS else "NO"
        print(
            f"{messages:>9} {took:>14.2f} {pages:>10} {mb:>7.2f} {base:>18.3f} "
            f"{ratio:>6.0f}x {ok:>7}"
        )


if __name__ == "__main__":
    main()
