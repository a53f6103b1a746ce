"""The docs name every command and every error code (DESIGN: a test asserts it)."""

from __future__ import annotations

import re
from pathlib import Path

import click

from shield.cli.main import cli
from shield.core.errors import ALL_ERRORS

DOCS = Path(__file__).resolve().parents[1] / "docs"


def command_paths(group: click.Group, prefix: str = "shield") -> list[str]:
    paths = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        paths.append(path)
        if isinstance(command, click.Group):
            paths += command_paths(command, path)
    return paths


def test_every_command_is_documented() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    missing = [p for p in command_paths(cli) if not re.search(rf"`{re.escape(p)}\b", text)]
    assert not missing, f"docs/cli.md does not document: {missing}"


def test_every_error_code_is_documented() -> None:
    text = (DOCS / "errors.md").read_text(encoding="utf-8")
    missing = sorted({e.code for e in ALL_ERRORS if f"`{e.code}`" not in text})
    assert not missing, f"docs/errors.md does not document: {missing}"


def test_error_codes_are_unique() -> None:
    codes = [e.code for e in ALL_ERRORS]
    assert len(codes) == len(set(codes))
