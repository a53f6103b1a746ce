"""`shield hash`: PDQ, MD5 and SHA-256 of photos and videos."""

from __future__ import annotations

from pathlib import Path

import click

from shield.bootstrap import build_hashing
from shield.cli.render import emit_json
from shield.core.photohash import PIPELINES, WEAK_QUALITY
from shield.schemas import FileHashOut


@click.command(name="hash")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--keep-going",
    is_flag=True,
    help="Hash every good file; report bad ones on standard error and exit 2 at the end.",
)
@click.option(
    "--pipeline",
    type=click.Choice(PIPELINES),
    default=None,
    help="Pipeline version (default: the hash_pipeline setting, pdq-2); pdq-1 as older hashes.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def hash_(paths: tuple[Path, ...], keep_going: bool, pipeline: str | None, as_json: bool) -> None:
    """PDQ hash (with quality), MD5 and SHA-256 of photos, videos and folders of them."""
    run = build_hashing(pipeline).hash(list(paths), keep_going=keep_going)
    results = [FileHashOut.of(d) for d in run.digests]
    if as_json:
        emit_json(results)
    else:
        for r in results:
            weak = f"  weak (quality < {WEAK_QUALITY})" if r.weak else ""
            if isinstance(r.pdq, str):
                click.echo(f"{r.pdq}  q={r.quality:<3}  md5 {r.md5}  {r.path}{weak}")
                continue
            click.echo(f"video  {len(r.pdq)} frame hash(es)  md5 {r.md5}  {r.path}")
            for f in r.pdq:
                click.echo(f"  {f.ts:9.3f}s  {f.pdq}  q={f.quality}")
    for failure in run.failures[:-1]:
        click.echo(f"shield: {failure}", err=True)
    if run.failures:
        raise run.failures[-1]  # the last one ends the run: one line, exit status 2
