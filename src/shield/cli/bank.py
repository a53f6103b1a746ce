"""`shield bank ...`: named banks of photo hashes to match against."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from shield.cli.context import app
from shield.cli.render import emit_json
from shield.core.bank import Bank, BankEntry
from shield.core.errors import UnreadableFile
from shield.core.hamming import DEFAULT_THRESHOLD
from shield.schemas import BankChangeOut, BankEntryOut, BankOut
from shield.services.banks import BankChange

json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
FORMATS = click.Choice(["csv", "jsonl", "te"])


def _bank_line(b: Bank) -> str:
    return (
        f"{b.name:24} threshold {b.threshold:<3} {b.entries:>9} entries"
        f" {b.withdrawn:>6} withdrawn  {b.description}"
    )


def _entry_line(e: BankEntry) -> str:
    state = "withdrawn" if e.withdrawn else "live"
    return f"{e.id:>8}  {state:9}  {e.pdq or '-':64}  {e.md5 or '-':32}  {e.label}"


def _change(change: BankChange, as_json: bool) -> None:
    if as_json:
        emit_json(BankChangeOut.of(change))
        return
    for e in change.added:
        click.echo(_entry_line(e))
    click.echo(f"{len(change.added)} added to {change.bank}, {change.skipped} already held")


@click.group()
def bank() -> None:
    """Banks of photo hashes (known offender photos, stock model photos...)."""


@bank.command()
@click.argument("name")
@click.option("--threshold", type=int, default=DEFAULT_THRESHOLD, show_default=True)
@click.option("--description", default="", help="What the bank holds.")
@click.option("--provenance", default="", help="Where its hashes come from.")
@json_option
@click.pass_context
def create(
    ctx: click.Context, name: str, threshold: int, description: str, provenance: str, as_json: bool
) -> None:
    """Create an empty bank with its own distance threshold (0-31)."""
    made = app(ctx).banks.create(
        name, threshold=threshold, description=description, provenance=provenance
    )
    if as_json:
        emit_json(BankOut.of(made))
    else:
        click.echo(_bank_line(made))


@bank.command()
@click.argument("name")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--label", default="", help="A label for every hash added.")
@json_option
@click.pass_context
def add(ctx: click.Context, name: str, paths: tuple[Path, ...], label: str, as_json: bool) -> None:
    """Hash photos (or videos, or folders of them) into a bank."""
    _change(app(ctx).banks.add_photos(name, list(paths), label=label), as_json)


@bank.command(name="import")
@click.argument("name")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=FORMATS, help="Default: from the file's name and content.")
@json_option
@click.pass_context
def import_(ctx: click.Context, name: str, file: Path, fmt: str | None, as_json: bool) -> None:
    """Load hashes from a CSV, JSON-lines or ThreatExchange signal file (all or nothing)."""
    _change(app(ctx).banks.import_file(name, file, fmt=fmt), as_json)


@bank.command()
@click.argument("name")
@click.option("--format", "fmt", type=FORMATS, default="csv", show_default=True)
@click.option("--output", type=click.Path(path_type=Path), help="Write here, not to stdout.")
@json_option
@click.pass_context
def export(ctx: click.Context, name: str, fmt: str, output: Path | None, as_json: bool) -> None:
    """Write a bank's live entries as a bank file."""
    banks = app(ctx).banks
    if as_json:
        emit_json([BankEntryOut.of(e) for e in banks.entries(name)])
        return
    lines = banks.export(name, fmt)
    if output is None:
        for line in lines:
            click.echo(line, nl=False)
        return
    target = output.resolve()
    try:
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.writelines(lines)
        os.replace(temp, target)
    except OSError as exc:
        raise UnreadableFile(f"cannot write: {exc.strerror or exc}", path=str(output)) from exc


@bank.command()
@click.argument("name")
@click.argument("entry_id", metavar="ID")
@json_option
@click.pass_context
def remove(ctx: click.Context, name: str, entry_id: str, as_json: bool) -> None:
    """Withdraw an entry: it stops matching at once and stays on record."""
    gone = app(ctx).banks.remove(name, entry_id)
    if as_json:
        emit_json(BankEntryOut.of(gone))
    else:
        click.echo(_entry_line(gone))


@bank.command(name="list")
@json_option
@click.pass_context
def list_(ctx: click.Context, as_json: bool) -> None:
    """List the banks."""
    banks = app(ctx).banks.banks()
    if as_json:
        emit_json([BankOut.of(b) for b in banks])
        return
    if not banks:
        click.echo("No banks yet: shield bank create NAME")
    for b in banks:
        click.echo(_bank_line(b))
