"""Screenshot reading, measured on the drawn screenshots in tests/data/screenshots.

Runs the real OCR (RapidOCR, the models in its wheel) and the layout reconstruction over every
case, and prints message-level scores beside the anchor: a naive reading that takes every OCR
line as a message and its side from the page's centre line. Where identifier recognizers exist
(``shield.core.recognizers.recognize``), identifier precision and recall by (kind, normalized)
are printed too.

    uv run python bench/eval_screenshots.py                 # every case, timed OCR
    uv run python bench/eval_screenshots.py --split heldout
    uv run python bench/eval_screenshots.py --cache bench/out/ocr   # reuse OCR while tuning
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "screenshots"))

from reading_score import Got, Score, score  # noqa: E402

from shield.adapters.ocr import RapidOcrEngine  # noqa: E402
from shield.core.ports import OcrPage, TextBox  # noqa: E402
from shield.ingest.screenshot import read_page  # noqa: E402
from shield.ingest.screenshot_chat import read_chats  # noqa: E402

DATA = ROOT / "tests" / "data" / "screenshots"


def load_cases(split: str) -> list[tuple[Path, dict[str, Any]]]:
    cases = []
    for expected_path in sorted(DATA.glob("*/expected.json")):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        if split in ("all", expected["split"]):
            cases.append((expected_path.parent, expected))
    return cases


class CachedOcr:
    """The real engine, with its pages kept on disk by image digest (for tuning runs)."""

    def __init__(self, cache: Path | None) -> None:
        self.engine = RapidOcrEngine()
        self.cache = cache
        self.seconds: list[float] = []
        self.cpu_seconds: list[float] = []

    def read(self, path: Path) -> OcrPage:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        stored = self.cache / f"{digest}.json" if self.cache else None
        if stored is not None and stored.exists():
            raw = json.loads(stored.read_text())
            boxes = tuple(TextBox(**b) for b in raw["boxes"])
            return OcrPage(raw["width"], raw["height"], boxes)
        start, cpu_start = time.perf_counter(), time.process_time()
        page = self.engine.read(path)
        self.seconds.append(time.perf_counter() - start)
        self.cpu_seconds.append(time.process_time() - cpu_start)
        if stored is not None:
            stored.parent.mkdir(parents=True, exist_ok=True)
            boxes_raw = [b.__dict__ for b in page.boxes]
            stored.write_text(
                json.dumps({"width": page.width, "height": page.height, "boxes": boxes_raw})
            )
        return page


def shield_reading(pages: list[OcrPage]) -> tuple[list[Got], str | None]:
    chats = read_chats([read_page(p) for p in pages])
    got = [Got(m.side, m.text, m.time_text, m.day) for chat in chats for m in chat.messages]
    return got, chats[0].contact if chats else None


def naive_reading(pages: list[OcrPage]) -> tuple[list[Got], str | None]:
    """The anchor: every OCR line a message, left of centre = left; no merging of pages."""
    got = []
    for page in pages:
        for box in sorted(page.boxes, key=lambda b: (b.y0, b.x0)):
            side = "left" if box.center_x < page.width / 2 else "right"
            got.append(Got(side, box.text))
    return got, None


def recognizer() -> Callable[..., Any] | None:
    try:
        module = importlib.import_module("shield.core.recognizers")
    except ImportError:
        return None
    found = getattr(module, "recognize", None)
    return found if callable(found) else None


def identifiers(recognize: Callable[..., Any], texts: list[str]) -> set[tuple[str, str]]:
    """Every (kind, normalized) in the messages, read as OCR output (confusable characters
    retried where a checksum confirms), each with the message before as context."""
    found = set()
    previous = ""
    for text in texts:
        try:
            items = recognize(text, ocr=True, context=previous)
        except TypeError:  # an older recognize(text)
            items = recognize(text)
        for item in items:
            found.add((str(item.kind), str(item.normalized)))
        previous = text
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Screenshot reading accuracy")
    parser.add_argument("--split", choices=("all", "dev", "heldout", "heldout2"), default="all")
    parser.add_argument("--cache", type=Path, default=None, help="keep OCR pages here")
    parser.add_argument("--verbose", action="store_true", help="print each case's reading")
    args = parser.parse_args(argv)
    ocr = CachedOcr(args.cache)
    recognize = recognizer()
    readers = {"shield": shield_reading, "naive (anchor)": naive_reading}
    totals = {
        name: {"all": Score(), "dev": Score(), "heldout": Score(), "heldout2": Score()}
        for name in readers
    }
    contacts = {name: 0 for name in readers}
    id_counts = {"tp": 0, "fp": 0, "fn": 0}
    id_splits: dict[str, dict[str, int]] = {}
    id_errors: list[str] = []
    oracle = {"tp": 0, "fp": 0, "fn": 0}
    rows = []
    for folder, expected in load_cases(args.split):
        pages = [ocr.read(folder / name) for name in expected["screenshots"]]
        for name, reader in readers.items():
            got, contact = reader(pages)
            result = score(got, expected["messages"])
            totals[name]["all"].add(result)
            totals[name][expected["split"]].add(result)
            contacts[name] += contact == expected["contact"]
            if name == "shield":
                rows.append((expected["case"], expected["split"], len(pages), result, contact))
                if args.verbose:
                    for g in got:
                        print(f"  {g.side:5} {g.time or '-':5} {g.day or '-':12} {g.text}")
                if recognize is not None:
                    # a contact the header shows only as a number is that party's phone
                    found = identifiers(recognize, [contact or "", *[g.text for g in got]])
                    want = {(i["kind"], i["normalized"]) for i in expected["identifiers"]}
                    for counts in (id_counts, id_splits.setdefault(expected["split"], {})):
                        counts["tp"] = counts.get("tp", 0) + len(found & want)
                        counts["fp"] = counts.get("fp", 0) + len(found - want)
                        counts["fn"] = counts.get("fn", 0) + len(want - found)
                    id_errors += [f"  {expected['case']}: extra {k}:{v}" for k, v in found - want]
                    id_errors += [f"  {expected['case']}: missed {k}:{v}" for k, v in want - found]
                    # the same recognizers on the drawn text itself: what OCR and layout cost
                    truth = [expected["contact"], *[m["text"] for m in expected["messages"]]]
                    drawn = identifiers(recognize, truth)
                    oracle["tp"] += len(drawn & want)
                    oracle["fp"] += len(drawn - want)
                    oracle["fn"] += len(want - drawn)
    print("\nper case (shield):")
    print(f"{'case':28} {'split':8} {'shots':>5} {'exp':>4} {'got':>4} {'match':>5} "
          f"{'side':>5} {'CER':>6} {'time':>5} contact")  # fmt: skip
    for case, split, shots, r, contact in rows:
        print(
            f"{case:28} {split:8} {shots:5d} {r.expected:4d} {r.got:4d} {r.matched:5d} "
            f"{r.side_ok:5d} {r.mean_cer:6.3f} {r.time_ok:2d}/{r.timed:<2d} {contact}"
        )
    print("\nmessage-level scores (side by side with the anchor):")
    header = f"{'reader':16} {'split':8} {'recall':>7} {'precision':>9} {'side acc':>8} " \
        f"{'mean CER':>8} {'time acc':>8} {'exact chats':>11}"  # fmt: skip
    print(header)
    for name in readers:
        for split in ("dev", "heldout", "heldout2", "all"):
            s = totals[name][split]
            if not s.cases:
                continue
            print(
                f"{name:16} {split:8} {s.recall:7.3f} {s.precision:9.3f} {s.side_accuracy:8.3f} "
                f"{s.mean_cer:8.3f} {s.time_accuracy:8.3f} {s.exact_cases:5d}/{s.cases:<5d}"
            )
    ours, anchor = totals["shield"]["all"], totals["naive (anchor)"]["all"]
    if anchor.recall:
        print(f"recall ratio shield/anchor: {ours.recall / anchor.recall:.2f}x")
    print(f"contact names right: shield {contacts['shield']}/{len(rows)}")
    if ocr.seconds:
        print(
            f"OCR seconds per screenshot: mean {statistics.mean(ocr.seconds):.2f}, "
            f"median {statistics.median(ocr.seconds):.2f}, max {max(ocr.seconds):.2f} "
            f"over {len(ocr.seconds)} screenshots (the first includes loading the models)"
        )
        print(
            f"OCR CPU seconds per screenshot (all threads): "
            f"mean {statistics.mean(ocr.cpu_seconds):.2f}, "
            f"median {statistics.median(ocr.cpu_seconds):.2f}"
        )
    if recognize is None:
        print("identifiers: not measured (no shield.core.recognizers.recognize in this tree)")
    else:
        for split, counts in sorted(id_splits.items()):
            tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
            print(
                f"identifiers {split:8}: precision {tp / (tp + fp) if tp + fp else 1.0:.3f}, "
                f"recall {tp / (tp + fn) if tp + fn else 1.0:.3f} (tp {tp}, fp {fp}, fn {fn})"
            )
        tp, fp, fn = oracle["tp"], oracle["fp"], oracle["fn"]
        print(
            f"identifiers from the drawn text, no OCR (all): "
            f"precision {tp / (tp + fp) if tp + fp else 1.0:.3f}, "
            f"recall {tp / (tp + fn) if tp + fn else 1.0:.3f} (tp {tp}, fp {fp}, fn {fn})"
        )
        print("\n".join(id_errors))
        tp, fp, fn = id_counts["tp"], id_counts["fp"], id_counts["fn"]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print(
            f"identifiers: precision {precision:.3f}, recall {recall:.3f} "
            f"(tp {tp}, fp {fp}, fn {fn})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
