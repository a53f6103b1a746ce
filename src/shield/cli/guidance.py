"""`shield guidance ...`: check a helpline's edited guidance file, and list its services."""

from __future__ import annotations

from pathlib import Path

import click

from shield.bootstrap import build_guidance
from shield.cli.context import guidance as current_guidance
from shield.cli.render import emit_json
from shield.schemas import GuidanceCheckOut, GuidanceServiceOut
from shield.settings import Settings

json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")


@click.group(name="guidance")
def guidance_group() -> None:
    """The guidance file: the services and the steps of the action plan."""


@guidance_group.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@json_option
def check(path: Path | None, as_json: bool) -> None:
    """Check a guidance file (default: the one in use); exit 2 with the first problem."""
    settings = Settings()
    target = path or settings.guidance_file
    service = build_guidance(settings.model_copy(update={"guidance_file": target}))
    summary = GuidanceCheckOut.of(service.rulebook, str(target) if target else "built-in")
    if as_json:
        emit_json(summary)
        return
    click.echo(
        f"OK {summary.file}: {summary.steps} steps, {summary.services} services in "
        f"{len(summary.countries)} lists ({', '.join(summary.countries)}); "
        f"oldest check {summary.oldest_check}"
    )


@guidance_group.command()
@click.option("--country", default=None, help="Two-letter code; default: every list.")
@json_option
@click.pass_context
def services(ctx: click.Context, country: str | None, as_json: bool) -> None:
    """List the services (all, or one country's), with contacts and when each was checked."""
    service = current_guidance(ctx)
    found = service.services(country) if country else service.rulebook.services
    if as_json:
        emit_json([GuidanceServiceOut.of(s) for s in found])
        return
    for s in found:
        click.echo(f"{s.country:4} {s.id:28} {s.name}: {s.contact()} (checked {s.checked})")
