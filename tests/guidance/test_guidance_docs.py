"""docs/guidance.md lists every rule and service of the shipped file, as it is now."""

from __future__ import annotations

import runpy
from pathlib import Path

from shield.adapters.guidance_file import load_guidance

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "guidance.md").read_text(encoding="utf-8")
GENERATOR = runpy.run_path(str(ROOT / "scripts" / "guidance_doc.py"))


def test_the_tables_in_the_docs_match_the_shipped_file() -> None:
    start, end = GENERATOR["START"], GENERATOR["END"]
    current = DOC[DOC.index(start) : DOC.index(end) + len(end)] + "\n"
    expected = GENERATOR["tables"](load_guidance())
    assert current == expected, "run: uv run python scripts/guidance_doc.py, paste into docs"


def test_every_step_and_service_is_documented_with_its_date() -> None:
    rules = load_guidance()
    for step in rules.steps:
        assert f"`{step.id}`" in DOC
    for service in rules.services:
        row = next(line for line in DOC.splitlines() if f"`{service.id}`" in line)
        assert service.source in row
        assert str(service.checked) in row
