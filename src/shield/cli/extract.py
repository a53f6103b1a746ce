"""`shield extract`: chat exports and screenshots become conversations, identifiers, amounts."""

from __future__ import annotations

from pathlib import Path

import click

from shield.bootstrap import build_extractor
from shield.schemas import ExtractOut
from shield.settings import Settings


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--victim", default=None, help="The victim's name as the chat shows it.")
@click.option("--region", default=None, help="Region for phone numbers without +country.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def extract(paths: tuple[Path, ...], victim: str | None, region: str | None, as_json: bool) -> None:
    """Read chat exports and screenshots: who said what and when, and every offender detail."""
    settings = Settings()
    region = (region or settings.region).upper()
    result = build_extractor(settings).extract(list(paths), victim=victim, region=region)
    if as_json:
        click.echo(ExtractOut.of(result).model_dump_json(indent=2))
        return
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
