"""Speed and accuracy of the message assessment beside a keyword-list baseline.

    uv run python bench/check.py            # full run
    uv run python bench/check.py --quick    # a short run while developing

Prints, in one table: messages per CPU second on one core (target: at least 2,000/s; CPU time,
so other work on a shared machine does not count against it; wall-clock beside it), model load
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


def throughput(fn, texts: list[str], seconds: float) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Messages per CPU second of this process (what one core does, whatever else runs on
    the machine) and per wall-clock second."""
    done, wall, cpu = 0, time.perf_counter(), time.process_time()
    while time.process_time() - cpu < seconds:
        for t in texts:
            fn(t)
        done += len(texts)
    return done / (time.process_time() - cpu), done / (time.perf_counter() - wall)


COLD = (
    "import time; t = time.perf_counter(); c = time.process_time();"
    "from shield.adapters.assessment_model import load_model;"
    "from shield.core.assessment import Assessor;"
    "a = Assessor(load_model()); a.message('hello');"
    "print(time.perf_counter() - t, time.process_time() - c)"
)


def cold_load(runs: int) -> list[tuple[float, float]]:
    """(wall, CPU) seconds from a fresh interpreter to a first answer, imports included."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="0")
    out = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", COLD], capture_output=True, text=True, check=True, env=env
        )
        wall, cpu = done.stdout.split()
        out.append((float(wall), float(cpu)))
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

    shield_rate, shield_wall = throughput(assessor.message, texts, seconds)
    keyword_rate, keyword_wall = throughput(keyword_flag, texts, seconds)
    gold = [m.sextortion for m in held]
    s_acc, s_f1 = scores(gold, [assessor.message(m.text).sextortion for m in held])
    k_acc, k_f1 = scores(gold, [keyword_flag(m.text) for m in held])
    f1_ratio = s_f1 / k_f1 if k_f1 else float("inf")
    rows = [
        ("messages per CPU second (one core)", shield_rate, keyword_rate, ",.0f"),
        ("messages per wall-clock second", shield_wall, keyword_wall, ",.0f"),
        ("accuracy (held-out)", s_acc, k_acc, ".3f"),
        ("sextortion F1 (held-out)", s_f1, k_f1, ".3f"),
    ]
    print(
        f"model {assessor.version}; {len(texts)} corpus messages for speed, "
        f"{len(held)} held-out messages for accuracy; pinned to one core"
    )
    print(f"{'measure':36} {'shield':>10} {'keywords':>10} {'shield/keywords':>16}")
    for name, a, b, fmt in rows:
        ratio = a / b if b else float("inf")
        print(f"{name:36} {a:>10{fmt}} {b:>10{fmt}} {ratio:16.3f}")
    walls, cpus = [w for w, _ in cold], [c for _, c in cold]
    print(f"{'model load, cold, wall median (s)':36} {statistics.median(walls):10.3f}")
    print(f"{'model load, cold, wall worst (s)':36} {max(walls):10.3f}")
    print(f"{'model load, cold, CPU median (s)':36} {statistics.median(cpus):10.3f}")
    print(f"{'model load, warm (s)':36} {warm_load:10.3f}")
    print(f"F1 ratio shield/keywords {f1_ratio:.2f}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores while measuring")
    print(
        f"targets: >= 2,000 messages per CPU second (met: {shield_rate >= 2000}); "
        f"cold load < 1 s (met: {max(walls) < 1.0})"
    )


if __name__ == "__main__":
    main()
