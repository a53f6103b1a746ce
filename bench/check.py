"""Speed and accuracy of the message assessment beside a keyword-list baseline.

    uv run python bench/check.py            # full run
    uv run python bench/check.py --quick    # a short run while developing

Prints, in one table: messages per second on one core (targets: at least 2,000/s), model load
time (target: under 1 s, measured cold in a fresh interpreter, imports included), and accuracy
and F1 of Shield and of a keyword list on the held-out messages of data/assessment.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from shield.adapters.assessment_model import load_model
from shield.core.assessment import Assessor
from shield.core.assessment.corpus import parse_messages

ROOT = Path(__file__).resolve().parents[1]

# The obvious baseline: flag a text that holds two or more words from a sextortion word list.
KEYWORDS = (
    "nude", "naked", "n00d", "noodz", "pay", "money", "leak", "expose", "blackmail", "video",
    "vid", "pics", "followers", "family", "bitcoin", "gift card", "paypal", "send it", "viral",
    "recorded", "ruin",
)  # fmt: skip


def keyword_flag(text: str) -> bool:
    low = text.lower()
    return sum(1 for k in KEYWORDS if k in low) >= 2


def scores(gold: list[bool], pred: list[bool]) -> tuple[float, float]:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum((not g) and p for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return accuracy, f1


def throughput(fn, texts: list[str], seconds: float) -> float:  # type: ignore[no-untyped-def]
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for t in texts:
            fn(t)
        done += len(texts)
    return done / (time.perf_counter() - start)


COLD = (
    "import time; t = time.perf_counter();"
    "from shield.adapters.assessment_model import load_model;"
    "from shield.core.assessment import Assessor;"
    "a = Assessor(load_model()); a.message('hello');"
    "print(time.perf_counter() - t)"
)


def cold_load(runs: int) -> list[float]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="0")
    out = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", COLD], capture_output=True, text=True, check=True, env=env
        )
        out.append(float(done.stdout.strip()))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    seconds = 1.0 if args.quick else 5.0

    messages = parse_messages((ROOT / "data/assessment/messages.txt").read_text("utf-8"))
    held = [m for m in messages if m.split == "heldout"]
    texts = [m.text for m in messages]

    t = time.perf_counter()
    assessor = Assessor(load_model())
    warm_load = time.perf_counter() - t
    cold = cold_load(2 if args.quick else 5)

    shield_rate = throughput(assessor.message, texts, seconds)
    keyword_rate = throughput(keyword_flag, texts, seconds)
    gold = [m.sextortion for m in held]
    s_acc, s_f1 = scores(gold, [assessor.message(m.text).sextortion for m in held])
    k_acc, k_f1 = scores(gold, [keyword_flag(m.text) for m in held])

    print(
        f"model {assessor.version}; {len(texts)} corpus messages for speed, "
        f"{len(held)} held-out messages for accuracy; one core"
    )
    print(f"{'measure':34} {'shield':>12} {'keywords':>12} {'ratio':>8}")
    print(
        f"{'messages per second':34} {shield_rate:12,.0f} {keyword_rate:12,.0f} "
        f"{shield_rate / keyword_rate:8.3f}"
    )
    print(f"{'accuracy (held-out)':34} {s_acc:12.3f} {k_acc:12.3f} {s_acc / k_acc:8.2f}")
    print(
        f"{'sextortion F1 (held-out)':34} {s_f1:12.3f} {k_f1:12.3f} "
        f"{s_f1 / k_f1 if k_f1 else float('inf'):8.2f}"
    )
    print(f"{'model load, cold, median (s)':34} {statistics.median(cold):12.3f}")
    print(f"{'model load, cold, worst (s)':34} {max(cold):12.3f}")
    print(f"{'model load, warm (s)':34} {warm_load:12.3f}")
    print(
        f"targets: >= 2,000 messages/s (met: {shield_rate >= 2000}); "
        f"load < 1 s (met: {max(cold) < 1.0})"
    )


if __name__ == "__main__":
    main()
