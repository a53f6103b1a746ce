"""The trained assessment model shipped inside the package, read from JSON (never pickle)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from shield.core.assessment.model import RiskModel
from shield.core.errors import BadInput, UnreadableFile

PACKAGED = "assessment-model.json"


def load_model(path: Path | None = None) -> RiskModel:
    """The packaged model, or the one at ``path`` (a model retrained by a helpline, say)."""
    where = str(path) if path else f"shield/adapters/data/{PACKAGED}"
    try:
        if path is None:
            text = resources.files("shield.adapters").joinpath("data", PACKAGED).read_text("utf-8")
        else:
            text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UnreadableFile(f"cannot read the assessment model ({error})", path=where) from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadInput(f"assessment model is not JSON ({error.msg})", path=where) from error
    return RiskModel.from_dict(data, where)
