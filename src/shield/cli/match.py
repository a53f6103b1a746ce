"""`shield match`: is this photo (or hash) in a bank?"""

from __future__ import annotations

from pathlib import Path

import click

from shield.cli.context import app
from shield.cli.render import emit_json
from shield.core.errors import BadInput
from shield.core.hamming import DEFAULT_THRESHOLD
from shield.schemas import MatchResultOut
from shield.services.matching import MatchResult


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--bank", "bank_name", help="Search this bank only (default: every bank).")
@click.option(
    "--max-distance",
    type=int,
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Largest PDQ distance (0-31); a bank's own lower threshold wins.",
)
@click.option("--pdq", "pdqs", multiple=True, help="Match a PDQ hash (64 hex) instead of a file.")
@click.option("--md5", "md5s", multiple=True, help="Match a file MD5 (32 hex) exactly.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@click.pass_context
def match(
    ctx: click.Context,
    paths: tuple[Path, ...],
    bank_name: str | None,
    max_distance: int,
    pdqs: tuple[str, ...],
    md5s: tuple[str, ...],
    as_json: bool,
) -> None:
    """Find photos, videos or hashes in the banks, nearest first."""
    if not paths and not pdqs and not md5s:
        raise BadInput("give photos to match, or --pdq HASH / --md5 DIGEST")
    service = app(ctx).matching
    results: list[MatchResult] = [
        service.match_hash(h, bank=bank_name, max_distance=max_distance) for h in pdqs
    ]
    results += [service.match_md5(h, bank=bank_name, max_distance=max_distance) for h in md5s]
    if paths:
        results += service.match_paths(list(paths), bank=bank_name, max_distance=max_distance)
    if as_json:
        emit_json([MatchResultOut.of(r) for r in results])
        return
    for r in results:
        click.echo(f"{r.path or r.query}: {len(r.matches) or 'no'} match(es)")
        for m in r.matches:
            click.echo(f"  {m.distance:>3}  {m.bank}:{m.id}  {m.variant:10}  {m.label}")
