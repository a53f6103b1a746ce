"""`shield serve`: the web application and its API."""

from __future__ import annotations

import click

from shield.cli.context import app
from shield.core.errors import ConfigurationError
from shield.services.demo import seed_demo
from shield.settings import is_loopback


@click.command()
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1).")
@click.option("--port", default=None, type=click.IntRange(1, 65535), help="Default 8000.")
@click.option("--demo", is_flag=True, help="Fill an empty store with synthetic demo data first.")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None, demo: bool) -> None:
    """Start the web application on the configured store."""
    import uvicorn

    from shield.web.app import create_app

    shield = app(ctx)
    host = host or shield.settings.host
    port = port or shield.settings.port
    if not is_loopback(host) and shield.settings.has_default_secret():
        raise ConfigurationError(
            f"refusing to listen on {host} with the default secret key; "
            "set SHIELD_SECRET_KEY to a long random value"
        )
    if demo:
        created = seed_demo(shield.reports, shield.vault, actor="demo")
        click.echo(
            "Demo data: "
            + (
                f"{created} synthetic reports added."
                if created
                else "store not empty, left as it is."
            ),
            err=True,
        )
    click.echo(f"Shield is serving on http://{host}:{port}/", err=True)
    uvicorn.run(create_app(shield), host=host, port=port, log_level="warning")
