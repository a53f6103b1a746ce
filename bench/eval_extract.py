"""Identifier precision and recall of `shield extract` on the development set rendered as
real chat exports in every format, with the plain-text recognizer scores as the anchor.

    uv run python bench/eval_extract.py [--split dev|heldout] [--errors]

Each conversation is rendered (bench/render_exports.py, into bench/.cache/exports) as one
export, read by the real extraction service (``build_extractor().extract([path])``) and
scored by exact (kind, normalized) against its expected set plus the identifiers its format
adds (sender phone numbers in WhatsApp, sender usernames in Snapchat). The anchor is
bench/eval_identifiers.py's scoring: the recognizers on the plain message texts.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devset import SPLITS, Conversation, Score
from devset import score as score_plain
from eval_identifiers import shield_pairs
from render_exports import CACHE, Rendered, render_all
from shield.bootstrap import build_extractor


def _row(label: str, result: Score, anchor: Score | None) -> str:
    p, r, n = result.pr()
    line = f"{label:<24}{n:>8}{p:>10.3f}{r:>8.3f}"
    if anchor is not None:
        ap, ar, _ = anchor.pr()
        line += f"{ap:>10.3f}{ar:>8.3f}"
    return line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS, action="append")
    parser.add_argument("--errors", action="store_true", help="list every miss and extra")
    parser.add_argument("--out", type=Path, default=CACHE)
    args = parser.parse_args()
    splits = args.split or list(SPLITS)
    rendered = render_all(args.out, splits)
    extractor = build_extractor()
    by_split: dict[str, Score] = {}
    by_format: dict[str, Score] = {}
    by_layout: dict[str, Score] = {}
    anchors: dict[str, Score] = {}
    overall = Score()
    for r in rendered:
        got = {(i.kind, i.normalized) for i in extractor.extract([r.path]).identifiers}
        case = _with_expected(r)
        for result in (
            overall,
            by_split.setdefault(r.split, Score()),
            by_format.setdefault(r.format, Score()),
            by_layout.setdefault(r.layout, Score()),
        ):
            result.add(case, got)
    for split in splits:
        convs = [r.conversation for r in rendered if r.split == split]
        anchors[split] = score_plain(convs, shield_pairs)
    anchor_all = score_plain([r.conversation for r in rendered], shield_pairs)
    header = f"{'':<24}{'support':>8}{'precision':>10}{'recall':>8}"
    print(f"\n{len(rendered)} conversations; identifiers from `shield extract` on each export")
    print(f"{header}{'text P':>10}{'text R':>8}   (text = recognizers on plain messages)")
    for split in splits:
        print(_row(f"split {split}", by_split[split], anchors[split]))
    print(_row("all", overall, anchor_all))
    print(f"\n{'format':<24}{'support':>8}{'precision':>10}{'recall':>8}{'convs':>8}")
    for name, result in sorted(by_format.items()):
        n = sum(1 for r in rendered if r.format == name)
        print(_row(name, result, None) + f"{n:>8}")
    print(f"\n{'layout':<24}{'support':>8}{'precision':>10}{'recall':>8}{'convs':>8}")
    for name, result in by_layout.items():
        n = sum(1 for r in rendered if r.layout == name)
        print(_row(name, result, None) + f"{n:>8}")
    print(f"\n{'kind':<24}{'support':>8}{'precision':>10}{'recall':>8}")
    for kind in overall.kinds():
        p, rec, n = overall.pr(kind)
        print(f"{kind:<24}{n:>8}{p:>10.3f}{rec:>8.3f}")
    if args.errors:
        print()
        for line in overall.errors:
            print("  " + line)


def _with_expected(r: Rendered) -> Conversation:
    """The conversation with the identifiers its format adds in its expected set."""
    return replace(r.conversation, id=f"{r.conversation.id} ({r.layout})", expected=r.expected)


if __name__ == "__main__":
    main()
