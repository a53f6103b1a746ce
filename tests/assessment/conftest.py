from __future__ import annotations

import pytest

from shield.adapters.assessment_model import load_model
from shield.core.assessment import Assessor


@pytest.fixture(scope="session")
def assessor() -> Assessor:
    return Assessor(load_model())
