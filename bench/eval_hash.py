"""Recall per transformation and false-match rate of photo hashing on the development image set.

For every photo of bench/imageset_sources.csv the bank holds the hash of the original file
(`PhotoHasher.digest`). Each transformed copy is a query; it is *found* when its own original is
within the threshold (default 31). Two ways of querying, side by side:

- baseline: PDQ of the query as it is (one hash);
- variants: Shield's query variants (`PhotoHasher.query_variants`: the 8 rotations/mirrors and
  the copy with borders and app chrome stripped); found when any variant is within the threshold.

False matches: every (query or original, unrelated original) pair within the threshold, as a
share of all such pairs, and the share of queries with at least one unrelated match.

    uv run --group bench python bench/imageset.py
    uv run --group bench python bench/eval_hash.py [--split held-out|dev|all] [--threshold 31]
        [--pipeline pdq-2] [--bank-pipeline pdq-1]

`--pipeline` picks the pipeline version of the queries (default: Shield's default) and
`--bank-pipeline` that of the bank (default: the same), so matching new queries against a bank
hashed with an older version is measured too.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from imageset import DEFAULT_OUT, build  # noqa: E402
from shield.bootstrap import build_hasher  # noqa: E402
from shield.core.photohash import DEFAULT_PIPELINE, PIPELINES, distance, is_weak  # noqa: E402

WAYS = ("baseline", "variants")


@dataclass
class Tally:
    threshold: int
    found: dict[str, Counter] = field(default_factory=lambda: {w: Counter() for w in WAYS})
    totals: Counter = field(default_factory=Counter)
    distances: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    winning: Counter = field(default_factory=Counter)
    false_pairs: Counter = field(default_factory=Counter)
    false_queries: Counter = field(default_factory=Counter)
    pairs: int = 0
    queries: int = 0
    misses: list[tuple[str, str, int, int]] = field(default_factory=list)
    weak: list[str] = field(default_factory=list)
    nearest_unrelated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(WAYS, 256))


def measure(
    images: list[dict],
    transforms: list[str] | None,
    threshold: int,
    pipeline: str | None = None,
    bank_pipeline: str | None = None,
) -> Tally:
    hasher = build_hasher(pipeline=pipeline)
    banker = build_hasher(pipeline=bank_pipeline or pipeline)
    tally = Tally(threshold)
    digests = {e["id"]: banker.digest(Path(e["original"])) for e in images}
    tally.weak = sorted(i for i, d in digests.items() if is_weak(d.quality or 0))
    images = [e for e in images if e["id"] not in tally.weak]  # weak hashes are not acted on
    bank = {e["id"]: digests[e["id"]].pdq for e in images}
    for entry in images:
        own = bank[entry["id"]]
        items = [("original", entry["original"]), *entry["queries"].items()]
        for transform, path in items:
            if transforms and transform not in transforms:
                continue
            plain = hasher.digest(Path(path)).pdq
            variants = hasher.query_variants(Path(path))
            best = min(variants, key=lambda v: distance(v.pdq, own))
            if transform != "original":
                pair = (distance(plain, own), distance(best.pdq, own))
                tally.totals[transform] += 1
                tally.distances[transform].append(pair)
                tally.found["baseline"][transform] += pair[0] <= threshold
                tally.found["variants"][transform] += pair[1] <= threshold
                if pair[1] <= threshold:
                    tally.winning[best.variant] += 1
                else:
                    tally.misses.append((entry["id"], transform, *pair))
            tally.queries += 1
            others = [h for ident, h in bank.items() if ident != entry["id"]]
            tally.pairs += len(others)
            near = {
                "baseline": min((distance(plain, h) for h in others), default=256),
                "variants": min(
                    (distance(v.pdq, h) for v in variants for h in others), default=256
                ),
            }
            for way, value in near.items():
                tally.nearest_unrelated[way] = min(tally.nearest_unrelated[way], value)
            hits = {
                "baseline": sum(distance(plain, h) <= threshold for h in others),
                "variants": sum(
                    any(distance(v.pdq, h) <= threshold for v in variants) for h in others
                ),
            }
            for way, count in hits.items():
                tally.false_pairs[way] += count
                tally.false_queries[way] += count > 0
    return tally


def report(tally: Tally, order: list[str]) -> None:
    if tally.weak:
        print(f"left out, weak original (quality < 50): {', '.join(tally.weak)}")
        print()
    print("| transformation | n | baseline recall | variants recall | median distance |")
    print("|---|---:|---:|---:|---:|")
    all_n = all_b = all_v = 0
    for transform in order:
        n = tally.totals[transform]
        if not n:
            continue
        b, v = tally.found["baseline"][transform], tally.found["variants"][transform]
        all_n, all_b, all_v = all_n + n, all_b + b, all_v + v
        med_b = sorted(d[0] for d in tally.distances[transform])[n // 2]
        med_v = sorted(d[1] for d in tally.distances[transform])[n // 2]
        print(f"| {transform} | {n} | {b / n:.0%} | {v / n:.0%} | {med_b} / {med_v} |")
    if all_n:
        print(f"| **all** | {all_n} | {all_b / all_n:.1%} | {all_v / all_n:.1%} | |")
    print()
    print("| false matches | baseline | variants |")
    print("|---|---:|---:|")
    rows = (
        ("unrelated pairs within threshold", tally.false_pairs, tally.pairs),
        ("queries with any unrelated match", tally.false_queries, tally.queries),
    )
    for label, counts, total in rows:
        cells = [f"{counts[w]} / {total} ({counts[w] / max(1, total):.2%})" for w in WAYS]
        print(f"| {label} | {cells[0]} | {cells[1]} |")
    near = tally.nearest_unrelated
    print(f"| nearest unrelated pair (bits) | {near['baseline']} | {near['variants']} |")
    print()
    print("variant that matched (variants):", dict(tally.winning.most_common()))
    missed = [m for m in tally.misses if not m[1].startswith("crop")]
    print(f"missed with variants, crops aside ({len(missed)}):")
    for ident, transform, d_plain, d_best in missed:
        print(f"  {ident} {transform}: distance {d_plain} / {d_best}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", default="held-out", choices=["held-out", "dev", "all"])
    parser.add_argument("--threshold", type=int, default=31)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--transforms", nargs="*", help="only these transformations")
    parser.add_argument("--pipeline", choices=PIPELINES, help="queries' pipeline version")
    parser.add_argument("--bank-pipeline", choices=PIPELINES, help="bank's (default: same)")
    args = parser.parse_args()

    manifest_path = args.out / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else build(args.out)
    images = [e for e in manifest["images"] if args.split in ("all", e["split"])]
    tally = measure(images, args.transforms, args.threshold, args.pipeline, args.bank_pipeline)
    queries = args.pipeline or DEFAULT_PIPELINE
    print(
        f"split {args.split}: {len(images) - len(tally.weak)} photos, {tally.queries} queries, "
        f"threshold {args.threshold}, median distance is baseline / variants; pipeline: "
        f"queries {queries}, bank {args.bank_pipeline or queries}"
    )
    print()
    report(tally, manifest["transforms"])


if __name__ == "__main__":
    main()
