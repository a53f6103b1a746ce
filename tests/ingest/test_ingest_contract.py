"""Every registered parser reads each of its example exports to exactly its expected.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingest_example import EXPECTED, EXPORTS, example_folders, run_example

from shield.core.vocabulary import CHAT_FORMATS
from shield.ingest.registry import PARSERS, registered

MIN_EXAMPLES = 3


def test_registry_names_equal_the_contract() -> None:
    assert registered() == CHAT_FORMATS
    assert len({parser.name for parser in PARSERS}) == len(PARSERS)


@pytest.mark.parametrize("name", registered())
def test_every_format_carries_examples(name: str) -> None:
    examples = [p for p in (EXPORTS / name).glob("*") if (p / EXPECTED).exists()]
    assert len(examples) >= MIN_EXAMPLES, f"{name} has {len(examples)} examples"


@pytest.mark.parametrize("folder", example_folders(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_example_parses_to_expected(folder: Path) -> None:
    expected = json.loads((folder / EXPECTED).read_text(encoding="utf-8"))
    got = run_example(folder)
    assert got == expected
    assert {export["format"] for export in got["exports"]} == {folder.parent.name}
