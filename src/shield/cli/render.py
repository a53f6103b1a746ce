"""How the command line speaks: one JSON document with --json, plain lines otherwise."""

from __future__ import annotations

import json
from collections.abc import Sequence

import click
from pydantic import BaseModel


def emit_json(document: BaseModel | Sequence[BaseModel]) -> None:
    if isinstance(document, BaseModel):
        click.echo(document.model_dump_json(indent=2))
    else:
        click.echo(json.dumps([d.model_dump(mode="json") for d in document], indent=2))


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"
