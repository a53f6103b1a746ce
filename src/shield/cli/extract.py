"""`shield extract`: chat exports and screenshots become conversations, identifiers, amounts."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

import click

from shield.bootstrap import build_extractor
from shield.schemas import ExtractOut, MessageOut
from shield.services.extract import ExtractionRun
from shield.settings import Settings


def write_json(run: ExtractionRun, out: TextIO) -> None:
    """The ExtractOut document, written as it goes: messages stream from the spools, and the
    assessment (whose stages are the messages') comes after them."""
    head = ExtractOut.of(run.result()).model_dump(mode="json")
    tail = {key: head.pop(key) for key in ("assessment", "versions")}
    del head["messages"]
    out.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "messages": [')
    for number, message in enumerate(run.messages()):
        out.write(
            ("\n    " if number == 0 else ",\n    ") + MessageOut.of(message).model_dump_json()
        )
    out.write("\n  ],\n")
    final = ExtractOut.of(run.result()).model_dump(mode="json")
    rest = json.dumps({key: final[key] for key in tail}, ensure_ascii=False, indent=2)
    out.write("  " + rest[1:].lstrip() + "\n")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--victim", default=None, help="The victim's name as the chat shows it.")
@click.option("--region", default=None, help="Region for phone numbers without +country.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def extract(paths: tuple[Path, ...], victim: str | None, region: str | None, as_json: bool) -> None:
    """Read chat exports and screenshots: who said what and when, and every offender detail."""
    settings = Settings()
    region = (region or settings.region).upper()
    run = build_extractor(settings).open(list(paths), victim=victim, region=region)
    if as_json:
        write_json(run, sys.stdout)
        return
    result = run.result(tuple(run.messages()))
    verdict = result.assessment
    for s in result.sources:
        click.echo(f"{s.path}: {s.format}, {s.messages} messages")
        for note in s.notes:
            click.echo(f"  note: {note}")
    people = ", ".join(f"{p.name} ({p.role})" for p in result.participants)
    click.echo(f"participants: {people}")
    state = "looks like sextortion" if verdict.sextortion else "does not look like sextortion"
    click.echo(
        f"assessment: {state} (risk {verdict.risk:.2f}); stages: {', '.join(verdict.stages)}"
    )
    if verdict.urgent:
        click.echo("URGENT: the victim's own words show distress; put crisis support first.")
    if result.identifiers:
        click.echo("identifiers:")
    for i in result.identifiers:
        where = f" (message {i.message[0]}:{i.message[1]})" if i.message else ""
        click.echo(f"  {i.role:8} {i.kind:15} {i.normalized}{where}")
    for a in result.amounts:
        where = f" (message {a.message[0]}:{a.message[1]})" if a.message else ""
        click.echo(f"  amount   {a.amount:.2f} {a.currency}{where}")
