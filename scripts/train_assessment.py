#!/usr/bin/env -S uv run python
"""Train the assessment model from data/assessment and write it as JSON package data.

    uv run python scripts/train_assessment.py          # retrain and write the model
    uv run python scripts/train_assessment.py --check  # retrain; exit 1 if it differs
    uv run python scripts/train_assessment.py --fit-on train --output /tmp/m.json  # for dev

The train and dev splits are used (dev served to develop the patterns; the shipped model then
learns from both): the regularisation strength is chosen by 5-fold cross-validation inside
them, the Platt calibration is fitted on their out-of-fold scores, and the conversation model
is fitted on their conversations. The held-out split is never seen here. Everything
is deterministic (fixed seed, sorted features, rounded weights), so the same corpus gives the
same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from shield.core.assessment.assessor import Assessor, analyse, conversation_features
from shield.core.assessment.corpus import parse_conversations, parse_messages
from shield.core.assessment.model import MODEL_FORMAT, RiskModel

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "assessment"
OUTPUT = ROOT / "src" / "shield" / "adapters" / "data" / "assessment-model.json"
ENGINE = ROOT / "src" / "shield" / "core" / "assessment"
FEATURE_CODE = (
    ENGINE / "normal.py",
    *sorted((ENGINE / "families").glob("*.py")),
    ENGINE / "features.py",
    ENGINE / "assessor.py",
)
SEED = 20240301
# Patterns and features were developed looking at dev; the shipped model is then fitted on
# train and dev together (hyper-parameters by cross-validation inside them). Held-out: never.
FIT_ON = ("train", "dev")
C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
MIN_DF = 2
ROUND = 5
MODEL_NAME = "shield-assessment-1"


def _fit(x: Any, y: np.ndarray, c: float) -> LogisticRegression:
    model = LogisticRegression(C=c, max_iter=5000, solver="lbfgs", random_state=SEED)
    model.fit(x, y)
    return model


def _platt(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    curve = LogisticRegression(C=1e6, max_iter=5000, random_state=SEED)
    curve.fit(scores.reshape(-1, 1), y)
    return float(curve.coef_[0][0]), float(curve.intercept_[0])


def train(data: Path = DATA, fit_on: tuple[str, ...] = FIT_ON) -> dict[str, Any]:
    message_text = (data / "messages.txt").read_text(encoding="utf-8")
    conversation_text = (data / "conversations.txt").read_text(encoding="utf-8")
    digest = hashlib.sha256((message_text + "\0" + conversation_text).encode()).hexdigest()
    code = hashlib.sha256(
        b"".join(p.read_bytes() for p in (*FEATURE_CODE, Path(__file__).resolve()))
    ).hexdigest()
    messages = [m for m in parse_messages(message_text) if m.split in fit_on]
    conversations = [c for c in parse_conversations(conversation_text) if c.split in fit_on]

    feats = [analyse(m.text).features for m in messages]
    y = np.array([1 if m.sextortion else 0 for m in messages])
    df: dict[str, int] = {}
    for f in feats:
        for name in f:
            df[name] = df.get(name, 0) + 1
    keep = {n for n, count in df.items() if count >= MIN_DF}
    feats = [{n: v for n, v in f.items() if n in keep} for f in feats]
    vectorizer = DictVectorizer(sort=True)
    x = vectorizer.fit_transform(feats)

    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    best_c, best_loss = C_GRID[0], float("inf")
    for c in C_GRID:
        model = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
        p = cross_val_predict(model, x, y, cv=folds, method="predict_proba")[:, 1]
        loss = float(-np.mean(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12)))
        if loss < best_loss - 1e-9:
            best_c, best_loss = c, loss
    oof = cross_val_predict(
        LogisticRegression(C=best_c, max_iter=5000, random_state=SEED),
        x,
        y,
        cv=folds,
        method="decision_function",
    )
    platt_a, platt_b = _platt(np.asarray(oof), y)
    final = _fit(x, y, best_c)
    names = vectorizer.get_feature_names_out()
    weights = {
        str(n): round(float(w), ROUND)
        for n, w in zip(names, final.coef_[0], strict=True)
        if abs(w) >= 10**-ROUND
    }
    message_part = {
        "bias": round(float(final.intercept_[0]), ROUND),
        "weights": weights,
        "platt": [round(platt_a, ROUND), round(platt_b, ROUND)],
    }

    # The conversation model reads the message model's scores, so build that first.
    draft = {
        "format": MODEL_FORMAT,
        "version": "draft",
        "message": message_part,
        "conversation": {"bias": 0.0, "weights": {}},
    }
    assessor = Assessor(RiskModel.from_dict(draft))
    rows, labels = [], []
    for conv in conversations:
        roles = [line.role for line in conv.lines]
        analyses = [analyse(line.text) for line in conv.lines]
        logits = [assessor._logit(a) for a in analyses]
        rows.append(conversation_features(roles, [a.families for a in analyses], logits))
        labels.append(1 if conv.sextortion else 0)
    conv_vec = DictVectorizer(sort=True)
    cx = conv_vec.fit_transform(rows)
    conv_model = _fit(cx, np.array(labels), 1.0)
    conversation_part = {
        "bias": round(float(conv_model.intercept_[0]), ROUND),
        "weights": {
            str(n): round(float(w), ROUND)
            for n, w in zip(conv_vec.get_feature_names_out(), conv_model.coef_[0], strict=True)
        },
    }
    return {
        "format": MODEL_FORMAT,
        "version": f"{MODEL_NAME}+{digest[:6]}.{code[:6]}",
        "threshold": 0.5,
        "message": message_part,
        "conversation": conversation_part,
        "provenance": {
            "corpus_sha256": digest,
            "feature_code_sha256": code,
            "fitted_on": "+".join(fit_on),
            "train_messages": len(messages),
            "train_conversations": len(conversations),
            "features_kept": len(weights),
            "min_df": MIN_DF,
            "c": best_c,
            "cv_log_loss": round(best_loss, 4),
            "seed": SEED,
            "trainer": f"scikit-learn {sklearn.__version__} LogisticRegression (lbfgs, L2)",
            "calibration": "Platt sigmoid on 5-fold out-of-fold decision values",
        },
    }


def dump(model: dict[str, Any]) -> str:
    return json.dumps(model, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped model")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument(
        "--fit-on",
        default="+".join(FIT_ON),
        help="splits to learn from; 'train' (with --output elsewhere) to judge changes on dev",
    )
    args = parser.parse_args(argv)
    text = dump(train(fit_on=tuple(args.fit_on.split("+"))))
    if args.check:
        same = args.output.exists() and args.output.read_text(encoding="utf-8") == text
        print("model is up to date" if same else "model differs from a fresh training run")
        return 0 if same else 1
    args.output.write_text(text, encoding="utf-8")
    model = json.loads(text)
    print(f"wrote {args.output} ({len(text) // 1024} KB), version {model['version']}")
    print(json.dumps(model["provenance"], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
