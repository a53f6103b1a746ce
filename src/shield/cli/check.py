"""`shield check TEXT|-`: is this sextortion, how far has it gone, and what to do now."""

from __future__ import annotations

import sys

import click

from shield.bootstrap import build_checker
from shield.cli.render import emit_json
from shield.core.errors import BadInput
from shield.schemas import CheckOut
from shield.services.check import MAX_CHECK_CHARS


def _read_stdin() -> str:
    data = sys.stdin.buffer.read(MAX_CHECK_CHARS * 4 + 1)
    if len(data) > MAX_CHECK_CHARS * 4:
        raise BadInput(f"input is larger than {MAX_CHECK_CHARS * 4} bytes", path="<stdin>")
    return data.decode("utf-8", errors="replace")


@click.command()
@click.argument("text")
@click.option("--country", default=None, help="Country for the advice (default: SHIELD_REGION).")
@click.option("--age", type=click.IntRange(5, 120), default=None, help="Age, for the advice.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def check(text: str, country: str | None, age: int | None, as_json: bool) -> None:
    """Check a message or a pasted conversation (TEXT, or - to read standard input)."""
    if text == "-":
        text = _read_stdin()
    result = build_checker().check(text, country=country, age=age)
    if as_json:
        emit_json(CheckOut.of(result))
        return
    verdict = "looks like sextortion" if result.sextortion else "does not look like sextortion"
    click.echo(f"This {verdict} (risk {result.risk:.2f}).")
    if result.stages:
        click.echo("Stages: " + ", ".join(s.replace("_", " ") for s in result.stages))
    if result.explanation:
        click.echo("Why:")
        for line in result.explanation:
            click.echo(f"  - {line}")
    for i in result.identifiers:
        click.echo(f"Identifier: {i.kind} {i.normalized}")
    for a in result.amounts:
        click.echo(f"Amount: {a.amount:g} {a.currency}")
    click.echo("")
    click.echo("What to do now:" if not result.urgent else "Please, first:")
    for n, line in enumerate(result.advice, 1):
        click.echo(f"  {n}. {line}")
