"""Assessment quality on the corpus: per-stage precision/recall, sextortion F1, calibration.

    uv run python bench/eval_assessment.py                 # held-out split (the reported one)
    uv run python bench/eval_assessment.py --split dev     # while developing

Reads data/assessment with the packaged model. Never tune on held-out.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from shield.adapters.assessment_model import load_model
from shield.core.assessment.assessor import Assessor, Said
from shield.core.assessment.corpus import (
    LabelledConversation,
    LabelledMessage,
    parse_conversations,
    parse_messages,
)
from shield.core.vocabulary import STAGES

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "assessment"


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def load(split: str) -> tuple[list[LabelledMessage], list[LabelledConversation]]:
    messages = parse_messages((DATA / "messages.txt").read_text(encoding="utf-8"))
    conversations = parse_conversations((DATA / "conversations.txt").read_text(encoding="utf-8"))
    pick = (lambda s: True) if split == "all" else (lambda s: s == split)
    return [m for m in messages if pick(m.split)], [c for c in conversations if pick(c.split)]


def calibration(pairs: Sequence[tuple[float, bool]], bins: int = 5) -> tuple[float, float, list]:
    """Brier score, expected calibration error, and (bin, n, mean risk, share positive)."""
    brier = sum((p - y) ** 2 for p, y in pairs) / max(len(pairs), 1)
    table, ece = [], 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(p, y) for p, y in pairs if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if not inside:
            continue
        mean_p = sum(p for p, _ in inside) / len(inside)
        share = sum(y for _, y in inside) / len(inside)
        ece += len(inside) / len(pairs) * abs(mean_p - share)
        table.append((f"{lo:.1f}-{hi:.1f}", len(inside), mean_p, share))
    return brier, ece, table


def evaluate(assessor: Assessor, split: str, show_errors: bool = False) -> None:
    messages, conversations = load(split)
    stage_counts: dict[str, Counter[str]] = {s: Counter() for s in STAGES}
    # Messages
    tp = fp = fn = tn = 0
    hard_fp = hard_n = 0
    by_category: dict[str, Counter[bool]] = defaultdict(Counter)
    pairs: list[tuple[float, bool]] = []
    errors = []
    urgent = Counter()
    for m in messages:
        a = assessor.message(m.text)
        pairs.append((a.risk, m.sextortion))
        tp += a.sextortion and m.sextortion
        fp += a.sextortion and not m.sextortion
        fn += (not a.sextortion) and m.sextortion
        tn += (not a.sextortion) and not m.sextortion
        if not m.sextortion and m.category != "grooming":
            hard_n += 1
            hard_fp += a.sextortion
        if not m.sextortion:
            by_category[m.category][a.sextortion] += 1
        if a.sextortion != m.sextortion:
            errors.append(
                f"  msg {m.category:10} gold={m.sextortion!s:5} risk={a.risk:.2f} {m.text}"
            )
        urgent[(a.urgent, m.urgent)] += 1
        for s in STAGES:
            stage_counts[s][
                ("tp" if s in m.stages else "fp")
                if s in a.stages
                else ("fn" if s in m.stages else "tn")
            ] += 1
            if show_errors and (s in a.stages) != (s in m.stages):
                errors.append(f"  stage {s} gold={s in m.stages} {a.stages} {m.text}")
    # Conversations
    ctp = cfp = cfn = 0
    cpairs: list[tuple[float, bool]] = []
    for c in conversations:
        said = [Said(line.text, line.role) for line in c.lines]
        a = assessor.conversation(said)
        cpairs.append((a.risk, c.sextortion))
        ctp += a.sextortion and c.sextortion
        cfp += a.sextortion and not c.sextortion
        cfn += (not a.sextortion) and c.sextortion
        urgent[(a.urgent, c.urgent)] += 1
        if a.sextortion != c.sextortion:
            errors.append(f"  conv {c.id} gold={c.sextortion} risk={a.risk:.2f} {c.note}")
        for line, ma in zip(c.lines, a.messages, strict=True):
            for s in STAGES:
                got, gold = s in ma.stages, s in line.stages
                stage_counts[s][("tp" if gold else "fp") if got else ("fn" if gold else "tn")] += 1
                if show_errors and got != gold:
                    errors.append(f"  cstage {c.id} {s} gold={gold} {ma.stages} {line.text}")
    n_msg = len(messages)
    p, r, f = prf(tp, fp, fn)
    print(f"split: {split}   model: {assessor.version}")
    print(f"\nmessages: {n_msg} ({tp + fn} sextortion, {fp + tn} not)")
    print(
        f"  sextortion precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  "
        f"accuracy {(tp + tn) / max(n_msg, 1):.3f}"
    )
    print(
        f"  false-positive rate on hard negatives: {hard_fp}/{hard_n} = "
        f"{hard_fp / max(hard_n, 1):.3f}"
    )
    print(
        "  false positives by kind of negative: "
        + ", ".join(f"{k} {v[True]}/{v[True] + v[False]}" for k, v in sorted(by_category.items()))
    )
    cp, cr, cf = prf(ctp, cfp, cfn)
    print(f"\nconversations: {len(conversations)} ({ctp + cfn} sextortion)")
    print(f"  sextortion precision {cp:.3f}  recall {cr:.3f}  F1 {cf:.3f}")
    print("\nper stage (messages and conversation lines together):")
    print(f"  {'stage':18} {'support':>7} {'precision':>9} {'recall':>7} {'F1':>6}")
    for s in STAGES:
        k = stage_counts[s]
        sp, sr, sf = prf(k["tp"], k["fp"], k["fn"])
        print(f"  {s:18} {k['tp'] + k['fn']:7d} {sp:9.3f} {sr:7.3f} {sf:6.3f}")
    print(
        "\nurgent flag (predicted, gold): "
        + ", ".join(f"{k}: {v}" for k, v in sorted(urgent.items()))
    )
    for name, prs in (("messages", pairs), ("conversations", cpairs)):
        brier, ece, table = calibration(prs)
        print(f"\ncalibration, {name}: Brier {brier:.3f}, ECE {ece:.3f}")
        for rng, n, mp, share in table:
            print(f"  risk {rng}: n={n:3d}  mean risk {mp:.2f}  share sextortion {share:.2f}")
    if show_errors and errors:
        print("\nerrors:")
        print("\n".join(errors))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="heldout", choices=["train", "dev", "heldout", "all"])
    parser.add_argument("--errors", action="store_true", help="list every mistake")
    args = parser.parse_args()
    evaluate(Assessor(load_model()), args.split, args.errors)


if __name__ == "__main__":
    main()
