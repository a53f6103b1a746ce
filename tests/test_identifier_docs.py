"""docs/identifiers.md documents every identifier kind of the contract."""

from __future__ import annotations

from pathlib import Path

from shield.core.recognizers import RECOGNIZERS
from shield.core.vocabulary import IDENTIFIER_KINDS

DOC = Path(__file__).resolve().parents[1] / "docs" / "identifiers.md"


def test_every_kind_has_a_section() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [k for k in IDENTIFIER_KINDS if f"### `{k}`" not in text]
    assert not missing, f"docs/identifiers.md does not document: {missing}"


def test_every_section_names_validator_normal_form_and_examples() -> None:
    text = DOC.read_text(encoding="utf-8")
    for kind in RECOGNIZERS:
        section = text.split(f"### `{kind}`", 1)[1].split("\n### ", 1)[0]
        assert "Validator" in section and "Normal form" in section and "Example" in section, kind
