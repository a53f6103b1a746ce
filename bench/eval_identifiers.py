"""Precision and recall of the identifier recognizers on the development set, by kind.

    uv run python bench/eval_identifiers.py [--split dev|heldout] [--errors]

An identifier counts as found when its (kind, normalized) pair is in the conversation's
expected set; each conversation's pairs are counted once.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devset import SPLITS, load, score
from shield.core.recognizers import recognize


def shield_pairs(text: str, previous: str = "") -> list[tuple[str, str]]:
    return [(f.kind, f.normalized) for f in recognize(text, context=previous)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS, action="append")
    parser.add_argument("--errors", action="store_true", help="list every miss and extra")
    args = parser.parse_args()
    for split in args.split or SPLITS:
        conversations = load(split)
        result = score(conversations, shield_pairs)
        print(f"\n## {split}: {len(conversations)} conversations")
        print(f"{'kind':<16}{'precision':>10}{'recall':>8}{'support':>9}")
        for kind in result.kinds():
            p, r, n = result.pr(kind)
            print(f"{kind:<16}{p:>10.3f}{r:>8.3f}{n:>9}")
        p, r, n = result.pr()
        print(f"{'overall':<16}{p:>10.3f}{r:>8.3f}{n:>9}")
        if args.errors:
            for line in result.errors:
                print("  " + line)


if __name__ == "__main__":
    main()
