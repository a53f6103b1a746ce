"""Peak memory and speed of the streaming parsers on big synthetic exports.

Anchor, in the same run: the obvious whole-file read (stdlib ``json.load`` of the Telegram
export; ``read().splitlines()`` of the WhatsApp chat), which is what a non-streaming parser
needs before it can even start. Each reading runs in a fresh process; peak RSS is the
process's own ``VmHWM`` (not ``ru_maxrss``, which keeps the parent's peak across exec).

    uv run python bench/ingest_memory.py            # 500 MB each
    uv run python bench/ingest_memory.py --mb 50    # quicker

``--extract`` measures the whole of ``shield extract PATH --json`` instead (parse, recognise,
assess, and the JSON document written to a file as it goes), in a fresh process, with its
peak beside the parse-only peak:

    uv run python bench/ingest_memory.py --extract --formats whatsapp
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from big_exports import write_telegram, write_whatsapp

# Each snippet counts what it read into ``n``; the tail prints it with the child's own peak.
# VmHWM belongs to the address space made at exec (ru_maxrss would carry the parent's peak).
TAIL = """
hwm = next(x for x in open("/proc/self/status") if x.startswith("VmHWM:"))
print(n, int(hwm.split()[1]) // 1024)
"""
SHIELD = (
    """
import sys
from shield.ingest import open_source
n = sum(1 for opened in open_source([sys.argv[1]]) for _ in opened.export.messages)
"""
    + TAIL
)
JSON_LOAD = (
    """
import json, sys
with open(sys.argv[1], encoding="utf-8") as handle:
    data = json.load(handle)
n = sum(len(chat["messages"]) for chat in data["chats"]["list"])
"""
    + TAIL
)
EXTRACT = (
    """
import contextlib, sys
from shield.cli.main import main
with open(sys.argv[2], "w", encoding="utf-8") as out, contextlib.redirect_stdout(out):
    assert main(["extract", sys.argv[1], "--json"]) == 0
with open(sys.argv[2], encoding="utf-8") as out:
    n = sum(1 for line in out if line.lstrip().startswith('{"source":'))
"""
    + TAIL
)
READ_LINES = (
    """
import sys
with open(sys.argv[1], encoding="utf-8") as handle:
    lines = handle.read().splitlines()
n = len(lines)
"""
    + TAIL
)


def run(code: str, path: Path) -> tuple[int, int, float]:
    start = time.perf_counter()
    output = path.with_suffix(".json")
    done = subprocess.run(
        [sys.executable, "-c", code, str(path), str(output)],
        capture_output=True,
        text=True,
        check=True,
    )
    output.unlink(missing_ok=True)
    seconds = time.perf_counter() - start
    count, peak = done.stdout.split()
    return int(count), int(peak), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=500, help="size of each export in MB")
    parser.add_argument("--formats", default="telegram,whatsapp", help="comma-separated")
    parser.add_argument(
        "--extract", action="store_true", help="the whole `shield extract --json`, not parsing"
    )
    args = parser.parse_args()
    chosen = args.formats.split(",")
    if args.extract:
        extract_table(chosen, args.mb)
        return
    print(
        f"{'format':<9} {'file MB':>7} {'messages':>9} {'shield s':>8} {'msg/s':>8} "
        f"{'shield peak MB':>14} | {'anchor':<15} {'peak MB':>8} {'s':>6} {'peak ratio':>10}",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as folder:
        for fmt, writer, anchor_name, anchor in (
            ("telegram", write_telegram, "json.load", JSON_LOAD),
            ("whatsapp", write_whatsapp, "read+splitlines", READ_LINES),
        ):
            if fmt not in chosen:
                continue
            path = Path(folder) / f"{fmt}.export"
            written = writer(path, args.mb << 20)
            size = path.stat().st_size >> 20
            count, peak, seconds = run(SHIELD, path)
            assert count == written, (count, written)
            _, anchor_peak, anchor_seconds = run(anchor, path)
            path.unlink()
            rate = count / seconds
            print(
                f"{fmt:<9} {size:>7} {count:>9} {seconds:>8.1f} {rate:>8.0f} {peak:>14} | "
                f"{anchor_name:<15} {anchor_peak:>8} {anchor_seconds:>6.1f} "
                f"{anchor_peak / peak:>9.1f}x",
                flush=True,
            )


def extract_table(chosen: list[str], mb: int) -> None:
    print(
        f"{'format':<9} {'file MB':>7} {'messages':>9} {'extract s':>9} {'msg/s':>7} "
        f"{'extract peak MB':>15} | {'parse-only peak MB':>18}",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as folder:
        for fmt, writer in (("telegram", write_telegram), ("whatsapp", write_whatsapp)):
            if fmt not in chosen:
                continue
            path = Path(folder) / f"{fmt}.export"
            written = writer(path, mb << 20)
            size = path.stat().st_size >> 20
            count, peak, seconds = run(EXTRACT, path)
            assert count == written, (count, written)
            _, parse_peak, _ = run(SHIELD, path)
            path.unlink()
            print(
                f"{fmt:<9} {size:>7} {count:>9} {seconds:>9.1f} {count / seconds:>7.0f} "
                f"{peak:>15} | {parse_peak:>18}",
                flush=True,
            )


if __name__ == "__main__":
    main()
