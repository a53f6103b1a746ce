"""The `shield` command. Errors end as one line on standard error and exit status 1 or 2."""

from __future__ import annotations

import os
import sys

import click

from shield import __version__
from shield.cli.advise import advise
from shield.cli.bank import bank
from shield.cli.check import check
from shield.cli.extract import extract
from shield.cli.guidance import guidance_group
from shield.cli.hash import hash_
from shield.cli.match import match
from shield.cli.pack import pack
from shield.cli.serve import serve
from shield.cli.vault import vault
from shield.core.errors import CheckFailed, ShieldError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="shield")
def cli() -> None:
    """Shield: sextortion response for victims, helplines, police and platforms."""


cli.add_command(vault)
cli.add_command(serve)
cli.add_command(advise)
cli.add_command(guidance_group)
cli.add_command(check)
cli.add_command(extract)
cli.add_command(bank)
cli.add_command(match)
cli.add_command(hash_)
cli.add_command(pack)

COMMANDS = cli.commands


def exit_status(error: ShieldError) -> int:
    return 1 if isinstance(error, CheckFailed) else 2


def main(argv: list[str] | None = None) -> int:
    try:
        cli.main(args=argv, prog_name="shield", standalone_mode=False)
    except ShieldError as error:
        click.echo(f"shield: {error}", err=True)
        return exit_status(error)
    except click.exceptions.Exit as done:
        return int(done.exit_code or 0)
    except click.ClickException as error:
        error.show()
        return 2
    except (click.Abort, KeyboardInterrupt):
        click.echo("shield: interrupted", err=True)
        return 130
    except Exception as error:  # a bug: one line, no stack trace, unless asked for
        if os.environ.get("SHIELD_DEBUG"):
            raise
        first = str(error).splitlines()[0] if str(error) else ""
        click.echo(f"shield: internal error: {error.__class__.__name__}: {first}", err=True)
        return 70
    return 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
