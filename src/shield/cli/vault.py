"""`shield vault ...`: the evidence vault and its custody log."""

from __future__ import annotations

import json
from pathlib import Path

import click

from shield.bootstrap import new_vault_key
from shield.cli.context import app
from shield.cli.render import emit_json, human_size
from shield.core.errors import CheckFailed
from shield.schemas import AddedOut, EvidenceItemOut, ShownOut, VerificationOut

json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")


@click.group()
def vault() -> None:
    """Keep evidence: copied in, hashed, logged, verifiable."""


@vault.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@json_option
@click.pass_context
def add(ctx: click.Context, paths: tuple[Path, ...], as_json: bool) -> None:
    """Copy files or folders (recursively) into the vault."""
    shield = app(ctx)
    added = shield.vault.add(list(paths), actor=shield.settings.actor)
    if as_json:
        emit_json([AddedOut.of_added(a) for a in added])
        return
    for a in added:
        state = "added" if a.new else "already held"
        click.echo(f"{a.item.id}  {state:12}  {a.item.media_type:24} {a.name}")


@vault.command(name="list")
@json_option
@click.pass_context
def list_(ctx: click.Context, as_json: bool) -> None:
    """List the evidence items."""
    items = app(ctx).vault.items()
    if as_json:
        emit_json([EvidenceItemOut.of(i) for i in items])
        return
    if not items:
        click.echo("The vault is empty.")
    for i in items:
        received = i.received_at.isoformat(timespec="seconds")
        click.echo(
            f"{i.id}  {received}  {human_size(i.size):>9}  {i.media_type:24} {i.original_name}"
        )


@vault.command()
@click.argument("item")
@json_option
@click.pass_context
def show(ctx: click.Context, item: str, as_json: bool) -> None:
    """Show one item and its custody history (the look is logged)."""
    shield = app(ctx)
    shown = shield.vault.show(item, actor=shield.settings.actor)
    if as_json:
        emit_json(ShownOut.of(shown))
        return
    it = shown.item
    click.echo(f"item        {it.id}")
    click.echo(f"name        {it.original_name}")
    click.echo(f"sha256      {it.sha256}")
    click.echo(f"size        {it.size} bytes")
    click.echo(f"media type  {it.media_type}")
    click.echo(f"received    {it.received_at.isoformat()}")
    click.echo(f"encrypted   {'yes' if it.encrypted else 'no'}")
    click.echo("custody:")
    for ev in shown.events:
        click.echo(f"  #{ev.seq:<5} {ev.ts}  {ev.action:9} by {ev.actor}")


@vault.command()
@click.argument("item")
@click.option("--to", "destination", required=True, type=click.Path(path_type=Path))
@json_option
@click.pass_context
def export(ctx: click.Context, item: str, destination: Path, as_json: bool) -> None:
    """Write an item's original bytes into a folder (the export is logged)."""
    shield = app(ctx)
    target = shield.vault.export(item, destination, actor=shield.settings.actor)
    if as_json:
        click.echo(json.dumps({"path": str(target)}))
        return
    click.echo(str(target))


@vault.command()
@json_option
@click.pass_context
def verify(ctx: click.Context, as_json: bool) -> None:
    """Recompute every blob hash and the custody chain; exit 1 if anything is wrong."""
    shield = app(ctx)
    result = shield.vault.verify(actor=shield.settings.actor)
    if as_json:
        emit_json(VerificationOut.of(result))
    else:
        for p in result.problems:
            click.echo(p.line())
        state = "OK" if result.ok else f"{len(result.problems)} problem(s)"
        click.echo(
            f"{state}: {result.items} items, {result.events} custody events, head {result.head}"
        )
    if not result.ok:
        raise CheckFailed("verification failed", path=str(shield.settings.resolved_vault_dir))


@vault.command()
def keygen() -> None:
    """Print a new random vault key (set it as SHIELD_VAULT_KEY and keep it safe)."""
    click.echo(new_vault_key())
