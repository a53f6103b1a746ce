"""`shield pack ...`: the evidence pack for police, and its verification."""

from __future__ import annotations

from pathlib import Path

import click

from shield.cli.context import app
from shield.cli.render import emit_json, human_size
from shield.core.errors import BadInput, CheckFailed
from shield.schemas import PackCheckOut, PackOut

json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")


class PackGroup(click.Group):
    """`shield pack PATH...` builds; `shield pack verify FILE` checks. A first argument that
    is not a sub-command's name is taken as a path to pack."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["build", *args]
        return super().parse_args(ctx, args)


@click.group(cls=PackGroup)
def pack() -> None:
    """Make an evidence pack (ZIP) for police, or verify one."""


@pack.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", required=True, type=click.Path(path_type=Path), help="The ZIP to write.")
@click.option("--from-vault", "from_vault", is_flag=True, help="PATHS are vault item ids.")
@click.option("--victim", default=None, help="The name the person reporting has in the chats.")
@click.option("--about", type=click.Path(path_type=Path), help="YAML details of who reports.")
@click.option("--no-media", is_flag=True, help="Leave images and videos out (hashes stay).")
@json_option
@click.pass_context
def build(
    ctx: click.Context,
    paths: tuple[Path, ...],
    out: Path,
    from_vault: bool,
    victim: str | None,
    about: Path | None,
    no_media: bool,
    as_json: bool,
) -> None:
    """Pack chat exports and screenshots (or vault items) with a report for police."""
    from shield.services.pack.about import load_about

    if not paths:
        raise BadInput("name at least one file, folder or (with --from-vault) vault item")
    details = load_about(about) if about else None
    shield = app(ctx)
    if from_vault:
        result = shield.packs.from_vault(
            [str(p) for p in paths],
            out,
            actor=shield.settings.actor,
            victim=victim,
            about=details,
            no_media=no_media,
        )
    else:
        result = shield.packs.from_paths(
            list(paths), out, victim=victim, about=details, no_media=no_media
        )
    if as_json:
        emit_json(PackOut.of(result))
        return
    for f in result.files:
        click.echo(f"{f.sha256}  {human_size(f.size):>9}  {f.name}")
    for c in result.carried:
        if c.entry is None:
            click.echo(f"left out ({c.reason}): {c.original.name}")
    click.echo(f"pack written: {result.path}")
    click.echo(f"manifest.json SHA-256: {result.manifest_sha256} (write it down)")


@pack.command()
@click.argument("file", type=click.Path(path_type=Path))
@json_option
@click.pass_context
def verify(ctx: click.Context, file: Path, as_json: bool) -> None:
    """Recompute every hash in a pack; exit 1 if a file was altered, removed or added."""
    from shield.services.pack import verify_pack

    check = verify_pack(file)
    if as_json:
        emit_json(PackCheckOut.of(check))
    else:
        for p in check.problems:
            click.echo(p.line())
        state = "OK" if check.ok else f"{len(check.problems)} problem(s)"
        click.echo(f"{state}: {check.files} files, manifest.json SHA-256 {check.manifest_sha256}")
    if not check.ok:
        raise CheckFailed("the pack does not match its manifest", path=str(file))
