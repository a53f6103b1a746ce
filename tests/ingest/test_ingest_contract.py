"""Every registered parser reads each of its example exports to exactly its expected.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingest_example import EXPECTED, EXPORTS, OPTIONS, example_folders, run_example

from shield.core.vocabulary import CHAT_FORMATS
from shield.ingest.base import HEAD_BYTES
from shield.ingest.registry import PARSERS, detect, registered

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


@pytest.mark.parametrize("folder", example_folders(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_formats_are_told_by_content_not_by_name(folder: Path) -> None:
    """Renamed to a name that says nothing, every export file is still told apart; companion
    files (Discord's index.json and channel.json) are recognised as nothing."""
    expected = json.loads((folder / EXPECTED).read_text(encoding="utf-8"))
    export_files = {export["path"] for export in expected["exports"]}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name in (EXPECTED, OPTIONS) or path.suffix == ".zip":
            continue
        parser = detect(path.read_bytes()[:HEAD_BYTES], "evidence.bin")
        relative = path.relative_to(folder).as_posix()
        if relative in export_files or path.name.startswith("message_"):
            assert parser is not None and parser.name == folder.parent.name, relative
        else:
            assert parser is None, relative
