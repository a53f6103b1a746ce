from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from shield.adapters.assessment_model import load_model
from shield.core.assessment.model import RiskModel
from shield.core.errors import BadInput, UnreadableFile

ROOT = Path(__file__).resolve().parents[2]


def test_packaged_model_loads_with_its_provenance() -> None:
    model = load_model()
    assert model.version.startswith("shield-assessment-")
    assert model.message.weights and model.conversation.weights
    assert len(model.provenance["corpus_sha256"]) == 64
    assert 0 < model.threshold < 1


def test_malformed_models_are_refused(tmp_path: Path) -> None:
    bad = tmp_path / "model.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(BadInput, match=r"model\.json"):
        load_model(bad)
    bad.write_text(json.dumps({"format": 1, "version": "x", "message": {}}), encoding="utf-8")
    with pytest.raises(BadInput, match="malformed"):
        load_model(bad)
    with pytest.raises(BadInput, match="format"):
        RiskModel.from_dict({"format": 99})
    with pytest.raises(UnreadableFile):
        load_model(tmp_path / "missing.json")


@pytest.mark.slow
def test_training_reproduces_the_shipped_model() -> None:
    """scripts/train_assessment.py from the committed corpus gives the committed bytes."""
    spec = importlib.util.spec_from_file_location(
        "train_assessment", ROOT / "scripts" / "train_assessment.py"
    )
    assert spec and spec.loader
    trainer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(trainer)
    fresh = trainer.dump(trainer.train())
    shipped = (ROOT / "src/shield/adapters/data/assessment-model.json").read_text("utf-8")
    assert fresh == shipped, "retrain with: uv run python scripts/train_assessment.py"
