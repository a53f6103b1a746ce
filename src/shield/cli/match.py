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
@click.option(
    "--features/--no-features",
    "second_stage",
    default=True,
    show_default=True,
    help="Also look for crops, turns and screenshots of banked photos (local features).",
)
@click.option(
    "--explain",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write a picture of each local-feature match into this folder.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@click.pass_context
def match(
    ctx: click.Context,
    paths: tuple[Path, ...],
    bank_name: str | None,
    max_distance: int,
    pdqs: tuple[str, ...],
    md5s: tuple[str, ...],
    second_stage: bool,
    explain: Path | None,
    as_json: bool,
) -> None:
    """Find photos, videos or hashes in the banks: PDQ and MD5 matches nearest first, then
    photos found by their local features, most matched features first."""
    if not paths and not pdqs and not md5s:
        raise BadInput("give photos to match, or --pdq HASH / --md5 DIGEST")
    if explain is not None and not second_stage:
        raise BadInput("--explain draws local-feature matches; it needs --features")
    service = app(ctx).matching
    results: list[MatchResult] = [
        service.match_hash(h, bank=bank_name, max_distance=max_distance) for h in pdqs
    ]
    results += [service.match_md5(h, bank=bank_name, max_distance=max_distance) for h in md5s]
    if paths:
        results += service.match_paths(
            list(paths),
            bank=bank_name,
            max_distance=max_distance,
            second_stage=second_stage,
            explain=explain,
        )
    if as_json:
        emit_json([MatchResultOut.of(r) for r in results])
        return
    for r in results:
        click.echo(f"{r.path or r.query}: {len(r.matches) or 'no'} match(es)")
        for m in r.matches:
            line = f"  {m.distance:>3}  {m.bank}:{m.id}  {m.variant:10}  {m.label}"
            a = m.alignment
            if a is not None:
                left, top, right, bottom = a.crop
                line += (
                    f"  [features: {a.inliers} of {a.correspondences} matched, "
                    f"turned {a.rotation:g} deg, scale {a.scale:g}"
                    f"{', mirrored' if a.mirrored else ''}, shows {left:.0%}-{right:.0%} across "
                    f"and {top:.0%}-{bottom:.0%} down]"
                )
            click.echo(line)
