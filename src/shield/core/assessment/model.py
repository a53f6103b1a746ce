"""The risk model: a linear score over features, and a Platt curve that turns it into a risk.

The model is plain data (weights by feature name, a bias, two calibration numbers) read from a
JSON document, so loading it needs neither scikit-learn nor pickle and takes milliseconds.
``scripts/train_assessment.py`` writes that document from the corpus in ``data/assessment``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from shield.core.errors import BadInput

MODEL_FORMAT = 1


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class LinearScore:
    """``bias + sum(weight * value)``, then ``sigmoid(a * score + b)`` as the risk."""

    bias: float
    weights: Mapping[str, float]
    platt_a: float = 1.0
    platt_b: float = 0.0

    def score(self, features: Mapping[str, float]) -> float:
        w = self.weights
        total = self.bias
        for name, value in features.items():
            weight = w.get(name)
            if weight is not None:
                total += weight * value
        return total

    def risk(self, score: float) -> float:
        return sigmoid(self.platt_a * score + self.platt_b)

    def contributions(self, features: Mapping[str, float]) -> list[tuple[str, float]]:
        """Each known feature's share of the score, largest first."""
        parts = [(n, self.weights[n] * v) for n, v in features.items() if n in self.weights]
        return sorted(parts, key=lambda p: -abs(p[1]))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str) -> LinearScore:
        try:
            weights = {str(k): float(v) for k, v in dict(data["weights"]).items()}
            platt = data.get("platt", [1.0, 0.0])
            return cls(float(data["bias"]), weights, float(platt[0]), float(platt[1]))
        except (KeyError, TypeError, ValueError, IndexError) as error:
            raise BadInput(f"assessment model is malformed ({error})", path=where) from error


@dataclass(frozen=True)
class RiskModel:
    """The message model, the conversation model, and what produced them."""

    version: str
    message: LinearScore
    conversation: LinearScore
    threshold: float
    provenance: Mapping[str, Any]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "assessment model") -> RiskModel:
        if not isinstance(data, Mapping) or data.get("format") != MODEL_FORMAT:
            raise BadInput(f"not an assessment model of format {MODEL_FORMAT}", path=where)
        try:
            return cls(
                version=str(data["version"]),
                message=LinearScore.from_dict(data["message"], where),
                conversation=LinearScore.from_dict(data["conversation"], where),
                threshold=float(data.get("threshold", 0.5)),
                provenance=dict(data.get("provenance", {})),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise BadInput(f"assessment model is malformed ({error})", path=where) from error
